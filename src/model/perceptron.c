#include "model/perceptron.h"

#include <stdlib.h>
#include <string.h>

#include "util/buf.h"
#include "util/limits.h"

/* Memory-bound: a sentence touches a few hundred random slots of a table
 * of megabytes.  So the lookups go in three passes that let the misses
 * overlap: prefetch every home slot, then probe and prefetch every pair
 * run, then add.  Measured on EWT train (whole pipeline): 3.10 s -> 2.24 s
 * against probing and adding feature by feature. */
#define PM_BATCH 128

int dyad__pm_prepare(dyad__pmodel *m) {
  if (m->npairs >= (1u << 24) || m->nclasses > 2 * DYAD_MAX_LABELS + 2) return 0;
  uint32_t heavy = 0;
  for (uint32_t s = 0; s < m->nslots; s++)
    heavy += m->slots[s].tag && m->slots[s + 1].off - m->slots[s].off >= DYAD__PM_DENSE;
  m->ncpad = (m->nclasses + 7) & ~7u;
  m->xs = malloc((size_t)m->nslots * 2 * sizeof *m->xs);
  m->dense = calloc((size_t)heavy * m->ncpad + 1, sizeof *m->dense);
  if (!m->xs || !m->dense) {
    dyad__pm_release(m);
    return -1;
  }
  uint32_t h = 0;
  for (uint32_t s = 0; s < m->nslots; s++) {
    uint32_t off = m->slots[s].off, cnt = m->slots[s + 1].off - off;
    m->xs[2 * s] = m->slots[s].tag;
    int dense = m->slots[s].tag && cnt >= DYAD__PM_DENSE;
    if (dense) {
      /* A class given twice (never written so, but possible in a damaged
       * file) keeps its pairs: a row holds one weight per class. */
      uint8_t seen[2 * DYAD_MAX_LABELS + 2] = {0};
      for (uint32_t j = off; j < off + cnt && dense; j++)
        dense = !seen[m->pairs[j].cls]++;
    }
    if (dense) {
      int16_t *row = m->dense + (size_t)h * m->ncpad;
      for (uint32_t j = off; j < off + cnt; j++) row[m->pairs[j].cls] = m->pairs[j].w;
      m->xs[2 * s + 1] = h++ << 8 | 255u;
    } else if (cnt < 255) {
      m->xs[2 * s + 1] = off << 8 | cnt;
    } else {
      dyad__pm_release(m); /* decoding keeps the file layout */
      return 0;
    }
  }
  return 0;
}

void dyad__pm_release(dyad__pmodel *m) {
  free(m->xs);
  free(m->dense);
  m->xs = NULL;
  m->dense = NULL;
}

/* Adds a dense row of n (a multiple of 8) 16-bit weights to acc. */
static void add_row(int32_t *acc, const int16_t *row, uint32_t n) {
#if defined(__GNUC__)
  typedef int16_t v8h __attribute__((vector_size(16)));
  typedef int32_t v8i __attribute__((vector_size(32)));
  for (uint32_t c = 0; c < n; c += 8) {
    v8h x;
    v8i a;
    memcpy(&x, row + c, sizeof x);
    memcpy(&a, acc + c, sizeof a);
    a += __builtin_convertvector(x, v8i);
    memcpy(acc + c, &a, sizeof a);
  }
#else
  for (uint32_t c = 0; c < n; c++) acc[c] += row[c];
#endif
}

