/*
 * dict.h -- the loaded dictionaries, as the event coder sees them.
 *
 *   text files (actors, agents, CAMEO.2.0 verbs,     compiled cache
 *   discards, issues; config .ini) ---------------+  (dyad dict compile)
 *              read_*.c: parse, report, expand    |        |
 *                          v                      |        v  cache.c: mmap,
 *              flat arrays + string pool  <-------+--------+  check, point
 *              (dict.c: intern, trie, index)
 *                          |
 *              dyad__dict_match_at()   actors, agents, discards, issues
 *              dyad__dict_verbs_at()   verb forms -> block -> patterns
 *
 * Everything lives in flat arrays of plain structs that refer to each other
 * by 32-bit index, and every string is an offset into one pool (`strs`).
 * That makes a loaded dictionary position-independent: the compiled cache
 * is these arrays written one after the other, and loading it is an mmap
 * plus a checksum.  A dyad_dict is immutable after loading; every function
 * here takes it const and keeps no state, so any number of threads may use
 * one dictionary at once.
 *
 * Words are stored folded exactly as dyad_token.fold is: lower case, ASCII
 * where the letter has an ASCII base ("ERDOĞAN" -> "erdogan"); see
 * dyad__dict_fold().  Underscores and blanks in dictionary phrases both
 * separate words.  A trailing ',' on a word becomes its own word, because
 * the tokenizer splits it off.
 *
 * How lines map to the structures (invented lines in the CAMEO.2.0 and
 * Phoenix formats; docs/dictionaries.md has more):
 *
 *   NORTHLAND_  [NLD]              actor #7: root "NORTHLAND_", default
 *   +BOREALIA                      code NLD; entries (kind ACTOR, record 7)
 *                                  "northland" (exact: trailing '_') and
 *                                  "borealia" (a stem), each with file:line.
 *   ANNA_VOSS_                     actor #8: no default code; one entry;
 *   \t[NLDGOV 990101-031231]       dated codes {NLDGOV, 19990101, 20031231}
 *   \t[NLDOPP >20040101]           and {NLDOPP, 20040101, DYAD__DATE_MAX}.
 *
 *   DEPUTY_MAYOR [~GOVLOC]         agent: code "GOVLOC", DYAD__AGENT_AFTER
 *                                  (appended to the actor code); entries for
 *                                  "deputy mayor" and the generated plural
 *                                  "deputy mayors".
 *   AID_GROUP [NGO~]               agent: code "NGO", placed before.
 *
 *   &FUNDS                         synset "&FUNDS", phrases "grant",
 *   +GRANT                         "grants" (generated plural), "hard cash"
 *   +HARD_CASH_                    (no plural: trailing '_').
 *
 *   ---  PLEDGE   [050]  ---       verb block: desc "PLEDGE", code "050".
 *   PROMISE {PROMISES PROMISED}    verb "promise" with forms promise (base),
 *                                  promises, promised (irregular list given).
 *   +HAND_OVER                     verb with verb word "hand", post word
 *                                  "over"; forms hands/handed/handing over.
 *   TOUR [042:043]                 verb with its own code "042", code2 "043".
 *   - * (TO FRONTIER) [154] # SEND pattern: elems {PREP side=1 value="to",
 *                                  subs: {WORD "frontier"}}, code "154",
 *                                  comment "SEND".
 *   - &TROOPS * [154]              pattern: {SYNSET side=0 value=&TROOPS}.
 *   - * {FLOOD RELIEF} [073]       pattern: {PHRASE side=1, subs: WORD
 *                                  "flood", WORD "relief" (the head, last)}.
 *   - * (WITH) [036:037]           pattern: {PREP "with", no subs}, paired:
 *                                  code "036", code2 "037".
 *   - $ * (AS &ENVOY) [045]        pattern: {SOURCE side=0}, {PREP ...}.
 *   ~ a (a b PLEDGE) SAY = a b 057 transformation (see dyad__transform).
 *
 * Typical use by the coder, on a sentence's tokens t[0..n):
 *
 *   dyad__dict_match m[8];
 *   size_t k = dyad__dict_match_at(d, t, n, i, DYAD__K_ACTOR | DYAD__K_AGENT,
 *                                  DYAD__MATCH_LONGEST, m, 8);
 *   if (k) {
 *     const dyad__dict_entry *e = &d->entries[m[0].entry];
 *     if (e->kind == DYAD__K_ACTOR)
 *       code = dyad__dict_actor_code(d, e->record, 20230425, &line);
 *     where = dyad__dict_file_name(d, e->file), e->line;   (provenance)
 *   }
 *   dyad__verb_match vm[4];
 *   if (dyad__dict_verbs_at(d, t, n, v, DYAD__MATCH_LEMMA, vm, 4)) {
 *     const dyad__verb *vb = &d->verbs[d->verb_forms[vm[0].form].verb];
 *     const dyad__verb_block *blk = &d->blocks[vb->block];
 *     for (uint32_t p = 0; p < blk->npats; p++) {
 *       const dyad__pattern *pt = &d->patterns[blk->pat_first + p];
 *       const dyad__pattern_elem *el = &d->pelems[pt->elem_first];
 *       ... el[0 .. pt->nelems), in the order written ...
 *     }
 *   }
 *
 * Ownership: every pointer returned here points into the dictionary and
 * lives as long as it does.
 */
