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

#define DICT_CACHE_VERSION 1u
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
  const unsigned char *p = map;
  dyad_status st = DYAD_OK;
  const char *why = NULL;
  if (memcmp(p, dyad__dict_cache_magic, 8)) st = DYAD_EFORMAT, why = "wrong magic";
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
    if (!d->n_strs || d->strs[d->n_strs - 1] != '\0' || !pow2(d->n_word_hash) ||
        !pow2(d->n_edges) || !pow2(d->n_form_hash) || d->n_word_hash <= d->n_words ||
        !d->n_nodes)
      st = DYAD_ECORRUPT, why = "inconsistent tables";
  }
  if (why) {
    free(d);
    munmap(map, len);
    return bad(opts, path, st, why);
  }
  d->map = map;
  d->map_len = len;
  d->errors = (size_t)get64(p + 40);
  d->warnings = (size_t)get64(p + 48);
  *out = d;
  return DYAD_OK;
}