void dyad__pm_acc2(const dyad__pmodel *m, const uint64_t *feats, size_t n, size_t split,
                   int32_t *acc, int32_t *acc2) {
  const void *run[PM_BATCH];
  uint32_t cnt[PM_BATCH];
  uint32_t nc = m->ncpad;
  for (size_t base = 0; base < n; base += PM_BATCH) {
    size_t nb = n - base < PM_BATCH ? n - base : PM_BATCH;
    const uint64_t *f = feats + base;
#if defined(__GNUC__)
    for (size_t i = 0; i < nb; i++) __builtin_prefetch(&m->xs[2 * (size_t)dyad__phome(f[i], m->nslots)]);
#endif
    for (size_t i = 0; i < nb; i++) {
      uint32_t tag = dyad__ptag(f[i]);
      uint32_t s = dyad__phome(f[i], m->nslots);
      cnt[i] = 0;
      for (;;) {
        const uint32_t *sl = &m->xs[2 * (size_t)s];
        if (sl[0] == tag) {
          cnt[i] = sl[1] & 255;
          run[i] = cnt[i] == 255 ? (const void *)(m->dense + (size_t)(sl[1] >> 8) * nc)
                                 : (const void *)(m->pairs + (sl[1] >> 8));
#if defined(__GNUC__)
          __builtin_prefetch(run[i]);
          if (cnt[i] == 255) __builtin_prefetch((const char *)run[i] + 64);
#endif
          break;
        }
        if (sl[0] == 0) break;
        s = s + 1 == m->nslots ? 0 : s + 1;
      }
    }
    for (size_t i = 0; i < nb; i++) {
      int32_t *a = base + i < split ? acc : acc2;
      if (cnt[i] == 255) {
        add_row(a, run[i], nc);
      } else {
        const dyad__ppair *p = run[i];
        for (uint32_t j = 0; j < cnt[i]; j++) a[p[j].cls] += p[j].w;
      }
    }
  }
}

/* dyad__pm_score2 on the decoding layout: integer sums, added to the float
 * scores at the end.  They are exact (16-bit weights, at most a few
 * hundred features), so the floats are those of adding weight by weight. */
static void pm_score_x(const dyad__pmodel *m, const uint64_t *feats, size_t n, size_t split,
                       float *scores, float *scores2) {
  int32_t acc[2][2 * DYAD_MAX_LABELS + 10];
  uint32_t nc = m->ncpad;
  memset(acc[0], 0, nc * sizeof acc[0][0]);
  if (split < n) memset(acc[1], 0, nc * sizeof acc[1][0]);
  dyad__pm_acc2(m, feats, n, split, acc[0], acc[1]);
  for (uint32_t c = 0; c < m->nclasses; c++) scores[c] += (float)acc[0][c];
  if (split < n)
    for (uint32_t c = 0; c < m->nclasses; c++) scores2[c] += (float)acc[1][c];
}

void dyad__pm_score(const dyad__pmodel *m, const uint64_t *feats, size_t n,
                    float *scores) {
  dyad__pm_score2(m, feats, n, n, scores, NULL);
}

void dyad__pm_score2(const dyad__pmodel *m, const uint64_t *feats, size_t n, size_t split,
                     float *scores, float *scores2) {
  if (m->xs) {
    pm_score_x(m, feats, n, split, scores, scores2);
    return;
  }
  const dyad__ppair *run[PM_BATCH];
  uint32_t cnt[PM_BATCH];
  for (size_t base = 0; base < n; base += PM_BATCH) {
    size_t nb = n - base < PM_BATCH ? n - base : PM_BATCH;
    const uint64_t *f = feats + base;
#if defined(__GNUC__)
    for (size_t i = 0; i < nb; i++) __builtin_prefetch(&m->slots[dyad__phome(f[i], m->nslots)]);
#endif
    for (size_t i = 0; i < nb; i++) {
      uint32_t tag = dyad__ptag(f[i]);
      uint32_t s = dyad__phome(f[i], m->nslots);
      cnt[i] = 0;
      for (;;) {
        const dyad__pslot *sl = &m->slots[s];
        if (sl->tag == tag) {
          run[i] = m->pairs + sl->off;
          cnt[i] = sl[1].off - sl->off;
#if defined(__GNUC__)
          __builtin_prefetch(run[i]);
#endif
          break;
        }
        if (sl->tag == 0) break;
        s = s + 1 == m->nslots ? 0 : s + 1;
      }
    }
    for (size_t i = 0; i < nb; i++) {
      float *out = base + i < split ? scores : scores2;
      for (uint32_t j = 0; j < cnt[i]; j++) out[run[i][j].cls] += (float)run[i][j].w;
    }
  }
}

