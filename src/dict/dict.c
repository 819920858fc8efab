/*
 * dict.c -- the dictionary's storage: string pool, word table, phrase trie,
 * verb form index; building them and matching tokens against them.
 *
 * The trie has no per-node child lists: an edge is a slot in one hash table
 * keyed by (parent node, word id), so a step costs one probe whatever the
 * fan-out (the root has about 60,000 children with Phoenix).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "dict/build.h"
#include "text/text.h"
#include "util/utf8.h"

/* Builder scratch, freed by dyad__dict_finish(). */
typedef struct build {
  dyad_dict_options opts;
  int failed;
  uint16_t file;
  uint32_t *intern;        /* string hash: slot -> offset + 1 */
  uint32_t intern_cap, intern_n;
  uint32_t *entry_words;   /* per entry: first word in wordlist, count */
  uint32_t n_entry_words, cap_entry_words;
  uint32_t *synset_map;    /* slot -> synset id + 1, keyed by name string */
  uint32_t synset_cap, synset_n;
} build;

/* ---- Hashing: FNV-1a over unsigned bytes ------------------------------- */

static uint32_t hash_bytes(const char *s, size_t len) {
  const unsigned char *p = (const unsigned char *)s;
  uint32_t h = 2166136261u;
  for (size_t i = 0; i < len; i++) h = (h ^ p[i]) * 16777619u;
  return h;
}

static uint32_t hash_pair(uint32_t a, uint32_t b) {
  uint64_t x = ((uint64_t)a << 32 | b) * 0x9E3779B97F4A7C15ull;
  return (uint32_t)(x >> 32) ^ (uint32_t)x;
}

/* ---- Growable arrays ----------------------------------------------------- */

void *dyad__db_grow(void **arr, uint32_t *n, uint32_t *cap, size_t size) {
  if (*n == *cap) {
    uint32_t c = *cap ? *cap * 2 : 64;
    if (c < *cap || (size_t)c > SIZE_MAX / size) return NULL;
    void *p = realloc(*arr, (size_t)c * size);
    if (!p) return NULL;
    *arr = p;
    *cap = c;
  }
  char *e = (char *)*arr + (size_t)*n * size;
  memset(e, 0, size);
  (*n)++;
  return e;
}

void dyad__db_oom(dyad_dict *d) {
  if (d->build) ((build *)d->build)->failed = 1;
}
int dyad__db_failed(const dyad_dict *d) {
  return d->build && ((build *)d->build)->failed;
}

/* ---- Strings ------------------------------------------------------------- */

uint32_t dyad__db_str(dyad_dict *d, const char *s, size_t len) {
  if (len >= UINT32_MAX / 2 || (size_t)d->n_strs + len + 1 >= UINT32_MAX / 2) {
    dyad__db_oom(d);
    return DYAD__NONE;
  }
  if (d->n_strs + len + 1 > d->cap_strs) {
    size_t c = d->cap_strs ? d->cap_strs : 4096;
    while (c < d->n_strs + len + 1) c *= 2;
    char *p = realloc(d->strs, c);
    if (!p) {
      dyad__db_oom(d);
      return DYAD__NONE;
    }
    d->strs = p;
    d->cap_strs = (uint32_t)c;
  }
  uint32_t off = d->n_strs;
  if (len) memcpy(d->strs + off, s, len);
  d->strs[off + len] = '\0';
  d->n_strs += (uint32_t)len + 1;
  return off;
}

static int intern_rehash(dyad_dict *d, build *b) {
  uint32_t cap = b->intern_cap ? b->intern_cap * 2 : 1024;
  uint32_t *t = calloc(cap, sizeof *t);
  if (!t) return -1;
  for (uint32_t i = 0; i < b->intern_cap; i++) {
    uint32_t v = b->intern[i];
    if (!v) continue;
    const char *s = d->strs + v - 1;
    uint32_t h = hash_bytes(s, strlen(s)) & (cap - 1);
    while (t[h]) h = (h + 1) & (cap - 1);
    t[h] = v;
  }
  free(b->intern);
  b->intern = t;
  b->intern_cap = cap;
  return 0;
}

uint32_t dyad__db_intern_find(const dyad_dict *d, const char *s, size_t len) {
  const build *b = d->build;
  if (!b->intern_cap) return DYAD__NONE;
  uint32_t mask = b->intern_cap - 1, h = hash_bytes(s, len) & mask;
  while (b->intern[h]) {
    const char *t = d->strs + b->intern[h] - 1;
    if (!strncmp(t, s, len) && t[len] == '\0') return b->intern[h] - 1;
    h = (h + 1) & mask;
  }
  return DYAD__NONE;
}

/* Synsets by name while reading: the name strings are interned, so their
 * offset is the key.  A redefinition replaces the earlier entry. */
uint32_t dyad__db_synset_get(const dyad_dict *d, uint32_t name) {
  const build *b = d->build;
  if (!b->synset_cap || name == DYAD__NONE) return DYAD__NONE;
  uint32_t mask = b->synset_cap - 1, h = hash_pair(name, 1) & mask;
  while (b->synset_map[h]) {
    if (d->synsets[b->synset_map[h] - 1].name == name) return b->synset_map[h] - 1;
    h = (h + 1) & mask;
  }
  return DYAD__NONE;
}

int dyad__db_synset_put(dyad_dict *d, uint32_t name, uint32_t id) {
  build *b = d->build;
  if ((b->synset_n + 1) * 2 > b->synset_cap) {
    uint32_t cap = b->synset_cap ? b->synset_cap * 2 : 64;
    uint32_t *t = calloc(cap, sizeof *t);
    if (!t) return -1;
    for (uint32_t i = 0; i < b->synset_cap; i++) {
      uint32_t v = b->synset_map[i];
      if (!v) continue;
      uint32_t h = hash_pair(d->synsets[v - 1].name, 1) & (cap - 1);
      while (t[h]) h = (h + 1) & (cap - 1);
      t[h] = v;
    }
    free(b->synset_map);
    b->synset_map = t;
    b->synset_cap = cap;
  }
  uint32_t mask = b->synset_cap - 1, h = hash_pair(name, 1) & mask;
  while (b->synset_map[h]) {
    if (d->synsets[b->synset_map[h] - 1].name == name) {
      b->synset_map[h] = id + 1;
      return 0;
    }
    h = (h + 1) & mask;
  }
  b->synset_map[h] = id + 1;
  b->synset_n++;
  return 0;
}

