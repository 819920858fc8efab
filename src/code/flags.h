/*
 * flags.h -- what the text says about an event besides who did what:
 * negation, modality, reported speech, background.
 *
 * Each predicate (a verb that codes an event) is examined in its tree:
 *
 *   negated       "did not meet", "never met", "refused to meet",
 *                 "failed to agree", "neither ... nor"
 *   future        "will meet", "is to meet", "is about to meet",
 *                 "plans to meet", "is expected to meet"
 *   hypothetical  "would/could/might/may/should meet", a conditional
 *                 clause ("if they meet"), or a wished-for act embedded
 *                 under urge/ask/want/call on ("urged B to attack C")
 *   reported      the clause is what someone said ("A said B attacked C"):
 *                 the speaker is returned
 *   historical    explicitly placed in the past: "in 2015" (a year before
 *                 the article's), "in the 2000s", "since 2011", "in the
 *                 past", "years ago", "years of tensions"
 */
#ifndef DYAD_CODE_FLAGS_H
#define DYAD_CODE_FLAGS_H

#include "code/tree.h"

enum {
  DYAD__FLAG_NEGATED = DYAD_EVENT_NEGATED,
  DYAD__FLAG_HYPOTHETICAL = DYAD_EVENT_HYPOTHETICAL,
  DYAD__FLAG_FUTURE = DYAD_EVENT_FUTURE,
  DYAD__FLAG_REPORTED = DYAD_EVENT_REPORTED,
  DYAD__FLAG_HISTORICAL = DYAD_EVENT_HISTORICAL,
  DYAD__FLAG_SELF = DYAD_EVENT_SELF
};

/* Flags of the predicate at v.  article_year is 0 when unknown (years are
 * then not judged).  *speaker is set to the subject word of the speech verb
 * for reported events, else -1.  *why receives a short explanation of the
 * first flag found (for `dyad explain`), or "". */
unsigned dyad__predicate_flags(const dyad__tree *t, int v, int article_year,
                               int *speaker, const char **why);
/* "negated,reported" style names into buf. */
const char *dyad__flags_names(unsigned flags, char *buf, size_t size);
/* Parses such a list; returns -1 on an unknown name. */
int dyad__flags_parse(const char *list, unsigned *flags);

#endif