#ifndef DYAD_DICT_DICT_H
#define DYAD_DICT_DICT_H

#include <stddef.h>
#include <stdint.h>

#include "dyad.h"

#define DYAD__NONE UINT32_MAX /* "no string / no index" */

/* Dates are integers YYYYMMDD.  Unbounded ends of a restriction use these. */
#define DYAD__DATE_MIN 0
#define DYAD__DATE_MAX 99999999

/* Entry kinds, also used as bit masks for dyad__dict_match_at(). */
enum {
  DYAD__K_ACTOR = 1u << 0,
  DYAD__K_AGENT = 1u << 1,
  DYAD__K_DISCARD = 1u << 2,
  DYAD__K_ISSUE = 1u << 3,
  DYAD__K_ALL = 0xFu
};

/* Entry flags. */
enum {
  DYAD__E_STEM = 1u << 0,     /* last word is a stem: matches any word it
                                 begins ("SYRIA" matches "syrian"); the
                                 phrase had no trailing '_' (TABARI rule) */
  DYAD__E_SYNONYM = 1u << 1,  /* actor: a '+' line, not the root phrase */
  DYAD__E_GENERATED = 1u << 2,/* plural or substitution generated by dyad */
  DYAD__E_STORY = 1u << 3,    /* discard: '+' prefix, discards the story */
  DYAD__E_IGNORE = 1u << 4,   /* issue: '~' line, cancels issue coding */
  DYAD__E_IGNORE2 = 1u << 5,  /* issue: '~~' line */
  DYAD__E_SPLIT = 1u << 6     /* the phrase again with its inner hyphens as
                                 words of their own ("GUINEA - BISSAU") */
};

/* One phrase in the phrase trie.  `record` indexes actors[] (ACTOR),
 * agents[] (AGENT) or issues[] (ISSUE); DYAD__NONE for discards. */
typedef struct dyad__dict_entry {
  uint8_t kind;   /* one DYAD__K_* bit */
  uint8_t flags;  /* DYAD__E_* */
  uint16_t file;  /* index into files[] */
  uint32_t line;  /* 1-based line of the phrase */
  uint32_t phrase;/* string: the phrase as written (after expansion) */
  uint32_t record;
  uint32_t nwords;
} dyad__dict_entry;

/* An actor record: a root phrase, its synonyms (entries), its codes. */
typedef struct dyad__actor {
  uint32_t root;         /* string: the primary phrase as written */
  uint32_t default_code; /* string, or DYAD__NONE (null code) */
  uint32_t code_first;   /* dated codes: dated[code_first .. +ncodes) */
  uint32_t ncodes;
  uint16_t file;
  uint16_t reserved;
  uint32_t line;
} dyad__actor;

/* [CODE from-to]; both ends inclusive (TABARI 6.5.2).  "<D" is
 * {DATE_MIN, D}, ">D" is {D, DATE_MAX}. */
typedef struct dyad__dated_code {
  uint32_t code; /* string */
  int32_t from, to;
  uint32_t line;
} dyad__dated_code;

enum {
  DYAD__AGENT_AFTER = 0, /* [~CODE]: the agent code follows the actor's */
  DYAD__AGENT_BEFORE = 1 /* [CODE~]: the agent code precedes it (NGO~) */
};
typedef struct dyad__agent {
  uint32_t code;  /* string, without '~' */
  uint32_t place; /* DYAD__AGENT_AFTER or _BEFORE */
  uint16_t file;
  uint16_t reserved;
  uint32_t line;
} dyad__agent;