uint32_t dyad__db_intern(dyad_dict *d, const char *s, size_t len) {
  build *b = d->build;
  if (b->intern_n * 2 >= b->intern_cap && intern_rehash(d, b)) {
    dyad__db_oom(d);
    return DYAD__NONE;
  }
  uint32_t mask = b->intern_cap - 1, h = hash_bytes(s, len) & mask;
  while (b->intern[h]) {
    const char *t = d->strs + b->intern[h] - 1;
    if (!strncmp(t, s, len) && t[len] == '\0') return b->intern[h] - 1;
    h = (h + 1) & mask;
  }
  uint32_t off = dyad__db_str(d, s, len);
  if (off == DYAD__NONE) return off;
  b->intern[h] = off + 1;
  b->intern_n++;
  return off;
}

/* ---- Folding and words --------------------------------------------------- */

size_t dyad__dict_fold(const char *s, size_t len, char *out, size_t size) {
  size_t i;
  for (i = 0; i < len; i++)
    if ((unsigned char)s[i] >= 0x80) break;
  if (i == len) { /* ASCII: lower case only, the common case */
    if (len >= size) return (size_t)-1;
    for (i = 0; i < len; i++) {
      unsigned char c = (unsigned char)s[i];
      out[i] = (char)(c >= 'A' && c <= 'Z' ? c + 32 : c);
    }
    out[len] = '\0';
    return len;
  }
  /* Exactly the text layer's fold, so a phrase and a token compare the
   * same ("YILDIRIM" and "Yıldırım", "ØRSTED" and "Ørsted"). */
  dyad__buf b = {0};
  size_t n = (size_t)-1;
  if (!dyad__fold_utf8(s, len, &b) && b.len < size) {
    memcpy(out, b.data, b.len + 1);
    n = b.len;
  }
  dyad__buf_free(&b);
  return n;
}

static int word_rehash(dyad_dict *d) {
  uint32_t cap = d->n_word_hash ? d->n_word_hash * 2 : 4096;
  uint32_t *t = calloc(cap, sizeof *t);
  if (!t) return -1;
  for (uint32_t w = 0; w < d->n_words; w++) {
    const char *s = d->strs + d->words[w];
    uint32_t h = hash_bytes(s, strlen(s)) & (cap - 1);
    while (t[h]) h = (h + 1) & (cap - 1);
    t[h] = w + 1;
  }
  free(d->word_hash);
  d->word_hash = t;
  d->n_word_hash = d->cap_word_hash = cap;
  return 0;
}

static uint32_t word_id_h(const dyad_dict *d, const char *w, size_t len, uint32_t hash) {
  if (!d->n_word_hash) return DYAD__NONE;
  uint32_t mask = d->n_word_hash - 1, h = hash & mask;
  uint32_t v;
  while ((v = d->word_hash[h]) != 0) {
    const char *t = d->strs + d->words[v - 1];
    if (!memcmp(t, w, len) && t[len] == '\0') return v - 1;
    h = (h + 1) & mask;
  }
  return DYAD__NONE;
}

uint32_t dyad__dict_word_id(const dyad_dict *d, const char *w, size_t len) {
  return word_id_h(d, w, len, hash_bytes(w, len));
}

uint32_t dyad__db_word(dyad_dict *d, const char *s, size_t len) {
  /* Folding can triple a word (U+0390 -> three code points). */
  char buf[DYAD_DICT_MAX_WORD_BYTES * 3 + 1];
  size_t n = dyad__dict_fold(s, len, buf, sizeof buf);
  if (n == (size_t)-1 || n == 0) return DYAD__NONE;
  uint32_t id = dyad__dict_word_id(d, buf, n);
  if (id != DYAD__NONE) return id;
  if ((d->n_words + 1) * 2 > d->n_word_hash && word_rehash(d)) {
    dyad__db_oom(d);
    return DYAD__NONE;
  }
  uint32_t off = dyad__db_intern(d, buf, n);
  uint32_t *slot = DYAD__DB_PUSH(d, words);
  if (off == DYAD__NONE || !slot) {
    if (slot) d->n_words--;
    dyad__db_oom(d);
    return DYAD__NONE;
  }
  *slot = off;
  id = d->n_words - 1;
  uint32_t mask = d->n_word_hash - 1, h = hash_bytes(buf, n) & mask;
  while (d->word_hash[h]) h = (h + 1) & mask;
  d->word_hash[h] = id + 1;
  return id;
}

uint32_t dyad__db_wordlist(dyad_dict *d, const uint32_t *w, size_t n) {
  uint32_t first = d->n_wordlist;
  for (size_t i = 0; i < n; i++) {
    uint32_t *p = DYAD__DB_PUSH(d, wordlist);
    if (!p) {
      dyad__db_oom(d);
      return first;
    }
    *p = w[i];
  }
  return first;
}

size_t dyad__db_split(dyad_dict *d, const char *s, size_t len, uint32_t *wids,
                      size_t max) {
  size_t n = 0, i = 0;
  while (i < len) {
    while (i < len && (s[i] == '_' || s[i] == ' ' || s[i] == '\t')) i++;
    size_t b = i;
    while (i < len && s[i] != '_' && s[i] != ' ' && s[i] != '\t') i++;
    if (i == b) break;
    size_t e = i;
    int comma = 0;
    if (e - b > 1 && s[e - 1] == ',') {
      e--;
      comma = 1;
    }
    for (int k = 0; k <= comma; k++) {
      if (n == max || (!k && e - b > DYAD_DICT_MAX_WORD_BYTES)) return (size_t)-1;
      uint32_t w = k ? dyad__db_word(d, ",", 1) : dyad__db_word(d, s + b, e - b);
      /* NONE: out of memory (remembered by the builder), or a word that
       * folds to nothing (only combining marks), which no token equals. */
      if (w == DYAD__NONE) continue;
      wids[n++] = w;
    }
  }
  return n;
}

