/* fuzz_text.c -- the text layer on arbitrary bytes: dyad_doc_new() +
 * dyad_text_segment(), then the offsets invariant, which aborts when broken:
 * start <= end, inside the text and inside its sentence, and spans never go
 * backwards. */
#include <stdint.h>
#include <stdlib.h>

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
  dyad_doc *doc;
  if (dyad_doc_new("fuzz", NULL, (const char *)data, size, &doc) != DYAD_OK) return 0;
  dyad_text_options o = {ignore, NULL};
  if (dyad_text_segment(doc, &o) == DYAD_OK) {
    uint32_t prev = 0;
    for (size_t i = 0; i < dyad_doc_sentence_count(doc); i++) {
      const dyad_sentence *s = dyad_doc_sentence(doc, i);
      if (s->start > s->end || s->end > size) abort();
      for (uint32_t k = 0; k < s->ntokens; k++) {
        const dyad_token *t = &s->tokens[k];
        if (t->start > t->end || t->end > size || t->start < prev) abort();
        if (t->start < s->start || t->end > s->end) abort();
        if (!t->form || !t->fold) abort();
        prev = t->end;
      }
    }
    dyad_doc_write_conllu(doc, discard, NULL);
  }
  dyad_doc_free(doc);
  return 0;
}
