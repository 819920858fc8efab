/*
 * tagger.c -- greedy left-to-right averaged-perceptron tagger.
 *
 * UPOS and XPOS are predicted at each word from one feature vector: the
 * table's classes are the UPOS labels followed by the XPOS labels, and the
 * best of each range is taken.  Features follow Collins (2002) and
 * Ratnaparkhi (1996): the word, its affixes and shape, the words around
 * it, and the tags already given to the two words before.
 */
#include <string.h>

#include "model/hash.h"
#include "model/model.h"

/* Values for positions outside the sentence. */
#define H_BOS 0x6a09e667f3bcc908ull
#define H_EOS 0xbb67ae8584caa73bull

void dyad__words_prepare(dyad__word *w, const char *const *forms, uint32_t n) {
  for (uint32_t i = 0; i < n; i++) {
    const unsigned char *f = (const unsigned char *)forms[i];
    size_t len = strlen(forms[i]);
    unsigned char low[64], shape[16];
    size_t ll = len < sizeof low ? len : sizeof low;
    size_t sl = 0;
    uint8_t flags = 0;
    int alnum = 0, upper = 0, lower = 0;
    for (size_t k = 0; k < len; k++) {
      unsigned char c = f[k], s;
      if (c >= 'A' && c <= 'Z') { s = 'X'; upper++; alnum = 1; }
      else if (c >= 'a' && c <= 'z') { s = 'x'; lower++; alnum = 1; }
      else if (c >= '0' && c <= '9') { s = 'd'; flags |= DYAD__W_DIGIT; alnum = 1; }
      else if (c >= 0x80) { s = 'u'; alnum = 1; }
      else s = c;
      if (c == '-') flags |= DYAD__W_HYPHEN;
      if (k < ll) low[k] = (c >= 'A' && c <= 'Z') ? (unsigned char)(c + 32) : c;
      /* Runs collapse to one character so "1,234.56" and "12.5" share a
       * shape; 12 characters distinguish everything the tagger needs. */
      if (sl < 12 && (sl == 0 || shape[sl - 1] != s)) shape[sl++] = s;
    }
    if (upper) flags |= DYAD__W_UPPER;
    if (upper && !lower) flags |= DYAD__W_ALLUP;
    if (len && f[0] >= 'A' && f[0] <= 'Z') flags |= DYAD__W_FIRSTUP;
    if (!alnum) flags |= DYAD__W_NOALNUM;
    dyad__word *x = &w[i];
    x->raw = dyad__fnv64(f, len);
    /* Forms longer than 64 bytes are hashed whole in the raw form only. */
    x->low = ll == len ? dyad__fnv64(low, ll) : x->raw ^ 0x5555;
    x->shape = dyad__fnv64(shape, sl);
    for (size_t k = 0; k < 4; k++) {
      size_t m = k + 1 < ll ? k + 1 : ll;
      x->suf[k] = dyad__fnv64(low + ll - m, m) + k;
    }
    for (size_t k = 0; k < 3; k++) {
      size_t m = k + 1 < ll ? k + 1 : ll;
      x->pre[k] = dyad__fnv64(low, m) + 16 + k;
    }
    x->flags = flags;
    x->lemma_h = x->low;
  }
}

enum { NFEAT_TAG = 32 };

static size_t tag_features(const dyad__word *w, uint32_t n, uint32_t i, uint64_t p1u,
                           uint64_t p1x, uint64_t p2x, uint64_t *f) {
  size_t k = 0;
  const dyad__word *c = &w[i];
  uint64_t wm1 = i >= 1 ? w[i - 1].low : H_BOS, wm2 = i >= 2 ? w[i - 2].low : H_BOS;
  uint64_t wp1 = i + 1 < n ? w[i + 1].low : H_EOS, wp2 = i + 2 < n ? w[i + 2].low : H_EOS;
  uint64_t sm1 = i >= 1 ? w[i - 1].suf[2] : H_BOS, sp1 = i + 1 < n ? w[i + 1].suf[2] : H_EOS;
  uint64_t shp1 = i + 1 < n ? w[i + 1].shape : H_EOS;
  f[k++] = dyad__fkey1(0, 0);
  f[k++] = dyad__fkey1(1, c->low);
  f[k++] = dyad__fkey1(2, c->raw);
  for (uint32_t s = 0; s < 4; s++) f[k++] = dyad__fkey1(3 + s, c->suf[s]);
  for (uint32_t s = 0; s < 3; s++) f[k++] = dyad__fkey1(7 + s, c->pre[s]);
  f[k++] = dyad__fkey1(10, c->shape);
  f[k++] = dyad__fkey1(11, wm1);
  f[k++] = dyad__fkey1(12, wp1);
  f[k++] = dyad__fkey1(13, wm2);
  f[k++] = dyad__fkey1(14, wp2);
  f[k++] = dyad__fkey1(15, sm1);
  f[k++] = dyad__fkey1(16, sp1);
  f[k++] = dyad__fkey1(17, shp1);
  f[k++] = dyad__fkey1(18, p1u);
  f[k++] = dyad__fkey1(19, p1x);
  f[k++] = dyad__fkey2(20, p1x, p2x);
  f[k++] = dyad__fkey2(21, p1x, c->low);
  f[k++] = dyad__fkey2(22, wm1, c->low);
  f[k++] = dyad__fkey2(23, c->low, wp1);
  f[k++] = dyad__fkey2(24, (uint64_t)(i == 0), c->flags);
  f[k++] = dyad__fkey2(25, p1x, c->suf[2]);
  f[k++] = dyad__fkey2(26, wp1, wp2);
  f[k++] = dyad__fkey2(27, c->shape, wp1);
  f[k++] = dyad__fkey3(28, wm1, c->low, wp1);
  f[k++] = dyad__fkey2(29, p1x, wp1);
  return k;
}

