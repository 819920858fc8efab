/*
 * model.h -- the model file and the loaded model shared by tag/ and parse/.
 *
 *   CoNLL-U --train.c--> tagger + lemmatizer + parser --> model file
 *   model file --model.c (mmap or buffer, checked)--> dyad_model (const)
 *   dyad_model + doc --annotate.c--> tag/tagger.c, tag/lemma.c, parse/parser.c
 *
 * File layout (all integers little-endian, floats IEEE-754 binary32):
 *
 *   offset  size  field
 *   0       8     magic "DYADMODL"
 *   8       4     format version (DYAD__MODEL_VERSION); newer is refused
 *   12      4     number of sections S (at most DYAD__MODEL_MAX_SECTIONS)
 *   16      8     checksum: FNV-1a 64 of bytes [32, file length)
 *   24      8     file length in bytes
 *   32      24*S  section table: name (8 bytes, NUL-padded), u64 offset,
 *                 u64 length; every section lies inside the file and
 *                 starts at a multiple of 8
 *   ...           section payloads
 *
 * Sections:
 *
 *   name      payload
 *   meta      text "key=value\n" lines (training file, sentences, seed,
 *             epochs, "beam=N": the default beam width, 1 when absent),
 *             NUL-terminated
 *   upos      UPOS labels, each NUL-terminated, in class order
 *   xpos      XPOS labels, likewise
 *   deprel    dependency labels, likewise
 *   tagger    perceptron table, classes = UPOS then XPOS (first pass)
 *   tagger2   likewise, second pass (sees the first pass's tags)
 *   parser    dense perceptron table, classes = the 4 arc-eager moves,
 *             trained greedily (dynamic oracle): used for beam width 1
 *   parserb   (version 2, optional) the same, trained with a beam (global
 *             training): used for widths > 1; absent in version 1 files
 *             and in models trained with --beam 1
 *   labeler   perceptron table, classes = deprel labels
 *   lemexc    string map "form\tXPOS" -> lemma (exceptions to the rules)
 *   lemrule   string map "XPOS\tsuffix" -> rule "C S APPEND" (lemma.c)
 *   tagdict   string map form -> "UPOS XPOS" class ids, for frequent forms
 *             that always take the same tags (not scored at all)
 *
 * Perceptron table (tagger, labeler): u32 nclasses, u32 nslots, u32
 * npairs, f32 scale (weight = integer * scale; informative, since only
 * argmaxes are used), then nslots + 1 slots { u32 tag, u32 off }, then
 * npairs pairs { u16 class, i16 weight }.  A feature key's home slot is
 * ((key mod 2^32) * nslots) >> 32; linear probing wraps around; the tag is
 * the key's high 32 bits (1 if those are 0), tag 0 marks an empty slot.  A
 * slot's pairs are [off, off of the next slot); the extra last slot is a
 * sentinel with off = npairs.
 *
 * Dense perceptron table (parser): u32 nclasses (4), u32 nslots, u32 zero,
 * f32 scale, then nslots slots { u32 tag, i16 weight[4] } (12 bytes), with
 * the same home slot, probing and tags.
 *
 * String map: u32 nslots (power of two), u32 blob length, nslots slots
 * { u32 key, u32 value } (1-based offsets into the blob, 0 = empty; linear
 * probing from FNV-1a 64 of the key), then the blob of NUL-terminated
 * strings.
 */
#ifndef DYAD_MODEL_MODEL_H
#define DYAD_MODEL_MODEL_H

#include <stdint.h>

#include "dyad.h"
#include "model/perceptron.h"
#include "util/limits.h"

#define DYAD__MODEL_MAGIC "DYADMODL"
#define DYAD__MODEL_VERSION 2u
#define DYAD__MODEL_MAX_SECTIONS 64u

typedef struct dyad__strmap {
  uint32_t mask;
  const uint32_t *slots; /* 2 per slot */
  const char *blob;
  uint32_t blob_len;
} dyad__strmap;

const char *dyad__strmap_get(const dyad__strmap *m, const char *key, size_t len);

typedef struct dyad__labels {
  uint32_t n;
  const char **name;
  uint64_t *hash; /* feature value of each label */
} dyad__labels;

/* Parser transitions. */
enum { DYAD__SHIFT = 0, DYAD__REDUCE = 1, DYAD__LEFT = 2, DYAD__RIGHT = 3, DYAD__NMOVES = 4 };

struct dyad_model {
  void *map;       /* mmap'ed file, or NULL */
  size_t map_len;
  void *owned;     /* malloc'ed copy, or NULL */
  const char *meta;
  dyad__labels upos, xpos, deprel;
  int root_label;  /* id of "root", -1 if the treebank had none */
  int dep_label;   /* label for attachments the parser did not make */
  uint32_t beam;   /* default beam width (meta "beam=N"; 1 when absent) */
  dyad__pmodel tagger, tagger2, labeler;
  dyad__pdense parser;  /* greedy transitions */
  dyad__pdense parserb; /* beam transitions; nslots 0 when the file has none */
  dyad__strmap lemexc, lemrule, tagdict;
};

