/*
 * parser.c -- greedy arc-eager dependency parser (Nivre 2003) with a
 * dynamic oracle (Goldberg and Nivre 2012) and the rich non-local features
 * of Zhang and Nivre (2011): distance, valency, second-order children,
 * heads of heads, label sets.  ROOT sits at the end of the buffer
 * (Ballesteros and Nivre 2013), so a word is attached to ROOT only when
 * nothing to its right wants it.
 *
 *   stack | buffer ... ROOT     moves: SHIFT, REDUCE, LEFT, RIGHT
 *
 * The transition classifier is unlabeled (4 classes, cheap to score); a
 * second perceptron labels each arc the moment it is made, so labels are
 * available to later features.  When an arc is made the dependent's left
 * children are all known, which is what tells obj from obl (a "case"
 * child) or xcomp from ccomp (a "mark" child "to" or "that").
 */
#include <stdlib.h>
#include <string.h>

#include "model/hash.h"
#include "model/model.h"

#define H_NONE 0x3c6ef372fe94f82bull
#define H_ROOT 0xa54ff53a5f1d36f1ull
#define H_NOLABEL 0x510e527fade682d1ull

typedef struct {
  uint32_t n;
  int32_t *head;     /* [0..n] */
  int16_t *label;    /* [0..n], -1 none */
  int32_t *l1, *l2, *r1, *r2;
  uint8_t *nl, *nr, *onstack;
  uint64_t *lset, *rset;
  int32_t *stack;
  uint32_t sp, i; /* i: buffer front, n+1 = ROOT */
} pstate;

typedef struct pfast pfast;

typedef struct {
  const dyad__word *w;
  const dyad__labels *deprel;
  const pfast *fast; /* decoding with a dense table: partial sums, or NULL */
} pctx;

static uint64_t W(const pctx *c, int32_t x) {
  return x < 0 ? H_NONE : x == 0 ? H_ROOT : c->w[x].low;
}
static uint64_t P(const pctx *c, int32_t x) {
  return x < 0 ? H_NONE : x == 0 ? H_ROOT : c->w[x].xpos_h;
}
static uint64_t U(const pctx *c, int32_t x) {
  return x < 0 ? H_NONE : x == 0 ? H_ROOT : c->w[x].upos_h;
}
static uint64_t L(const pctx *c, const pstate *s, int32_t x) {
  if (x <= 0 || s->label[x] < 0) return H_NOLABEL;
  return c->deprel->hash[s->label[x]];
}
static int32_t child(const int32_t *a, int32_t x) { return x < 0 ? -1 : a[x]; }
static uint64_t bucket(int32_t d) {
  if (d <= 0) return 0;
  if (d <= 4) return (uint64_t)d;
  if (d <= 7) return 5;
  if (d <= 11) return 6;
  return 7;
}

enum { NFEAT_PARSE = 84, NFEAT_LABEL = 32 };

/* The transition templates.  Decoding with a loaded table computes the
 * same templates in groups (partial sums, below: pfast_init, pair_keys,
 * rest_keys, dyad__parse_prepare): a template changed here must be changed
 * there too, which a build with -DDYAD_CHECK_FAST verifies score by score. */
static size_t parse_features(const pctx *c, const pstate *s, uint64_t *f) {
  int32_t s0 = s->sp ? s->stack[s->sp - 1] : -1;
  int32_t s1 = s->sp > 1 ? s->stack[s->sp - 2] : -1;
  int32_t n0 = s->i <= s->n ? (int32_t)s->i : 0;
  int32_t n1 = s->i + 1 <= s->n ? (int32_t)s->i + 1 : s->i + 1 == s->n + 1 ? 0 : -1;
  int32_t n2 = s->i + 2 <= s->n ? (int32_t)s->i + 2 : s->i + 2 == s->n + 1 ? 0 : -1;
  int32_t s0h = s0 > 0 ? s->head[s0] : -1;
  int32_t s0h2 = s0h > 0 ? s->head[s0h] : -1;
  int32_t s0l = child(s->l1, s0), s0l2 = child(s->l2, s0);
  int32_t s0r = child(s->r1, s0), s0r2 = child(s->r2, s0);
  int32_t n0l = child(s->l1, n0), n0l2 = child(s->l2, n0);
  uint64_t s0w = W(c, s0), s0p = P(c, s0), n0w = W(c, n0), n0p = P(c, n0);
  uint64_t n1w = W(c, n1), n1p = P(c, n1), n2w = W(c, n2), n2p = P(c, n2);
  uint64_t s0wp = dyad__mix64(s0w ^ s0p), n0wp = dyad__mix64(n0w ^ n0p);
  uint64_t d = (s0 > 0 && n0 > 0) ? bucket(n0 - s0) : s0 < 0 ? 8 : 9;
  uint64_t vl0 = s0 >= 0 ? s->nl[s0] : 99, vr0 = s0 >= 0 ? s->nr[s0] : 99;
  uint64_t vln = s->nl[n0];
  uint64_t sl0 = s0 >= 0 ? s->lset[s0] : 1, sr0 = s0 >= 0 ? s->rset[s0] : 1;
  uint64_t sln = s->lset[n0];
  uint64_t s0lp = P(c, s0l), s0rp = P(c, s0r), n0lp = P(c, n0l), s0hp = P(c, s0h);
  size_t k = 0;
  f[k++] = dyad__fkey1(0, s0wp);
  f[k++] = dyad__fkey1(1, s0w);
  f[k++] = dyad__fkey1(2, s0p);
  f[k++] = dyad__fkey1(3, n0wp);
  f[k++] = dyad__fkey1(4, n0w);
  f[k++] = dyad__fkey1(5, n0p);
  f[k++] = dyad__fkey2(6, n1w, n1p);
  f[k++] = dyad__fkey1(7, n1w);
  f[k++] = dyad__fkey1(8, n1p);
  f[k++] = dyad__fkey2(9, n2w, n2p);
  f[k++] = dyad__fkey1(10, n2w);
  f[k++] = dyad__fkey1(11, n2p);
  f[k++] = dyad__fkey2(12, s0wp, n0wp);
  f[k++] = dyad__fkey2(13, s0wp, n0w);
  f[k++] = dyad__fkey2(14, s0w, n0wp);
  f[k++] = dyad__fkey2(15, s0wp, n0p);
  f[k++] = dyad__fkey2(16, s0p, n0wp);
  f[k++] = dyad__fkey2(17, s0w, n0w);
  f[k++] = dyad__fkey2(18, s0p, n0p);
  f[k++] = dyad__fkey2(19, n0p, n1p);
  f[k++] = dyad__fkey3(20, n0p, n1p, n2p);
  f[k++] = dyad__fkey3(21, s0p, n0p, n1p);
  f[k++] = dyad__fkey3(22, s0hp, s0p, n0p);
  f[k++] = dyad__fkey3(23, s0p, s0lp, n0p);
  f[k++] = dyad__fkey3(24, s0p, s0rp, n0p);
  f[k++] = dyad__fkey3(25, s0p, n0p, n0lp);
  f[k++] = dyad__fkey2(26, s0w, d);
  f[k++] = dyad__fkey2(27, s0p, d);
  f[k++] = dyad__fkey2(28, n0w, d);
  f[k++] = dyad__fkey2(29, n0p, d);
  f[k++] = dyad__fkey3(30, s0w, n0w, d);
  f[k++] = dyad__fkey3(31, s0p, n0p, d);
  f[k++] = dyad__fkey2(32, s0w, vr0);
  f[k++] = dyad__fkey2(33, s0p, vr0);
  f[k++] = dyad__fkey2(34, s0w, vl0);
  f[k++] = dyad__fkey2(35, s0p, vl0);
  f[k++] = dyad__fkey2(36, n0w, vln);
  f[k++] = dyad__fkey2(37, n0p, vln);
  f[k++] = dyad__fkey1(38, W(c, s0h));
  f[k++] = dyad__fkey1(39, s0hp);
  f[k++] = dyad__fkey1(40, L(c, s, s0));
  f[k++] = dyad__fkey1(41, W(c, s0l));
  f[k++] = dyad__fkey1(42, s0lp);
  f[k++] = dyad__fkey1(43, L(c, s, s0l));
  f[k++] = dyad__fkey1(44, W(c, s0r));
  f[k++] = dyad__fkey1(45, s0rp);
  f[k++] = dyad__fkey1(46, L(c, s, s0r));
  f[k++] = dyad__fkey1(47, W(c, n0l));
  f[k++] = dyad__fkey1(48, n0lp);
  f[k++] = dyad__fkey1(49, L(c, s, n0l));
  f[k++] = dyad__fkey1(50, W(c, s0h2));
  f[k++] = dyad__fkey1(51, P(c, s0h2));
  f[k++] = dyad__fkey1(52, L(c, s, s0h));
  f[k++] = dyad__fkey1(53, W(c, s0l2));
  f[k++] = dyad__fkey1(54, P(c, s0l2));
  f[k++] = dyad__fkey1(55, L(c, s, s0l2));
  f[k++] = dyad__fkey1(56, W(c, s0r2));
  f[k++] = dyad__fkey1(57, P(c, s0r2));
  f[k++] = dyad__fkey1(58, L(c, s, s0r2));
  f[k++] = dyad__fkey1(59, W(c, n0l2));
  f[k++] = dyad__fkey1(60, P(c, n0l2));
  f[k++] = dyad__fkey1(61, L(c, s, n0l2));
  f[k++] = dyad__fkey3(62, s0p, s0lp, P(c, s0l2));
  f[k++] = dyad__fkey3(63, s0p, s0rp, P(c, s0r2));
  f[k++] = dyad__fkey3(64, s0p, s0hp, P(c, s0h2));
  f[k++] = dyad__fkey3(65, n0p, n0lp, P(c, n0l2));
  f[k++] = dyad__fkey2(66, s0w, sr0);
  f[k++] = dyad__fkey2(67, s0p, sr0);
  f[k++] = dyad__fkey2(68, s0w, sl0);
  f[k++] = dyad__fkey2(69, s0p, sl0);
  f[k++] = dyad__fkey2(70, n0w, sln);
  f[k++] = dyad__fkey2(71, n0p, sln);
  f[k++] = dyad__fkey3(72, P(c, s1), s0p, n0p);
  f[k++] = dyad__fkey3(73, (uint64_t)(s0h >= 0), s0p, n0p);
  f[k++] = dyad__fkey3(74, U(c, s0), U(c, n0), U(c, n1));
  f[k++] = dyad__fkey3(75, s0wp, n0p, n1p);
  /* Coarse tags generalize where the 49 XPOS split the counts thin. */
  f[k++] = dyad__fkey3(76, U(c, s0), U(c, n0), d);
  f[k++] = dyad__fkey2(77, n0w, n1w);
  f[k++] = dyad__fkey3(78, W(c, s1), s0p, n0p);
  f[k++] = dyad__fkey3(79, s0p, n0p, (uint64_t)(s0h >= 0) * 16 + vl0 * 4 + vln);
  return k;
}

