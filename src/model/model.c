/* model.c -- reading, checking and writing model files (layout in model.h). */
#include "model/model.h"
#include "util/datapath.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "model/hash.h"
#include "util/buf.h"

uint64_t dyad__rand(uint64_t *state) {
  uint64_t z = (*state += 0x9e3779b97f4a7c15ull);
  return dyad__mix64(z);
}

uint64_t dyad__label_hash(uint32_t kind, uint32_t id) {
  return dyad__mix64(((uint64_t)kind << 32 | id) + 0x51ed270b27e5c9a1ull);
}

static uint32_t rd32(const unsigned char *p) {
  return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 |
         (uint32_t)p[3] << 24;
}
static uint64_t rd64(const unsigned char *p) {
  return (uint64_t)rd32(p) | (uint64_t)rd32(p + 4) << 32;
}

const char *dyad__strmap_get(const dyad__strmap *m, const char *key, size_t len) {
  if (!m->slots) return NULL;
  uint32_t s = (uint32_t)dyad__fnv64(key, len) & m->mask;
  for (uint32_t probes = 0; probes <= m->mask; probes++) {
    uint32_t k = m->slots[2 * s];
    if (!k) return NULL;
    const char *ks = m->blob + k - 1;
    if (!strncmp(ks, key, len) && ks[len] == '\0') return m->blob + m->slots[2 * s + 1] - 1;
    s = (s + 1) & m->mask;
  }
  return NULL;
}

typedef struct {
  const char *file;
  dyad_diag_fn diag;
  void *user;
} load_ctx;

static dyad_status fail(const load_ctx *c, dyad_status st, const char *msg) {
  if (c->diag) {
    char text[256];
    snprintf(text, sizeof text, "model: %s", msg);
    dyad_diag d = {DYAD_DIAG_ERROR, c->file, 0, 0, NULL, text};
    c->diag(&d, c->user);
  }
  return st;
}

typedef struct {
  const unsigned char *p;
  uint64_t len;
} span;

static int find_section(const unsigned char *data, uint32_t nsec, const char *name,
                        span *out) {
  for (uint32_t i = 0; i < nsec; i++) {
    const unsigned char *e = data + 32 + 24 * (size_t)i;
    char nm[9] = {0};
    memcpy(nm, e, 8);
    if (!strcmp(nm, name)) {
      out->p = data + rd64(e + 8);
      out->len = rd64(e + 16);
      return 1;
    }
  }
  return 0;
}

static int load_labels(dyad__labels *l, span s, uint32_t kind) {
  if (s.len == 0 || s.p[s.len - 1] != '\0') return -1;
  uint32_t n = 0;
  for (uint64_t i = 0; i < s.len; i++) n += s.p[i] == '\0';
  if (n > DYAD_MAX_LABELS) return -1;
  l->name = calloc(n ? n : 1, sizeof *l->name);
  l->hash = calloc(n ? n : 1, sizeof *l->hash);
  if (!l->name || !l->hash) return -2;
  const char *p = (const char *)s.p;
  for (uint32_t i = 0; i < n; i++) {
    l->name[i] = p;
    l->hash[i] = dyad__label_hash(kind, i);
    p += strlen(p) + 1;
  }
  l->n = n;
  return 0;
}

static int load_ptable(dyad__pmodel *m, span s, uint32_t nclasses) {
  if (s.len < 16) return -1;
  uint32_t nc = rd32(s.p), nslots = rd32(s.p + 4), npairs = rd32(s.p + 8);
  if (nc != nclasses || nslots == 0) return -1;
  if (((uint64_t)nslots + 1) * 8 + (uint64_t)npairs * 4 + 16 != s.len) return -1;
  m->nclasses = nc;
  m->nslots = nslots;
  m->npairs = npairs;
  m->slots = (const dyad__pslot *)(const void *)(s.p + 16);
  m->pairs = (const dyad__ppair *)(const void *)(s.p + 16 + ((size_t)nslots + 1) * 8);
  int empty = 0;
  for (uint32_t i = 0; i < nslots; i++) {
    const dyad__pslot *sl = &m->slots[i];
    if (sl[1].off < sl->off) return -1;
    if (sl->tag == 0) {
      if (sl[1].off != sl->off) return -1;
      empty = 1;
    }
  }
  if (m->slots[0].off != 0 || m->slots[nslots].off != npairs) return -1;
  if (!empty) return -1; /* a full table would make lookups loop forever */
  for (uint32_t i = 0; i < npairs; i++)
    if (m->pairs[i].cls >= nc) return -1;
  return 0;
}

