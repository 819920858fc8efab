/*
 * replay.c -- runs a fuzz target over every file of a corpus directory, so
 * the corpus is replayed by ctest without libFuzzer.  Exits non-zero if the
 * directory is missing or empty (an empty corpus would test nothing).
 */
#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int main(int argc, char **argv) {
  if (argc < 2) {
    fprintf(stderr, "usage: %s CORPUS_DIR...\n", argv[0]);
    return 2;
  }
  size_t n = 0;
  for (int a = 1; a < argc; a++) {
    DIR *d = opendir(argv[a]);
    if (!d) {
      fprintf(stderr, "%s: cannot open corpus directory\n", argv[a]);
      return 1;
    }
    struct dirent *e;
    while ((e = readdir(d))) {
      if (e->d_name[0] == '.') continue;
      char path[4096];
      snprintf(path, sizeof path, "%s/%s", argv[a], e->d_name);
      FILE *fp = fopen(path, "rb");
      if (!fp) continue;
      fseek(fp, 0, SEEK_END);
      long len = ftell(fp);
      fseek(fp, 0, SEEK_SET);
      uint8_t *buf = malloc(len > 0 ? (size_t)len : 1);
      if (!buf || (len > 0 && fread(buf, 1, (size_t)len, fp) != (size_t)len)) {
        fprintf(stderr, "%s: cannot read\n", path);
        free(buf);
        fclose(fp);
        closedir(d);
        return 1;
      }
      fclose(fp);
      LLVMFuzzerTestOneInput(buf, (size_t)len);
      free(buf);
      n++;
    }
    closedir(d);
  }
  printf("replayed %zu inputs: %zu passed, 0 failed\n", n, n);
  return n ? 0 : 1;
}