/* The phrase's words with every inner hyphen made a word of its own
 * ("GUINEA-BISSAU" -> GUINEA - BISSAU, as dyad's tokenizer and EWT split
 * the text); 0 when no word has one or the result would be too long. */
static size_t split_hyphens(dyad_dict *d, const uint32_t *wids, size_t n, uint32_t *out,
                            size_t max) {
  size_t k = 0;
  int any = 0;
  for (size_t i = 0; i < n; i++) {
    char w[DYAD_DICT_MAX_WORD_BYTES * 3 + 1];
    snprintf(w, sizeof w, "%s", dyad__dict_word(d, wids[i]));
    size_t len = strlen(w), b = 0;
    for (size_t j = 1; j + 1 < len; j++) {
      if (w[j] != '-' || w[j - 1] == '-' || w[j + 1] == '-') continue;
      if (k + 2 > max) return 0;
      out[k++] = dyad__db_word(d, w + b, j - b);
      out[k++] = dyad__db_word(d, "-", 1);
      b = j + 1;
      any = 1;
    }
    if (k + 1 > max) return 0;
    out[k++] = b ? dyad__db_word(d, w + b, len - b) : wids[i];
  }
  for (size_t i = 0; i < k; i++)
    if (out[i] == DYAD__NONE) return 0;
  return any ? k : 0;
}

void dyad__db_entry(dyad_dict *d, unsigned kind, unsigned flags, long line,
                    uint32_t phrase, uint32_t record, const uint32_t *wids,
                    size_t nwords) {
  build *b = d->build;
  if (!nwords) return;
  {
    /* the split form, entered once more (it has no inner hyphen left) */
    uint32_t split[DYAD__DICT_MAX_WORDS];
    size_t ns = split_hyphens(d, wids, nwords, split, DYAD__DICT_MAX_WORDS);
    if (ns)
      dyad__db_entry(d, kind, flags | DYAD__E_GENERATED | DYAD__E_SPLIT, line, phrase, record,
                     split, ns);
  }
  dyad__dict_entry *e = DYAD__DB_PUSH(d, entries);
  uint32_t *ew = dyad__db_grow((void **)&b->entry_words, &b->n_entry_words,
                               &b->cap_entry_words, 2 * sizeof *ew);
  if (!e || !ew) {
    dyad__db_oom(d);
    return;
  }
  e->kind = (uint8_t)kind;
  e->flags = (uint8_t)flags;
  e->file = b->file;
  e->line = (uint32_t)line;
  e->phrase = phrase;
  e->record = record;
  e->nwords = (uint32_t)nwords;
  ew[0] = dyad__db_wordlist(d, wids, nwords);
  ew[1] = (uint32_t)nwords;
  d->files[b->file].entries++;
}

uint16_t dyad__db_file(const dyad_dict *d) { return ((build *)d->build)->file; }
const char *dyad__db_file_name(const dyad_dict *d) {
  return d->strs + d->files[dyad__db_file(d)].path;
}
dyad__dict_file *dyad__db_file_stats(dyad_dict *d) { return &d->files[dyad__db_file(d)]; }
int dyad__db_checking(const dyad_dict *d) { return ((build *)d->build)->opts.check; }

void dyad__db_diag(dyad_dict *d, dyad_severity sev, long line, long col,
                   const char *fmt, ...) {
  build *b = d->build;
  char msg[600];
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(msg, sizeof msg, fmt, ap);
  va_end(ap);
  if (sev == DYAD_DIAG_ERROR) {
    d->errors++;
    if (d->n_files) d->files[b->file].errors++;
  } else if (sev == DYAD_DIAG_WARNING) {
    d->warnings++;
    if (d->n_files) d->files[b->file].warnings++;
  }
  if (!b->opts.diag) return;
  dyad_diag dg = {sev, d->n_files ? dyad__db_file_name(d) : NULL, line, col, NULL, msg};
  b->opts.diag(&dg, b->opts.diag_user);
}

/* ---- English endings ------------------------------------------------------ */