static size_t label_features(const pctx *c, const pstate *s, int32_t h, int32_t d,
                             uint64_t *f) {
  uint64_t dir = (uint64_t)(h > d) + 1;
  uint64_t dp = P(c, d), dw = W(c, d), hp = P(c, h), hw = W(c, h);
  int32_t dl = s->l1[d], dr = s->r1[d];
  uint64_t dist = bucket(h > d ? h - d : d - h) + dir * 16;
  int32_t dm1 = d > 1 ? d - 1 : -1, dp1 = d < (int32_t)s->n ? d + 1 : -1;
  size_t k = 0;
  f[k++] = dyad__fkey1(0, dp);
  f[k++] = dyad__fkey1(1, dw);
  f[k++] = dyad__fkey1(2, hp);
  f[k++] = dyad__fkey1(3, hw);
  f[k++] = dyad__fkey3(4, dp, hp, dir);
  f[k++] = dyad__fkey3(5, dw, hp, dir);
  f[k++] = dyad__fkey3(6, dp, hw, dir);
  f[k++] = dyad__fkey3(7, dw, hw, dir);
  f[k++] = dyad__fkey3(8, dp, hp, dist);
  f[k++] = dyad__fkey2(9, dp, s->lset[d]);
  f[k++] = dyad__fkey2(10, dp, s->rset[d]);
  f[k++] = dyad__fkey3(11, dp, s->lset[h], dir);
  f[k++] = dyad__fkey3(12, dp, s->rset[h], dir);
  f[k++] = dyad__fkey3(13, dp, hp, L(c, s, h));
  f[k++] = dyad__fkey2(14, dp, W(c, dl));
  f[k++] = dyad__fkey3(15, dp, P(c, dl), hp);
  f[k++] = dyad__fkey3(16, dp, P(c, dr), hp);
  f[k++] = dyad__fkey3(17, P(c, dm1), dp, hp);
  f[k++] = dyad__fkey3(18, dp, P(c, dp1), dir);
  f[k++] = dyad__fkey3(19, U(c, d), U(c, h), dir);
  f[k++] = dyad__fkey3(20, hp, W(c, dl), dir);
  f[k++] = dyad__fkey3(21, d > 0 ? c->w[d].suf[2] : H_NONE, hp, dir);
  f[k++] = dyad__fkey3(22, hw, dp, W(c, dl));
  f[k++] = dyad__fkey3(23, dp, hp, (uint64_t)s->nl[d] * 8 + s->nr[d]);
  f[k++] = dyad__fkey3(24, dw, L(c, s, h), dir);
  f[k++] = dyad__fkey3(25, dp, L(c, s, dl), dir);
  return k;
}

/* ---- Decoding with partial sums ----
 *
 * Most of the 80 transition templates read one or two positions only, and
 * a sentence has few positions: the templates of the buffer front (n0,
 * n1, n2: 12 of them) are summed once per buffer position, those of s0
 * alone (3) once per word, the word and tag of s0's head, grandhead and
 * children and of n0's children (16) once per word and role, the label
 * templates (8) once per label and role when the model is loaded
 * (dyad__parse_prepare).  A state then costs the lookups of the other 41
 * templates (pair_keys, rest_keys) plus a few vector additions instead of
 * 80 lookups; in a beam the 17 templates of the pair (s0, buffer front)
 * are memoized per sentence too, since items share those pairs.  The
 * weights are integers and their sums exact, so the scores are the same
 * to the bit as dyad__pd_score over parse_features (template numbers
 * below are parse_features'). */
typedef struct {
  int32_t v[DYAD__NMOVES];
} v4;

enum { NROLE = 8, NPAIR = 17, NREST = 24 };

/* Word/tag templates of the roles s0h, s0l, s0r, n0l, s0h2, s0l2, s0r2,
 * n0l2, and the label templates of s0, s0l, s0r, n0l, s0h, s0l2, s0r2,
 * n0l2. */
static const uint32_t role_w[NROLE] = {38, 41, 44, 47, 50, 53, 56, 59};
static const uint32_t role_l[NROLE] = {40, 43, 46, 49, 52, 55, 58, 61};

struct pfast {
  const dyad__pdense *pd;
  uint32_t n, nlab;
  v4 *ni;          /* [i], i in 1..n+1: templates 3-11, 19, 20, 77 */
  v4 *s0v;         /* [x+1], x in -1..n: templates 0-2 */
  v4 *role;        /* [r * (n+2) + x+1]: role_w[r] and role_w[r] + 1 */
  const int32_t *lab; /* [(r * (nlab+1) + l) * 4], l = label+1 or 0 */
  /* pair memo (beam): key (s0+1) * (n+2) + i, 0 = empty */
  uint32_t *pkey;
  v4 *pval;
  uint32_t pmask;
};