typedef struct dyad__issue {
  uint32_t code;     /* string, e.g. "ID_ATROCITY"; DYAD__NONE for ignores */
  uint32_t category; /* string from <ISSUE CATEGORY="...">, or DYAD__NONE */
} dyad__issue;

/* Synsets.  Each phrase is a run of words (word ids in wordlist[]). */
typedef struct dyad__synset {
  uint32_t name;        /* string "&CURRENCY" (trailing '_' removed) */
  uint32_t phrase_first;/* synset_phrases[phrase_first .. +nphrases) */
  uint32_t nphrases;
  uint16_t file;
  uint16_t noplural;    /* label ended with '_': no plurals generated */
  uint32_t line;
} dyad__synset;
typedef struct dyad__synset_phrase {
  uint32_t word_first, nwords; /* wordlist[word_first .. +nwords) */
  uint32_t line;
  uint32_t flags;              /* DYAD__E_GENERATED for plurals */
} dyad__synset_phrase;

/* Verb blocks "--- DESC [CODE] ---" and their verbs. */
typedef struct dyad__verb_block {
  uint32_t desc;      /* string */
  uint32_t code;      /* string; "---" when absent (null code) */
  uint32_t verb_first, nverbs;   /* verbs[] */
  uint32_t pat_first, npats;     /* patterns[] */
  uint16_t file;
  uint16_t reserved;
  uint32_t line;
  uint32_t code2;     /* paired [A:B]: string B (the reverse event), or NONE */
} dyad__verb_block;

/* One verb line: "HURRY {HURRIES HURRIED}" or "WIRE_+TAP [173]". */
typedef struct dyad__verb {
  uint32_t block;
  uint32_t lemma;   /* word id of the verb word in its base form */
  uint32_t phrase;  /* string: the line's verb phrase as written */
  uint32_t code;    /* string: the verb's own [CODE], or DYAD__NONE (use
                       the block's) */
  uint16_t file;
  uint16_t irregular; /* 1 if forms were given in {...} */
  uint32_t line;
  uint32_t code2;   /* paired [A:B]: string B, or DYAD__NONE */
} dyad__verb;

/* A surface form of a verb, indexed by its verb word.  For a multi-word
 * verb the words before and after the verb word must be adjacent to it:
 * pre words wordlist[pre_first .. +npre) end just before the verb word,
 * post words follow it. */
typedef struct dyad__verb_form {
  uint32_t word; /* word id of this form of the verb word */
  uint32_t verb; /* verbs[] */
  uint32_t pre_first, npre;
  uint32_t post_first, npost;
  uint32_t base; /* 1 for the base form (the lemma) */
} dyad__verb_form;

/* Pattern elements.  Top-level elements of a pattern are contiguous in
 * pelems[]; the words of a {PHRASE} and the object of a (PREP ...) are
 * sub-elements, contiguous in pelems[] at `sub` (nsub of them). */
enum {
  DYAD__PE_WORD = 0,  /* value: word id (a noun or particle, a head) */
  DYAD__PE_SYNSET,    /* value: synsets[] index */
  DYAD__PE_PHRASE,    /* {A B C}: subs are WORD/SYNSET, the last the head */
  DYAD__PE_PREP,      /* (PREP OBJ...): value: word id of the preposition;
                         subs: the object (WORD, SYNSET, PHRASE, markers) */
  DYAD__PE_SOURCE,    /* '$': the source actor goes here */
  DYAD__PE_TARGET,    /* '+': the target actor goes here */
  DYAD__PE_SKIP,      /* '^': skip (a TABARI marker kept in CAMEO.2.0) */
  DYAD__PE_COMPOUND   /* '%': compound actor (TABARI marker) */
};
enum { DYAD__SIDE_PRE = 0, DYAD__SIDE_POST = 1 };
typedef struct dyad__pattern_elem {
  uint8_t kind;  /* DYAD__PE_* */
  uint8_t side;  /* DYAD__SIDE_PRE (before '*') or DYAD__SIDE_POST */
  uint16_t nsub;
  uint32_t value;
  uint32_t sub;  /* first sub-element, or DYAD__NONE */
} dyad__pattern_elem;

typedef struct dyad__pattern {
  uint32_t block;
  uint32_t elem_first, nelems; /* pelems[elem_first .. +nelems), in order */
  uint32_t code;    /* string; for [:173] this is DYAD__NONE */
  uint32_t code2;   /* paired [A:B]: string B, else DYAD__NONE */
  uint32_t paired;  /* 1 if written [A:B] */
  uint32_t comment; /* string: text after '#' (the source verb), or NONE */
  uint16_t file;
  uint16_t reserved;
  uint32_t line;
} dyad__pattern;

