/*
 * datapath.c -- where data files (models, default dictionaries) are found,
 * in one place: the environment variable ($DYAD_DATA, $DYAD_MODEL), then
 * <directory of the executable>/../<data|models>/, then the source tree's
 * (DYAD_SOURCE_DIR, compiled in), so a build run from its build directory
 * and an installed dyad both find them.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "dyad.h"
#include "util/datapath.h"

#ifndef DYAD_SOURCE_DIR
#define DYAD_SOURCE_DIR "."
#endif

static int try_path(const char *dir, size_t dirlen, const char *rel, char *out, size_t size) {
  struct stat sb;
  int n = snprintf(out, size, "%.*s%s%s", (int)dirlen, dir,
                   dirlen && dir[dirlen - 1] != '/' ? "/" : "", rel);
  if (n < 0 || (size_t)n >= size) return 0;
  return stat(out, &sb) == 0 && S_ISREG(sb.st_mode);
}

int dyad__install_path(const char *subdir, const char *relative, char *out, size_t size) {
  char exe[4096];
  ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
  if (n > 0) {
    exe[n] = '\0';
    /* <bin dir>/../<subdir>/, with the ".." resolved so messages show a
     * plain path: cut the binary's name, then its directory's. */
    char *slash = strrchr(exe, '/');
    if (slash) {
      *slash = '\0';
      char *parent = strrchr(exe, '/');
      if (parent) {
        char dir[4200];
        parent[1] = '\0';
        snprintf(dir, sizeof dir, "%s%s/", exe, subdir);
        if (try_path(dir, strlen(dir), relative, out, size)) return 1;
      }
    }
  }
  char src[4200];
  snprintf(src, sizeof src, "%s/%s/", DYAD_SOURCE_DIR, subdir);
  if (try_path(src, strlen(src), relative, out, size)) return 1;
  out[0] = '\0';
  return 0;
}

dyad_status dyad_data_path(const char *relative, char *out, size_t size) {
  if (!relative || !out || !size) return DYAD_EINVAL;
  const char *env = getenv("DYAD_DATA");
  if (env && *env && try_path(env, strlen(env), relative, out, size)) return DYAD_OK;
  return dyad__install_path("data", relative, out, size) ? DYAD_OK : DYAD_ENOTFOUND;
}
