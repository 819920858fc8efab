/* fuzz_dict_cache.c -- the compiled cache loader on arbitrary bytes.  The
 * header's size and checksum are repaired first, so the fuzzer reaches the
 * structural checks behind them, then every query runs on what loaded. */
#include <stdlib.h>

#include "fuzz_dict_common.h"

static uint64_t rd64(const uint8_t *p) {
  uint64_t v;
  memcpy(&v, p, 8);
  return v;
}

/* The checksum of cache.c, repeated here on purpose: a change there must
 * be made here too, or the corpus stops reaching the loader. */
static uint64_t sum(const uint8_t *p, size_t n) {
  uint64_t h = 0x243F6A8885A308D3ull;
  size_t i = 0;
  for (; i + 8 <= n; i += 8) {
    h = (h ^ rd64(p + i)) * 0x9E3779B97F4A7C15ull;
    h ^= h >> 29;
  }
  for (; i < n; i++) h = (h ^ p[i]) * 0x100000001B3ull;
  return h;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  /* 16-aligned copy, as mmap would give. */
  uint8_t *buf = aligned_alloc(16, (size + 15) & ~(size_t)15);
  if (!buf) return 0;
  if (size) memcpy(buf, data, size);
  if (size >= 64) {
    uint64_t len = size, s = sum(buf + 64, size - 64);
    memcpy(buf + 24, &len, 8);
    memcpy(buf + 32, &s, 8);
  }
  dyad_dict_options o = {fuzz_diag, NULL, 0};
  dyad_dict *d = NULL;
  if (dyad__dict_cache_open(buf, size, "fuzz", &o, &d) == DYAD_OK) {
    fuzz_queries(d, data, size);
    dyad_dict_free(d);
  }
  free(buf);
  return 0;
}
