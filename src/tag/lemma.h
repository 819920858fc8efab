/* lemma.h -- learning the lemmatizer's rules and exceptions (lemma.c). */
#ifndef DYAD_TAG_LEMMA_H
#define DYAD_TAG_LEMMA_H

#include <stddef.h>

struct dyad__buf;

/* From n training words (form, XPOS, gold lemma), writes the "lemrule" and
 * "lemexc" string-map sections.  Words with no_rule[i] set (typos) teach
 * no suffix rule, only exceptions; no_rule may be NULL.  Returns 0, -1 on
 * OOM. */
int dyad__lemma_learn(const char *const *form, const char *const *xpos,
                      const char *const *lemma, const unsigned char *no_rule, size_t n,
                      struct dyad__buf *rules,
                      struct dyad__buf *exceptions, size_t *nrules, size_t *nexc);

#endif