/* UPOS is chosen after XPOS, with features of the XPOS just chosen: the
 * two tag sets then agree ("NNP" with "PROPN") unless the evidence for a
 * split (IN as ADP or SCONJ) is strong. */
static size_t upos_features(const dyad__word *w, uint32_t n, uint32_t i, uint64_t xh,
                            uint64_t p1u, uint64_t *f) {
  size_t k = 0;
  uint64_t wp1 = i + 1 < n ? w[i + 1].low : H_EOS;
  f[k++] = dyad__fkey1(40, xh);
  f[k++] = dyad__fkey2(41, xh, w[i].low);
  f[k++] = dyad__fkey2(42, xh, p1u);
  f[k++] = dyad__fkey2(43, xh, wp1);
  return k;
}

/* Second pass: the first pass's XPOS of the words to the right, which the
 * left-to-right pass could not see ("that" before a verb or a noun). */
static size_t right_features(const dyad__word *w, uint32_t n, uint32_t i,
                             const uint64_t *right, uint64_t p1x, uint64_t *f) {
  size_t k = 0;
  uint64_t r1 = i + 1 < n ? right[i + 1] : H_EOS, r2 = i + 2 < n ? right[i + 2] : H_EOS;
  f[k++] = dyad__fkey1(50, r1);
  f[k++] = dyad__fkey2(51, r1, r2);
  f[k++] = dyad__fkey2(52, r1, w[i].low);
  f[k++] = dyad__fkey2(53, p1x, r1);
  f[k++] = dyad__fkey2(54, right[i], r1);
  f[k++] = dyad__fkey1(55, right[i]);
  f[k++] = dyad__fkey2(56, r1, w[i].suf[2]);
  return k;
}

/* Decoding with a loaded table, the misses of two words overlapped.  A
 * word costs two rounds of table misses (slots, then their pairs) for its
 * XPOS features and two more for its UPOS features, each waiting on the
 * last.  Everything word i+1 needs but word i's UPOS (template 18, one of
 * 17 values, always in cache) is known once word i's XPOS is chosen, so
 * word i+1's features are looked up together with word i's UPOS features
 * and template 18 is added on its own afterwards: two rounds a word
 * instead of four (on the shared development machine the gain was within
 * the noise).  The weights are integers, their float sums exact, so the
 * scores are those of dyad__tag's loop to the bit, kept as integers
 * (dyad__pm_acc2). */
enum { TF_P1U = 18 }; /* index of template 18 in tag_features' output */

static size_t main_keys(const dyad__word *w, uint32_t n, uint32_t i, uint64_t p1x,
                        uint64_t p2x, const uint64_t *right, uint64_t *f) {
  size_t nf = tag_features(w, n, i, 0, p1x, p2x, f);
  f[TF_P1U] = f[--nf];
  if (right) nf += right_features(w, n, i, right, p1x, f + nf);
  return nf;
}

