#include "util/arena.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "util/limits.h"

#define ARENA_ALIGN 16u

struct dyad__arena_chunk {
  dyad__arena_chunk *next;
  size_t size; /* usable bytes after the header */
  /* data follows, aligned to ARENA_ALIGN */
};

static size_t header_size(void) {
  return (sizeof(dyad__arena_chunk) + ARENA_ALIGN - 1) & ~(size_t)(ARENA_ALIGN - 1);
}

void dyad__arena_init(dyad__arena *a) { memset(a, 0, sizeof *a); }

void *dyad__arena_alloc(dyad__arena *a, size_t size) {
  if (size == 0) size = 1;
  if (size > SIZE_MAX / 2) return NULL;
  size = (size + ARENA_ALIGN - 1) & ~(size_t)(ARENA_ALIGN - 1);
#ifdef DYAD_ARENA_MALLOC
  dyad__arena_chunk *c = calloc(1, header_size() + size);
  if (!c) return NULL;
  c->size = size;
  c->next = a->head;
  a->head = c;
  a->used = size;
  a->total += size;
  return (char *)c + header_size();
#else
  if (!a->head || a->head->size - a->used < size) {
    size_t want = size > DYAD_ARENA_CHUNK / 4 ? size : DYAD_ARENA_CHUNK;
    dyad__arena_chunk *c = malloc(header_size() + want);
    if (!c) return NULL;
    c->size = want;
    if (want == size && a->head) {
      /* A big block gets its own chunk behind the current one, so the
       * current chunk's free space stays usable. */
      c->next = a->head->next;
      a->head->next = c;
      a->total += want;
      memset((char *)c + header_size(), 0, size);
      return (char *)c + header_size();
    }
    c->next = a->head;
    a->head = c;
    a->used = 0;
    a->total += want;
  }
  char *p = (char *)a->head + header_size() + a->used;
  a->used += size;
  memset(p, 0, size);
  return p;
#endif
}

char *dyad__arena_strndup(dyad__arena *a, const char *s, size_t len) {
  char *p = dyad__arena_alloc(a, len + 1);
  if (!p) return NULL;
  if (len) memcpy(p, s, len);
  p[len] = '\0';
  return p;
}

char *dyad__arena_strdup(dyad__arena *a, const char *s) {
  return dyad__arena_strndup(a, s, strlen(s));
}

void dyad__arena_reset(dyad__arena *a) {
  dyad__arena_chunk *c = a->head;
  while (c) {
    dyad__arena_chunk *n = c->next;
    free(c);
    c = n;
  }
  memset(a, 0, sizeof *a);
}