static void v4_add(int32_t *acc, const v4 *x) {
  for (int c = 0; c < DYAD__NMOVES; c++) acc[c] += x->v[c];
}

/* Sums the weights of ng groups of g keys each into out[0..ng). */
static void pd_groups(const dyad__pdense *pd, const uint64_t *k, size_t ng, size_t g, v4 *out) {
  const size_t chunk = 64;
  for (size_t j0 = 0; j0 < ng; j0 += chunk) {
    size_t nj = ng - j0 < chunk ? ng - j0 : chunk;
    dyad__pd_prefetch(pd, k + j0 * g, nj * g);
    for (size_t j = 0; j < nj; j++) {
      memset(&out[j0 + j], 0, sizeof out[0]);
      dyad__pd_add(pd, k + (j0 + j) * g, g, out[j0 + j].v);
    }
  }
}

int dyad__parse_prepare(dyad_model *m) {
  dyad__pdense *t[2] = {&m->parser, &m->parserb};
  uint32_t nl = m->deprel.n + 1;
  uint64_t *k = malloc((size_t)NROLE * nl * sizeof *k);
  if (!k) return -1;
  for (int q = 0; q < 2; q++) {
    if (!t[q]->nslots) continue;
    t[q]->pre = malloc((size_t)NROLE * nl * sizeof(v4));
    if (!t[q]->pre) {
      free(k);
      return -1;
    }
    for (uint32_t r = 0; r < NROLE; r++)
      for (uint32_t l = 0; l < nl; l++)
        k[r * nl + l] = dyad__fkey1(role_l[r], l ? m->deprel.hash[l - 1] : H_NOLABEL);
    pd_groups(t[q], k, (size_t)NROLE * nl, 1, (v4 *)(void *)t[q]->pre);
  }
  free(k);
  return 0;
}

static void pfast_free(pfast *p) {
  free(p->ni);
  free(p->pkey);
  free(p->pval);
}

/* The per-sentence sums; pair_memo: also the table of the pair memo,
 * sized for at most npairs pairs. */
static int pfast_init(pfast *p, const dyad_model *m, const dyad__pdense *pd, const pctx *c,
                      uint32_t n, size_t npairs) {
  memset(p, 0, sizeof *p);
  p->pd = pd;
  p->n = n;
  p->nlab = m->deprel.n;
  p->lab = pd->pre;
  size_t m2 = (size_t)n + 2;
  p->ni = malloc((m2 + m2 + NROLE * m2) * sizeof *p->ni);
  uint64_t *k = malloc(16 * m2 * sizeof *k);
  if (!p->ni || !k) {
    free(k);
    return -1;
  }
  p->s0v = p->ni + m2;
  p->role = p->s0v + m2;
  /* buffer fronts i = 1..n+1 (n+1: only ROOT left) */
  for (uint32_t i = 1; i <= n + 1; i++) {
    int32_t n0 = i <= n ? (int32_t)i : 0;
    int32_t n1 = i + 1 <= n ? (int32_t)i + 1 : i + 1 == n + 1 ? 0 : -1;
    int32_t n2 = i + 2 <= n ? (int32_t)i + 2 : i + 2 == n + 1 ? 0 : -1;
    uint64_t n0w = W(c, n0), n0p = P(c, n0), n1w = W(c, n1), n1p = P(c, n1);
    uint64_t n2w = W(c, n2), n2p = P(c, n2);
    uint64_t *f = k + (size_t)(i - 1) * 12;
    f[0] = dyad__fkey1(3, dyad__mix64(n0w ^ n0p));
    f[1] = dyad__fkey1(4, n0w);
    f[2] = dyad__fkey1(5, n0p);
    f[3] = dyad__fkey2(6, n1w, n1p);
    f[4] = dyad__fkey1(7, n1w);
    f[5] = dyad__fkey1(8, n1p);
    f[6] = dyad__fkey2(9, n2w, n2p);
    f[7] = dyad__fkey1(10, n2w);
    f[8] = dyad__fkey1(11, n2p);
    f[9] = dyad__fkey2(19, n0p, n1p);
    f[10] = dyad__fkey3(20, n0p, n1p, n2p);
    f[11] = dyad__fkey2(77, n0w, n1w);
  }
  pd_groups(pd, k, n + 1, 12, p->ni + 1);
  /* s0 = x, x in -1..n */
  for (size_t j = 0; j < m2; j++) {
    int32_t x = (int32_t)j - 1;
    uint64_t w = W(c, x), t = P(c, x);
    k[3 * j] = dyad__fkey1(0, dyad__mix64(w ^ t));
    k[3 * j + 1] = dyad__fkey1(1, w);
    k[3 * j + 2] = dyad__fkey1(2, t);
  }
  pd_groups(pd, k, m2, 3, p->s0v);
  /* roles */
  for (size_t j = 0; j < m2; j++) {
    int32_t x = (int32_t)j - 1;
    uint64_t w = W(c, x), t = P(c, x);
    for (uint32_t r = 0; r < NROLE; r++) {
      k[2 * (r * m2 + j)] = dyad__fkey1(role_w[r], w);
      k[2 * (r * m2 + j) + 1] = dyad__fkey1(role_w[r] + 1, t);
    }
  }
  pd_groups(pd, k, NROLE * m2, 2, p->role);
  free(k);
  if (npairs) {
    size_t sz = 64;
    while (sz < 2 * npairs) sz *= 2;
    p->pmask = (uint32_t)(sz - 1);
    p->pkey = calloc(sz, sizeof *p->pkey);
    p->pval = malloc(sz * sizeof *p->pval);
    if (!p->pkey || !p->pval) return -1;
  }
  return 0;
}

/* The templates of s0 and the buffer front together (s0 = -1 allowed). */
static size_t pair_keys(const pctx *c, int32_t s0, uint32_t i, uint32_t n, uint64_t *f) {
  int32_t n0 = i <= n ? (int32_t)i : 0;
  int32_t n1 = i + 1 <= n ? (int32_t)i + 1 : i + 1 == n + 1 ? 0 : -1;
  uint64_t s0w = W(c, s0), s0p = P(c, s0), n0w = W(c, n0), n0p = P(c, n0);
  uint64_t n1p = P(c, n1);
  uint64_t s0wp = dyad__mix64(s0w ^ s0p), n0wp = dyad__mix64(n0w ^ n0p);
  uint64_t d = (s0 > 0 && n0 > 0) ? bucket(n0 - s0) : s0 < 0 ? 8 : 9;
  size_t k = 0;
  f[k++] = dyad__fkey2(12, s0wp, n0wp);
  f[k++] = dyad__fkey2(13, s0wp, n0w);
  f[k++] = dyad__fkey2(14, s0w, n0wp);
  f[k++] = dyad__fkey2(15, s0wp, n0p);
  f[k++] = dyad__fkey2(16, s0p, n0wp);
  f[k++] = dyad__fkey2(17, s0w, n0w);
  f[k++] = dyad__fkey2(18, s0p, n0p);
  f[k++] = dyad__fkey3(21, s0p, n0p, n1p);
  f[k++] = dyad__fkey2(26, s0w, d);
  f[k++] = dyad__fkey2(27, s0p, d);
  f[k++] = dyad__fkey2(28, n0w, d);
  f[k++] = dyad__fkey2(29, n0p, d);
  f[k++] = dyad__fkey3(30, s0w, n0w, d);
  f[k++] = dyad__fkey3(31, s0p, n0p, d);
  f[k++] = dyad__fkey3(74, U(c, s0), U(c, n0), U(c, n1));
  f[k++] = dyad__fkey3(75, s0wp, n0p, n1p);
  f[k++] = dyad__fkey3(76, U(c, s0), U(c, n0), d);
  return k;
}