void dyad__pd_prefetch(const dyad__pdense *m, const uint64_t *feats, size_t n) {
#if defined(__GNUC__)
  for (size_t i = 0; i < n; i++) __builtin_prefetch(&m->slots[dyad__phome(feats[i], m->nslots)]);
#else
  (void)m, (void)feats, (void)n;
#endif
}

void dyad__pd_add(const dyad__pdense *m, const uint64_t *feats, size_t n, int32_t *acc) {
  for (size_t i = 0; i < n; i++) {
    uint32_t tag = dyad__ptag(feats[i]);
    uint32_t s = dyad__phome(feats[i], m->nslots);
    for (;;) {
      const dyad__dslot *sl = &m->slots[s];
      if (sl->tag == tag) {
        for (uint32_t c = 0; c < DYAD__DENSE_CLASSES; c++) acc[c] += sl->w[c];
        break;
      }
      if (sl->tag == 0) break;
      s = s + 1 == m->nslots ? 0 : s + 1;
    }
  }
}

void dyad__pd_score(const dyad__pdense *m, const uint64_t *feats, size_t n,
                    float *scores) {
  int32_t acc[DYAD__DENSE_CLASSES] = {0};
  for (size_t base = 0; base < n; base += PM_BATCH) {
    size_t nb = n - base < PM_BATCH ? n - base : PM_BATCH;
    dyad__pd_prefetch(m, feats + base, nb);
    dyad__pd_add(m, feats + base, nb, acc);
  }
  for (uint32_t c = 0; c < m->nclasses; c++) scores[c] += (float)acc[c];
}

typedef struct {
  double u; /* sum of clock * delta, for averaging */
  float w;
  uint32_t cls;
} tpair;

typedef struct {
  uint64_t key;
  uint32_t n, cap;
  tpair *p;
} tfeat;

struct dyad__ptrain {
  uint32_t nclasses;
  uint32_t mask;
  size_t used;
  tfeat *tab;
  double clock;
};

dyad__ptrain *dyad__pt_new(uint32_t nclasses) {
  dyad__ptrain *t = calloc(1, sizeof *t);
  if (!t) return NULL;
  t->nclasses = nclasses;
  t->mask = (1u << 16) - 1;
  t->tab = calloc((size_t)t->mask + 1, sizeof *t->tab);
  if (!t->tab) {
    free(t);
    return NULL;
  }
  t->clock = 1;
  return t;
}

void dyad__pt_free(dyad__ptrain *t) {
  if (!t) return;
  for (size_t i = 0; i <= t->mask; i++) free(t->tab[i].p);
  free(t->tab);
  free(t);
}

size_t dyad__pt_features(const dyad__ptrain *t) { return t->used; }

static const tfeat *pt_find(const dyad__ptrain *t, uint64_t k) {
  uint32_t s = (uint32_t)k & t->mask;
  for (;;) {
    const tfeat *f = &t->tab[s];
    if (f->key == k) return f;
    if (f->key == 0) return NULL;
    s = (s + 1) & t->mask;
  }
}

void dyad__pt_score(const dyad__ptrain *t, const uint64_t *feats, size_t n,
                    float *scores) {
  for (size_t i = 0; i < n; i++) {
    const tfeat *f = pt_find(t, feats[i]);
    if (!f) continue;
    for (uint32_t j = 0; j < f->n; j++) scores[f->p[j].cls] += f->p[j].w;
  }
}

static int pt_grow(dyad__ptrain *t) {
  uint32_t nmask = t->mask * 2 + 1;
  tfeat *nt = calloc((size_t)nmask + 1, sizeof *nt);
  if (!nt) return -1;
  for (size_t i = 0; i <= t->mask; i++) {
    if (!t->tab[i].key) continue;
    uint32_t s = (uint32_t)t->tab[i].key & nmask;
    while (nt[s].key) s = (s + 1) & nmask;
    nt[s] = t->tab[i];
  }
  free(t->tab);
  t->tab = nt;
  t->mask = nmask;
  return 0;
}

