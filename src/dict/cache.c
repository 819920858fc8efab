/*
 * cache.c -- the compiled dictionary cache (`dyad dict compile`).
 *
 * A loaded dictionary is a set of flat arrays with 32-bit cross indexes
 * (dict.h), so the cache is those arrays one after the other and loading
 * it is mmap + checks + pointer setup: no parsing, no allocation beyond
 * the handle.  All integers are in the writer's byte order; a byte-order
 * mark refuses a file from a machine of the other order.
 *
 *   offset  size  field
 *   0       8     magic "DYADDICT"
 *   8       4     version (DICT_CACHE_VERSION); newer versions are refused
 *   12      4     byte-order mark 0x01020304
 *   16      4     number of sections (must equal this build's)
 *   20      4     reserved (0)
 *   24      8     file size in bytes
 *   32      8     checksum of bytes [64, file size)
 *   40      8     errors reported when the text was loaded
 *   48      8     warnings reported when the text was loaded
 *   56      8     reserved (0)
 *   64      16*n  sections, in DYAD__DICT_ARRAYS order:
 *                   u32 count, u32 element size, u64 offset (16-aligned)
 *   ...           the arrays
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "dict/dict.h"

#define DICT_CACHE_VERSION 2u /* 2: split forms of hyphenated phrases */
#define HEADER 64u

const char dyad__dict_cache_magic[8] = {'D', 'Y', 'A', 'D', 'D', 'I', 'C', 'T'};

enum {
#define COUNT_SECTION(type, name) SEC_##name,
  DYAD__DICT_ARRAYS(COUNT_SECTION)
#undef COUNT_SECTION
  NSECTIONS
};

/* 64-bit words mixed by multiply-rotate: about 4 GB/s, so checking a 20 MB
 * cache costs ~5 ms, where byte-wise FNV would cost ~20 ms. */
static uint64_t checksum(const unsigned char *p, size_t n) {
  uint64_t h = 0x243F6A8885A308D3ull;
  size_t i = 0;
  for (; i + 8 <= n; i += 8) {
    uint64_t w;
    memcpy(&w, p + i, 8);
    h = (h ^ w) * 0x9E3779B97F4A7C15ull;
    h ^= h >> 29;
  }
  for (; i < n; i++) h = (h ^ p[i]) * 0x100000001B3ull;
  return h;
}

static void put32(unsigned char *p, uint32_t v) { memcpy(p, &v, 4); }
static void put64(unsigned char *p, uint64_t v) { memcpy(p, &v, 8); }
static uint32_t get32(const unsigned char *p) {
  uint32_t v;
  memcpy(&v, p, 4);
  return v;
}
static uint64_t get64(const unsigned char *p) {
  uint64_t v;
  memcpy(&v, p, 8);
  return v;
}

dyad_status dyad_dict_compile(const dyad_dict *d, const char *path) {
  if (!d || !path) return DYAD_EINVAL;
  struct {
    const void *data;
    uint32_t count, size;
  } sec[NSECTIONS] = {
#define SECTION_INIT(type, name) {d->name, d->n_##name, (uint32_t)sizeof(type)},
      DYAD__DICT_ARRAYS(SECTION_INIT)
#undef SECTION_INIT
  };
  size_t off = HEADER + 16u * NSECTIONS;
  uint64_t offs[NSECTIONS];
  for (int k = 0; k < NSECTIONS; k++) {
    off = (off + 15) & ~(size_t)15;
    offs[k] = off;
    off += (size_t)sec[k].count * sec[k].size;
  }
  size_t total = (off + 15) & ~(size_t)15;
  unsigned char *buf = calloc(1, total);
  if (!buf) return DYAD_ENOMEM;
  memcpy(buf, dyad__dict_cache_magic, 8);
  put32(buf + 8, DICT_CACHE_VERSION);
  put32(buf + 12, 0x01020304u);
  put32(buf + 16, NSECTIONS);
  put64(buf + 24, total);
  put64(buf + 40, d->errors);
  put64(buf + 48, d->warnings);
  for (int k = 0; k < NSECTIONS; k++) {
    unsigned char *t = buf + HEADER + 16u * (unsigned)k;
    put32(t, sec[k].count);
    put32(t + 4, sec[k].size);
    put64(t + 8, offs[k]);
    if (sec[k].count) memcpy(buf + offs[k], sec[k].data, (size_t)sec[k].count * sec[k].size);
  }
  put64(buf + 32, checksum(buf + HEADER, total - HEADER));
  FILE *fp = fopen(path, "wb");
  dyad_status st = DYAD_OK;
  if (!fp) st = DYAD_EIO;
  else {
    if (fwrite(buf, 1, total, fp) != total) st = DYAD_EIO;
    if (fclose(fp)) st = DYAD_EIO;
  }
  free(buf);
  return st;
}