/* "~ a (a b ATTACK) SAY = a b 015": outer source `a`, inner event
 * (source a, target b, verb ATTACK), outer verb SAY, result (a, b, 015).
 * Actor slots are single letters, "." (unspecified) or "_" (absent); verbs
 * are upper-case words or "Q" (any verb). */
typedef struct dyad__transform {
  uint32_t src, in_src, in_tgt, in_verb, verb; /* strings */
  uint32_t out_src, out_tgt, out_code;         /* strings */
  uint16_t file;
  uint16_t reserved;
  uint32_t line;
} dyad__transform;

/* Per-file statistics (dyad dict stats). */
typedef struct dyad__dict_file {
  uint32_t path;    /* string, as given (config-relative paths resolved) */
  uint32_t kind;    /* dyad_dict_kind */
  uint32_t lines, entries, records, errors, warnings;
} dyad__dict_file;

/* Trie node: entries ending here are entries[entry_first .. +nentries). */
typedef struct dyad__trie_node {
  uint32_t entry_first, nentries;
  uint32_t flags; /* bit 0: some child is reached by a stem entry */
} dyad__trie_node;

/* Open-addressing tables (sizes are powers of two; slot 0 value = empty). */
typedef struct dyad__edge {
  uint32_t parent, word, child; /* child 0 = empty slot (0 is the root) */
} dyad__edge;
typedef struct dyad__form_slot {
  uint32_t word, first, count; /* verb_forms[first .. +count) have `word`;
                                  count 0 = empty */
} dyad__form_slot;

#define DYAD__DICT_ARRAYS(X)                                   \
  X(char, strs)                                                \
  X(uint32_t, words)          /* word id -> string */          \
  X(uint32_t, word_hash)      /* slot -> word id + 1 */        \
  X(uint32_t, wordlist)       /* runs of word ids */           \
  X(dyad__dict_file, files)                                    \
  X(dyad__dict_entry, entries)                                 \
  X(dyad__trie_node, nodes)                                    \
  X(dyad__edge, edges)                                         \
  X(dyad__actor, actors)                                       \
  X(dyad__dated_code, dated)                                   \
  X(dyad__agent, agents)                                       \
  X(dyad__issue, issues)                                       \
  X(dyad__synset, synsets)                                     \
  X(dyad__synset_phrase, synset_phrases)                       \
  X(dyad__verb_block, blocks)                                  \
  X(dyad__verb, verbs)                                         \
  X(dyad__verb_form, verb_forms)                               \
  X(dyad__form_slot, form_hash)                                \
  X(dyad__pattern, patterns)                                   \
  X(dyad__pattern_elem, pelems)                                \
  X(dyad__transform, transforms)                               \
  X(uint64_t, stem_bits)      /* filter: hashes of stem words */

struct dyad_dict {
#define DYAD__DICT_FIELD(type, name) type *name; uint32_t n_##name, cap_##name;
  DYAD__DICT_ARRAYS(DYAD__DICT_FIELD)
#undef DYAD__DICT_FIELD
  /* Loading state (unused once loaded). */
  void *build;        /* builder scratch (dict.c), NULL once finished */
  void *map;          /* the cache mapping when loaded from a cache */
  size_t map_len;
  int borrowed;       /* arrays point into a cache (mapped or in memory) */
  size_t errors, warnings;
};

/* ---- Strings and words ------------------------------------------------ */

static inline const char *dyad__dict_str(const dyad_dict *d, uint32_t s) {
  return s == DYAD__NONE ? NULL : d->strs + s;
}
static inline const char *dyad__dict_word(const dyad_dict *d, uint32_t w) {
  return d->strs + d->words[w];
}
/* Word id of an already folded word, or DYAD__NONE if no dictionary phrase
 * uses it. */
uint32_t dyad__dict_word_id(const dyad_dict *d, const char *w, size_t len);
/* Folds s (UTF-8) the way dyad_token.fold is made: lower case, diacritics
 * removed, into out (always NUL-terminated); returns the folded length, or
 * (size_t)-1 if it did not fit. */
size_t dyad__dict_fold(const char *s, size_t len, char *out, size_t size);

/* ---- Phrase matching (actors, agents, discards, issues) --------------- */

typedef struct dyad__dict_match {
  uint32_t start, end; /* token span [start, end) */
  uint32_t entry;      /* entries[] */
} dyad__dict_match;

