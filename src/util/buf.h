/* buf.h -- a growable byte buffer (malloc), always NUL-terminated. */
#ifndef DYAD_BUF_H
#define DYAD_BUF_H

#include <stdarg.h>
#include <stddef.h>

typedef struct dyad__buf {
  char *data; /* NUL-terminated when len > 0 or after any append */
  size_t len;
  size_t cap;
} dyad__buf;

/* All return 0 on success, -1 when out of memory (the buffer is unchanged). */
int dyad__buf_reserve(dyad__buf *b, size_t extra);
int dyad__buf_append(dyad__buf *b, const void *data, size_t len);
int dyad__buf_puts(dyad__buf *b, const char *s);
int dyad__buf_putc(dyad__buf *b, char c);
#if defined(__GNUC__)
__attribute__((format(printf, 2, 3)))
#endif
int dyad__buf_printf(dyad__buf *b, const char *fmt, ...);
void dyad__buf_clear(dyad__buf *b);
void dyad__buf_free(dyad__buf *b);

#endif