/* The templates that read more of the state. */
static size_t rest_keys(const pctx *c, const pstate *s, uint64_t *f) {
  int32_t s0 = s->sp ? s->stack[s->sp - 1] : -1;
  int32_t s1 = s->sp > 1 ? s->stack[s->sp - 2] : -1;
  int32_t n0 = s->i <= s->n ? (int32_t)s->i : 0;
  int32_t s0h = s0 > 0 ? s->head[s0] : -1;
  int32_t s0h2 = s0h > 0 ? s->head[s0h] : -1;
  int32_t s0l = child(s->l1, s0), s0l2 = child(s->l2, s0);
  int32_t s0r = child(s->r1, s0), s0r2 = child(s->r2, s0);
  int32_t n0l = child(s->l1, n0), n0l2 = child(s->l2, n0);
  uint64_t s0w = W(c, s0), s0p = P(c, s0), n0w = W(c, n0), n0p = P(c, n0);
  uint64_t vl0 = s0 >= 0 ? s->nl[s0] : 99, vr0 = s0 >= 0 ? s->nr[s0] : 99;
  uint64_t vln = s->nl[n0];
  uint64_t sl0 = s0 >= 0 ? s->lset[s0] : 1, sr0 = s0 >= 0 ? s->rset[s0] : 1;
  uint64_t sln = s->lset[n0];
  uint64_t s0lp = P(c, s0l), s0rp = P(c, s0r), n0lp = P(c, n0l), s0hp = P(c, s0h);
  size_t k = 0;
  f[k++] = dyad__fkey3(22, s0hp, s0p, n0p);
  f[k++] = dyad__fkey3(23, s0p, s0lp, n0p);
  f[k++] = dyad__fkey3(24, s0p, s0rp, n0p);
  f[k++] = dyad__fkey3(25, s0p, n0p, n0lp);
  f[k++] = dyad__fkey2(32, s0w, vr0);
  f[k++] = dyad__fkey2(33, s0p, vr0);
  f[k++] = dyad__fkey2(34, s0w, vl0);
  f[k++] = dyad__fkey2(35, s0p, vl0);
  f[k++] = dyad__fkey2(36, n0w, vln);
  f[k++] = dyad__fkey2(37, n0p, vln);
  f[k++] = dyad__fkey3(62, s0p, s0lp, P(c, s0l2));
  f[k++] = dyad__fkey3(63, s0p, s0rp, P(c, s0r2));
  f[k++] = dyad__fkey3(64, s0p, s0hp, P(c, s0h2));
  f[k++] = dyad__fkey3(65, n0p, n0lp, P(c, n0l2));
  f[k++] = dyad__fkey2(66, s0w, sr0);
  f[k++] = dyad__fkey2(67, s0p, sr0);
  f[k++] = dyad__fkey2(68, s0w, sl0);
  f[k++] = dyad__fkey2(69, s0p, sl0);
  f[k++] = dyad__fkey2(70, n0w, sln);
  f[k++] = dyad__fkey2(71, n0p, sln);
  f[k++] = dyad__fkey3(72, P(c, s1), s0p, n0p);
  f[k++] = dyad__fkey3(73, (uint64_t)(s0h >= 0), s0p, n0p);
  f[k++] = dyad__fkey3(78, W(c, s1), s0p, n0p);
  f[k++] = dyad__fkey3(79, s0p, n0p, (uint64_t)(s0h >= 0) * 16 + vl0 * 4 + vln);
  return k;
}

static uint32_t lab_idx(const pstate *s, int32_t x) {
  return x <= 0 || s->label[x] < 0 ? 0 : (uint32_t)s->label[x] + 1;
}

/* acc = the precomputed vectors of state s (everything but pair and rest). */
static void fast_base(const pfast *p, const pstate *s, int32_t *acc) {
  int32_t s0 = s->sp ? s->stack[s->sp - 1] : -1;
  int32_t n0 = s->i <= s->n ? (int32_t)s->i : 0;
  int32_t s0h = s0 > 0 ? s->head[s0] : -1;
  int32_t s0h2 = s0h > 0 ? s->head[s0h] : -1;
  int32_t pos[NROLE] = {s0h, child(s->l1, s0), child(s->r1, s0), child(s->l1, n0),
                        s0h2, child(s->l2, s0), child(s->r2, s0), child(s->l2, n0)};
  int32_t lpos[NROLE] = {s0, pos[1], pos[2], pos[3], s0h, pos[5], pos[6], pos[7]};
  size_t m2 = (size_t)p->n + 2, nl = (size_t)p->nlab + 1;
  memcpy(acc, p->ni[s->i].v, sizeof p->ni[0].v);
  v4_add(acc, &p->s0v[s0 + 1]);
  for (uint32_t r = 0; r < NROLE; r++) {
    v4_add(acc, &p->role[r * m2 + (size_t)(pos[r] + 1)]);
    const int32_t *l = p->lab + (r * nl + lab_idx(s, lpos[r])) * DYAD__NMOVES;
    for (int q = 0; q < DYAD__NMOVES; q++) acc[q] += l[q];
  }
}

/* Items of a beam often differ only deeper in the stack or in arcs no
 * template reads: what the templates read of a state is its key in a
 * per-sentence memo of whole score vectors (about 40% of the items of a
 * width-16 beam on Reuters are new).  Equal keys give equal features. */
enum { SKEY = 7 };

typedef struct {
  uint64_t k[SKEY]; /* k[0] never 0 (i >= 1) */
  v4 sc;
} sslot;

static uint64_t state_key(const pstate *s, uint64_t *k) {
  int32_t s0 = s->sp ? s->stack[s->sp - 1] : -1;
  int32_t s1 = s->sp > 1 ? s->stack[s->sp - 2] : -1;
  int32_t n0 = s->i <= s->n ? (int32_t)s->i : 0;
  int32_t s0h = s0 > 0 ? s->head[s0] : -1;
  int32_t s0h2 = s0h > 0 ? s->head[s0h] : -1;
  int32_t s0l = child(s->l1, s0), s0l2 = child(s->l2, s0);
  int32_t s0r = child(s->r1, s0), s0r2 = child(s->r2, s0);
  int32_t n0l = child(s->l1, n0), n0l2 = child(s->l2, n0);
#define K10(x) ((uint64_t)((x) + 1) & 1023)
  k[0] = (uint64_t)s->i | K10(s0) << 10 | K10(s1) << 20 | K10(s0h) << 30 | K10(s0h2) << 40 |
         K10(s0l) << 50;
  k[1] = K10(s0r) | K10(n0l) << 10 | K10(s0l2) << 20 | K10(s0r2) << 30 | K10(n0l2) << 40 |
         (uint64_t)(s0 >= 0 ? s->nl[s0] : 99) << 50;
  k[2] = (uint64_t)(s0 >= 0 ? s->nr[s0] : 99) | (uint64_t)s->nl[n0] << 8 |
         (uint64_t)lab_idx(s, s0) << 16 | (uint64_t)lab_idx(s, s0l) << 25 |
         (uint64_t)lab_idx(s, s0r) << 34 | (uint64_t)lab_idx(s, n0l) << 43 |
         (uint64_t)lab_idx(s, s0h) << 52;
  k[3] = (uint64_t)lab_idx(s, s0l2) | (uint64_t)lab_idx(s, s0r2) << 9 |
         (uint64_t)lab_idx(s, n0l2) << 18;
#undef K10
  k[4] = s0 >= 0 ? s->lset[s0] : 1;
  k[5] = s0 >= 0 ? s->rset[s0] : 1;
  k[6] = s->lset[n0];
  uint64_t h = 0;
  for (int q = 0; q < SKEY; q++) h = dyad__mix64(h ^ k[q]);
  return h;
}

#ifdef DYAD_CHECK_FAST
/* A build with -DDYAD_CHECK_FAST compares every score of the partial sums
 * with dyad__pd_score over parse_features, and aborts on a difference. */
