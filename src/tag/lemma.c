/*
 * lemma.c -- lemmas from suffix rules plus an exception lexicon.
 *
 * A rule turns a form into its lemma: "C S APPEND" means take the form
 * (lower-cased first when C is 1), remove its last S bytes and append
 * APPEND; "1 1 " maps "dogs" to "dog", "0 0 " keeps "Reuters" as is.  For
 * each XPOS and each form suffix of up to LEMMA_MAX_SUFFIX bytes the
 * trainer keeps the most frequent rule, and stores a suffix only when its
 * rule differs from the one of the suffix a byte shorter, so lookup goes
 * from the longest suffix down and stops at the first hit.  Training words
 * the rules get wrong ("went", "better", "was") go to the exception map,
 * keyed by exact form and XPOS.
 */
#include "tag/lemma.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/hash.h"
#include "model/model.h"
#include "util/buf.h"

/* Seven bytes cover the longest productive English suffixes ("-ational",
 * "-nesses" minus one) without memorizing whole words; measured on EWT dev,
 * longer suffixes do not change accuracy. */
#define LEMMA_MAX_SUFFIX 7u

static size_t lower_ascii(const char *s, char *out, size_t size) {
  size_t n = 0;
  for (; s[n] && n + 1 < size; n++) {
    unsigned char c = (unsigned char)s[n];
    out[n] = (char)((c >= 'A' && c <= 'Z') ? c + 32 : c);
  }
  out[n] = '\0';
  return n;
}

/* Applies rule r to form; returns 0, or -1 if it does not fit. */
static int apply_rule(const char *r, const char *form, char *out, size_t size) {
  int c = r[0] == '1';
  if (r[0] == '\0' || r[1] != ' ') return -1;
  char *end;
  unsigned long strip = strtoul(r + 2, &end, 10);
  if (*end != ' ') return -1;
  const char *app = end + 1;
  size_t len = strlen(form);
  if (strip > len || len - strip + strlen(app) + 1 > size) return -1;
  if (c) lower_ascii(form, out, size);
  else memcpy(out, form, len + 1);
  memcpy(out + len - strip, app, strlen(app) + 1);
  return 0;
}

const char *dyad__lemmatize(const dyad_model *m, const char *form, const char *xpos,
                            char *out, size_t size) {
  char key[512];
  size_t fl = strlen(form), xl = strlen(xpos);
  if (fl + xl + 2 <= sizeof key) {
    memcpy(key, form, fl);
    key[fl] = '\t';
    memcpy(key + fl + 1, xpos, xl + 1);
    const char *e = dyad__strmap_get(&m->lemexc, key, fl + 1 + xl);
    /* "Themselves" at the start of a sentence is "themselves"; proper
     * nouns keep their case, so they do not take this path. */
    if (!e && strncmp(xpos, "NNP", 3)) {
      lower_ascii(form, key, fl + 1);
      key[fl] = '\t';
      e = dyad__strmap_get(&m->lemexc, key, fl + 1 + xl);
    }
    if (e && strlen(e) < size) {
      memcpy(out, e, strlen(e) + 1);
      return out;
    }
  }
  if (xl + 2 + LEMMA_MAX_SUFFIX <= sizeof key) {
    char low[LEMMA_MAX_SUFFIX + 1];
    size_t k = fl < LEMMA_MAX_SUFFIX ? fl : LEMMA_MAX_SUFFIX;
    lower_ascii(form + fl - k, low, sizeof low);
    memcpy(key, xpos, xl);
    key[xl] = '\t';
    for (;; k--) {
      memcpy(key + xl + 1, low + (fl < LEMMA_MAX_SUFFIX ? fl : LEMMA_MAX_SUFFIX) - k, k);
      const char *r = dyad__strmap_get(&m->lemrule, key, xl + 1 + k);
      if (r && apply_rule(r, form, out, size) == 0) return out;
      if (k == 0) break;
    }
  }
  if (fl < size) memcpy(out, form, fl + 1);
  else out[0] = '\0';
  return out;
}