static int is_vowel(char c) { return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u'; }

size_t dyad__db_plural(const char *w, size_t len, char *out, size_t size) {
  /* The rule the TABARI and PETRARCH documentation give: +S, +IES for a
   * final Y, +ES for a final SS.  We add the other sibilants (x, z, ch,
   * sh), which the documented rule turns into "taxs" and "churchs", and
   * keep a final vowel + y ("attorneys", "envoys"). */
  if (!len || len + 4 > size) return 0;
  memcpy(out, w, len);
  char last = w[len - 1], prev = len > 1 ? w[len - 2] : '\0';
  size_t n = len;
  if (last == 'y' && len > 1 && !is_vowel(prev)) {
    n--;
    memcpy(out + n, "ies", 3);
    n += 3;
  } else if ((last == 's' && prev == 's') || last == 'x' || last == 'z' ||
             ((last == 'h') && (prev == 'c' || prev == 's'))) {
    memcpy(out + n, "es", 2);
    n += 2;
  } else {
    out[n++] = 's';
  }
  out[n] = '\0';
  return n;
}

size_t dyad__db_verb_forms(const char *w, size_t len, char out[3][128]) {
  if (!len || len + 5 > 128) return 0;
  char last = w[len - 1], prev = len > 1 ? w[len - 2] : '\0';
  size_t n = dyad__db_plural(w, len, out[0], 128); /* -s like plurals */
  (void)n;
  if (last == 'e') {
    /* "hope" -> "hoping", but "agree" -> "agreeing", "toe" -> "toeing". */
    int keep = prev == 'e' || prev == 'o' || prev == 'y';
    snprintf(out[1], 128, "%.*sd", (int)len, w);
    snprintf(out[2], 128, "%.*sing", (int)len - !keep, w);
  } else if (last == 'y' && !is_vowel(prev)) {
    snprintf(out[1], 128, "%.*sied", (int)len - 1, w);
    snprintf(out[2], 128, "%.*sing", (int)len, w);
  } else {
    snprintf(out[1], 128, "%.*sed", (int)len, w);
    snprintf(out[2], 128, "%.*sing", (int)len, w);
  }
  return 3;
}

int dyad__lines_next(dyad__lines *l, const char **s, const char **e) {
  if (l->p >= l->end) return 0;
  const char *nl = memchr(l->p, '\n', (size_t)(l->end - l->p));
  const char *le = nl ? nl : l->end;
  *s = l->p;
  l->p = nl ? nl + 1 : l->end;
  while (le > *s && le[-1] == '\r') le--;
  *e = le;
  l->line++;
  return 1;
}

const char *dyad__db_check_actor_code(const char *s, size_t len) {
  if (!len) return "empty code";
  if (len == 3 && !memcmp(s, "---", 3)) return NULL;
  for (size_t i = 0; i < len; i++) {
    unsigned char c = (unsigned char)s[i];
    if (c >= 'a' && c <= 'z') return "code in lower case (codes are upper-case letters and digits)";
    if (!((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-'))
      return "code has characters other than upper-case letters and digits";
  }
  return NULL;
}

/* ---- Building ------------------------------------------------------------ */

dyad_status dyad__dict_builder_new(const dyad_dict_options *opts, dyad_dict **out) {
  *out = NULL;
  dyad_dict *d = calloc(1, sizeof *d);
  build *b = calloc(1, sizeof *b);
  if (!d || !b) {
    free(d);
    free(b);
    return DYAD_ENOMEM;
  }
  if (opts) b->opts = *opts;
  d->build = b;
  /* String 0 is "", so no valid string reference is confused with 0. */
  dyad__db_str(d, "", 0);
  /* Node 0 is the root. */
  if (!DYAD__DB_PUSH(d, nodes) || dyad__db_failed(d)) {
    dyad_dict_free(d);
    return DYAD_ENOMEM;
  }
  *out = d;
  return DYAD_OK;
}

dyad_status dyad__dict_read(dyad_dict *d, dyad_dict_kind kind, const char *name,
                            const char *data, size_t len) {
  build *b = d->build;
  if (d->n_files >= DYAD_DICT_MAX_FILES) return DYAD_ELIMIT;
  dyad__dict_file *f = DYAD__DB_PUSH(d, files);
  if (!f) return DYAD_ENOMEM;
  b->file = (uint16_t)(d->n_files - 1);
  f->kind = (uint32_t)kind;
  f->path = dyad__db_str(d, name, strlen(name));
  if (dyad__db_failed(d)) return DYAD_ENOMEM;
  dyad_status st;
  switch (kind) {
  case DYAD_DICT_ACTORS: st = dyad__read_actors(d, data, len); break;
  case DYAD_DICT_AGENTS: st = dyad__read_agents(d, data, len); break;
  case DYAD_DICT_VERBS: st = dyad__read_verbs(d, data, len); break;
  case DYAD_DICT_DISCARDS: st = dyad__read_discards(d, data, len); break;
  case DYAD_DICT_ISSUES: st = dyad__read_issues(d, data, len); break;
  default: return DYAD_EINVAL;
  }
  if (st == DYAD_OK && dyad__db_failed(d)) st = DYAD_ENOMEM;
  return st;
}

static uint32_t edge_find(const dyad_dict *d, uint32_t parent, uint32_t word) {
  uint32_t mask = d->n_edges - 1, h = hash_pair(parent, word) & mask;
  while (d->edges[h].child) {
    if (d->edges[h].parent == parent && d->edges[h].word == word) return d->edges[h].child;
    h = (h + 1) & mask;
  }
  return 0;
}

/* The stem filter: one bit per hash of a stem word, 8 kB so it stays in
 * the L1 cache; it turns away almost every prefix of a token before the
 * word table is probed (1.25x faster lookups over Reuters with Phoenix). */
#define STEM_BITS 65536u

static dyad_status build_trie(dyad_dict *d) {
  build *b = d->build;
  d->stem_bits = calloc(STEM_BITS / 64, sizeof *d->stem_bits);
  if (!d->stem_bits) return DYAD_ENOMEM;
  d->n_stem_bits = d->cap_stem_bits = STEM_BITS / 64;
  /* Edges: at most one per word of every entry. */
  size_t total = 0;
  for (uint32_t i = 0; i < d->n_entries; i++) total += b->entry_words[2 * i + 1];
  size_t cap = 1024;
  while (cap < total * 2 + 2) cap *= 2;
  if (cap > UINT32_MAX / 2) return DYAD_ELIMIT;
  d->edges = calloc(cap, sizeof *d->edges);
  if (!d->edges) return DYAD_ENOMEM;
  d->n_edges = d->cap_edges = (uint32_t)cap;
  uint32_t *entry_node = malloc((d->n_entries ? d->n_entries : 1) * sizeof *entry_node);
  if (!entry_node) return DYAD_ENOMEM;
  for (uint32_t i = 0; i < d->n_entries; i++) {
    uint32_t node = 0;
    const uint32_t *w = d->wordlist + b->entry_words[2 * i];
    uint32_t nw = b->entry_words[2 * i + 1];
    for (uint32_t k = 0; k < nw; k++) {
      uint32_t c = edge_find(d, node, w[k]);
      if (!c) {
        if (!DYAD__DB_PUSH(d, nodes)) {
          free(entry_node);
          return DYAD_ENOMEM;
        }
        c = d->n_nodes - 1;
        uint32_t mask = d->n_edges - 1, h = hash_pair(node, w[k]) & mask;
        while (d->edges[h].child) h = (h + 1) & mask;
        d->edges[h].parent = node;
        d->edges[h].word = w[k];
        d->edges[h].child = c;
      }
      if (k + 1 == nw && (d->entries[i].flags & DYAD__E_STEM)) {
        const char *sw = d->strs + d->words[w[k]];
        uint32_t bit = hash_bytes(sw, strlen(sw)) & (STEM_BITS - 1);
        d->stem_bits[bit >> 6] |= 1ull << (bit & 63);
        /* Bits 8-15 and 16-23: shortest and longest stem leaving this
         * node, so matching only tries prefixes of those lengths. */
        size_t sl = strlen(d->strs + d->words[w[k]]);
        uint32_t f = d->nodes[node].flags, lo = (f >> 8) & 0xFF, hi = (f >> 16) & 0xFF;
        if (sl > 255) sl = 255;
        if (!(f & 1) || sl < lo) lo = (uint32_t)sl;
        if (!(f & 1) || sl > hi) hi = (uint32_t)sl;
        d->nodes[node].flags = 1u | lo << 8 | hi << 16;
      }
      node = c;
    }
    entry_node[i] = node;
    d->nodes[node].nentries++;
  }
  /* Group entries by node, keeping file order within a node. */
  uint32_t acc = 0;
  for (uint32_t n = 0; n < d->n_nodes; n++) {
    d->nodes[n].entry_first = acc;
    acc += d->nodes[n].nentries;
    d->nodes[n].nentries = 0;
  }
  dyad__dict_entry *sorted = malloc((d->n_entries ? d->n_entries : 1) * sizeof *sorted);
  if (!sorted) {
    free(entry_node);
    return DYAD_ENOMEM;
  }
  for (uint32_t i = 0; i < d->n_entries; i++) {
    dyad__trie_node *nd = &d->nodes[entry_node[i]];
    sorted[nd->entry_first + nd->nentries++] = d->entries[i];
  }
  free(entry_node);
  free(d->entries);
  d->entries = sorted;
  d->cap_entries = d->n_entries;
  return DYAD_OK;
}

static int form_cmp(const void *a, const void *b) {
  const dyad__verb_form *x = a, *y = b;
  if (x->word != y->word) return x->word < y->word ? -1 : 1;
  if (x->verb != y->verb) return x->verb < y->verb ? -1 : 1;
  return x->base > y->base ? -1 : x->base < y->base;
}

static dyad_status build_forms(dyad_dict *d) {
  if (d->n_verb_forms) qsort(d->verb_forms, d->n_verb_forms, sizeof *d->verb_forms, form_cmp);
  size_t cap = 64;
  while (cap < (size_t)d->n_verb_forms * 2 + 2) cap *= 2;
  d->form_hash = calloc(cap, sizeof *d->form_hash);
  if (!d->form_hash) return DYAD_ENOMEM;
  d->n_form_hash = d->cap_form_hash = (uint32_t)cap;
  for (uint32_t i = 0; i < d->n_verb_forms;) {
    uint32_t j = i;
    while (j < d->n_verb_forms && d->verb_forms[j].word == d->verb_forms[i].word) j++;
    uint32_t mask = (uint32_t)cap - 1, h = hash_pair(d->verb_forms[i].word, 0) & mask;
    while (d->form_hash[h].count) h = (h + 1) & mask;
    d->form_hash[h].word = d->verb_forms[i].word;
    d->form_hash[h].first = i;
    d->form_hash[h].count = j - i;
    i = j;
  }
  return DYAD_OK;
}

/* The code an entry gives, as text for messages, or NULL when two entries
 * of its kind cannot conflict. */
static const char *entry_code(const dyad_dict *d, const dyad__dict_entry *e, char *buf,
                              size_t size) {
  switch (e->kind) {
  case DYAD__K_ACTOR: {
    const dyad__actor *a = &d->actors[e->record];
    size_t n = (size_t)snprintf(buf, size, "%s", a->default_code == DYAD__NONE ? "(none)" : d->strs + a->default_code);
    for (uint32_t k = 0; k < a->ncodes && n < size; k++) {
      const dyad__dated_code *c = &d->dated[a->code_first + k];
      n += (size_t)snprintf(buf + n, size - n, " %s %d-%d", d->strs + c->code, c->from, c->to);
    }
    return buf;
  }
  case DYAD__K_AGENT: {
    const dyad__agent *a = &d->agents[e->record];
    snprintf(buf, size, "%s%s%s", a->place == DYAD__AGENT_AFTER ? "~" : "", d->strs + a->code,
             a->place == DYAD__AGENT_BEFORE ? "~" : "");
    return buf;
  }
  case DYAD__K_ISSUE: {
    const dyad__issue *is = &d->issues[e->record];
    snprintf(buf, size, "%s", is->code == DYAD__NONE ? "(ignore)" : d->strs + is->code);
    return buf;
  }
  default:
    return NULL;
  }
}

/* dyad dict check: the same phrase (same words, same stem rule) twice in
 * one kind with different codes.  The coder takes the first one found, so
 * each later entry is compared with that first one only (linear, however
 * many copies a phrase has). */
static void check_duplicates(dyad_dict *d) {
  build *b = d->build;
  for (uint32_t n = 0; n < d->n_nodes; n++) {
    const dyad__trie_node *nd = &d->nodes[n];
    /* First entry of each (kind, stem rule) at this node. */
    uint32_t first[8] = {DYAD__NONE, DYAD__NONE, DYAD__NONE, DYAD__NONE,
                         DYAD__NONE, DYAD__NONE, DYAD__NONE, DYAD__NONE};
    for (uint32_t i = 0; i < nd->nentries; i++) {
      const dyad__dict_entry *e = &d->entries[nd->entry_first + i];
      unsigned k = (e->kind == DYAD__K_ACTOR ? 0 : e->kind == DYAD__K_AGENT ? 1
                    : e->kind == DYAD__K_DISCARD ? 2 : 3) * 2 + ((e->flags & DYAD__E_STEM) != 0);
      if (first[k] == DYAD__NONE) {
        first[k] = i;
        continue;
      }
      const dyad__dict_entry *f = &d->entries[nd->entry_first + first[k]];
      if (f->record == e->record) continue;
      /* the split forms of two hyphenated phrases already reported */
      if ((e->flags & DYAD__E_SPLIT) && (f->flags & DYAD__E_SPLIT)) continue;
      char c1[256], c2[256];
      const char *x = entry_code(d, e, c1, sizeof c1), *y = entry_code(d, f, c2, sizeof c2);
      if (!x || !y || !strcmp(x, y)) continue;
      uint16_t saved = b->file;
      b->file = e->file;
      dyad__db_diag(d, DYAD_DIAG_WARNING, (long)e->line, 0,
                    "duplicate phrase '%s' with a different code (%s) than at %s:%u (%s)",
                    d->strs + e->phrase, x, d->strs + d->files[f->file].path, f->line, y);
      b->file = saved;
    }
  }
}

/* A pattern's elements as text, to compare patterns. */
static void pattern_sig(const dyad_dict *d, uint32_t first, uint32_t n, char *buf, size_t size,
                        size_t *len) {
  for (uint32_t k = 0; k < n && *len + 32 < size; k++) {
    const dyad__pattern_elem *e = &d->pelems[first + k];
    *len += (size_t)snprintf(buf + *len, size - *len, "%u.%u.%u(", e->kind, e->side, e->value);
    if (e->nsub && e->sub != DYAD__NONE) pattern_sig(d, e->sub, e->nsub, buf, size, len);
    if (*len + 2 < size) buf[(*len)++] = ')';
    buf[*len] = '\0';
  }
}

static int uses_empty_synset(const dyad_dict *d, uint32_t first, uint32_t n) {
  for (uint32_t k = 0; k < n; k++) {
    const dyad__pattern_elem *e = &d->pelems[first + k];
    if (e->kind == DYAD__PE_SYNSET && !d->synsets[e->value].nphrases) return 1;
    if (e->nsub && e->sub != DYAD__NONE && uses_empty_synset(d, e->sub, e->nsub)) return 1;
  }
  return 0;
}

/* dyad dict check: patterns that can never match: one written twice in a
 * block (the later one never wins, whatever its code) or one that needs a
 * synset left without phrases.  Signatures are sorted per block, so a
 * block of any size costs n log n. */
typedef struct {
  char *sig;
  uint32_t idx;
} pat_sig;

static int sig_cmp(const void *a, const void *b) {
  const pat_sig *x = a, *y = b;
  int c = strcmp(x->sig, y->sig);
  return c ? c : (x->idx < y->idx ? -1 : x->idx > y->idx);
}

static void check_patterns(dyad_dict *d) {
  build *b = d->build;
  for (uint32_t bl = 0; bl < d->n_blocks; bl++) {
    const dyad__verb_block *vb = &d->blocks[bl];
    if (!vb->npats) continue;
    pat_sig *sigs = calloc(vb->npats, sizeof *sigs);
    uint32_t *dup = malloc(vb->npats * sizeof *dup);
    if (!sigs || !dup) {
      free(sigs);
      free(dup);
      return;
    }
    uint32_t ok = 1;
    for (uint32_t i = 0; i < vb->npats && ok; i++) {
      const dyad__pattern *p = &d->patterns[vb->pat_first + i];
      char buf[1024];
      size_t len = 0;
      buf[0] = '\0';
      pattern_sig(d, p->elem_first, p->nelems, buf, sizeof buf, &len);
      sigs[i].sig = malloc(len + 1);
      sigs[i].idx = i;
      dup[i] = DYAD__NONE;
      if (!sigs[i].sig) ok = 0;
      else memcpy(sigs[i].sig, buf, len + 1);
    }
    if (ok) {
      qsort(sigs, vb->npats, sizeof *sigs, sig_cmp);
      /* Within a run of equal signatures, the first written (lowest
       * index, sorted first) is the one that wins. */
      uint32_t first = 0;
      for (uint32_t i = 1; i < vb->npats; i++) {
        if (strcmp(sigs[first].sig, sigs[i].sig)) first = i;
        else dup[sigs[i].idx] = sigs[first].idx;
      }
    }
    for (uint32_t i = 0; i < vb->npats && ok; i++) {
      const dyad__pattern *p = &d->patterns[vb->pat_first + i];
      uint16_t saved = b->file;
      b->file = p->file;
      if (uses_empty_synset(d, p->elem_first, p->nelems))
        dyad__db_diag(d, DYAD_DIAG_WARNING, (long)p->line, 0,
                      "pattern uses a synset without phrases: it can never match");
      if (dup[i] != DYAD__NONE) {
        const dyad__pattern *q = &d->patterns[vb->pat_first + dup[i]];
        dyad__db_diag(d, DYAD_DIAG_WARNING, (long)p->line, 0,
                      "pattern repeats the one at line %u of this block: it can never match%s",
                      q->line,
                      (p->code == q->code && p->code2 == q->code2) ? "" : " (and its code differs)");
      }
      b->file = saved;
    }
    for (uint32_t i = 0; i < vb->npats; i++) free(sigs[i].sig);
    free(sigs);
    free(dup);
  }
}

dyad_status dyad__dict_finish(dyad_dict *d) {
  build *b = d->build;
  if (!b) return DYAD_OK;
  dyad_status st = b->failed ? DYAD_ENOMEM : build_trie(d);
  if (st == DYAD_OK && b->opts.check) {
    check_duplicates(d);
    check_patterns(d);
  }
  if (st == DYAD_OK) st = build_forms(d);
  if (st == DYAD_OK && !d->n_word_hash && word_rehash(d)) st = DYAD_ENOMEM;
  free(b->intern);
  free(b->entry_words);
  free(b->synset_map);
  free(b);
  d->build = NULL;
  return st;
}

void dyad_dict_free(dyad_dict *d) {
  if (!d) return;
  if (d->build) {
    build *b = d->build;
    free(b->intern);
    free(b->entry_words);
    free(b->synset_map);
    free(b);
  }
  if (d->map) {
    dyad__dict_unmap(d);
  } else if (!d->borrowed) {
#define DYAD__FREE_FIELD(type, name) free(d->name);
    DYAD__DICT_ARRAYS(DYAD__FREE_FIELD)
#undef DYAD__FREE_FIELD
  }
  free(d);
}

size_t dyad_dict_errors(const dyad_dict *d) { return d ? d->errors : 0; }
size_t dyad_dict_warnings(const dyad_dict *d) { return d ? d->warnings : 0; }

/* ---- Matching ------------------------------------------------------------ */

/* The folded text of a token for matching, in buf if it had to be made. */
static const char *tok_key(const dyad_token *t, unsigned flags, char *buf, size_t size,
                           size_t *len) {
  const char *s = (flags & DYAD__MATCH_LEMMA) ? t->lemma : t->fold;
  if (!s || !strcmp(s, "_")) {
    s = (flags & DYAD__MATCH_LEMMA) && t->fold && strcmp(t->fold, "_") ? t->fold : t->form;
    if (!s) return NULL;
  } else if (!(flags & DYAD__MATCH_LEMMA)) {
    *len = strlen(s);
    return s;
  }
  size_t n = dyad__dict_fold(s, strlen(s), buf, size);
  if (n == (size_t)-1) return NULL;
  *len = n;
  return buf;
}

/* Matches gathered at one position before sorting; past this many (only
 * a dictionary with hundreds of copies of one phrase gets there) the
 * shortest are dropped first, never the longest. */
#define MATCH_BUF 256

static size_t add_match(dyad__dict_match *found, size_t nf, dyad__dict_match m) {
  if (nf == MATCH_BUF) {
    memmove(found, found + 1, (MATCH_BUF - 1) * sizeof *found);
    nf--;
  }
  found[nf++] = m;
  return nf;
}

size_t dyad__dict_match_at(const dyad_dict *d, const dyad_token *toks, size_t n,
                           size_t i, unsigned kinds, unsigned flags,
                           dyad__dict_match *out, size_t max) {
  dyad__dict_match found[MATCH_BUF];
  size_t nf = 0, total = 0;
  uint32_t node = 0;
  char buf[DYAD_DICT_MAX_WORD_BYTES * 4];
  for (size_t j = i; j < n; j++) {
    size_t len;
    const char *key = tok_key(&toks[j], flags, buf, sizeof buf, &len);
    if (!key || !len) break;
    uint32_t nf_ = d->nodes[node].flags;
    if ((nf_ & 1) && len > ((nf_ >> 8) & 0xFF)) {
      /* Stems: every proper prefix of the token that is a word, within the
       * lengths of the stems leaving this node; hashes grow with the
       * prefix (FNV-1a is incremental). */
      size_t lo = (nf_ >> 8) & 0xFF, hi = (nf_ >> 16) & 0xFF;
      uint32_t ph[256];
      const unsigned char *kp = (const unsigned char *)key;
      uint32_t h = 2166136261u;
      if (hi > len - 1) hi = len - 1;
      for (size_t l = 1; l <= hi; l++) {
        h = (h ^ kp[l - 1]) * 16777619u;
        ph[l] = h;
      }
      for (size_t l = hi; l >= lo && l >= 1; l--) {
        uint32_t bit = ph[l] & (STEM_BITS - 1);
        if (d->n_stem_bits == STEM_BITS / 64 && !(d->stem_bits[bit >> 6] >> (bit & 63) & 1)) continue;
        uint32_t w = word_id_h(d, key, l, ph[l]);
        if (w == DYAD__NONE) continue;
        uint32_t c = edge_find(d, node, w);
        if (!c) continue;
        const dyad__trie_node *nd = &d->nodes[c];
        for (uint32_t k = 0; k < nd->nentries; k++) {
          const dyad__dict_entry *e = &d->entries[nd->entry_first + k];
          if (!(e->flags & DYAD__E_STEM) || !(e->kind & kinds)) continue;
          nf = add_match(found, nf, (dyad__dict_match){(uint32_t)i, (uint32_t)j + 1, nd->entry_first + k});
          total++;
        }
      }
    }
    uint32_t w = dyad__dict_word_id(d, key, len);
    if (w == DYAD__NONE) break;
    uint32_t c = edge_find(d, node, w);
    if (!c) break;
    const dyad__trie_node *nd = &d->nodes[c];
    for (uint32_t k = 0; k < nd->nentries; k++) {
      const dyad__dict_entry *e = &d->entries[nd->entry_first + k];
      if (!(e->kind & kinds)) continue;
      nf = add_match(found, nf, (dyad__dict_match){(uint32_t)i, (uint32_t)j + 1, nd->entry_first + k});
      total++;
    }
    node = c;
  }
  /* found[] is in increasing span length; hand it out longest first. */
  size_t w = 0;
  uint32_t longest = nf ? found[nf - 1].end : 0;
  if (flags & DYAD__MATCH_LONGEST) total = 0;
  for (size_t k = nf; k-- > 0;) {
    if ((flags & DYAD__MATCH_LONGEST) && found[k].end != longest) break;
    if (flags & DYAD__MATCH_LONGEST) total++;
    if (w < max) out[w++] = found[k];
  }
  return total;
}

int32_t dyad__dict_parse_date(const char *s, size_t len) {
  char dg[9];
  size_t n = 0;
  for (size_t i = 0; i < len; i++) {
    if (s[i] >= '0' && s[i] <= '9') {
      if (n == 8) return 0;
      dg[n++] = s[i];
    } else if (s[i] != '-' || (n != 4 && n != 6)) {
      return 0;
    }
  }
  int y, m, dd;
  if (n == 8) {
    y = (dg[0] - '0') * 1000 + (dg[1] - '0') * 100 + (dg[2] - '0') * 10 + (dg[3] - '0');
    m = (dg[4] - '0') * 10 + (dg[5] - '0');
    dd = (dg[6] - '0') * 10 + (dg[7] - '0');
  } else if (n == 6) {
    /* TABARI 6.5.2: two-digit years 00-30 are 2000-2030, the rest 19xx. */
    y = (dg[0] - '0') * 10 + (dg[1] - '0');
    y += y <= 30 ? 2000 : 1900;
    m = (dg[2] - '0') * 10 + (dg[3] - '0');
    dd = (dg[4] - '0') * 10 + (dg[5] - '0');
  } else {
    return 0;
  }
  static const int mdays[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (m < 1 || m > 12 || dd < 1 || dd > mdays[m - 1]) return 0;
  if (m == 2 && dd == 29 && !((y % 4 == 0 && y % 100 != 0) || y % 400 == 0)) return 0;
  return y * 10000 + m * 100 + dd;
}

const char *dyad__dict_actor_code(const dyad_dict *d, uint32_t a, int32_t date,
                                  uint32_t *line) {
  const dyad__actor *ac = &d->actors[a];
  const dyad__dated_code *best = NULL;
  for (uint32_t k = 0; k < ac->ncodes; k++) {
    const dyad__dated_code *c = &d->dated[ac->code_first + k];
    if (date) {
      if (date >= c->from && date <= c->to) {
        best = c;
        break;
      }
    } else if (ac->default_code == DYAD__NONE && (!best || c->to > best->to)) {
      best = c;
    }
  }
  if (best) {
    if (line) *line = best->line;
    return d->strs + best->code;
  }
  if (line) *line = ac->line;
  return dyad__dict_str(d, ac->default_code);
}

/* ---- Verbs and synsets ---------------------------------------------------- */

static const dyad__form_slot *form_slot(const dyad_dict *d, uint32_t word) {
  if (!d->n_form_hash) return NULL;
  uint32_t mask = d->n_form_hash - 1, h = hash_pair(word, 0) & mask;
  while (d->form_hash[h].count) {
    if (d->form_hash[h].word == word) return &d->form_hash[h];
    h = (h + 1) & mask;
  }
  return NULL;
}

static int tok_is_word(const dyad_dict *d, const dyad_token *t, unsigned flags, uint32_t w) {
  char buf[DYAD_DICT_MAX_WORD_BYTES * 4];
  size_t len;
  const char *k = tok_key(t, flags, buf, sizeof buf, &len);
  return k && dyad__dict_word_id(d, k, len) == w;
}

size_t dyad__dict_verbs_at(const dyad_dict *d, const dyad_token *toks, size_t n,
                           size_t i, unsigned flags, dyad__verb_match *out,
                           size_t max) {
  char buf[DYAD_DICT_MAX_WORD_BYTES * 4];
  size_t len;
  if (i >= n) return 0;
  const char *key = tok_key(&toks[i], flags, buf, sizeof buf, &len);
  if (!key) return 0;
  uint32_t w = dyad__dict_word_id(d, key, len);
  const dyad__form_slot *sl = w == DYAD__NONE ? NULL : form_slot(d, w);
  if (!sl) return 0;
  size_t total = 0;
  for (uint32_t k = 0; k < sl->count; k++) {
    const dyad__verb_form *f = &d->verb_forms[sl->first + k];
    if ((flags & DYAD__MATCH_LEMMA) && !f->base) continue;
    if (f->npre > i || i + 1 + f->npost > n) continue;
    int ok = 1;
    /* Adjacent words are compared by fold even with MATCH_LEMMA: particles
     * ("off", "up") and the nouns of WIRE_+TAP do not inflect. */
    for (uint32_t p = 0; ok && p < f->npre; p++)
      ok = tok_is_word(d, &toks[i - f->npre + p], 0, d->wordlist[f->pre_first + p]);
    for (uint32_t p = 0; ok && p < f->npost; p++)
      ok = tok_is_word(d, &toks[i + 1 + p], 0, d->wordlist[f->post_first + p]);
    if (!ok) continue;
    dyad__verb_match m = {(uint32_t)(i - f->npre), (uint32_t)(i + 1 + f->npost), sl->first + k};
    /* Insert keeping the longest span first. */
    size_t pos = total < max ? total : max;
    while (pos > 0 && out[pos - 1].end - out[pos - 1].start < m.end - m.start) {
      if (pos < max) out[pos] = out[pos - 1];
      pos--;
    }
    if (pos < max) out[pos] = m;
    total++;
  }
  return total;
}

size_t dyad__dict_verbs_by_lemma(const dyad_dict *d, const char *lemma, uint32_t *out,
                                 size_t max) {
  char buf[DYAD_DICT_MAX_WORD_BYTES * 4];
  size_t len = dyad__dict_fold(lemma, strlen(lemma), buf, sizeof buf);
  if (len == (size_t)-1) return 0;
  uint32_t w = dyad__dict_word_id(d, buf, len);
  const dyad__form_slot *sl = w == DYAD__NONE ? NULL : form_slot(d, w);
  size_t total = 0;
  uint32_t last = DYAD__NONE;
  for (uint32_t k = 0; sl && k < sl->count; k++) {
    const dyad__verb_form *f = &d->verb_forms[sl->first + k];
    if (!f->base || f->verb == last) continue;
    last = f->verb;
    if (total < max) out[total] = f->verb;
    total++;
  }
  return total;
}

const char *dyad__dict_verb_code(const dyad_dict *d, uint32_t verb) {
  const dyad__verb *v = &d->verbs[verb];
  if (v->code != DYAD__NONE) return d->strs + v->code;
  return d->strs + d->blocks[v->block].code;
}

const char *dyad__dict_verb_code2(const dyad_dict *d, uint32_t verb) {
  const dyad__verb *v = &d->verbs[verb];
  uint32_t c2 = v->code != DYAD__NONE ? v->code2 : d->blocks[v->block].code2;
  return c2 == DYAD__NONE ? NULL : d->strs + c2;
}

size_t dyad__dict_synset_match(const dyad_dict *d, uint32_t s, const dyad_token *toks,
                               size_t n, size_t i, unsigned flags) {
  const dyad__synset *sy = &d->synsets[s];
  /* Word ids of toks[i..], looked up once for all the phrases (&CURRENCY
   * has 90 of them), NONE_YET until needed. */
  const uint32_t NONE_YET = DYAD__NONE - 1;
  uint32_t wid[DYAD_DICT_MAX_WORDS];
  size_t have = 0, best = 0;
  for (uint32_t p = 0; p < sy->nphrases; p++) {
    const dyad__synset_phrase *ph = &d->synset_phrases[sy->phrase_first + p];
    if (ph->nwords <= best || i + ph->nwords > n || ph->nwords > DYAD_DICT_MAX_WORDS) continue;
    while (have < ph->nwords) wid[have++] = NONE_YET;
    uint32_t k;
    for (k = 0; k < ph->nwords; k++) {
      if (wid[k] == NONE_YET) {
        char buf[DYAD_DICT_MAX_WORD_BYTES * 4];
        size_t len;
        const char *key = tok_key(&toks[i + k], flags, buf, sizeof buf, &len);
        wid[k] = key ? dyad__dict_word_id(d, key, len) : DYAD__NONE;
      }
      if (wid[k] != d->wordlist[ph->word_first + k]) break;
    }
    if (k == ph->nwords) best = ph->nwords;
  }
  return best;
}

uint32_t dyad__dict_synset_find(const dyad_dict *d, const char *name) {
  for (uint32_t s = 0; s < d->n_synsets; s++)
    if (!strcmp(d->strs + d->synsets[s].name, name)) return s;
  return DYAD__NONE;
}