static void check_fast(const dyad__scorer *parser, const pctx *c, const pstate *s,
                       const float *sc) {
  uint64_t g[NFEAT_PARSE];
  float full[DYAD__NMOVES];
  size_t ng = parse_features(c, s, g);
  dyad__score(parser, g, ng, full);
  if (memcmp(sc, full, sizeof full)) abort();
}
#define CHECK_FAST(p, c, s, sc) check_fast(p, c, s, sc)
#else
#define CHECK_FAST(p, c, s, sc) ((void)0)
#endif

/* All arrays of a state live in one block, so that a beam copies a state
 * with one memcpy. */
static size_t pstate_bytes(uint32_t n) {
  size_t m = (size_t)n + 2;
  return m * (2 * sizeof(uint64_t) + 6 * sizeof(int32_t) + sizeof(int16_t) + 3);
}

static int pstate_init(pstate *s, uint32_t n) {
  size_t m = (size_t)n + 2;
  memset(s, 0, sizeof *s);
  s->n = n;
  unsigned char *b = malloc(pstate_bytes(n));
  if (!b) return -1;
  /* widest first: every array stays aligned */
  s->lset = (uint64_t *)(void *)b; b += m * sizeof(uint64_t);
  s->rset = (uint64_t *)(void *)b; b += m * sizeof(uint64_t);
  s->head = (int32_t *)(void *)b; b += m * sizeof(int32_t);
  s->l1 = (int32_t *)(void *)b; b += m * sizeof(int32_t);
  s->l2 = (int32_t *)(void *)b; b += m * sizeof(int32_t);
  s->r1 = (int32_t *)(void *)b; b += m * sizeof(int32_t);
  s->r2 = (int32_t *)(void *)b; b += m * sizeof(int32_t);
  s->stack = (int32_t *)(void *)b; b += m * sizeof(int32_t);
  s->label = (int16_t *)(void *)b; b += m * sizeof(int16_t);
  s->nl = b; b += m;
  s->nr = b; b += m;
  s->onstack = b;
  memset(s->lset, 0, 2 * m * sizeof(uint64_t));
  memset(s->nl, 0, 3 * m);
  for (size_t k = 0; k < m; k++) {
    s->head[k] = -1;
    s->label[k] = -1;
    s->l1[k] = s->l2[k] = s->r1[k] = s->r2[k] = -1;
  }
  s->i = 1;
  return 0;
}

static void pstate_free(pstate *s) { free(s->lset); s->lset = NULL; }

/* dst = src; both made by pstate_init for the same n. */
static void pstate_copy(pstate *dst, const pstate *src) {
  memcpy(dst->lset, src->lset, pstate_bytes(src->n));
  dst->sp = src->sp;
  dst->i = src->i;
}

static int valid(const pstate *s, int move) {
  int32_t s0 = s->sp ? s->stack[s->sp - 1] : -1;
  switch (move) {
  case DYAD__SHIFT: return s->i <= s->n;
  case DYAD__RIGHT: return s0 >= 0 && s->i <= s->n;
  case DYAD__LEFT: return s0 >= 0 && s->head[s0] < 0;
  default: return s0 >= 0 && s->head[s0] >= 0;
  }
}

/* Gold arcs a move makes unreachable (Goldberg and Nivre 2012). */
static int cost(const pstate *s, int move, const int32_t *g) {
  int32_t s0 = s->sp ? s->stack[s->sp - 1] : -1;
  int32_t b0 = s->i <= s->n ? (int32_t)s->i : 0;
  int c = 0;
  switch (move) {
  case DYAD__SHIFT:
    for (uint32_t k = 0; k < s->sp; k++) {
      int32_t x = s->stack[k];
      c += g[b0] == x;
      c += g[x] == b0 && s->head[x] < 0;
    }
    return c;
  case DYAD__RIGHT: {
    int32_t gh = g[b0];
    if (gh != s0 && (gh == 0 || gh > b0 || s->onstack[gh])) c++;
    for (uint32_t k = 0; k < s->sp; k++) {
      int32_t x = s->stack[k];
      c += g[x] == b0 && s->head[x] < 0;
    }
    return c;
  }
  case DYAD__LEFT: {
    int32_t gh = g[s0];
    if (gh != b0 && ((gh == 0 && b0 != 0) || (gh > 0 && gh > b0 && b0 != 0))) c++;
    if (b0 != 0)
      for (uint32_t k = s->i; k <= s->n; k++) c += g[k] == s0;
    return c;
  }
  default:
    for (uint32_t k = s->i; k <= s->n; k++) c += g[k] == s0;
    return c;
  }
}

static void add_arc(pstate *s, int32_t h, int32_t d, int lab) {
  s->head[d] = h;
  s->label[d] = (int16_t)lab;
  uint64_t bit = 1ull << (lab & 63);
  if (d < h || h == 0) {
    /* left children arrive nearest first: the newest is the leftmost */
    s->l2[h] = s->l1[h];
    s->l1[h] = d;
    if (s->nl[h] < 255) s->nl[h]++;
    s->lset[h] |= bit;
  } else {
    s->r2[h] = s->r1[h];
    s->r1[h] = d;
    if (s->nr[h] < 255) s->nr[h]++;
    s->rset[h] |= bit;
  }
}

/* The labeler's best label but root for features f, or -1 if the table
 * has no decoding layout (then the caller scores as in training).  The
 * sums are integers, compared as their floats would be. */
static int label_best_int(const dyad_model *m, const dyad__scorer *lab, const uint64_t *f,
                          size_t nf) {
  if (lab->pt || !lab->pm || !lab->pm->xs) return -1;
  int32_t acc[DYAD_MAX_LABELS + 9];
  memset(acc, 0, lab->pm->ncpad * sizeof acc[0]);
  dyad__pm_acc2(lab->pm, f, nf, nf, acc, NULL);
  int best = -1;
  for (uint32_t k = 0; k < lab->nclasses; k++) {
    if ((int)k == m->root_label) continue;
    if (best < 0 || acc[k] > acc[best]) best = (int)k;
  }
  return best < 0 ? 0 : best;
}

/* Labels already chosen in this sentence, by a signature of the label
 * features: the items of a beam make the same arcs in the same contexts
 * over and over (a third of the time of a beam went to the labeler). */
typedef struct {
  uint64_t *sig; /* 0: empty */
  int16_t *lab;
  uint32_t mask;
} lcache;

static int choose_label_c(const dyad_model *m, const dyad__scorer *lab, const pctx *c,
                          pstate *s, int32_t h, int32_t d, const dyad__parse_gold *gold,
                          dyad__parse_train *tr, float *scores, lcache *lc) {
  if (h == 0 && m->root_label >= 0) return m->root_label;
  uint64_t f[NFEAT_LABEL];
  size_t nf = label_features(c, s, h, d, f);
  uint32_t slot = 0;
  uint64_t sig = 0;
  if (lc) {
    for (size_t k = 0; k < nf; k++) sig = dyad__mix64(sig ^ f[k]);
    sig |= 1;
    slot = (uint32_t)sig & lc->mask;
    while (lc->sig[slot]) {
      if (lc->sig[slot] == sig) return lc->lab[slot];
      slot = (slot + 1) & lc->mask;
    }
  }
  int best = tr ? -1 : label_best_int(m, lab, f, nf);
  if (best < 0) {
    dyad__score(lab, f, nf, scores);
    for (uint32_t k = 0; k < lab->nclasses; k++) {
      if ((int)k == m->root_label) continue;
      if (best < 0 || scores[k] > scores[best]) best = (int)k;
    }
    if (best < 0) best = 0;
  }
  if (tr && gold && gold->head[d] == h && lab->pt) {
    if (dyad__pt_update(lab->pt, f, nf, gold->label[d], (uint32_t)best)) return -1;
    dyad__pt_tick(lab->pt);
  }
  if (lc) {
    lc->sig[slot] = sig;
    lc->lab[slot] = (int16_t)best;
  }
  return best;
}

