/*
 * tree.h -- a dependency tree view of one sentence for the coder.
 *
 * Relations are normalized so the coder sees one vocabulary whatever the
 * parse came from: UD v2 (dyad's own parser, EWT 2.x) or UD v1 (the parses
 * in the PETRARCH unit tests: dobj, nsubjpass, auxpass, neg, nmod on verbs,
 * name, mwe).  In UD v1 "nmod" covers both noun modifiers and obliques; a
 * nmod whose head is a verb or adjective is an oblique here.
 *
 *   token i --head--> token h        (0-based; -1 for the root)
 *   first_child[h], next_sibling[i]  (children in surface order)
 *   left[i] .. right[i]              (the subtree span, inclusive)
 */
#ifndef DYAD_CODE_TREE_H
#define DYAD_CODE_TREE_H

#include <stdint.h>

#include "dyad.h"

typedef enum {
  DYAD__R_OTHER = 0,
  DYAD__R_ROOT,
  DYAD__R_NSUBJ,
  DYAD__R_NSUBJ_PASS,
  DYAD__R_CSUBJ,
  DYAD__R_OBJ,
  DYAD__R_IOBJ,
  DYAD__R_OBL,      /* oblique of a predicate (UD v1 nmod on a verb) */
  DYAD__R_NMOD,     /* noun modifier of a noun */
  DYAD__R_POSS,     /* nmod:poss */
  DYAD__R_TMOD,     /* obl:tmod, nmod:tmod */
  DYAD__R_NPMOD,    /* obl:npmod, nmod:npmod */
  DYAD__R_CASE,
  DYAD__R_MARK,
  DYAD__R_AUX,
  DYAD__R_AUX_PASS,
  DYAD__R_COP,
  DYAD__R_ADVMOD,
  DYAD__R_NEG,      /* UD v1 neg, or advmod "not"/"never" */
  DYAD__R_AMOD,
  DYAD__R_COMPOUND,
  DYAD__R_PRT,      /* compound:prt */
  DYAD__R_FLAT,     /* flat, flat:name, UD v1 name */
  DYAD__R_FIXED,    /* fixed, UD v1 mwe */
  DYAD__R_APPOS,
  DYAD__R_CONJ,
  DYAD__R_CC,
  DYAD__R_XCOMP,
  DYAD__R_CCOMP,
  DYAD__R_ADVCL,
  DYAD__R_ACL,
  DYAD__R_RELCL,
  DYAD__R_PARATAXIS,
  DYAD__R_DET,
  DYAD__R_NUMMOD,
  DYAD__R_PUNCT,
  DYAD__R_EXPL,
  DYAD__R_DEP
} dyad__rel;

typedef struct dyad__tree {
  int n;
  const dyad_token *tok;
  int16_t *head;
  uint8_t *rel;
  int16_t *first_child, *next_sibling;
  int16_t *left, *right;
  uint8_t *is_verb; /* VERB, or AUX used as a main verb */
} dyad__tree;

/* Builds the view in memory from `alloc` (the doc arena or scratch).  Words
 * with a head out of range or a cycle are attached to the root so the view
 * is always a tree.  Returns 0, or -1 when out of memory. */
struct dyad__arena;
int dyad__tree_build(dyad__tree *t, const dyad_sentence *s, struct dyad__arena *a);

const char *dyad__rel_name(dyad__rel r);
/* The preposition of an oblique/nmod word (its "case" child, lower-case
 * folded), or NULL. Multi-word prepositions ("according to") are joined by
 * '_' into buf. */
const char *dyad__tree_case(const dyad__tree *t, int i, char *buf, size_t size);
int dyad__tree_child(const dyad__tree *t, int h, dyad__rel r);
/* 1 if noun h heads a list: it has a conj, or its apposition has one. */
int dyad__tree_coordinated(const dyad__tree *t, int h);
/* The subject of v among several nsubj children: the first, unless it holds
 * a clause of its own ("Police used tear gas ..., and witnesses said",
 * parsed with both nouns as subjects of "said"): then the last one before
 * v.  Two subjects form a flat list only when neither holds a clause
 * (dyad__tree_flat_subjects).  -1 if v has no nsubj. */
int dyad__tree_nsubj(const dyad__tree *t, int v);
/* Recomputes child lists and subtree spans after heads were changed. */
void dyad__tree_relink(dyad__tree *t);
/* Makes words [start, end) one phrase when a parser split them ("Japan and
 * South Korea" with "Korea" hung on "Japan"): the first word with a head
 * outside becomes the phrase's head and the others hang on it as flat.
 * Returns 1 if the tree changed. */
int dyad__tree_make_constituent(dyad__tree *t, int start, int end);
/* Is clause c a gerund introduced by "of", "for" or "with" under a verb
 * of accusation, praise or punishment with an object ("accused Russia of
 * shelling", "blamed the army for killing", "jailed a man for helping
 * militants")?  Its subject is that object. */
int dyad__accusation_clause(const dyad__tree *t, int c);
/* Is k a form of the verb base ("blamed" of "blame", also when the
 * lemmatizer missed it)? */
int dyad__verb_form_of(const dyad_token *k, const char *base);
int dyad__tree_flat_subjects(const dyad__tree *t, int a, int b);
/* 1 if c is a clause governed by its head as an infinitive or
 * complement without its own subject: xcomp verbs, and "to" adverbial
 * clauses ("signed an accord to supply Gondor"). */
int dyad__infinitive_clause(const dyad__tree *t, int c);
/* 1 if clause c is introduced by infinitival "to". */
int dyad__infinitive_mark(const dyad__tree *t, int c);
/* 1 if the token's fold/lemma equals word (lower case). */
int dyad__tok_is(const dyad_token *k, const char *word);
/* The token's case-folded text, or its form where the parse gave no fold. */
const char *dyad__tok_fold(const dyad_token *k);

#define DYAD__FOR_CHILDREN(t, h, c) \
  for (int c = (t)->first_child[h]; c >= 0; c = (t)->next_sibling[c])

#endif
