/*
 * arena.h -- per-document scratch memory, freed in one step.
 *
 * Built with DYAD_ARENA_MALLOC (implied by the sanitizer build) every
 * allocation is its own malloc() so ASan and valgrind see each one.
 */
#ifndef DYAD_ARENA_H
#define DYAD_ARENA_H

#include <stddef.h>

typedef struct dyad__arena_chunk dyad__arena_chunk;

typedef struct dyad__arena {
  dyad__arena_chunk *head; /* newest chunk first */
  size_t used;             /* bytes used in head */
  size_t total;            /* bytes obtained from malloc, for statistics */
} dyad__arena;

void dyad__arena_init(dyad__arena *a);
/* Returns zeroed memory aligned for any type, or NULL when out of memory. */
void *dyad__arena_alloc(dyad__arena *a, size_t size);
char *dyad__arena_strndup(dyad__arena *a, const char *s, size_t len);
char *dyad__arena_strdup(dyad__arena *a, const char *s);
/* Releases everything; the arena is empty and usable again. */
void dyad__arena_reset(dyad__arena *a);

#endif