/* The same memo for decoding, keyed by what label_features reads of the
 * state instead of by the features themselves: equal keys give equal
 * features, so the label is the one the labeler would choose, and a hit
 * costs no feature hashing at all. */
typedef struct {
  uint64_t k[6]; /* k[0] 0: empty */
  int16_t lab;
} aslot;

typedef struct {
  aslot *t;
  uint32_t mask;
} amemo;

static int choose_label_a(const dyad_model *m, const dyad__scorer *lab, const pctx *c,
                          pstate *s, int32_t h, int32_t d, float *scores, amemo *am) {
  if (h == 0 && m->root_label >= 0) return m->root_label;
  int32_t dl = s->l1[d], dr = s->r1[d];
  int32_t lh = h > 0 ? s->label[h] : -1, ldl = dl > 0 ? s->label[dl] : -1;
  uint64_t k[6] = {(uint64_t)(h + 1) | (uint64_t)(d + 1) << 10 | (uint64_t)(dl + 1) << 20 |
                       (uint64_t)(dr + 1) << 30 | (uint64_t)(lh + 1) << 40 |
                       (uint64_t)(ldl + 1) << 49,
                   (uint64_t)s->nl[d] | (uint64_t)s->nr[d] << 8, s->lset[d], s->rset[d],
                   s->lset[h], s->rset[h]};
  uint64_t hs = 0;
  for (int q = 0; q < 6; q++) hs = dyad__mix64(hs ^ k[q]);
  uint32_t slot = (uint32_t)hs & am->mask;
  while (am->t[slot].k[0]) {
    if (!memcmp(am->t[slot].k, k, sizeof k)) return am->t[slot].lab;
    slot = (slot + 1) & am->mask;
  }
  uint64_t f[NFEAT_LABEL];
  size_t nf = label_features(c, s, h, d, f);
  int best = label_best_int(m, lab, f, nf);
  if (best < 0) {
    dyad__score(lab, f, nf, scores);
    for (uint32_t q = 0; q < lab->nclasses; q++) {
      if ((int)q == m->root_label) continue;
      if (best < 0 || scores[q] > scores[best]) best = (int)q;
    }
    if (best < 0) best = 0;
  }
  memcpy(am->t[slot].k, k, sizeof k);
  am->t[slot].lab = (int16_t)best;
  return best;
}

static int choose_label(const dyad_model *m, const dyad__scorer *lab, const pctx *c,
                        pstate *s, int32_t h, int32_t d, const dyad__parse_gold *gold,
                        dyad__parse_train *tr, float *scores) {
  return choose_label_c(m, lab, c, s, h, d, gold, tr, scores, NULL);
}

/* The head and dependent of an arc move in state s. */
static void arc_of(const pstate *s, int move, int32_t *h, int32_t *d) {
  int32_t s0 = s->sp ? s->stack[s->sp - 1] : -1;
  int32_t b0 = s->i <= s->n ? (int32_t)s->i : 0;
  if (move == DYAD__RIGHT) { *h = s0; *d = b0; }
  else { *h = b0; *d = s0; }
}

/* Applies a valid move; lab is the label of the arc, if the move makes one. */
static void apply(pstate *s, int move, int lab) {
  int32_t s0 = s->sp ? s->stack[s->sp - 1] : -1;
  int32_t b0 = s->i <= s->n ? (int32_t)s->i : 0;
  switch (move) {
  case DYAD__SHIFT:
    s->onstack[b0] = 1;
    s->stack[s->sp++] = b0;
    s->i++;
    break;
  case DYAD__RIGHT:
    add_arc(s, s0, b0, lab);
    s->onstack[b0] = 1;
    s->stack[s->sp++] = b0;
    s->i++;
    break;
  case DYAD__LEFT:
    add_arc(s, b0, s0, lab);
    s->onstack[s0] = 0;
    s->sp--;
    break;
  default:
    s->onstack[s0] = 0;
    s->sp--;
    break;
  }
}

/* One root: further words attached to ROOT hang from the first of them,
 * as parataxis (UD's relation for side-by-side clauses). */
static void finish(const dyad_model *m, pstate *s, int32_t *head, uint8_t *label) {
  uint32_t n = s->n;
  int32_t root = -1;
  for (uint32_t k = 1; k <= n && root < 0; k++)
    if (s->head[k] == 0) root = (int32_t)k;
  for (uint32_t k = 1; k <= n; k++) {
    if (s->head[k] == 0 && (int32_t)k != root) {
      int para = m->dep_label;
      for (uint32_t q = 0; q < m->deprel.n; q++)
        if (!strcmp(m->deprel.name[q], "parataxis")) para = (int)q;
      s->head[k] = root;
      s->label[k] = (int16_t)para;
    }
  }
  for (uint32_t k = 1; k <= n; k++) {
    head[k] = s->head[k];
    label[k] = (uint8_t)(s->label[k] >= 0 ? s->label[k] : m->dep_label);
  }
}

static int parse_greedy(const dyad_model *m, const dyad__scorer *parser,
                        const dyad__scorer *labeler, const dyad__word *w, uint32_t n,
                        int32_t *head, uint8_t *label, dyad__parse_train *tr,
                        const dyad__parse_gold *gold) {
  pstate s;
  float *scores = malloc((labeler->nclasses + DYAD__NMOVES) * sizeof *scores);
  if (pstate_init(&s, n) || !scores) {
    pstate_free(&s);
    free(scores);
    return -1;
  }
  pctx c = {w, &m->deprel, NULL};
  pfast pf;
  memset(&pf, 0, sizeof pf);
  if (!tr && parser->pd && parser->pd->pre) {
    if (pfast_init(&pf, m, parser->pd, &c, n, 0)) {
      pfast_free(&pf);
      pstate_free(&s);
      free(scores);
      return -1;
    }
    c.fast = &pf;
  }
  uint64_t f[NFEAT_PARSE];
  int rc = 0;
  while (s.sp || s.i <= n) {
    size_t nf;
    float sc[DYAD__NMOVES];
    if (c.fast) {
      int32_t s0 = s.sp ? s.stack[s.sp - 1] : -1, acc[DYAD__NMOVES];
      nf = pair_keys(&c, s0, s.i, n, f);
      nf += rest_keys(&c, &s, f + nf);
      dyad__pd_prefetch(pf.pd, f, nf);
      fast_base(&pf, &s, acc);
      dyad__pd_add(pf.pd, f, nf, acc);
      for (int mv = 0; mv < DYAD__NMOVES; mv++) sc[mv] = (float)acc[mv];
      CHECK_FAST(parser, &c, &s, sc);
    } else {
      nf = parse_features(&c, &s, f);
      dyad__score(parser, f, nf, sc);
    }
    int pred = -1;
    for (int mv = 0; mv < DYAD__NMOVES; mv++)
      if (valid(&s, mv) && (pred < 0 || sc[mv] > sc[pred])) pred = mv;
    int move = pred;
    if (tr && gold) {
      int cs[DYAD__NMOVES], best = 1 << 30, g = -1;
      for (int mv = 0; mv < DYAD__NMOVES; mv++) {
        cs[mv] = valid(&s, mv) ? cost(&s, mv, gold->head) : 1 << 30;
        if (cs[mv] < best) best = cs[mv];
      }
      for (int mv = 0; mv < DYAD__NMOVES; mv++)
        if (cs[mv] == best && (g < 0 || sc[mv] > sc[g])) g = mv;
      tr->moves++;
      if (cs[pred] > best) {
        tr->errors++;
        if (dyad__pt_update(tr->parser, f, nf, (uint32_t)g, (uint32_t)pred)) {
          rc = -1;
          break;
        }
      }
      dyad__pt_tick(tr->parser);
      /* Exploration: follow the model's own (possibly wrong) move 9 times
       * in 10, so training sees the states its errors lead to. */
      move = (tr->explore && dyad__rand(tr->rng) % 10 != 0) ? pred : g;
    }
    int lab = -1;
    if (move == DYAD__LEFT || move == DYAD__RIGHT) {
      int32_t h, d;
      arc_of(&s, move, &h, &d);
      lab = choose_label(m, labeler, &c, &s, h, d, gold, tr, scores);
      if (lab < 0) { rc = -1; break; }
    }
    apply(&s, move, lab);
  }
  if (!rc) finish(m, &s, head, label);
  pfast_free(&pf);
  pstate_free(&s);
  free(scores);
  return rc;
}

