/* fuzz_eval.c -- `dyad eval` on arbitrary gold CoNLL-U: every document the
 * reader accepts is re-segmented from its text and aligned with itself.
 * The alignment must terminate and count no more matches than units. */
#include <stdint.h>
#include <stdlib.h>

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
  dyad_eval *ev;
  if (dyad_eval_new(&ev) != DYAD_OK) {
    dyad_reader_free(r);
    return 0;
  }
  dyad_doc *gold;
  dyad_status st;
  while ((st = dyad_reader_next(r, &gold)) == DYAD_OK || st == DYAD_REJECT) {
    if (!gold) continue;
    size_t len;
    const char *text = dyad_doc_text(gold, &len);
    dyad_doc *sys = NULL;
    if (dyad_text_segment(gold, NULL) == DYAD_OK &&
        dyad_doc_new("sys", NULL, text, len, &sys) == DYAD_OK &&
        dyad_text_segment(sys, NULL) == DYAD_OK)
      dyad_eval_add(ev, gold, sys);
    dyad_doc_free(sys);
    dyad_doc_free(gold);
  }
  for (size_t i = 0; i < dyad_eval_metric_count(ev); i++) {
    const dyad_eval_metric *m = dyad_eval_metric_get(ev, i);
    if (m->correct > m->gold || m->correct > m->system) abort();
  }
  dyad_eval_free(ev);
  dyad_reader_free(r);
  return 0;
}