static tfeat *pt_insert(dyad__ptrain *t, uint64_t k) {
  if ((t->used + 1) * 2 > (size_t)t->mask + 1 && pt_grow(t)) return NULL;
  uint32_t s = (uint32_t)k & t->mask;
  for (;;) {
    tfeat *f = &t->tab[s];
    if (f->key == k) return f;
    if (f->key == 0) {
      f->key = k;
      t->used++;
      return f;
    }
    s = (s + 1) & t->mask;
  }
}

static int pt_add(dyad__ptrain *t, tfeat *f, uint32_t cls, float d) {
  for (uint32_t j = 0; j < f->n; j++) {
    if (f->p[j].cls == cls) {
      f->p[j].w += d;
      f->p[j].u += t->clock * d;
      return 0;
    }
  }
  if (f->n == f->cap) {
    uint32_t cap = f->cap ? f->cap * 2 : 2;
    tpair *p = realloc(f->p, cap * sizeof *p);
    if (!p) return -1;
    f->p = p;
    f->cap = cap;
  }
  f->p[f->n].cls = cls;
  f->p[f->n].w = d;
  f->p[f->n].u = t->clock * d;
  f->n++;
  return 0;
}

int dyad__pt_update(dyad__ptrain *t, const uint64_t *feats, size_t n,
                    uint32_t good, uint32_t bad) {
  if (good == bad) return 0;
  for (size_t i = 0; i < n; i++) {
    tfeat *f = pt_insert(t, feats[i]);
    if (!f || pt_add(t, f, good, 1.0f) || pt_add(t, f, bad, -1.0f)) return -1;
  }
  return 0;
}

int dyad__pt_add(dyad__ptrain *t, const uint64_t *feats, size_t n, uint32_t cls,
                 float delta) {
  for (size_t i = 0; i < n; i++) {
    tfeat *f = pt_insert(t, feats[i]);
    if (!f || pt_add(t, f, cls, delta)) return -1;
  }
  return 0;
}

void dyad__pt_tick(dyad__ptrain *t) { t->clock += 1; }

static int put_u32(dyad__buf *b, uint32_t v) {
  unsigned char c[4] = {(unsigned char)v, (unsigned char)(v >> 8),
                        (unsigned char)(v >> 16), (unsigned char)(v >> 24)};
  return dyad__buf_append(b, c, 4);
}

static int put_f32(dyad__buf *b, float f) {
  uint32_t v;
  memcpy(&v, &f, 4);
  return put_u32(b, v);
}

/* The largest averaged weight of a feature, in absolute value. */
static double feat_max(const dyad__ptrain *t, const tfeat *f) {
  double mx = 0;
  for (uint32_t j = 0; j < f->n; j++) {
    double a = f->p[j].w - f->p[j].u / t->clock;
    if (a > mx) mx = a;
    if (-a > mx) mx = -a;
  }
  return mx;
}

int dyad__pt_write_dense(const dyad__ptrain *t, float min_abs, dyad__buf *out) {
  if (t->nclasses > DYAD__DENSE_CLASSES) return -1;
  size_t nfeat = 0;
  double maxw = 0;
  for (size_t i = 0; i <= t->mask; i++) {
    const tfeat *f = &t->tab[i];
    if (!f->key) continue;
    double mx = feat_max(t, f);
    if (mx < min_abs) continue;
    nfeat++;
    if (mx > maxw) maxw = mx;
  }
  uint32_t nslots = (uint32_t)(2 * nfeat + 16);
  double scale = maxw > 0 ? 32767.0 / maxw : 1.0;
  unsigned char *tab = calloc(nslots, 12);
  if (!tab) return -1;
  for (size_t i = 0; i <= t->mask; i++) {
    const tfeat *f = &t->tab[i];
    if (!f->key || feat_max(t, f) < min_abs) continue;
    uint32_t s = dyad__phome(f->key, nslots);
    while (tab[12 * (size_t)s] | tab[12 * (size_t)s + 1] | tab[12 * (size_t)s + 2] |
           tab[12 * (size_t)s + 3])
      s = s + 1 == nslots ? 0 : s + 1;
    unsigned char *p = tab + 12 * (size_t)s;
    uint32_t tag = dyad__ptag(f->key);
    for (int b = 0; b < 4; b++) p[b] = (unsigned char)(tag >> (8 * b));
    for (uint32_t j = 0; j < f->n; j++) {
      double a = f->p[j].w - f->p[j].u / t->clock;
      uint16_t q = (uint16_t)(int16_t)(long)(a * scale + (a < 0 ? -0.5 : 0.5));
      p[4 + 2 * f->p[j].cls] = (unsigned char)q;
      p[5 + 2 * f->p[j].cls] = (unsigned char)(q >> 8);
    }
  }
  int err = put_u32(out, t->nclasses) || put_u32(out, nslots) || put_u32(out, 0) ||
            put_f32(out, (float)(1.0 / scale)) ||
            dyad__buf_append(out, tab, (size_t)nslots * 12);
  free(tab);
  return err ? -1 : 0;
}

