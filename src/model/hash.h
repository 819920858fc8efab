/*
 * hash.h -- the hash functions of the model files, fixed once and forever.
 *
 * Feature keys are stored in model files, so these functions are part of
 * the file format: changing them means a new format version.  Strings are
 * hashed byte by byte as unsigned char, so the value does not depend on the
 * signedness of char on the machine that trained or loads the model.
 */
#ifndef DYAD_MODEL_HASH_H
#define DYAD_MODEL_HASH_H

#include <stddef.h>
#include <stdint.h>

/* FNV-1a, 64 bits. */
static inline uint64_t dyad__fnv64(const void *data, size_t len) {
  const unsigned char *p = data;
  uint64_t h = 14695981039346656037ull;
  for (size_t i = 0; i < len; i++) {
    h ^= p[i];
    h *= 1099511628211ull;
  }
  return h;
}

static inline uint64_t dyad__fnv64_str(const char *s) {
  const unsigned char *p = (const unsigned char *)s;
  uint64_t h = 14695981039346656037ull;
  for (; *p; p++) {
    h ^= *p;
    h *= 1099511628211ull;
  }
  return h;
}

/* The splitmix64 finalizer: every input bit affects every output bit, so
 * combined feature keys spread evenly over the open-addressing tables. */
static inline uint64_t dyad__mix64(uint64_t x) {
  x ^= x >> 30;
  x *= 0xbf58476d1ce4e5b9ull;
  x ^= x >> 27;
  x *= 0x94d049bb133111ebull;
  x ^= x >> 31;
  return x;
}

/* Feature keys: template number and one to three attribute hashes.  Key 0
 * marks an empty slot in the tables, so it is never produced. */
static inline uint64_t dyad__fkey1(uint32_t t, uint64_t a) {
  uint64_t k = dyad__mix64(a + 0x9e3779b97f4a7c15ull * (t + 1));
  return k ? k : 1;
}
static inline uint64_t dyad__fkey2(uint32_t t, uint64_t a, uint64_t b) {
  uint64_t k = dyad__mix64(dyad__mix64(a + 0x9e3779b97f4a7c15ull * (t + 1)) ^ b);
  return k ? k : 1;
}
static inline uint64_t dyad__fkey3(uint32_t t, uint64_t a, uint64_t b, uint64_t c) {
  uint64_t k = dyad__mix64(
      dyad__mix64(dyad__mix64(a + 0x9e3779b97f4a7c15ull * (t + 1)) ^ b) ^ c);
  return k ? k : 1;
}

#endif
