/* fuzz_conllu.c -- the CoNLL-U reader and writer on arbitrary bytes. */
#include <stdint.h>

#include "dyad.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int discard(const char *d, size_t n, void *u) {
  (void)d; (void)n; (void)u;
  return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  dyad_reader_options o = {0};
  o.format = DYAD_FORMAT_CONLLU;
  o.max_record_bytes = 1 << 16;
  o.reject = discard;
  dyad_reader *r;
  if (dyad_reader_open_memory((const char *)data, size, "fuzz", &o, &r)) return 0;
  dyad_doc *doc;
  dyad_status st;
  while ((st = dyad_reader_next(r, &doc)) == DYAD_OK || st == DYAD_REJECT) {
    if (doc) {
      dyad_text_segment(doc, NULL);
      dyad_doc_write_conllu(doc, discard, NULL);
      dyad_doc_free(doc);
    }
  }
  dyad_reader_free(r);
  return 0;
}
