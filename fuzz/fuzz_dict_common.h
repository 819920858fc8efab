/*
 * fuzz_dict_common.h -- one dictionary reader on arbitrary bytes, then every
 * query the coder makes on what was loaded (matching, verbs, synsets,
 * dated codes, lookup and stats output).  Included by fuzz_dict_*.c.
 */
#include <stdint.h>
#include <string.h>

#include "dict/dict.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void fuzz_diag(const dyad_diag *d, void *u) {
  (void)u;
  /* Touch the strings so ASan sees a dangling one. */
  volatile size_t n = strlen(d->message) + (d->file ? strlen(d->file) : 0);
  (void)n;
}

static int fuzz_sink(const char *d, size_t n, void *u) {
  (void)d;
  (void)n;
  (void)u;
  return 0;
}

static void fuzz_queries(const dyad_dict *d, const uint8_t *data, size_t size) {
  /* Query with the words of the input itself, so matches happen. */
  static const char *words[] = {"northland", "pledge", "handed", "over", "syrian", "the",
                                "minister", "dams", "army", "x"};
  dyad_token t[10];
  memset(t, 0, sizeof t);
  for (size_t i = 0; i < 10; i++) {
    t[i].form = words[i];
    t[i].fold = (i & 1) ? words[i] : "_";
    t[i].lemma = words[i];
  }
  for (size_t i = 0; i < 10; i++) {
    dyad__dict_match m[8];
    size_t n = dyad__dict_match_at(d, t, 10, i, DYAD__K_ALL, 0, m, 8);
    for (size_t k = 0; k < n && k < 8; k++) {
      const dyad__dict_entry *e = &d->entries[m[k].entry];
      if (e->kind == DYAD__K_ACTOR) dyad__dict_actor_code(d, e->record, 20200101, NULL);
    }
    dyad__verb_match vm[4];
    dyad__dict_verbs_at(d, t, 10, i, 0, vm, 4);
    dyad__dict_verbs_at(d, t, 10, i, DYAD__MATCH_LEMMA, vm, 4);
    for (uint32_t s = 0; s < d->n_synsets; s++) dyad__dict_synset_match(d, s, t, 10, i, 0);
  }
  for (uint32_t a = 0; a < d->n_actors; a++) dyad__dict_actor_code(d, a, 0, NULL);
  for (uint32_t v = 0; v < d->n_verbs; v++) dyad__dict_verb_code(d, v);
  /* Pattern elements stay inside the array. */
  for (uint32_t p = 0; p < d->n_patterns; p++) {
    const dyad__pattern *pt = &d->patterns[p];
    for (uint32_t k = 0; k < pt->nelems; k++) {
      const dyad__pattern_elem *el = &d->pelems[pt->elem_first + k];
      if (el->nsub && el->sub + el->nsub > d->n_pelems) __builtin_trap();
    }
  }
  /* A phrase made of the input's first bytes. */
  char phrase[64];
  size_t pl = size < sizeof phrase - 1 ? size : sizeof phrase - 1;
  memcpy(phrase, data, pl);
  phrase[pl] = '\0';
  dyad_dict_lookup(d, phrase, "2001-02-03", fuzz_sink, NULL);
  dyad_dict_stats(d, fuzz_sink, NULL);
}

#if defined(__GNUC__)
__attribute__((unused))
#endif
static void fuzz_dict(dyad_dict_kind kind, const uint8_t *data, size_t size) {
  dyad_dict_options o = {fuzz_diag, NULL, 1};
  dyad_dict *d = NULL;
  if (dyad_dict_load_memory(kind, "fuzz", (const char *)data, size, &o, &d) != DYAD_OK) return;
  fuzz_queries(d, data, size);
  dyad_dict_free(d);
}