static int load_pdense(dyad__pdense *m, span s) {
  if (s.len < 16) return -1;
  uint32_t nc = rd32(s.p), nslots = rd32(s.p + 4);
  if (nc != DYAD__NMOVES || nc > DYAD__DENSE_CLASSES || nslots == 0) return -1;
  if ((uint64_t)nslots * 12 + 16 != s.len) return -1;
  m->nclasses = nc;
  m->nslots = nslots;
  m->slots = (const dyad__dslot *)(const void *)(s.p + 16);
  for (uint32_t i = 0; i < nslots; i++)
    if (m->slots[i].tag == 0) return 0;
  return -1; /* a full table would make lookups loop forever */
}

static int load_strmap(dyad__strmap *m, span s) {
  if (s.len < 8) return -1;
  uint32_t nslots = rd32(s.p), blen = rd32(s.p + 4);
  if (nslots == 0 || (nslots & (nslots - 1))) return -1;
  if (8 + (uint64_t)nslots * 8 + blen != s.len) return -1;
  m->mask = nslots - 1;
  m->slots = (const uint32_t *)(const void *)(s.p + 8);
  m->blob = (const char *)s.p + 8 + (size_t)nslots * 8;
  m->blob_len = blen;
  if (blen == 0 || m->blob[blen - 1] != '\0') return -1;
  int empty = 0;
  for (uint32_t i = 0; i < nslots; i++) {
    uint32_t k = m->slots[2 * i], v = m->slots[2 * i + 1];
    if (!k) { empty = 1; continue; }
    if (k > blen || v == 0 || v > blen) return -1;
  }
  return empty ? 0 : -1;
}

static void model_release(dyad_model *m) {
  free(m->upos.name); free(m->upos.hash);
  free(m->xpos.name); free(m->xpos.hash);
  free(m->deprel.name); free(m->deprel.hash);
  free(m->parser.pre); free(m->parserb.pre);
  dyad__pm_release(&m->tagger); dyad__pm_release(&m->tagger2); dyad__pm_release(&m->labeler);
  if (m->map) munmap(m->map, m->map_len);
  free(m->owned);
  free(m);
}

void dyad_model_free(dyad_model *m) {
  if (m) model_release(m);
}