void dyad__dict_unmap(dyad_dict *d) {
  if (d->map) munmap(d->map, d->map_len);
  d->map = NULL;
}

static int pow2(uint32_t n) { return n && !(n & (n - 1)); }

static dyad_status bad(const dyad_dict_options *o, const char *path, dyad_status st,
                       const char *why) {
  if (o && o->diag) {
    char msg[300];
    snprintf(msg, sizeof msg, "not a usable dictionary cache: %s", why);
    dyad_diag dg = {DYAD_DIAG_ERROR, path, 0, 0, NULL, msg};
    o->diag(&dg, o->diag_user);
  }
  return st;
}

/* Every cross reference of a mapped dictionary, checked once so that no
 * query can leave its arrays, however the file was damaged or forged (the
 * checksum only catches accidents).  About 3 ms for Phoenix. */
static const char *validate(const dyad_dict *d) {
#define STR_OK(x) ((x) < d->n_strs)
#define OPT_STR_OK(x) ((x) == DYAD__NONE || (x) < d->n_strs)
#define RANGE_OK(first, n, total) ((uint64_t)(first) + (n) <= (total))
  if (!d->n_strs || d->strs[d->n_strs - 1] != '\0') return "string pool not terminated";
  if (!pow2(d->n_word_hash) || d->n_word_hash <= d->n_words || !pow2(d->n_edges) ||
      !pow2(d->n_form_hash) || !d->n_nodes || (d->n_stem_bits && d->n_stem_bits != 1024))
    return "table sizes";
  for (uint32_t i = 0; i < d->n_words; i++)
    if (!STR_OK(d->words[i])) return "word string";
  for (uint32_t i = 0; i < d->n_word_hash; i++)
    if (d->word_hash[i] > d->n_words) return "word table";
  for (uint32_t i = 0; i < d->n_wordlist; i++)
    if (d->wordlist[i] >= d->n_words) return "word list";
  for (uint32_t i = 0; i < d->n_files; i++)
    if (!STR_OK(d->files[i].path)) return "file name";
  const uint32_t nrec[] = {d->n_actors, d->n_agents, 0, d->n_issues};
  for (uint32_t i = 0; i < d->n_entries; i++) {
    const dyad__dict_entry *e = &d->entries[i];
    int k = e->kind == DYAD__K_ACTOR ? 0 : e->kind == DYAD__K_AGENT ? 1
          : e->kind == DYAD__K_DISCARD ? 2 : e->kind == DYAD__K_ISSUE ? 3 : -1;
    if (k < 0 || !STR_OK(e->phrase) || e->file >= d->n_files) return "entry";
    if (k != 2 && e->record >= nrec[k]) return "entry record";
  }
  for (uint32_t i = 0; i < d->n_nodes; i++)
    if (!RANGE_OK(d->nodes[i].entry_first, d->nodes[i].nentries, d->n_entries)) return "trie node";
  for (uint32_t i = 0; i < d->n_edges; i++) {
    const dyad__edge *e = &d->edges[i];
    if (e->child && (e->child >= d->n_nodes || e->parent >= d->n_nodes || e->word >= d->n_words))
      return "trie edge";
  }
  for (uint32_t i = 0; i < d->n_actors; i++) {
    const dyad__actor *a = &d->actors[i];
    if (!STR_OK(a->root) || !OPT_STR_OK(a->default_code) || a->file >= d->n_files ||
        !RANGE_OK(a->code_first, a->ncodes, d->n_dated))
      return "actor";
  }
  for (uint32_t i = 0; i < d->n_dated; i++)
    if (!STR_OK(d->dated[i].code)) return "dated code";
  for (uint32_t i = 0; i < d->n_agents; i++)
    if (!STR_OK(d->agents[i].code) || d->agents[i].file >= d->n_files) return "agent";
  for (uint32_t i = 0; i < d->n_issues; i++)
    if (!OPT_STR_OK(d->issues[i].code) || !OPT_STR_OK(d->issues[i].category)) return "issue";
  for (uint32_t i = 0; i < d->n_synsets; i++) {
    const dyad__synset *s = &d->synsets[i];
    if (!STR_OK(s->name) || s->file >= d->n_files ||
        !RANGE_OK(s->phrase_first, s->nphrases, d->n_synset_phrases))
      return "synset";
  }
  for (uint32_t i = 0; i < d->n_synset_phrases; i++)
    if (!RANGE_OK(d->synset_phrases[i].word_first, d->synset_phrases[i].nwords, d->n_wordlist))
      return "synset phrase";
  for (uint32_t i = 0; i < d->n_blocks; i++) {
    const dyad__verb_block *b = &d->blocks[i];
    if (!STR_OK(b->desc) || !STR_OK(b->code) || !OPT_STR_OK(b->code2) || b->file >= d->n_files ||
        !RANGE_OK(b->verb_first, b->nverbs, d->n_verbs) ||
        !RANGE_OK(b->pat_first, b->npats, d->n_patterns))
      return "verb block";
  }
  for (uint32_t i = 0; i < d->n_verbs; i++) {
    const dyad__verb *v = &d->verbs[i];
    if (v->block >= d->n_blocks || v->lemma >= d->n_words || !OPT_STR_OK(v->phrase) ||
        !OPT_STR_OK(v->code) || !OPT_STR_OK(v->code2) || v->file >= d->n_files)
      return "verb";
  }
  for (uint32_t i = 0; i < d->n_verb_forms; i++) {
    const dyad__verb_form *f = &d->verb_forms[i];
    if (f->word >= d->n_words || f->verb >= d->n_verbs ||
        !RANGE_OK(f->pre_first, f->npre, d->n_wordlist) ||
        !RANGE_OK(f->post_first, f->npost, d->n_wordlist))
      return "verb form";
  }
  for (uint32_t i = 0; i < d->n_form_hash; i++)
    if (d->form_hash[i].count && !RANGE_OK(d->form_hash[i].first, d->form_hash[i].count, d->n_verb_forms))
      return "verb form table";
  for (uint32_t i = 0; i < d->n_patterns; i++) {
    const dyad__pattern *p = &d->patterns[i];
    if (p->block >= d->n_blocks || !RANGE_OK(p->elem_first, p->nelems, d->n_pelems) ||
        !OPT_STR_OK(p->code) || !OPT_STR_OK(p->code2) || !OPT_STR_OK(p->comment) ||
        p->file >= d->n_files)
      return "pattern";
  }
  for (uint32_t i = 0; i < d->n_pelems; i++) {
    const dyad__pattern_elem *e = &d->pelems[i];
    if (e->kind > DYAD__PE_COMPOUND || e->side > DYAD__SIDE_POST) return "pattern element";
    if ((e->kind == DYAD__PE_WORD && e->value >= d->n_words) ||
        (e->kind == DYAD__PE_PREP && e->value != DYAD__NONE && e->value >= d->n_words) ||
        (e->kind == DYAD__PE_SYNSET && e->value >= d->n_synsets))
      return "pattern element value";
    /* Sub-elements always follow their parent, so there is no cycle. */
    if (e->nsub && (e->sub == DYAD__NONE || e->sub <= i || !RANGE_OK(e->sub, e->nsub, d->n_pelems)))
      return "pattern sub-elements";
  }
  for (uint32_t i = 0; i < d->n_transforms; i++) {
    const dyad__transform *t = &d->transforms[i];
    if (!STR_OK(t->src) || !STR_OK(t->in_src) || !STR_OK(t->in_tgt) || !STR_OK(t->in_verb) ||
        !STR_OK(t->verb) || !STR_OK(t->out_src) || !STR_OK(t->out_tgt) || !STR_OK(t->out_code) ||
        t->file >= d->n_files)
      return "transformation";
  }
  return NULL;
#undef STR_OK
#undef OPT_STR_OK
#undef RANGE_OK
}