int dyad__pt_write(const dyad__ptrain *t, float min_abs, dyad__buf *out) {
  /* Averaged weights, pruned; features left without weights are dropped. */
  size_t nfeat = 0;
  double maxw = 0;
  for (size_t i = 0; i <= t->mask; i++) {
    const tfeat *f = &t->tab[i];
    if (!f->key) continue;
    if (feat_max(t, f) < min_abs) continue;
    nfeat++;
    for (uint32_t j = 0; j < f->n; j++) {
      double a = f->p[j].w - f->p[j].u / t->clock;
      if (a > maxw) maxw = a;
      if (-a > maxw) maxw = -a;
    }
  }
  /* Load factor 1/2: most lookups are misses (pruned or unseen feature
   * combinations), and a miss costs (1 + 1/(1-a)^2)/2 probes with linear
   * probing: 2.5 at a = 1/2, 8.5 at 3/4. */
  uint32_t nslots = (uint32_t)(2 * nfeat + 16);
  double scale = maxw > 0 ? 32767.0 / maxw : 1.0;
  uint32_t *which = calloc(nslots, sizeof *which); /* 1 + index into tab */
  uint32_t *tags = calloc(nslots, sizeof *tags);
  if (!which || !tags) {
    free(which);
    free(tags);
    return -1;
  }
  for (size_t i = 0; i <= t->mask; i++) {
    const tfeat *f = &t->tab[i];
    if (!f->key) continue;
    if (feat_max(t, f) < min_abs) continue;
    uint32_t s = dyad__phome(f->key, nslots);
    while (which[s]) s = s + 1 == nslots ? 0 : s + 1;
    which[s] = (uint32_t)i + 1;
    tags[s] = dyad__ptag(f->key);
  }
  dyad__buf slots = {0}, pairs = {0};
  uint32_t off = 0;
  int err = 0;
  for (uint32_t s = 0; s < nslots && !err; s++) {
    err |= put_u32(&slots, tags[s]) || put_u32(&slots, off);
    if (!which[s]) continue;
    const tfeat *f = &t->tab[which[s] - 1];
    for (uint32_t j = 0; j < f->n; j++) {
      double a = f->p[j].w - f->p[j].u / t->clock;
      long q = (long)(a * scale + (a < 0 ? -0.5 : 0.5));
      if (q) {
        unsigned char c[4] = {(unsigned char)f->p[j].cls, (unsigned char)(f->p[j].cls >> 8),
                              (unsigned char)((uint16_t)(int16_t)q),
                              (unsigned char)((uint16_t)(int16_t)q >> 8)};
        err |= dyad__buf_append(&pairs, c, 4);
        off++;
      }
    }
  }
  err |= put_u32(&slots, 0) || put_u32(&slots, off); /* sentinel */
  err |= put_u32(out, t->nclasses) || put_u32(out, nslots) || put_u32(out, off) ||
         put_f32(out, (float)(1.0 / scale));
  if (!err) err |= dyad__buf_append(out, slots.data, slots.len);
  if (!err && pairs.len) err |= dyad__buf_append(out, pairs.data, pairs.len);
  free(which);
  free(tags);
  dyad__buf_free(&slots);
  dyad__buf_free(&pairs);
  return err ? -1 : 0;
}