/* Checks everything about the bytes before any pointer into them is used. */
static dyad_status model_open(dyad_model *m, const unsigned char *data, size_t len,
                              const load_ctx *c) {
  char msg[160];
  if ((uintptr_t)data % 8)
    return fail(c, DYAD_EINVAL, "the model bytes must be 8-byte aligned");
  if (len < 32 || memcmp(data, DYAD__MODEL_MAGIC, 8))
    return fail(c, DYAD_ECORRUPT, len < 8 ? "file too short to be a dyad model"
                                          : "not a dyad model file (bad magic)");
  {
    const uint16_t one = 1;
    unsigned char little;
    memcpy(&little, &one, 1);
    if (!little) return fail(c, DYAD_EUNSUPPORTED, "big-endian hosts are not supported");
  }
  uint32_t version = rd32(data + 8), nsec = rd32(data + 12);
  if (version > DYAD__MODEL_VERSION || version == 0) {
    snprintf(msg, sizeof msg,
             "format version %u is not supported (this dyad reads version %u)",
             version, DYAD__MODEL_VERSION);
    return fail(c, DYAD_EVERSION, msg);
  }
  uint64_t flen = rd64(data + 24);
  if (flen != len) {
    snprintf(msg, sizeof msg, "truncated or padded: header says %llu bytes, got %zu",
             (unsigned long long)flen, len);
    return fail(c, DYAD_ECORRUPT, msg);
  }
  if (nsec > DYAD__MODEL_MAX_SECTIONS || 32 + 24 * (uint64_t)nsec > len)
    return fail(c, DYAD_ECORRUPT, "bad section table");
  if (dyad__fnv64(data + 32, len - 32) != rd64(data + 16))
    return fail(c, DYAD_ECORRUPT, "checksum mismatch (file damaged)");
  for (uint32_t i = 0; i < nsec; i++) {
    const unsigned char *e = data + 32 + 24 * (size_t)i;
    uint64_t off = rd64(e + 8), sl = rd64(e + 16);
    if (off % 8 || off > len || sl > len - off)
      return fail(c, DYAD_ECORRUPT, "a section lies outside the file");
  }
  span s;
  static const char *const required[] = {"meta", "upos", "xpos", "deprel", "tagger", "tagger2",
                                         "parser", "labeler", "lemexc", "lemrule", "tagdict"};
  for (size_t i = 0; i < sizeof required / sizeof *required; i++) {
    if (!find_section(data, nsec, required[i], &s)) {
      snprintf(msg, sizeof msg, "section '%s' is missing", required[i]);
      return fail(c, DYAD_ECORRUPT, msg);
    }
  }
  find_section(data, nsec, "meta", &s);
  if (s.len == 0 || s.p[s.len - 1] != '\0') return fail(c, DYAD_ECORRUPT, "bad meta section");
  m->meta = (const char *)s.p;
  static const char *const lnames[] = {"upos", "xpos", "deprel"};
  dyad__labels *ls[] = {&m->upos, &m->xpos, &m->deprel};
  for (int i = 0; i < 3; i++) {
    find_section(data, nsec, lnames[i], &s);
    int r = load_labels(ls[i], s, (uint32_t)i + 1);
    if (r == -2) return fail(c, DYAD_ENOMEM, "out of memory");
    if (r || ls[i]->n == 0) {
      snprintf(msg, sizeof msg, "bad label section '%s'", lnames[i]);
      return fail(c, DYAD_ECORRUPT, msg);
    }
  }
  m->root_label = -1;
  m->dep_label = 0;
  for (uint32_t i = 0; i < m->deprel.n; i++) {
    if (!strcmp(m->deprel.name[i], "root")) m->root_label = (int)i;
    if (!strcmp(m->deprel.name[i], "dep")) m->dep_label = (int)i;
  }
  m->beam = 1;
  {
    const char *b = strstr(m->meta, "\nbeam=");
    if (b) {
      unsigned long v = strtoul(b + 6, NULL, 10);
      if (v == 0 || v > DYAD_MAX_BEAM) return fail(c, DYAD_ECORRUPT, "bad beam width in meta");
      m->beam = (uint32_t)v;
    }
  }
  find_section(data, nsec, "tagger", &s);
  if (load_ptable(&m->tagger, s, m->upos.n + m->xpos.n))
    return fail(c, DYAD_ECORRUPT, "bad tagger table");
  find_section(data, nsec, "tagger2", &s);
  if (load_ptable(&m->tagger2, s, m->upos.n + m->xpos.n))
    return fail(c, DYAD_ECORRUPT, "bad second-pass tagger table");
  find_section(data, nsec, "parser", &s);
  if (load_pdense(&m->parser, s))
    return fail(c, DYAD_ECORRUPT, "bad parser table");
  m->parserb.nslots = 0;
  if (find_section(data, nsec, "parserb", &s) && load_pdense(&m->parserb, s))
    return fail(c, DYAD_ECORRUPT, "bad beam parser table");
  find_section(data, nsec, "labeler", &s);
  if (load_ptable(&m->labeler, s, m->deprel.n))
    return fail(c, DYAD_ECORRUPT, "bad labeler table");
  find_section(data, nsec, "lemexc", &s);
  if (load_strmap(&m->lemexc, s)) return fail(c, DYAD_ECORRUPT, "bad lemma exception map");
  find_section(data, nsec, "lemrule", &s);
  if (load_strmap(&m->lemrule, s)) return fail(c, DYAD_ECORRUPT, "bad lemma rule map");
  find_section(data, nsec, "tagdict", &s);
  if (load_strmap(&m->tagdict, s)) return fail(c, DYAD_ECORRUPT, "bad tag dictionary");
  if (dyad__parse_prepare(m) || dyad__pm_prepare(&m->tagger) ||
      dyad__pm_prepare(&m->tagger2) || dyad__pm_prepare(&m->labeler))
    return fail(c, DYAD_ENOMEM, "out of memory");
  return DYAD_OK;
}

dyad_status dyad_model_load_memory(const void *data, size_t len, dyad_diag_fn diag,
                                   void *user, dyad_model **out) {
  *out = NULL;
  load_ctx c = {"<memory>", diag, user};
  if (!data && len) return fail(&c, DYAD_EINVAL, "no data");
  dyad_model *m = calloc(1, sizeof *m);
  /* A private copy: the caller's buffer may be unaligned or short-lived. */
  void *copy = malloc(len ? len : 1);
  if (!m || !copy) {
    free(m);
    free(copy);
    return fail(&c, DYAD_ENOMEM, "out of memory");
  }
  if (len) memcpy(copy, data, len);
  m->owned = copy;
  dyad_status st = model_open(m, copy, len, &c);
  if (st != DYAD_OK) {
    model_release(m);
    return st;
  }
  *out = m;
  return DYAD_OK;
}

dyad_status dyad_model_load(const char *path, dyad_diag_fn diag, void *user,
                            dyad_model **out) {
  *out = NULL;
  load_ctx c = {path, diag, user};
  char msg[300];
  int fd = open(path, O_RDONLY);
  if (fd < 0) {
    snprintf(msg, sizeof msg, "cannot open: %s", strerror(errno));
    return fail(&c, errno == ENOENT ? DYAD_ENOTFOUND : DYAD_EIO, msg);
  }
  struct stat stt;
  if (fstat(fd, &stt) || !S_ISREG(stt.st_mode)) {
    close(fd);
    return fail(&c, DYAD_EIO, "not a regular file");
  }
  size_t len = (size_t)stt.st_size;
  void *map = len ? mmap(NULL, len, PROT_READ, MAP_PRIVATE, fd, 0) : MAP_FAILED;
  close(fd);
  if (map == MAP_FAILED) {
    if (!len) return fail(&c, DYAD_ECORRUPT, "empty file");
    snprintf(msg, sizeof msg, "cannot map: %s", strerror(errno));
    return fail(&c, DYAD_EIO, msg);
  }
  dyad_model *m = calloc(1, sizeof *m);
  if (!m) {
    munmap(map, len);
    return fail(&c, DYAD_ENOMEM, "out of memory");
  }
  m->map = map;
  m->map_len = len;
  dyad_status st = model_open(m, map, len, &c);
  if (st != DYAD_OK) {
    model_release(m);
    return st;
  }
  *out = m;
  return DYAD_OK;
}