/* The rule that turns form into lemma, preferring the lower-cased form when
 * that needs fewer edits ("The" -> "the" is "1 0 "). */
static void derive_rule(const char *form, const char *lemma, char *out, size_t size) {
  char low[256];
  lower_ascii(form, low, sizeof low);
  size_t fl = strlen(form), ll = strlen(lemma);
  size_t p0 = 0, p1 = 0;
  while (p0 < fl && p0 < ll && form[p0] == lemma[p0]) p0++;
  while (p1 < fl && p1 < ll && low[p1] == lemma[p1]) p1++;
  /* Ties go to the lower-cased form: a rule learned from "wasted" must
   * also lower-case "Wasted" at the start of a sentence. */
  int c = p1 >= p0;
  size_t p = c ? p1 : p0;
  snprintf(out, size, "%d %zu %s", c, fl - p, lemma + p);
}

static int cmp_str(const void *a, const void *b) {
  return strcmp(*(char *const *)a, *(char *const *)b);
}

/* "key\001value" strings, sorted; for each key the most frequent value
 * (ties to the smallest), as parallel arrays of new strings. */
typedef struct {
  char **key, **val;
  size_t *count, *total;
  size_t n;
} best_table;

static void best_free(best_table *t) {
  for (size_t i = 0; i < t->n; i++) {
    free(t->key[i]);
    free(t->val[i]);
  }
  free(t->key); free(t->val); free(t->count); free(t->total);
  memset(t, 0, sizeof *t);
}

static int best_build(char **pairs, size_t n, best_table *t) {
  memset(t, 0, sizeof *t);
  qsort(pairs, n, sizeof *pairs, cmp_str);
  t->key = malloc((n ? n : 1) * sizeof *t->key);
  t->val = malloc((n ? n : 1) * sizeof *t->val);
  t->count = malloc((n ? n : 1) * sizeof *t->count);
  t->total = malloc((n ? n : 1) * sizeof *t->total);
  if (!t->key || !t->val || !t->count || !t->total) return -1;
  size_t i = 0;
  while (i < n) {
    size_t kl = strcspn(pairs[i], "\001");
    size_t j = i, best_c = 0, total = 0;
    const char *best = NULL;
    while (j < n && !strncmp(pairs[j], pairs[i], kl) && pairs[j][kl] == '\001') {
      size_t r = j;
      while (r < n && !strcmp(pairs[r], pairs[j])) r++;
      if (r - j > best_c) {
        best_c = r - j;
        best = pairs[j] + kl + 1;
      }
      total += r - j;
      j = r;
    }
    char *k = malloc(kl + 1), *v = strdup(best);
    if (!k || !v) {
      free(k);
      free(v);
      return -1;
    }
    memcpy(k, pairs[i], kl);
    k[kl] = '\0';
    t->key[t->n] = k;
    t->val[t->n] = v;
    t->count[t->n] = best_c;
    t->total[t->n] = total;
    t->n++;
    i = j;
  }
  return 0;
}

static const char *best_get(const best_table *t, const char *key) {
  size_t lo = 0, hi = t->n;
  while (lo < hi) {
    size_t mid = (lo + hi) / 2;
    int c = strcmp(t->key[mid], key);
    if (!c) return t->val[mid];
    if (c < 0) lo = mid + 1;
    else hi = mid;
  }
  return NULL;
}

static char *join3(const char *a, char sep1, const char *b, size_t blen, char sep2,
                   const char *c) {
  size_t al = strlen(a), cl = strlen(c);
  char *s = malloc(al + blen + cl + 3);
  if (!s) return NULL;
  memcpy(s, a, al);
  s[al] = sep1;
  memcpy(s + al + 1, b, blen);
  s[al + 1 + blen] = sep2;
  memcpy(s + al + 2 + blen, c, cl + 1);
  return s;
}

