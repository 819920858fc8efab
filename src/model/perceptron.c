#include "model/perceptron.h"

#include <stdlib.h>
#include <string.h>

#include "util/buf.h"

void dyad__pm_score(const dyad__pmodel *m, const uint64_t *feats, size_t n,
                    float *scores) {
  for (size_t i = 0; i < n; i++) {
    uint64_t k = feats[i];
    uint32_t s = (uint32_t)k & m->mask;
    for (;;) {
      const dyad__pslot *sl = &m->slots[s];
      if (sl->key == k) {
        const dyad__ppair *p = m->pairs + sl->off;
        for (uint32_t j = 0; j < sl->n; j++) scores[p[j].cls] += p[j].w;
        break;
      }
      if (sl->key == 0) break;
      s = (s + 1) & m->mask;
    }
  }
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

void dyad__pt_tick(dyad__ptrain *t) { t->clock += 1; }

static int put_u32(dyad__buf *b, uint32_t v) {
  unsigned char c[4] = {(unsigned char)v, (unsigned char)(v >> 8),
                        (unsigned char)(v >> 16), (unsigned char)(v >> 24)};
  return dyad__buf_append(b, c, 4);
}

static int put_u64(dyad__buf *b, uint64_t v) {
  return put_u32(b, (uint32_t)v) || put_u32(b, (uint32_t)(v >> 32));
}

static int put_f32(dyad__buf *b, float f) {
  uint32_t v;
  memcpy(&v, &f, 4);
  return put_u32(b, v);
}

int dyad__pt_write(const dyad__ptrain *t, float min_abs, dyad__buf *out) {
  /* Averaged weights, pruned; features left without weights are dropped. */
  size_t nfeat = 0, npairs = 0;
  for (size_t i = 0; i <= t->mask; i++) {
    const tfeat *f = &t->tab[i];
    if (!f->key) continue;
    size_t k = 0;
    for (uint32_t j = 0; j < f->n; j++) {
      double a = f->p[j].w - f->p[j].u / t->clock;
      if (a >= min_abs || a <= -min_abs) k++;
    }
    if (k) nfeat++;
    npairs += k;
  }
  uint32_t nslots = 16;
  while (nslots < nfeat * 2) nslots *= 2;
  dyad__pslot *slots = calloc(nslots, sizeof *slots);
  if (!slots) return -1;
  dyad__buf pairs = {0};
  uint32_t off = 0;
  int err = 0;
  for (size_t i = 0; i <= t->mask && !err; i++) {
    const tfeat *f = &t->tab[i];
    if (!f->key) continue;
    uint32_t k = 0;
    for (uint32_t j = 0; j < f->n; j++) {
      double a = f->p[j].w - f->p[j].u / t->clock;
      if (a >= min_abs || a <= -min_abs) {
        err |= put_u32(&pairs, f->p[j].cls) || put_f32(&pairs, (float)a);
        k++;
      }
    }
    if (!k) continue;
    uint32_t s = (uint32_t)f->key & (nslots - 1);
    while (slots[s].key) s = (s + 1) & (nslots - 1);
    slots[s].key = f->key;
    slots[s].off = off;
    slots[s].n = k;
    off += k;
  }
  err |= put_u32(out, t->nclasses) || put_u32(out, nslots) ||
         put_u32(out, (uint32_t)npairs) || put_u32(out, 0);
  for (uint32_t s = 0; s < nslots && !err; s++)
    err |= put_u64(out, slots[s].key) || put_u32(out, slots[s].off) ||
           put_u32(out, slots[s].n);
  if (!err && pairs.len) err |= dyad__buf_append(out, pairs.data, pairs.len);
  free(slots);
  dyad__buf_free(&pairs);
  return err ? -1 : 0;
}