dyad_status dyad__dict_cache_open(const void *data, size_t len, const char *name,
                                  const dyad_dict_options *opts, dyad_dict **out) {
  *out = NULL;
  const unsigned char *p = data;
  dyad_status st = DYAD_OK;
  const char *why = NULL;
  if (len < HEADER + 16u * NSECTIONS) st = DYAD_ECORRUPT, why = "too short";
  else if (memcmp(p, dyad__dict_cache_magic, 8)) st = DYAD_EFORMAT, why = "wrong magic";
  else if (get32(p + 12) != 0x01020304u) st = DYAD_EVERSION, why = "written on a machine of the other byte order";
  else if (get32(p + 8) != DICT_CACHE_VERSION) st = DYAD_EVERSION, why = "written by another version of dyad (recompile it)";
  else if (get32(p + 16) != NSECTIONS) st = DYAD_EVERSION, why = "section count differs (recompile it)";
  else if (get64(p + 24) != len) st = DYAD_ECORRUPT, why = "truncated or extended";
  else if (checksum(p + HEADER, len - HEADER) != get64(p + 32)) st = DYAD_ECORRUPT, why = "checksum mismatch";
  dyad_dict *d = NULL;
  if (!why) {
    d = calloc(1, sizeof *d);
    if (!d) st = DYAD_ENOMEM, why = "out of memory";
  }
  if (!why) {
    uint32_t sizes[NSECTIONS] = {
#define SECTION_SIZE(type, name) (uint32_t)sizeof(type),
        DYAD__DICT_ARRAYS(SECTION_SIZE)
#undef SECTION_SIZE
    };
    for (int k = 0; k < NSECTIONS && !why; k++) {
      const unsigned char *t = p + HEADER + 16u * (unsigned)k;
      uint32_t count = get32(t), size = get32(t + 4);
      uint64_t off = get64(t + 8);
      if (size != sizes[k]) why = "element size differs (recompile it)";
      else if (off > len || (uint64_t)count * size > len - off || (off & 15)) why = "section out of bounds";
    }
    if (why) st = DYAD_ECORRUPT;
  }
  if (!why) {
    int k = 0;
#define SECTION_SET(type, name)                                                     \
  d->name = (type *)(void *)(p + get64(p + HEADER + 16u * (unsigned)k + 8));        \
  d->n_##name = get32(p + HEADER + 16u * (unsigned)k);                              \
  k++;
    DYAD__DICT_ARRAYS(SECTION_SET)
#undef SECTION_SET
    why = validate(d);
    if (why) st = DYAD_ECORRUPT;
  }
  if (why) {
    free(d);
    return bad(opts, name, st, why);
  }
  d->borrowed = 1;
  d->errors = (size_t)get64(p + 40);
  d->warnings = (size_t)get64(p + 48);
  *out = d;
  return DYAD_OK;
}

dyad_status dyad_dict_load_cache(const char *path, const dyad_dict_options *opts,
                                 dyad_dict **out) {
  *out = NULL;
  int fd = open(path, O_RDONLY);
  if (fd < 0) return bad(opts, path, errno == ENOENT ? DYAD_ENOTFOUND : DYAD_EIO, strerror(errno));
  struct stat sb;
  if (fstat(fd, &sb) || sb.st_size < (off_t)(HEADER + 16u * NSECTIONS)) {
    close(fd);
    return bad(opts, path, DYAD_ECORRUPT, "too short");
  }
  size_t len = (size_t)sb.st_size;
  void *map = mmap(NULL, len, PROT_READ, MAP_PRIVATE, fd, 0);
  close(fd);
  if (map == MAP_FAILED) return bad(opts, path, DYAD_EIO, strerror(errno));
  dyad_status st = dyad__dict_cache_open(map, len, path, opts, out);
  if (st != DYAD_OK) {
    munmap(map, len);
    return st;
  }
  (*out)->map = map;
  (*out)->map_len = len;
  return DYAD_OK;
}
