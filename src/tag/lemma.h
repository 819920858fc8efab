/* lemma.h -- learning the lemmatizer's rules and exceptions (lemma.c). */
#ifndef DYAD_TAG_LEMMA_H
#define DYAD_TAG_LEMMA_H

#include <stddef.h>

struct dyad__buf;

/* From n training words (form, XPOS, gold lemma), writes the "lemrule" and
 * "lemexc" string-map sections.  Returns 0, -1 on OOM. */
int dyad__lemma_learn(const char *const *form, const char *const *xpos,
                      const char *const *lemma, size_t n, struct dyad__buf *rules,
                      struct dyad__buf *exceptions, size_t *nrules, size_t *nexc);

#endif
