/*
 * build.h -- helpers the dictionary readers (read_*.c) share while a
 * dictionary is being built.  Not for the coder: see dict.h.
 */
#ifndef DYAD_DICT_BUILD_H
#define DYAD_DICT_BUILD_H

#include <stdarg.h>

#include "dict/dict.h"
#include "util/limits.h"

/* The limits of dictionaries are in util/limits.h (DYAD_DICT_*). */
#define DYAD__DICT_MAX_WORDS DYAD_DICT_MAX_WORDS
#define DYAD__DICT_MAX_FORMS DYAD_DICT_MAX_FORMS

/* Grows d->name by one element (zeroed); returns it, or NULL when out of
 * memory (the builder then remembers the failure: see dyad__db_failed). */
void *dyad__db_grow(void **arr, uint32_t *n, uint32_t *cap, size_t size);
#define DYAD__DB_PUSH(d, name)                                              \
  ((__typeof__((d)->name))dyad__db_grow((void **)&(d)->name, &(d)->n_##name, \
                                         &(d)->cap_##name, sizeof *(d)->name))

/* Marks the build as failed (out of memory). */
void dyad__db_oom(dyad_dict *d);
int dyad__db_failed(const dyad_dict *d);

/* Strings: appended to the pool (str) or shared when equal (intern). */
uint32_t dyad__db_str(dyad_dict *d, const char *s, size_t len);
uint32_t dyad__db_intern(dyad_dict *d, const char *s, size_t len);
/* The offset of an interned string, or DYAD__NONE if it was never
 * interned (nothing is added). */
uint32_t dyad__db_intern_find(const dyad_dict *d, const char *s, size_t len);
/* Synsets by interned name while reading (the latest definition). */
uint32_t dyad__db_synset_get(const dyad_dict *d, uint32_t name);
int dyad__db_synset_put(dyad_dict *d, uint32_t name, uint32_t id);
/* Folds and interns one word; returns its id (DYAD__NONE on OOM or if the
 * folded word is empty). */
uint32_t dyad__db_word(dyad_dict *d, const char *s, size_t len);
/* Appends word ids to wordlist[]; returns the index of the first. */
uint32_t dyad__db_wordlist(dyad_dict *d, const uint32_t *w, size_t n);

/* Splits a phrase on '_' and blanks into folded words (a trailing ',' on
 * a word becomes a word of its own).  Returns the number of words, or
 * (size_t)-1 if more than max or a word is longer than
 * DYAD_DICT_MAX_WORD_BYTES (callers report it as a phrase too long). */
size_t dyad__db_split(dyad_dict *d, const char *s, size_t len, uint32_t *wids,
                      size_t max);

/* Adds a phrase to the trie-to-be. */
void dyad__db_entry(dyad_dict *d, unsigned kind, unsigned flags, long line,
                    uint32_t phrase, uint32_t record, const uint32_t *wids,
                    size_t nwords);

/* The file being read. */
uint16_t dyad__db_file(const dyad_dict *d);
const char *dyad__db_file_name(const dyad_dict *d);
dyad__dict_file *dyad__db_file_stats(dyad_dict *d);
int dyad__db_checking(const dyad_dict *d);

#if defined(__GNUC__)
__attribute__((format(printf, 5, 6)))
#endif
void dyad__db_diag(dyad_dict *d, dyad_severity sev, long line, long col,
                   const char *fmt, ...);

/* Regular English plural of a folded word ("party" -> "parties", "boss"
 * -> "bosses", "troop" -> "troops"), written into out; returns its length
 * or 0 if it did not fit. */
size_t dyad__db_plural(const char *w, size_t len, char *out, size_t size);
/* Regular verb forms of a folded verb: 3rd person -s, past -ed, -ing. */
size_t dyad__db_verb_forms(const char *w, size_t len, char out[3][128]);

/* A line splitter over a memory buffer: returns 1 with [*s, *e) the next
 * line (without '\n' and '\r'), 0 at the end. */
typedef struct dyad__lines {
  const char *p, *end;
  long line;
} dyad__lines;
int dyad__lines_next(dyad__lines *l, const char **s, const char **e);

/* Readers, one per format (read_*.c). */
dyad_status dyad__read_actors(dyad_dict *d, const char *data, size_t len);
dyad_status dyad__read_agents(dyad_dict *d, const char *data, size_t len);
dyad_status dyad__read_verbs(dyad_dict *d, const char *data, size_t len);
dyad_status dyad__read_discards(dyad_dict *d, const char *data, size_t len);
dyad_status dyad__read_issues(dyad_dict *d, const char *data, size_t len);

/* The [Dictionaries] section of a config (load.c): fn gets each file named. */
dyad_status dyad__dict_config_parse(const dyad_dict_options *o, const char *name, const char *data,
                                    size_t len, size_t *warnings,
                                    dyad_status (*fn)(dyad_dict_kind kind, const char *path,
                                                      size_t plen, const char *key, long line,
                                                      void *user),
                                    void *user);

/* Checks a code in brackets: upper-case letters and digits (actor codes),
 * or digits (event codes).  Returns NULL if fine or a short explanation. */
const char *dyad__db_check_actor_code(const char *s, size_t len);

#endif
