/* read_all.c -- reads every record of a file through the public reader API
 * and does nothing else, to time the readers without the text layer and
 * the output.  Built by bench/readers.sh against build/libdyad.a. */
#include <stdio.h>

#include "dyad.h"

int main(int argc, char **argv) {
  if (argc != 2) {
    fprintf(stderr, "usage: read_all FILE\n");
    return 2;
  }
  dyad_reader_options o = {0};
  dyad_reader *r;
  if (dyad_reader_open(argv[1], &o, &r) != DYAD_OK) return 1;
  dyad_doc *d;
  dyad_status st;
  size_t docs = 0;
  while ((st = dyad_reader_next(r, &d)) == DYAD_OK || st == DYAD_REJECT) {
    if (d) docs++;
    dyad_doc_free(d);
  }
  fprintf(stderr, "read_all: %zu article(s)\n", docs);
  dyad_reader_free(r);
  return st == DYAD_END ? 0 : 1;
}
