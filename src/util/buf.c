#include "util/buf.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int dyad__buf_reserve(dyad__buf *b, size_t extra) {
  if (b->cap - b->len > extra) return 0;
  if (extra > ((size_t)-1) / 2 - b->len) return -1;
  size_t want = b->len + extra + 1;
  size_t cap = b->cap ? b->cap : 64;
  while (cap < want) cap *= 2;
  char *p = realloc(b->data, cap);
  if (!p) return -1;
  b->data = p;
  b->cap = cap;
  return 0;
}

int dyad__buf_append(dyad__buf *b, const void *data, size_t len) {
  if (dyad__buf_reserve(b, len)) return -1;
  if (len) memcpy(b->data + b->len, data, len);
  b->len += len;
  b->data[b->len] = '\0';
  return 0;
}

int dyad__buf_puts(dyad__buf *b, const char *s) {
  return dyad__buf_append(b, s, strlen(s));
}

int dyad__buf_putc(dyad__buf *b, char c) { return dyad__buf_append(b, &c, 1); }

int dyad__buf_printf(dyad__buf *b, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  char small[256];
  int n = vsnprintf(small, sizeof small, fmt, ap);
  va_end(ap);
  if (n < 0) return -1;
  if ((size_t)n < sizeof small) return dyad__buf_append(b, small, (size_t)n);
  if (dyad__buf_reserve(b, (size_t)n)) return -1;
  va_start(ap, fmt);
  vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
  va_end(ap);
  b->len += (size_t)n;
  return 0;
}

void dyad__buf_clear(dyad__buf *b) {
  b->len = 0;
  if (b->data) b->data[0] = '\0';
}

void dyad__buf_free(dyad__buf *b) {
  free(b->data);
  b->data = NULL;
  b->len = b->cap = 0;
}