static void tag_decode(const dyad__scorer *sc, uint32_t nupos, const dyad__labels *upos,
                       const dyad__labels *xpos, dyad__word *w, uint32_t n,
                       const uint64_t *right) {
  const dyad__pmodel *pm = sc->pm;
  uint32_t nx = sc->nclasses - nupos;
  size_t bytes = pm->ncpad * sizeof(int32_t);
  uint64_t f[2 * (NFEAT_TAG + 16)];
  int32_t buf[2][2 * DYAD_MAX_LABELS + 10], extra[2 * DYAD_MAX_LABELS + 10];
  int cur = 0, have = 0; /* buf[cur] holds word i's scores but template 18 */
  for (uint32_t i = 0; i < n; i++) {
    if (sc->fixed && sc->fixed[i]) {
      dyad__word_set_tags(&w[i], upos, xpos, (sc->fixed[i] - 1) >> 16,
                          (sc->fixed[i] - 1) & 0xffff);
      have = 0;
      continue;
    }
    uint64_t p1u = i >= 1 ? w[i - 1].upos_h : H_BOS;
    uint64_t p1x = i >= 1 ? w[i - 1].xpos_h : H_BOS;
    uint64_t p2x = i >= 2 ? w[i - 2].xpos_h : H_BOS;
    int32_t *scores = buf[cur];
    if (!have) {
      size_t nf = main_keys(w, n, i, p1x, p2x, right, f);
      memset(scores, 0, bytes);
      dyad__pm_acc2(pm, f, nf, nf, scores, NULL);
    }
    uint64_t k18 = dyad__fkey1(18, p1u);
    dyad__pm_acc2(pm, &k18, 1, 1, scores, NULL);
    uint32_t bu = 0, bx = 0;
    for (uint32_t c = 1; c < nx; c++)
      if (scores[nupos + c] > scores[nupos + bx]) bx = c;
    size_t ne = upos_features(w, n, i, xpos->hash[bx], p1u, f);
    memset(extra, 0, bytes);
    if (i + 1 < n && !(sc->fixed && sc->fixed[i + 1])) {
      int32_t *next = buf[cur ^ 1];
      memset(next, 0, bytes);
      size_t nf = main_keys(w, n, i + 1, xpos->hash[bx], p1x, right, f + ne);
      dyad__pm_acc2(pm, f, ne + nf, ne, extra, next);
      have = 1;
    } else {
      dyad__pm_acc2(pm, f, ne, ne, extra, NULL);
      have = 0;
    }
    for (uint32_t c = 0; c < nupos; c++) scores[c] += extra[c];
    for (uint32_t c = 1; c < nupos; c++)
      if (scores[c] > scores[bu]) bu = c;
    w[i].upos = (uint16_t)bu;
    w[i].xpos = (uint16_t)bx;
    w[i].upos_h = upos->hash[bu];
    w[i].xpos_h = xpos->hash[bx];
    if (have) cur ^= 1;
  }
}

int dyad__tag(const dyad__scorer *sc, uint32_t nupos, const dyad__labels *upos,
              const dyad__labels *xpos, dyad__word *w, uint32_t n, const uint64_t *right,
              const uint16_t *gold_upos, const uint16_t *gold_xpos) {
  if (sc->pm && sc->pm->xs && !sc->pt) {
    tag_decode(sc, nupos, upos, xpos, w, n, right);
    return 0;
  }
  uint64_t f[NFEAT_TAG + 16];
  float scores[2 * DYAD_MAX_LABELS + 2], extra[2 * DYAD_MAX_LABELS + 2];
  int correct = 0;
  uint32_t nx = sc->nclasses - nupos;
  for (uint32_t i = 0; i < n; i++) {
    if (sc->fixed && sc->fixed[i]) {
      dyad__word_set_tags(&w[i], upos, xpos, (sc->fixed[i] - 1) >> 16,
                          (sc->fixed[i] - 1) & 0xffff);
      continue;
    }
    uint64_t p1u = i >= 1 ? w[i - 1].upos_h : H_BOS;
    uint64_t p1x = i >= 1 ? w[i - 1].xpos_h : H_BOS;
    uint64_t p2x = i >= 2 ? w[i - 2].xpos_h : H_BOS;
    size_t nf = tag_features(w, n, i, p1u, p1x, p2x, f);
    if (right) nf += right_features(w, n, i, right, p1x, f + nf);
    dyad__score(sc, f, nf, scores);
    uint32_t bu = 0, bx = 0;
    for (uint32_t c = 1; c < nx; c++)
      if (scores[nupos + c] > scores[nupos + bx]) bx = c;
    size_t ne = upos_features(w, n, i, xpos->hash[bx], p1u, f + nf);
    dyad__score(sc, f + nf, ne, extra);
    for (uint32_t c = 0; c < nupos; c++) scores[c] += extra[c];
    for (uint32_t c = 1; c < nupos; c++)
      if (scores[c] > scores[bu]) bu = c;
    if (sc->pt && gold_upos && gold_xpos) {
      if (dyad__pt_update(sc->pt, f, nf + ne, gold_upos[i], bu) ||
          dyad__pt_update(sc->pt, f, nf, nupos + gold_xpos[i], nupos + bx))
        return -1;
      dyad__pt_tick(sc->pt);
      correct += bx == gold_xpos[i];
    }
    w[i].upos = (uint16_t)bu;
    w[i].xpos = (uint16_t)bx;
    w[i].upos_h = upos->hash[bu];
    w[i].xpos_h = xpos->hash[bx];
  }
  return correct;
}
