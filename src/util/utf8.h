/* utf8.h -- UTF-8 validation and decoding over unsigned bytes. */
#ifndef DYAD_UTF8_H
#define DYAD_UTF8_H

#include <stddef.h>
#include <stdint.h>

#include "util/buf.h"

/* Length of the valid UTF-8 sequence at s (1-4), or 0 if the bytes there are
 * not valid UTF-8 (overlong, surrogate, > U+10FFFF, truncated, stray). */
size_t dyad__utf8_valid_len(const unsigned char *s, size_t n);
/* Decodes one sequence; returns its length and sets *cp, or returns 1 and
 * sets *cp = 0xFFFD for an invalid byte. n must be > 0. */
size_t dyad__utf8_decode(const unsigned char *s, size_t n, uint32_t *cp);
/* Encodes cp into out (4 bytes); returns its length. */
size_t dyad__utf8_encode(uint32_t cp, char out[4]);
/* Index of the first invalid byte, or n if all valid. */
size_t dyad__utf8_check(const char *s, size_t n);
/* Appends s to out with every invalid byte replaced by U+FFFD; returns the
 * number of replacements, or (size_t)-1 when out of memory. */
size_t dyad__utf8_sanitize(const char *s, size_t n, dyad__buf *out);

#endif