/* How many of the sorted "key\001value" strings are exactly key, value. */
static size_t type_count(char *const *p, size_t n, const char *key, const char *val) {
  char want[600];
  int wl = snprintf(want, sizeof want, "%s\001%s", key, val);
  if (wl < 0 || (size_t)wl >= sizeof want) return 0;
  size_t lo = 0, hi = n;
  while (lo < hi) {
    size_t mid = (lo + hi) / 2;
    if (strcmp(p[mid], want) < 0) lo = mid + 1;
    else hi = mid;
  }
  size_t c = 0;
  while (lo + c < n && !strcmp(p[lo + c], want)) c++;
  return c;
}

int dyad__lemma_learn(const char *const *form, const char *const *xpos,
                      const char *const *lemma, const unsigned char *no_rule, size_t n,
                      dyad__buf *rules,
                      dyad__buf *exceptions, size_t *nrules, size_t *nexc) {
  int err = 0;
  size_t np = 0, cap = n * (LEMMA_MAX_SUFFIX + 1) + 1;
  char **pairs = calloc(cap, sizeof *pairs);
  best_table rt = {0}, et = {0};
  const char **keys = NULL, **vals = NULL;
  if (!pairs) return -1;
  /* 1. Suffix rules. */
  for (size_t i = 0; i < n && !err; i++) {
    if (!strcmp(lemma[i], "_") || (no_rule && no_rule[i])) continue;
    char rule[300], low[256];
    derive_rule(form[i], lemma[i], rule, sizeof rule);
    size_t fl = lower_ascii(form[i], low, sizeof low);
    for (size_t k = 0; k <= LEMMA_MAX_SUFFIX && k <= fl; k++) {
      char *p = join3(xpos[i], '\t', low + fl - k, k, '\001', rule);
      if (!p) { err = 1; break; }
      pairs[np++] = p;
    }
  }
  if (!err && best_build(pairs, np, &rt)) err = 1;
  for (size_t i = 0; i < np; i++) free(pairs[i]);
  np = 0;
  /* The same pairs once per word type (form, XPOS, lemma): a rule is kept
   * only if two different words use it.  One word, however frequent
   * ("Nov" -> "November"), says nothing about others ("Lavrov"); the
   * exception map keeps that word. */
  char **types = calloc(n + 1, sizeof *types);
  size_t nt = 0, ntp = 0;
  if (!types) err = 1;
  for (size_t i = 0; i < n && !err; i++) {
    if (!strcmp(lemma[i], "_") || (no_rule && no_rule[i])) continue;
    char *ty = join3(form[i], '\002', xpos[i], strlen(xpos[i]), '\002', lemma[i]);
    if (!ty) err = 1;
    else types[nt++] = ty;
  }
  if (!err) qsort(types, nt, sizeof *types, cmp_str);
  char **tpairs = calloc(nt * (LEMMA_MAX_SUFFIX + 1) + 1, sizeof *tpairs);
  if (!tpairs) err = 1;
  for (size_t i = 0; i < nt && !err; i++) {
    if (i > 0 && !strcmp(types[i], types[i - 1])) continue;
    char f[256], x[64], l[256];
    const char *a = strchr(types[i], '\002'), *b = a ? strchr(a + 1, '\002') : NULL;
    if (!a || !b || (size_t)(a - types[i]) >= sizeof f || (size_t)(b - a - 1) >= sizeof x ||
        strlen(b + 1) >= sizeof l)
      continue;
    memcpy(f, types[i], (size_t)(a - types[i]));
    f[a - types[i]] = '\0';
    memcpy(x, a + 1, (size_t)(b - a - 1));
    x[b - a - 1] = '\0';
    memcpy(l, b + 1, strlen(b + 1) + 1);
    char rule[300], low[256];
    derive_rule(f, l, rule, sizeof rule);
    size_t fl = lower_ascii(f, low, sizeof low);
    for (size_t k = 1; k <= LEMMA_MAX_SUFFIX && k <= fl; k++) {
      char *p = join3(x, '\t', low + fl - k, k, '\001', rule);
      if (!p) { err = 1; break; }
      tpairs[ntp++] = p;
    }
  }
  for (size_t i = 0; i < nt; i++) free(types[i]);
  free(types);
  if (!err) qsort(tpairs, ntp, sizeof *tpairs, cmp_str);
  keys = calloc(rt.n + 1, sizeof *keys);
  vals = calloc(rt.n + 1, sizeof *vals);
  if (!keys || !vals) err = 1;
  size_t nk = 0;
  for (size_t i = 0; i < rt.n && !err; i++) {
    const char *tab = strchr(rt.key[i], '\t');
    size_t sl = strlen(tab + 1);
    /* A suffix seen once says nothing general; the exception map will
     * hold that word if the shorter suffix gets it wrong. */
    if (sl > 0 && rt.total[i] < 2) continue;
    if (sl > 0 && type_count(tpairs, ntp, rt.key[i], rt.val[i]) < 2) continue;
    if (sl > 0) {
      char parent[300];
      size_t pl = strlen(rt.key[i]) - 1;
      if (pl >= sizeof parent) continue;
      memcpy(parent, rt.key[i], pl);
      parent[pl] = '\0';
      /* the parent drops the first byte of the suffix */
      memmove(parent + (tab - rt.key[i]) + 1, tab + 2, sl - 1);
      parent[(tab - rt.key[i]) + sl] = '\0';
      const char *pr = best_get(&rt, parent);
      if (pr && !strcmp(pr, rt.val[i])) continue;
    }
    keys[nk] = rt.key[i];
    vals[nk] = rt.val[i];
    nk++;
  }
  if (!err && dyad__strmap_write(keys, vals, nk, rules)) err = 1;
  *nrules = nk;
  for (size_t i = 0; i < ntp; i++) free(tpairs[i]);
  free(tpairs);
  /* 2. Exceptions: the words the rules get wrong. */
  dyad_model tmp;
  memset(&tmp, 0, sizeof tmp);
  if (!err) {
    const unsigned char *p = (const unsigned char *)rules->data;
    uint32_t nslots, blen;
    memcpy(&nslots, p, 4);
    memcpy(&blen, p + 4, 4);
    tmp.lemrule.mask = nslots - 1;
    tmp.lemrule.slots = (const uint32_t *)(const void *)(p + 8);
    tmp.lemrule.blob = (const char *)p + 8 + (size_t)nslots * 8;
    tmp.lemrule.blob_len = blen;
  }
  for (size_t i = 0; i < n && !err; i++) {
    if (!strcmp(lemma[i], "_")) continue;
    char *p = join3(form[i], '\t', xpos[i], strlen(xpos[i]), '\001', lemma[i]);
    if (!p) { err = 1; break; }
    pairs[np++] = p;
  }
  if (!err && best_build(pairs, np, &et)) err = 1;
  for (size_t i = 0; i < np; i++) free(pairs[i]);
  free(pairs);
  free(keys);
  free(vals);
  keys = calloc(et.n + 1, sizeof *keys);
  vals = calloc(et.n + 1, sizeof *vals);
  if (!keys || !vals) err = 1;
  nk = 0;
  for (size_t i = 0; i < et.n && !err; i++) {
    char f[256], out[600];
    const char *tab = strchr(et.key[i], '\t');
    size_t fl = (size_t)(tab - et.key[i]);
    if (fl >= sizeof f) continue;
    memcpy(f, et.key[i], fl);
    f[fl] = '\0';
    dyad__lemmatize(&tmp, f, tab + 1, out, sizeof out);
    if (strcmp(out, et.val[i])) {
      keys[nk] = et.key[i];
      vals[nk] = et.val[i];
      nk++;
    }
  }
  if (!err && dyad__strmap_write(keys, vals, nk, exceptions)) err = 1;
  *nexc = nk;
  free(keys);
  free(vals);
  best_free(&rt);
  best_free(&et);
  return err ? -1 : 0;
}