/* Per-word values used by the feature templates, computed once per
 * sentence.  Hashes are of the form's bytes (lower-cased ASCII where so
 * named). */
typedef struct dyad__word {
  uint64_t low, raw, shape, suf[4], pre[3];
  uint64_t upos_h, xpos_h, lemma_h;
  uint16_t upos, xpos;
  uint8_t flags;
} dyad__word;

/* Gives word w the tags u (UPOS) and x (XPOS), with their hashes. */
static inline void dyad__word_set_tags(dyad__word *w, const dyad__labels *upos,
                                       const dyad__labels *xpos, uint32_t u, uint32_t x) {
  w->upos = (uint16_t)u;
  w->xpos = (uint16_t)x;
  w->upos_h = upos->hash[u];
  w->xpos_h = xpos->hash[x];
}

enum { DYAD__W_DIGIT = 1, DYAD__W_UPPER = 2, DYAD__W_HYPHEN = 4, DYAD__W_ALLUP = 8,
       DYAD__W_FIRSTUP = 16, DYAD__W_NOALNUM = 32 };

/* Fills the form hashes of w[0..n) from the forms. */
void dyad__words_prepare(dyad__word *w, const char *const *forms, uint32_t n);

/* A perceptron in training or loaded: scoring goes to whichever is set. */
typedef struct dyad__scorer {
  const dyad__pmodel *pm;
  dyad__ptrain *pt;
  uint32_t nclasses;
  const dyad__pdense *pd;
  const uint32_t *fixed; /* tagger only: tag-dictionary tags, or NULL */
} dyad__scorer;

static inline void dyad__score(const dyad__scorer *s, const uint64_t *f, size_t n,
                               float *scores) {
  for (uint32_t c = 0; c < s->nclasses; c++) scores[c] = 0;
  if (s->pt) dyad__pt_score(s->pt, f, n, scores);
  else if (s->pd) dyad__pd_score(s->pd, f, n, scores);
  else dyad__pm_score(s->pm, f, n, scores);
}

/* tag/tagger.c: tags w[0..n) left to right (upos, xpos and their hashes).
 * right: NULL for the first pass; for the second, the first pass's XPOS
 * hashes of w[0..n).  When gold tags are given and sc->pt is set, trains
 * on the sentence and returns the number of correct XPOS; otherwise
 * returns 0.  -1 on OOM. */
int dyad__tag(const dyad__scorer *sc, uint32_t nupos, const dyad__labels *upos,
              const dyad__labels *xpos, dyad__word *w, uint32_t n, const uint64_t *right,
              const uint16_t *gold_upos, const uint16_t *gold_xpos);
/* Tag-dictionary tags: fixed[i] = 1 + (upos << 16 | xpos) or 0, read by
 * dyad__tag through the scorer. */

/* tag/lemma.c: the lemma of form with the given XPOS, written to out
 * (size >= strlen(form) + 64); returns out. */
const char *dyad__lemmatize(const dyad_model *m, const char *form, const char *xpos,
                            char *out, size_t size);

/* parse/parser.c: parser state for one sentence of n words. */
typedef struct dyad__parse_gold {
  const int32_t *head;   /* gold head per word (1-based words, index 1..n) */
  const uint8_t *label;  /* gold label per word */
} dyad__parse_gold;

typedef struct dyad__parse_train {
  dyad__ptrain *parser, *labeler;
  uint64_t *rng;         /* exploration: follow the model after epoch 1 */
  int explore;
  size_t moves, errors;
} dyad__parse_train;

/* Parses words w[1..n] (w[0] is ROOT's slot, unused), writing head[1..n]
 * and label[1..n], with a beam of the given width (0 or 1: greedy).  With
 * tr and gold set, trains on the sentence: greedy, with the dynamic oracle;
 * beam, with max-violation updates.  Returns 0, -1 on OOM. */
int dyad__parse(const dyad_model *m, const dyad__scorer *parser,
                const dyad__scorer *labeler, const dyad__word *w, uint32_t n,
                int32_t *head, uint8_t *label, uint32_t beam, dyad__parse_train *tr,
                const dyad__parse_gold *gold);

/* parse/parser.c, called by the loader: fills parser.pre and parserb.pre
 * (the parser's label templates summed for every label, so that decoding
 * adds one vector per label instead of looking the features up; the
 * model stays immutable after loading).  Returns 0, -1 on OOM. */
int dyad__parse_prepare(dyad_model *m);

/* model.c helpers for the trainer. */
struct dyad__buf;
typedef struct dyad__section_out {
  const char *name;
  const void *data;
  size_t len;
} dyad__section_out;
int dyad__model_serialize(const dyad__section_out *s, size_t n, struct dyad__buf *out);
int dyad__strmap_write(const char *const *keys, const char *const *vals, size_t n,
                       struct dyad__buf *out);
/* Label feature hashes, shared by training and loading. */
uint64_t dyad__label_hash(uint32_t kind, uint32_t id);
/* A small deterministic PRNG (splitmix64). */
uint64_t dyad__rand(uint64_t *state);

#endif
