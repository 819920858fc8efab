/* eval.c -- tagging, lemma and attachment accuracy with gold tokenization. */
#include <stdlib.h>
#include <string.h>

#include "core/doc.h"

typedef struct {
  const char *upos, *xpos, *lemma, *deprel;
  int32_t head;
} gold_word;

static int same_main(const char *a, const char *b) {
  size_t la = strcspn(a, ":"), lb = strcspn(b, ":");
  return la == lb && !strncmp(a, b, la);
}

dyad_status dyad_eval_doc(const dyad_model *m, dyad_doc *doc, dyad_eval_counts *acc,
                          const dyad_annotate_options *opts) {
  size_t n = 0;
  for (size_t i = 0; i < doc->nsents; i++) n += doc->sents[i].ntokens;
  /* The gold strings stay in the doc's arena; annotation only repoints. */
  gold_word *g = malloc((n ? n : 1) * sizeof *g);
  if (!g) return DYAD_ENOMEM;
  size_t k = 0;
  for (size_t i = 0; i < doc->nsents; i++)
    for (uint32_t j = 0; j < doc->sents[i].ntokens; j++, k++) {
      const dyad_token *t = &doc->sents[i].tokens[j];
      g[k] = (gold_word){t->upos, t->xpos, t->lemma, t->deprel, t->head};
    }
  dyad_status st = dyad_annotate(m, doc, opts);
  if (st == DYAD_OK) {
    k = 0;
    for (size_t i = 0; i < doc->nsents; i++) {
      acc->sentences++;
      for (uint32_t j = 0; j < doc->sents[i].ntokens; j++, k++) {
        const dyad_token *t = &doc->sents[i].tokens[j];
        acc->words++;
        acc->upos += !strcmp(t->upos, g[k].upos);
        acc->xpos += !strcmp(t->xpos, g[k].xpos);
        acc->lemma += !strcmp(t->lemma, g[k].lemma);
        if (t->head == g[k].head) {
          acc->uas++;
          acc->las += !strcmp(t->deprel, g[k].deprel);
          acc->las_main += same_main(t->deprel, g[k].deprel);
        }
      }
    }
  }
  free(g);
  return st;
}