const char *dyad_model_info(const dyad_model *m) { return m ? m->meta : ""; }

_Static_assert(sizeof(dyad__pslot) == 8 && sizeof(dyad__ppair) == 4 &&
                   sizeof(dyad__dslot) == 12,
               "table records must match the file layout");

dyad_status dyad_model_default_path(char *buf, size_t size) {
  const char *env = getenv("DYAD_MODEL");
  if (env && *env) {
    if ((size_t)snprintf(buf, size, "%s", env) >= size) return DYAD_ELIMIT;
    return DYAD_OK;
  }
  return dyad__install_path("models", DYAD_DEFAULT_MODEL, buf, size) ? DYAD_OK : DYAD_ENOTFOUND;
}

static int put32(dyad__buf *b, uint32_t v) {
  unsigned char c[4] = {(unsigned char)v, (unsigned char)(v >> 8),
                        (unsigned char)(v >> 16), (unsigned char)(v >> 24)};
  return dyad__buf_append(b, c, 4);
}
static int put64(dyad__buf *b, uint64_t v) {
  return put32(b, (uint32_t)v) || put32(b, (uint32_t)(v >> 32));
}
static void set64(unsigned char *p, uint64_t v) {
  for (int i = 0; i < 8; i++) p[i] = (unsigned char)(v >> (8 * i));
}

int dyad__model_serialize(const dyad__section_out *s, size_t n, dyad__buf *out) {
  dyad__buf_clear(out);
  int err = dyad__buf_append(out, DYAD__MODEL_MAGIC, 8) ||
            put32(out, DYAD__MODEL_VERSION) || put32(out, (uint32_t)n) ||
            put64(out, 0) || put64(out, 0);
  uint64_t off = 32 + 24 * (uint64_t)n;
  for (size_t i = 0; i < n && !err; i++) {
    char nm[8] = {0};
    memcpy(nm, s[i].name, strlen(s[i].name) < 8 ? strlen(s[i].name) : 8);
    off = (off + 7) & ~(uint64_t)7;
    err |= dyad__buf_append(out, nm, 8) || put64(out, off) || put64(out, s[i].len);
    off += s[i].len;
  }
  for (size_t i = 0; i < n && !err; i++) {
    static const char zeros[8] = {0};
    if (out->len % 8) err |= dyad__buf_append(out, zeros, 8 - out->len % 8);
    if (s[i].len) err |= dyad__buf_append(out, s[i].data, s[i].len);
  }
  if (err) return -1;
  unsigned char *d = (unsigned char *)out->data;
  set64(d + 24, out->len);
  set64(d + 16, dyad__fnv64(d + 32, out->len - 32));
  return 0;
}

int dyad__strmap_write(const char *const *keys, const char *const *vals, size_t n,
                       dyad__buf *out) {
  uint32_t nslots = 16;
  while (nslots < n * 2 + 1) nslots *= 2;
  uint32_t *slots = calloc((size_t)nslots * 2, sizeof *slots);
  dyad__buf blob = {0};
  if (!slots) return -1;
  int err = dyad__buf_putc(&blob, '\0'); /* so that no offset is 0 */
  for (size_t i = 0; i < n && !err; i++) {
    uint32_t ko = (uint32_t)blob.len + 1;
    err |= dyad__buf_append(&blob, keys[i], strlen(keys[i]) + 1);
    uint32_t vo = (uint32_t)blob.len + 1;
    err |= dyad__buf_append(&blob, vals[i], strlen(vals[i]) + 1);
    uint32_t s = (uint32_t)dyad__fnv64_str(keys[i]) & (nslots - 1);
    while (slots[2 * s]) s = (s + 1) & (nslots - 1);
    slots[2 * s] = ko;
    slots[2 * s + 1] = vo;
  }
  err |= put32(out, nslots) || put32(out, (uint32_t)blob.len);
  for (uint32_t i = 0; i < 2 * nslots && !err; i++) err |= put32(out, slots[i]);
  if (!err) err |= dyad__buf_append(out, blob.data, blob.len);
  free(slots);
  dyad__buf_free(&blob);
  return err ? -1 : 0;
}
