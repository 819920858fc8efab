/* combine.h -- verb combinations (see combine.c for the table). */
#ifndef DYAD_CODE_COMBINE_H
#define DYAD_CODE_COMBINE_H

/* 1 if a verb with this code combines with the action it governs: appeal
 * (02), intend (03), demand (10), reject (12), threaten (13). */
int dyad__combine_family(const char *up);
/* The code of "up to low" (e.g. 030 + 070 -> 033), written into out, or
 * NULL when the two do not combine.  `exists` (may be NULL) tells whether
 * a code is in the CAMEO table. */
const char *dyad__combine(const char *up, const char *low, char out[8],
                          int (*exists)(const char *code, void *user), void *user);

#endif
