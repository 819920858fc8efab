/*
 * coder.h -- internals of the event coder shared by coder.c (events),
 * actors.c (noun phrases -> actor codes) and verbs.c (patterns).
 *
 *   sentence --tree.c--> dyad__tree
 *            --actors.c--> mentions (dictionary phrases), NP -> actor codes
 *            --verbs.c--> for each verb: block, best pattern, code
 *            --coder.c--> subject/object actors x code -> dyad_event
 *                         + flags.c (negated, hypothetical, ...)
 */
#ifndef DYAD_CODE_CODER_H
#define DYAD_CODE_CODER_H

#include "code/flags.h"
#include "code/tree.h"
#include "dict/dict.h"
#include "util/buf.h"

#define DYAD__CODE_MAX 48 /* longest composed actor code kept, in bytes */

/* A dictionary phrase found in the sentence. */
typedef struct dyad__mention {
  int start, end;  /* token span [start, end) */
  uint32_t entry;  /* dict entries[] */
  uint8_t kind;    /* DYAD__K_ACTOR or DYAD__K_AGENT */
  uint8_t corp;    /* a company designator ("Inc", "Ltd") read as the
                    * dictionary's agent for "company" */
} dyad__mention;

/* An actor as it appears in the sentence. */
typedef struct dyad__actor_ref {
  char code[DYAD__CODE_MAX];
  int head;                /* NP head token */
  int start, end;          /* tokens naming it [start, end) */
  uint32_t actor_entry;    /* entries[] of the actor phrase, or NONE */
  uint32_t agent_entry;    /* entries[] of the first agent, or NONE */
  uint32_t code_line;      /* line of the dated code used, 0 if default */
} dyad__actor_ref;

typedef void (*dyad__trace_fn)(void *user, const char *fmt, ...);

/* Per-sentence working state. */
typedef struct dyad__sent {
  const dyad_dict *dict;
  const dyad_sentence *s;
  dyad__tree t;
  int32_t date;           /* YYYYMMDD or 0 */
  dyad__mention *m;
  int nm;
  int *mention_at;        /* token -> mention index or -1 */
  int depth;              /* recursion guard for actor resolution */
  int people_above;       /* resolving the "of" phrase of a noun for people
                           * ("professor of economics at Rome University") */
  unsigned char *scratch; /* n bytes for actors.c */
  /* Dictionary word ids of each token's fold and lemma (DYAD__NONE if the
   * dictionaries never use the word), filled on first use by verbs.c so
   * pattern matching compares integers instead of hashing strings. */
  uint32_t *wid_fold, *wid_lemma;
  struct dyad__arena *arena;
  int exclude;            /* a phrase dyad__resolve_deep must not enter
                             (the agent already taken as source), or -1 */
  dyad__trace_fn trace;
  void *trace_user;
} dyad__sent;

/* actors.c */
int dyad__find_mentions(dyad__sent *x, struct dyad__arena *a);
/* Actors named by the noun phrase headed by h (conjuncts included); writes
 * up to max, returns how many. */
/* "US and British activists": out[0] (an abbreviation alone, the first of
 * k actors of a list whose first conjunct gave `first`) takes the agents of
 * out[first] (actors.c). */
void dyad__share_abbrev_agents(dyad__sent *x, dyad__actor_ref *out, int first, int k);
/* 1 if mod, a modifier of noun, is the topic of a meeting ("a summit on
 * the unrest in Iran", "talks about Syria"): the topic is not a party. */
int dyad__topic_of_meeting(const dyad__tree *t, int noun, int mod);
/* Is p (a preposition, or NULL) one that places a phrase in time ("after",
 * "during", "since"...) rather than among the participants? */
int dyad__temporal_prep(const char *p);
int dyad__resolve_np(dyad__sent *x, int h, dyad__actor_ref *out, int max);
/* Like dyad__resolve_np, then, if the phrase names no actor, the first
 * actor found among its modifiers, depth first in surface order (as
 * PETRARCH-2 searches a verb phrase for its object). */
int dyad__resolve_deep(dyad__sent *x, int h, dyad__actor_ref *out, int max, int depth);
/* The subject of predicate v (through control, coordination and relative
 * clauses), or -1; *passive is set for passive clauses. */
int dyad__subject_of(const dyad__tree *t, int v, int *passive);

/* verbs.c */
typedef struct dyad__verb_hit {
  int v;                  /* the verb word */
  int start, end;         /* the verb's tokens (multi-word verbs) */
  uint32_t verb;          /* dict verbs[] */
  uint32_t pattern;       /* dict patterns[] matched, or NONE */
  const char *code;       /* code that applies ("---" = none) */
  const char *code2;      /* paired code for the reverse event, or NULL */
  int target_hint;        /* token of the PP object the pattern named, or -1 */
  int hint_marked;        /* 1 if the pattern marks it '+', 0 if it only names it */
  int compound;           /* the pattern has '%': events among the subjects */
  int skip[4], nskip;     /* PPs the pattern marks '^': not the target */
  int swap;               /* '+' before '*' or '$' after it: the subject is
                             the target and the source follows the verb */
  int source_hint;        /* the PP a pattern marks "(FROM $)", or -1 */
  int post_skip;          /* top-level '^' after '*': actors to pass over */
  int score;
} dyad__verb_hit;

/* Finds the dictionary verb at token v; 0 if none. */
int dyad__verb_at(dyad__sent *x, int v, dyad__verb_hit *hit);
/* Chooses the best pattern of the verb's block given the clause around v. */
void dyad__verb_match_patterns(dyad__sent *x, dyad__verb_hit *hit, int subj,
                               int passive);

#endif