/* ---- Beam search with global training (Zhang and Clark 2008; Zhang and
 * Nivre 2011), max-violation updates (Huang, Fayong and Guo 2012). ----
 *
 * Every sequence of moves has 2n moves (each word is pushed once and
 * popped once), so all items of the beam finish together.  An item is
 * its state plus a step record (score, parent item, move, label); the
 * records of all steps are kept so that any item's moves can be traced
 * back for an update.  Labels come from the labeler when an item makes an
 * arc; they are not part of the score. */
typedef struct {
  double score;
  int32_t parent;
  int16_t label;
  uint8_t move, gold;
} bstep;

typedef struct {
  double score;
  int32_t parent;
  int32_t move;
} bcand;

/* The gold move sequence: at each state the cheapest move (dynamic-oracle
 * cost), ties broken LEFT, RIGHT, REDUCE, SHIFT.  For a non-projective tree
 * this is one of the best reachable trees. */
static int gold_moves(pstate *s, const int32_t *g, uint8_t *gm) {
  /* REDUCE before SHIFT ("eager"): SHIFT first was 0.2 UAS worse. */
  static const int pri[DYAD__NMOVES] = {DYAD__LEFT, DYAD__RIGHT, DYAD__REDUCE, DYAD__SHIFT};
  uint32_t t = 0;
  while (s->sp || s->i <= s->n) {
    int best = -1, bc = 1 << 30;
    for (int k = 0; k < DYAD__NMOVES; k++) {
      int mv = pri[k];
      if (!valid(s, mv)) continue;
      int cst = cost(s, mv, g);
      if (cst < bc) { bc = cst; best = mv; }
    }
    gm[t++] = (uint8_t)best;
    apply(s, best, 0);
  }
  return (int)t;
}