enum {
  DYAD__MATCH_LONGEST = 1u << 0, /* only the entries of the longest span */
  DYAD__MATCH_LEMMA = 1u << 1    /* compare token lemmas, not folds */
};

/* Finds the entries of the `kinds` (DYAD__K_* mask) whose phrase matches
 * toks[i..].  Tokens are compared by fold (or lemma with MATCH_LEMMA,
 * folded); a token whose fold is NULL or "_" is folded from its form.
 * Writes up to `max` matches, longest span first, and returns how many
 * there were in total (which may exceed max). */
size_t dyad__dict_match_at(const dyad_dict *d, const dyad_token *toks,
                           size_t n, size_t i, unsigned kinds, unsigned flags,
                           dyad__dict_match *out, size_t max);

/* Code of actor `a` on `date` (YYYYMMDD; 0 = unknown): the first dated
 * code whose range holds the date, else the default code, else NULL (the
 * null code).  With an unknown date: the default code, else the restriction
 * that ends last.  *line (may be NULL) gets the line the code came from. */
const char *dyad__dict_actor_code(const dyad_dict *d, uint32_t a,
                                  int32_t date, uint32_t *line);
/* "2023-04-25", "20230425" or "230425" -> 20230425; 0 if not a date. */
int32_t dyad__dict_parse_date(const char *s, size_t len);

/* ---- Verbs -------------------------------------------------------------- */

typedef struct dyad__verb_match {
  uint32_t start, end; /* token span of the whole verb (with pre/post words) */
  uint32_t form;       /* verb_forms[] */
} dyad__verb_match;

/* Verb forms whose verb word is toks[i] (by fold, or lemma with
 * MATCH_LEMMA: then only base forms are considered) and whose pre/post
 * words are adjacent.  Longest span first; returns the total count. */
size_t dyad__dict_verbs_at(const dyad_dict *d, const dyad_token *toks,
                           size_t n, size_t i, unsigned flags,
                           dyad__verb_match *out, size_t max);
/* Verbs whose base form is the folded word `lemma`: fills up to max verbs[]
 * indices; returns the total.  Multi-word verbs whose verb word is that
 * lemma are included ("hand" gives HAND and +HAND_OVER): their adjacent
 * words are checked by dyad__dict_verbs_at, or by the coder on the tree. */
size_t dyad__dict_verbs_by_lemma(const dyad_dict *d, const char *lemma,
                                 uint32_t *out, size_t max);
/* The code of a verb: its own, else its block's ("---" = null). */
const char *dyad__dict_verb_code(const dyad_dict *d, uint32_t verb);
/* The reverse-event code of a paired verb or block code ("LEFT [040:040]"),
 * taken from wherever the code above came from; NULL if not paired. */
const char *dyad__dict_verb_code2(const dyad_dict *d, uint32_t verb);

/* Does synset s match toks[i..]?  Returns the number of tokens of its
 * longest matching phrase, 0 if none. */
size_t dyad__dict_synset_match(const dyad_dict *d, uint32_t s,
                               const dyad_token *toks, size_t n, size_t i,
                               unsigned flags);
/* Synset index by name ("&CURRENCY"), or DYAD__NONE. */
uint32_t dyad__dict_synset_find(const dyad_dict *d, const char *name);

/* "file:line" of an entry's provenance. */
static inline const char *dyad__dict_file_name(const dyad_dict *d,
                                               uint16_t file) {
  return d->strs + d->files[file].path;
}

/* ---- Building (the readers; not for the coder) ------------------------ */

dyad_status dyad__dict_builder_new(const dyad_dict_options *opts,
                                   dyad_dict **out);
/* Parses one dictionary file held in memory; problems go to the diagnostic
 * callback.  Returns DYAD_OK (even with reported problems), DYAD_ENOMEM,
 * or DYAD_EUNSUPPORTED for a TABARI/PETRARCH-1 verb file. */
dyad_status dyad__dict_read(dyad_dict *d, dyad_dict_kind kind,
                            const char *name, const char *data, size_t len);
/* Builds the trie and the indexes; the dict is immutable afterwards. */
dyad_status dyad__dict_finish(dyad_dict *d);
/* Releases the mapping of a dictionary loaded from a cache (cache.c). */
void dyad__dict_unmap(dyad_dict *d);
/* A cache held in memory (which must outlive the dictionary): checks the
 * header, checksum and every cross reference (cache.c). */
dyad_status dyad__dict_cache_open(const void *data, size_t len, const char *name,
                                  const dyad_dict_options *opts, dyad_dict **out);

#endif
