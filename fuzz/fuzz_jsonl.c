/* fuzz_jsonl.c -- the JSONL reader on arbitrary bytes, then the
 * text layer and the CoNLL-U writer on whatever it accepted.  A small
 * record limit makes the oversized-record paths reachable. */
#include <stdint.h>

#include "dyad.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int discard(const char *d, size_t n, void *u) {
  (void)d; (void)n; (void)u;
  return 0;
}

static void ignore(const dyad_diag *d, void *u) {
  (void)d; (void)u;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  dyad_reader_options o = {0};
  o.format = DYAD_FORMAT_JSONL;
  o.max_record_bytes = 4096;
  o.diag = ignore;
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
