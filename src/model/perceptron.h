/*
 * perceptron.h -- multi-class averaged perceptron with sparse class weights.
 *
 * Training (dyad__ptrain) keeps, for each feature key that was ever updated,
 * a small list of (class, weight, accumulated update) triples, so a feature
 * seen with 2 of the 66 tagger classes costs 2 entries, not 66.  Features
 * never updated are never stored.  Averaging uses the "w - u/c" identity
 * (Daume's thesis): u accumulates c * delta, so no per-weight timestamps.
 *
 * Inference (dyad__pmodel) is a read-only open-addressing table laid out
 * exactly as in the model file (model.h), used in place after mmap:
 *
 *   slots[nslots + 1] { u32 tag; u32 off }   tag 0 = empty
 *   pairs[npairs]     { u16 class; i16 weight }
 *
 * A key's home slot comes from its low bits; the slot stores the high 32 bits as
 * its tag, so the table costs 8 bytes a slot.  A slot's pairs run from its
 * off to the next slot's off (empty slots carry the running offset, and a
 * sentinel slot closes the table).  Weights are quantized to 16 bits with
 * one scale per table: only the argmax of a sum is ever used, and a common
 * positive scale does not change it, so scoring adds the integers.
 */
#ifndef DYAD_MODEL_PERCEPTRON_H
#define DYAD_MODEL_PERCEPTRON_H

#include <stddef.h>
#include <stdint.h>

typedef struct dyad__pslot {
  uint32_t tag, off;
} dyad__pslot;

typedef struct dyad__ppair {
  uint16_t cls;
  int16_t w;
} dyad__ppair;

typedef struct dyad__pmodel {
  uint32_t nclasses;
  uint32_t nslots;
  uint32_t npairs;
  const dyad__pslot *slots;
  const dyad__ppair *pairs;
  /* The decoding layout, built from the above at load (dyad__pm_prepare;
   * NULL until then, and for tables it does not fit): xs[2 s] is slot s's
   * tag, xs[2 s + 1] its pairs' offset << 8 | their count, or, for a
   * feature with DYAD__PM_DENSE pairs or more, row << 8 | 255: its weights
   * as a full row of ncpad int16 in dense. */
  uint32_t *xs;
  int16_t *dense;
  uint32_t ncpad;
} dyad__pmodel;

/* Features with this many classes or more get a dense row: the few
 * thousand frequent words, affixes and tags that carry weights for most
 * of the 66 tagger classes, and whose pairs took most of the tagger's
 * instructions one by one. */
#define DYAD__PM_DENSE 12u

/* dyad__pm_score2 into integer sums, for tables with the decoding layout
 * (m->xs set): acc and acc2 hold at least m->ncpad entries.  Only argmaxes
 * are taken of the sums, and integers compare as their floats do. */
void dyad__pm_acc2(const dyad__pmodel *m, const uint64_t *feats, size_t n, size_t split,
                   int32_t *acc, int32_t *acc2);

/* Builds m's decoding layout; 0, or -1 on OOM. */
int dyad__pm_prepare(dyad__pmodel *m);
void dyad__pm_release(dyad__pmodel *m);

/* A key's home slot: its low 32 bits scaled to the table size (Lemire's
 * multiply-shift), so tables need not be powers of two and can be filled
 * to 3/4 whatever the feature count. */
static inline uint32_t dyad__phome(uint64_t key, uint32_t nslots) {
  return (uint32_t)(((uint64_t)(uint32_t)key * nslots) >> 32);
}

static inline uint32_t dyad__ptag(uint64_t key) {
  uint32_t t = (uint32_t)(key >> 32);
  return t ? t : 1;
}

/* A table for DYAD__DENSE_CLASSES classes or fewer (the parser's four
 * moves): the weights sit in the slot itself, so a feature costs one
 * cache line instead of two.  slots[nslots] { u32 tag; i16 w[4] }. */
#define DYAD__DENSE_CLASSES 4u

typedef struct dyad__dslot {
  uint32_t tag;
  int16_t w[DYAD__DENSE_CLASSES];
} dyad__dslot;

typedef struct dyad__pdense {
  uint32_t nclasses, nslots;
  const dyad__dslot *slots;
  /* The parser's templates of one label, summed for every label, filled
   * at load by dyad__parse_prepare (parse/parser.c); NULL when training. */
  int32_t *pre;
} dyad__pdense;

void dyad__pd_score(const dyad__pdense *m, const uint64_t *feats, size_t n,
                    float *scores);
/* The two halves of dyad__pd_score, for callers that batch several
 * feature groups: prefetch the home slots of n keys, then add their
 * weights to acc[0..DYAD__DENSE_CLASSES) (integers: sums of 16-bit
 * weights over a few hundred features stay exact, and the same in any
 * order, so a caller may split a feature vector into groups freely). */
void dyad__pd_prefetch(const dyad__pdense *m, const uint64_t *feats, size_t n);
void dyad__pd_add(const dyad__pdense *m, const uint64_t *feats, size_t n, int32_t *acc);

/* Adds the weights of the n features to scores[0..nclasses). */
void dyad__pm_score(const dyad__pmodel *m, const uint64_t *feats, size_t n,
                    float *scores);
/* The same for two vectors at once, so that their table misses overlap:
 * features [0, split) go to scores, [split, n) to scores2. */
void dyad__pm_score2(const dyad__pmodel *m, const uint64_t *feats, size_t n, size_t split,
                     float *scores, float *scores2);

typedef struct dyad__ptrain dyad__ptrain;

dyad__ptrain *dyad__pt_new(uint32_t nclasses);
void dyad__pt_free(dyad__ptrain *t);
void dyad__pt_score(const dyad__ptrain *t, const uint64_t *feats, size_t n,
                    float *scores);
/* One perceptron update: +1 for class good, -1 for class bad on every
 * feature.  Returns -1 when out of memory. */
int dyad__pt_update(dyad__ptrain *t, const uint64_t *feats, size_t n,
                    uint32_t good, uint32_t bad);
/* Adds delta to class cls of every feature (structured updates: the beam
 * parser adds +1 along the gold moves and -1 along the predicted ones).
 * Returns -1 when out of memory. */
int dyad__pt_add(dyad__ptrain *t, const uint64_t *feats, size_t n, uint32_t cls,
                 float delta);
/* Advances the update clock: call once per training example. */
void dyad__pt_tick(dyad__ptrain *t);
/* Serializes the averaged weights as a table section (format in model.h);
 * features whose largest |weight| is below min_abs are dropped.  A feature
 * that stays all-zero keeps its slot, with no pairs: harmless.  Returns 0,
 * -1 on OOM. */
struct dyad__buf;
int dyad__pt_write(const dyad__ptrain *t, float min_abs, struct dyad__buf *out);
int dyad__pt_write_dense(const dyad__ptrain *t, float min_abs, struct dyad__buf *out);
size_t dyad__pt_features(const dyad__ptrain *t);

#endif