static int parse_beam(const dyad_model *m, const dyad__scorer *parser,
                      const dyad__scorer *labeler, const dyad__word *w, uint32_t n,
                      int32_t *head, uint8_t *label, uint32_t B, dyad__parse_train *tr,
                      const dyad__parse_gold *gold) {
  uint32_t T = 2 * n;
  int train = tr && gold;
  pctx c = {w, &m->deprel, NULL};
  pfast pf;
  memset(&pf, 0, sizeof pf);
  uint32_t *pslot = NULL; /* per item: its pair's slot in the memo */
  uint32_t *pnew = NULL;  /* slots of the pairs new in this step */
  amemo am = {NULL, 0};
  struct {
    sslot *t;
    uint32_t mask;
  } sm = {NULL, 0};       /* score memo */
  uint32_t *sslotb = NULL; /* per item: its slot in the score memo */
  uint8_t *sown = NULL;    /* per item: 1 if it fills that slot */
  pstate *cur = calloc(B, sizeof *cur), *nxt = calloc(B, sizeof *nxt);
  pstate gs, ps;
  memset(&gs, 0, sizeof gs);
  memset(&ps, 0, sizeof ps);
  bstep *hist = malloc(((size_t)T + 1) * B * sizeof *hist);
  bcand *top = malloc(((size_t)B + 1) * sizeof *top);
  float *scores = malloc((labeler->nclasses + DYAD__NMOVES) * sizeof *scores);
  uint8_t *gm = train ? malloc((size_t)T * 3 + 3) : NULL;
  int16_t *gl = train ? malloc(((size_t)T + 1) * 2 * sizeof *gl) : NULL;
  uint64_t *fb = malloc((size_t)B * NFEAT_PARSE * sizeof *fb);
  size_t *nfb = malloc(B * sizeof *nfb);
  /* at most T * B + T labels are chosen: a table of twice that never fills */
  lcache lc = {NULL, NULL, 0};
  int fast = !train && parser->pd && parser->pd->pre;
  if (!fast) {
    size_t want = 2 * ((size_t)T + 1) * (B + 1), sz = 64;
    while (sz < want) sz *= 2;
    lc.mask = (uint32_t)(sz - 1);
    lc.sig = calloc(sz, sizeof *lc.sig);
    lc.lab = malloc(sz * sizeof *lc.lab);
  }
  int rc = -1;
  if ((!fast && (!lc.sig || !lc.lab)) || !fb || !nfb || !cur || !nxt || !hist || !top || !scores || (train && (!gm || !gl))) goto out;
  if (fast) {
    size_t np = ((size_t)n + 2) * ((size_t)n + 1), nt = (size_t)T * B + 1;
    pslot = malloc(B * sizeof *pslot);
    pnew = malloc(B * sizeof *pnew);
    if (!pslot || !pnew || pfast_init(&pf, m, parser->pd, &c, n, np < nt ? np : nt)) goto out;
    c.fast = &pf;
    /* Each step adds at most B states and B labels: T * B + 1 slots never
     * fill (about 40% of the items are new states, a third make arcs). */
    size_t sz = 64;
    while (sz < nt) sz *= 2;
    am.mask = sm.mask = (uint32_t)(sz - 1);
    am.t = calloc(sz, sizeof *am.t);
    sm.t = calloc(sz, sizeof *sm.t);
    sslotb = malloc(B * sizeof *sslotb);
    sown = malloc(B);
    if (!am.t || !sm.t || !sslotb || !sown) goto out;
  }
  for (uint32_t b = 0; b < B; b++)
    if (pstate_init(&cur[b], n) || pstate_init(&nxt[b], n)) goto out;
  uint64_t f[NFEAT_PARSE];
  float sc[DYAD__NMOVES];
  if (train) {
    if (pstate_init(&gs, n) || pstate_init(&ps, n)) goto out;
    if (gold_moves(&gs, gold->head, gm) != (int)T) goto out;
    pstate_free(&gs);
    if (pstate_init(&gs, n)) goto out;
  }
  uint8_t *pm = gm ? gm + T + 1 : NULL; /* predicted moves, for the update */
  int16_t *pl = gl ? gl + T + 1 : NULL;
  hist[0] = (bstep){0, -1, -1, 0, 1};
  uint32_t nb = 1;
  double gscore = 0, maxv = -1;
  uint32_t kstar = 0;
  for (uint32_t t = 0; t < T; t++) {
    const bstep *prev = hist + (size_t)t * B;
    bstep *next = hist + (size_t)(t + 1) * B;
    uint32_t ntop = 0;
    /* All items' features first, and their slots prefetched, so that the
     * table misses of the whole beam overlap. */
    uint32_t nnew = 0;
    if (c.fast) {
      /* Every item's remaining keys, and the keys of the pairs (s0,
       * buffer front) not seen yet in this sentence, at the end of the
       * item's row; all prefetched before any is probed. */
      for (uint32_t b = 0; b < nb; b++) {
        const pstate *x = &cur[b];
        uint64_t *row = fb + (size_t)b * NFEAT_PARSE;
        uint64_t sk[SKEY];
        uint32_t z = (uint32_t)state_key(x, sk) & sm.mask;
        while (sm.t[z].k[0] && memcmp(sm.t[z].k, sk, sizeof sk)) z = (z + 1) & sm.mask;
        sslotb[b] = z;
        sown[b] = !sm.t[z].k[0];
        if (!sown[b]) continue; /* scored already, or by an item before b */
        memcpy(sm.t[z].k, sk, sizeof sk);
        int32_t s0 = x->sp ? x->stack[x->sp - 1] : -1;
        uint32_t key = (uint32_t)(s0 + 1) * (n + 2) + x->i;
        uint32_t q = (uint32_t)dyad__mix64(key) & pf.pmask;
        while (pf.pkey[q] && pf.pkey[q] != key) q = (q + 1) & pf.pmask;
        nfb[b] = rest_keys(&c, x, row);
        if (!pf.pkey[q]) {
          pf.pkey[q] = key;
          pnew[nnew++] = b;
          size_t np = pair_keys(&c, s0, x->i, n, row + NREST);
          dyad__pd_prefetch(pf.pd, row + NREST, np);
        }
        pslot[b] = q;
        dyad__pd_prefetch(pf.pd, row, nfb[b]);
      }
      for (uint32_t j = 0; j < nnew; j++) {
        uint32_t b = pnew[j];
        memset(&pf.pval[pslot[b]], 0, sizeof pf.pval[0]);
        dyad__pd_add(pf.pd, fb + (size_t)b * NFEAT_PARSE + NREST, NPAIR, pf.pval[pslot[b]].v);
      }
    } else {
      for (uint32_t b = 0; b < nb; b++) {
        nfb[b] = parse_features(&c, &cur[b], fb + (size_t)b * NFEAT_PARSE);
#if defined(__GNUC__)
        if (parser->pd)
          for (size_t q = 0; q < nfb[b]; q++)
            __builtin_prefetch(&parser->pd->slots[dyad__phome(fb[(size_t)b * NFEAT_PARSE + q],
                                                              parser->pd->nslots)]);
#endif
      }
    }
    for (uint32_t b = 0; b < nb; b++) {
      if (c.fast) {
        int32_t acc[DYAD__NMOVES];
        v4 *memo = &sm.t[sslotb[b]].sc;
        if (sown[b]) {
          fast_base(&pf, &cur[b], acc);
          v4_add(acc, &pf.pval[pslot[b]]);
          dyad__pd_add(pf.pd, fb + (size_t)b * NFEAT_PARSE, nfb[b], acc);
          memcpy(memo->v, acc, sizeof acc);
        } else {
          memcpy(acc, memo->v, sizeof acc);
        }
        for (int mv = 0; mv < DYAD__NMOVES; mv++) sc[mv] = (float)acc[mv];
        CHECK_FAST(parser, &c, &cur[b], sc);
      } else {
        dyad__score(parser, fb + (size_t)b * NFEAT_PARSE, nfb[b], sc);
      }
      for (int mv = 0; mv < DYAD__NMOVES; mv++) {
        if (!valid(&cur[b], mv)) continue;
        double v = prev[b].score + sc[mv];
        /* insertion into the sorted top B; ties keep the earlier candidate */
        uint32_t k = ntop;
        while (k > 0 && top[k - 1].score < v) k--;
        if (k >= B) continue;
        uint32_t last = ntop < B ? ntop : B - 1;
        memmove(top + k + 1, top + k, (last - k) * sizeof *top);
        top[k] = (bcand){v, (int32_t)b, mv};
        if (ntop < B) ntop++;
      }
    }
    for (uint32_t k = 0; k < ntop; k++) {
      pstate *x = &nxt[k];
      int mv = top[k].move;
      pstate_copy(x, &cur[top[k].parent]);
      int lab = -1;
      if (mv == DYAD__LEFT || mv == DYAD__RIGHT) {
        int32_t h, d;
        arc_of(x, mv, &h, &d);
        lab = c.fast ? choose_label_a(m, labeler, &c, x, h, d, scores, &am)
                     : choose_label_c(m, labeler, &c, x, h, d, NULL, NULL, scores, &lc);
      }
      apply(x, mv, lab);
      next[k] = (bstep){top[k].score, top[k].parent, (int16_t)lab, (uint8_t)mv,
                        (uint8_t)(train && prev[top[k].parent].gold && mv == gm[t])};
    }
    pstate *tmp = cur;
    cur = nxt;
    nxt = tmp;
    nb = ntop;
    if (train) {
      size_t nf = parse_features(&c, &gs, f);
      dyad__score(parser, f, nf, sc);
      gscore += sc[gm[t]];
      int lab = -1;
      if (gm[t] == DYAD__LEFT || gm[t] == DYAD__RIGHT) {
        int32_t h, d;
        arc_of(&gs, gm[t], &h, &d);
        lab = choose_label_c(m, labeler, &c, &gs, h, d, NULL, NULL, scores, &lc);
      }
      gl[t] = (int16_t)lab;
      apply(&gs, gm[t], lab);
      if (!next[0].gold && next[0].score - gscore > maxv) {
        maxv = next[0].score - gscore;
        kstar = t + 1;
      }
    }
  }
  finish(m, &cur[0], head, label);
  if (train) {
    tr->moves++;
    if (!hist[(size_t)T * B].gold && kstar > 0) {
      /* Max-violation update: + the gold prefix, - the best item's prefix,
       * from the first move where they part. */
      tr->errors++;
      uint32_t idx = 0;
      for (uint32_t t = kstar; t > 0; t--) {
        const bstep *st = hist + (size_t)t * B + idx;
        pm[t - 1] = st->move;
        pl[t - 1] = st->label;
        idx = (uint32_t)st->parent;
      }
      uint32_t d0 = 0;
      while (d0 < kstar && pm[d0] == gm[d0] && pl[d0] == gl[d0]) d0++;
      pstate_free(&gs);
      if (pstate_init(&gs, n)) goto out;
      for (uint32_t t = 0; t < d0; t++) apply(&gs, gm[t], gl[t]);
      pstate_copy(&ps, &gs);
      for (uint32_t t = d0; t < kstar; t++) {
        size_t nf = parse_features(&c, &gs, f);
        if (dyad__pt_add(tr->parser, f, nf, gm[t], 1.0f)) goto out;
        apply(&gs, gm[t], gl[t]);
        nf = parse_features(&c, &ps, f);
        if (dyad__pt_add(tr->parser, f, nf, pm[t], -1.0f)) goto out;
        apply(&ps, pm[t], pl[t]);
      }
    }
    dyad__pt_tick(tr->parser);
    /* The labeler learns along the gold moves. */
    const uint8_t *lm = gm; /* (the predicted path instead: -0.5 UAS) */
    pstate_free(&gs);
    if (pstate_init(&gs, n)) goto out;
    for (uint32_t t = 0; t < T; t++) {
      int lab = -1;
      if (lm[t] == DYAD__LEFT || lm[t] == DYAD__RIGHT) {
        int32_t h, d;
        arc_of(&gs, lm[t], &h, &d);
        lab = choose_label(m, labeler, &c, &gs, h, d, gold, tr, scores);
        if (lab < 0) goto out;
      }
      apply(&gs, lm[t], lab);
    }
  }
  rc = 0;
out:
  for (uint32_t b = 0; b < B; b++) {
    if (cur) pstate_free(&cur[b]);
    if (nxt) pstate_free(&nxt[b]);
  }
  pstate_free(&gs);
  pstate_free(&ps);
  free(cur);
  free(nxt);
  free(hist);
  free(top);
  free(scores);
  free(gm);
  free(gl);
  free(fb);
  free(nfb);
  free(lc.sig);
  free(lc.lab);
  free(pslot);
  free(pnew);
  free(am.t);
  free(sm.t);
  free(sslotb);
  free(sown);
  pfast_free(&pf);
  return rc;
}

int dyad__parse(const dyad_model *m, const dyad__scorer *parser,
                const dyad__scorer *labeler, const dyad__word *w, uint32_t n,
                int32_t *head, uint8_t *label, uint32_t beam, dyad__parse_train *tr,
                const dyad__parse_gold *gold) {
  if (n == 0) return 0;
  if (beam <= 1) return parse_greedy(m, parser, labeler, w, n, head, label, tr, gold);
  return parse_beam(m, parser, labeler, w, n, head, label, beam, tr, gold);
}
