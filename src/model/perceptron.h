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
 *   slots[nslots] { u64 key; u32 off; u32 n }   key 0 = empty
 *   pairs[npairs] { u32 cls; f32 weight }       slot's n pairs from off
 */
#ifndef DYAD_MODEL_PERCEPTRON_H
#define DYAD_MODEL_PERCEPTRON_H

#include <stddef.h>
#include <stdint.h>

typedef struct dyad__pslot {
  uint64_t key;
  uint32_t off, n;
} dyad__pslot;

typedef struct dyad__ppair {
  uint32_t cls;
  float w;
} dyad__ppair;

typedef struct dyad__pmodel {
  uint32_t nclasses;
  uint32_t mask; /* nslots - 1; nslots is a power of two */
  uint32_t npairs;
  const dyad__pslot *slots;
  const dyad__ppair *pairs;
} dyad__pmodel;

/* Adds the weights of the n features to scores[0..nclasses). */
void dyad__pm_score(const dyad__pmodel *m, const uint64_t *feats, size_t n,
                    float *scores);

typedef struct dyad__ptrain dyad__ptrain;

dyad__ptrain *dyad__pt_new(uint32_t nclasses);
void dyad__pt_free(dyad__ptrain *t);
void dyad__pt_score(const dyad__ptrain *t, const uint64_t *feats, size_t n,
                    float *scores);
/* One perceptron update: +1 for class good, -1 for class bad on every
 * feature.  Returns -1 when out of memory. */
int dyad__pt_update(dyad__ptrain *t, const uint64_t *feats, size_t n,
                    uint32_t good, uint32_t bad);
/* Advances the update clock: call once per training example. */
void dyad__pt_tick(dyad__ptrain *t);
/* Serializes the averaged weights as a table section (format in model.h);
 * weights with |w| < min_abs are pruned.  Returns 0, -1 on OOM. */
struct dyad__buf;
int dyad__pt_write(const dyad__ptrain *t, float min_abs, struct dyad__buf *out);
size_t dyad__pt_features(const dyad__ptrain *t);

#endif
