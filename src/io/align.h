/*
 * align.h -- gives words read from a pre-tokenized input (CoNLL-U, the
 * CoNLL-U <Parse> of PETRARCH XML) their byte spans in the text they came
 * with, so that events point back at characters whatever the input format.
 */
#ifndef DYAD_IO_ALIGN_H
#define DYAD_IO_ALIGN_H

#include <stddef.h>

#include "dyad.h"

/* Finds each tok[i].form in text[from, to) in order, skipping only
 * whitespace between words, and sets tok[i].start/end.  A word that starts
 * a multiword token (tok[i].mwt > 1) is matched through its surface form
 * surface[i] (surface may be NULL when there are none); its words get exact
 * spans when their forms concatenate to the surface, else the whole
 * token's span.  A word that cannot be found gets an empty span at the
 * current position.  Returns the number of words not found. */
size_t dyad__align_tokens(const char *text, size_t from, size_t to, dyad_token *tok,
                          uint32_t n, const char *const *surface);

#endif
