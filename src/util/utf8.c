#include "util/utf8.h"

size_t dyad__utf8_valid_len(const unsigned char *s, size_t n) {
  if (n == 0) return 0;
  unsigned c = s[0];
  if (c < 0x80) return 1;
  if (c < 0xC2) return 0; /* continuation byte or overlong 2-byte lead */
  if (c < 0xE0) return (n >= 2 && (s[1] & 0xC0) == 0x80) ? 2 : 0;
  if (c < 0xF0) {
    if (n < 3 || (s[1] & 0xC0) != 0x80 || (s[2] & 0xC0) != 0x80) return 0;
    if (c == 0xE0 && s[1] < 0xA0) return 0; /* overlong */
    if (c == 0xED && s[1] >= 0xA0) return 0; /* surrogates */
    return 3;
  }
  if (c < 0xF5) {
    if (n < 4 || (s[1] & 0xC0) != 0x80 || (s[2] & 0xC0) != 0x80 ||
        (s[3] & 0xC0) != 0x80)
      return 0;
    if (c == 0xF0 && s[1] < 0x90) return 0; /* overlong */
    if (c == 0xF4 && s[1] >= 0x90) return 0; /* above U+10FFFF */
    return 4;
  }
  return 0;
}

size_t dyad__utf8_decode(const unsigned char *s, size_t n, uint32_t *cp) {
  size_t len = dyad__utf8_valid_len(s, n);
  switch (len) {
    case 1: *cp = s[0]; return 1;
    case 2: *cp = ((uint32_t)(s[0] & 0x1F) << 6) | (s[1] & 0x3F); return 2;
    case 3:
      *cp = ((uint32_t)(s[0] & 0x0F) << 12) | ((uint32_t)(s[1] & 0x3F) << 6) |
            (s[2] & 0x3F);
      return 3;
    case 4:
      *cp = ((uint32_t)(s[0] & 0x07) << 18) | ((uint32_t)(s[1] & 0x3F) << 12) |
            ((uint32_t)(s[2] & 0x3F) << 6) | (s[3] & 0x3F);
      return 4;
    default: *cp = 0xFFFD; return 1;
  }
}

size_t dyad__utf8_encode(uint32_t cp, char out[4]) {
  if (cp < 0x80) { out[0] = (char)cp; return 1; }
  if (cp < 0x800) {
    out[0] = (char)(0xC0 | (cp >> 6));
    out[1] = (char)(0x80 | (cp & 0x3F));
    return 2;
  }
  if (cp < 0x10000) {
    out[0] = (char)(0xE0 | (cp >> 12));
    out[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
    out[2] = (char)(0x80 | (cp & 0x3F));
    return 3;
  }
  out[0] = (char)(0xF0 | (cp >> 18));
  out[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
  out[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
  out[3] = (char)(0x80 | (cp & 0x3F));
  return 4;
}

size_t dyad__utf8_check(const char *s, size_t n) {
  const unsigned char *u = (const unsigned char *)s;
  size_t i = 0;
  while (i < n) {
    if (u[i] < 0x80) { i++; continue; }
    size_t l = dyad__utf8_valid_len(u + i, n - i);
    if (!l) return i;
    i += l;
  }
  return n;
}

size_t dyad__utf8_sanitize(const char *s, size_t n, dyad__buf *out) {
  const unsigned char *u = (const unsigned char *)s;
  size_t bad = 0, i = 0, run = 0;
  if (dyad__buf_reserve(out, n)) return (size_t)-1;
  while (i < n) {
    size_t l = u[i] < 0x80 ? 1 : dyad__utf8_valid_len(u + i, n - i);
    if (l) { i += l; continue; }
    if (dyad__buf_append(out, s + run, i - run) ||
        dyad__buf_append(out, "\xEF\xBF\xBD", 3))
      return (size_t)-1;
    bad++;
    i++;
    run = i;
  }
  if (dyad__buf_append(out, s + run, n - run)) return (size_t)-1;
  return bad;
}
