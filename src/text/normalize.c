/*
 * normalize.c -- character classes for the tokenizer, and the normalized
 * form and ASCII fold of a token.
 *
 * Normalization is applied to a slice of the original text, never to the
 * whole article, so that offsets stay those of the original bytes.  ASCII
 * slices (nearly all of wire copy) take a fast path and are copied as they
 * are; only slices with non-ASCII bytes go through utf8proc.
 */
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "text/text.h"
#include "util/utf8.h"

size_t dyad__text_decode(const char *s, size_t n, uint32_t *cp) {
  const unsigned char *u = (const unsigned char *)s;
  if (u[0] < 0x80) {
    *cp = u[0];
    return 1;
  }
  return dyad__utf8_decode(u, n, cp);
}

int dyad__text_is_space(uint32_t cp) {
  /* Other control characters (NUL, DEL...) separate words too: they are
   * never part of a form. */
  if (cp < 0x80) return cp <= ' ' || cp == 0x7F;
  switch (cp) {
    case 0x85: case 0xA0: case 0x1680: case 0x2028: case 0x2029:
    case 0x202F: case 0x205F: case 0x3000: case 0x200B: case 0xFEFF:
      return 1;
    default:
      return cp >= 0x2000 && cp <= 0x200A;
  }
}

int dyad__text_is_wordchar(uint32_t cp) {
  if (cp < 0x80) { /* see also the inline copy in tokenize.c */
    return (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') ||
           (cp >= '0' && cp <= '9');
  }
  if (cp == 0xFFFD) return 1;
  switch (utf8proc_category((utf8proc_int32_t)cp)) {
    case UTF8PROC_CATEGORY_LU: case UTF8PROC_CATEGORY_LL:
    case UTF8PROC_CATEGORY_LT: case UTF8PROC_CATEGORY_LM:
    case UTF8PROC_CATEGORY_LO: case UTF8PROC_CATEGORY_MN:
    case UTF8PROC_CATEGORY_MC: case UTF8PROC_CATEGORY_ME:
    case UTF8PROC_CATEGORY_ND: case UTF8PROC_CATEGORY_NL:
    case UTF8PROC_CATEGORY_NO:
      return 1;
    default:
      return 0;
  }
}

int dyad__text_is_upper(uint32_t cp) {
  if (cp < 0x80) return cp >= 'A' && cp <= 'Z';
  utf8proc_category_t c = utf8proc_category((utf8proc_int32_t)cp);
  return c == UTF8PROC_CATEGORY_LU || c == UTF8PROC_CATEGORY_LT;
}

int dyad__text_is_lower(uint32_t cp) {
  if (cp < 0x80) return cp >= 'a' && cp <= 'z';
  return utf8proc_category((utf8proc_int32_t)cp) == UTF8PROC_CATEGORY_LL;
}

int dyad__text_punct_ascii(uint32_t cp) {
  if (cp < 0x80) return (int)cp;
  switch (cp) {
    case 0x2018: case 0x2019: case 0x201A: case 0x201B: case 0x2032:
      return '\'';
    case 0x201C: case 0x201D: case 0x201E: case 0x201F: case 0x2033:
    case 0x00AB: case 0x00BB:
      return '"';
    case 0x2010: case 0x2011: case 0x2012: case 0x2013: case 0x2014:
    case 0x2015: case 0x2212: case 0xFE58: case 0xFE63: case 0xFF0D:
      return '-';
    case 0x2026:
      return '.';
    default:
      return 0;
  }
}

/* The canonical replacement of a code point in a form, or NULL to keep it.
 * Dashes: an en dash stands for a range or a hyphen ("1990-91") and becomes
 * "-"; an em dash or a horizontal bar is a sentence dash, which EWT and
 * wire copy typed as "--".  Zero-width and soft-hyphen characters are
 * invisible and dropped. */
static const char *canonical(uint32_t cp) {
  switch (cp) {
    case 0x2018: case 0x2019: case 0x201A: case 0x201B: case 0x2032:
      return "'";
    case 0x201C: case 0x201D: case 0x201E: case 0x201F: case 0x2033:
    case 0x00AB: case 0x00BB:
      return "\"";
    case 0x2010: case 0x2011: case 0x2012: case 0x2013: case 0x2212:
    case 0xFE63: case 0xFF0D:
      return "-";
    case 0x2014: case 0x2015: case 0xFE58:
      return "--";
    case 0x2026:
      return "...";
    case 0x00AD: case 0x200B: case 0x200C: case 0x200D: case 0x2060:
    case 0xFEFF:
      return "";
    default:
      return dyad__text_is_space(cp) ? " " : NULL;
  }
}

char *dyad__text_normalize(dyad__text *t, const char *s, size_t n,
                           int collapse_space) {
  size_t i = 0;
  const unsigned char *u = (const unsigned char *)s;
  if (!collapse_space) {
    /* Token forms: no whitespace inside, only the ASCII test matters. */
    for (i = 0; i < n && u[i] < 0x80; i++) {}
    if (i == n) return dyad__doc_strndup(t->doc, s, n);
  } else {
    /* Sentence text of wire copy: ASCII with line breaks inside, copied
     * with whitespace collapsed in one pass; anything else falls through
     * to the general path (the arena bytes are then wasted, rarely). */
    char *r = dyad__arena_alloc(&t->doc->arena, n + 1), *o = r;
    if (!r) return NULL;
    int pend = 0;
    for (i = 0; i < n; i++) {
      unsigned char c = u[i];
      if (c >= 0x80) break;
      if (c <= ' ' || c == 0x7F) {
        pend = o > r;
        continue;
      }
      if (pend) *o++ = ' ';
      pend = 0;
      *o++ = (char)c;
    }
    if (i == n) {
      *o = '\0';
      return r;
    }
  }

  dyad__buf *b = &t->buf;
  dyad__buf_clear(b);
  if (dyad__buf_reserve(b, n + 4)) return NULL;
  int pending_space = 0;
  for (i = 0; i < n;) {
    uint32_t cp;
    size_t l = dyad__text_decode(s + i, n - i, &cp);
    i += l;
    const char *rep = canonical(cp);
    if (rep && rep[0] == ' ' && !rep[1]) {
      if (collapse_space) {
        pending_space = b->len > 0;
        continue;
      }
    } else if (cp < 0x20 && cp != '\t' && cp != '\n' && cp != '\r') {
      rep = " "; /* other control characters are never part of a form */
    }
    if (pending_space) {
      if (dyad__buf_putc(b, ' ')) return NULL;
      pending_space = 0;
    }
    if (rep) {
      if (dyad__buf_puts(b, rep)) return NULL;
    } else {
      char enc[4];
      if (dyad__buf_append(b, enc, dyad__utf8_encode(cp, enc))) return NULL;
    }
  }
  if (!b->data) return dyad__doc_strndup(t->doc, "", 0);
  int has_nonascii = 0;
  for (i = 0; i < b->len && !has_nonascii; i++) has_nonascii = (unsigned char)b->data[i] >= 0x80;
  if (!has_nonascii) return dyad__doc_strndup(t->doc, b->data, b->len);
  utf8proc_uint8_t *nfc = utf8proc_NFC((const utf8proc_uint8_t *)b->data);
  if (!nfc) return NULL;
  char *r = dyad__doc_strndup(t->doc, (const char *)nfc, strlen((const char *)nfc));
  free(nfc);
  return r;
}

/* Letters that have no decomposition to ASCII but an obvious ASCII
 * spelling, as used by the dictionaries ("Lodz", "Orsted"). */
static const char *fold_extra(uint32_t cp) {
  switch (cp) {
    case 0xF8: return "o";   /* ø */
    case 0x142: return "l";  /* ł */
    case 0x111: return "d";  /* đ */
    case 0xF0: return "d";   /* ð */
    case 0xE6: return "ae";  /* æ */
    case 0x153: return "oe"; /* œ */
    case 0x131: return "i";  /* dotless ı */
    case 0xFE: return "th";  /* þ */
    case 0xDF: return "ss";  /* ß */
    case 0x127: return "h";  /* ħ */
    default: return NULL;
  }
}

int dyad__fold_utf8(const char *s, size_t n, dyad__buf *out) {
  dyad__buf_clear(out);
  utf8proc_uint8_t *m = NULL;
  utf8proc_ssize_t ml = utf8proc_map(
      (const utf8proc_uint8_t *)s, (utf8proc_ssize_t)n, &m,
      UTF8PROC_STABLE | UTF8PROC_DECOMPOSE | UTF8PROC_STRIPMARK | UTF8PROC_CASEFOLD);
  if (ml < 0) {
    /* Not UTF-8 (the readers have reported it): lower-case ASCII, keep
     * the other bytes. */
    free(m);
    if (dyad__buf_append(out, s, n)) return -1;
    for (size_t i = 0; i < n; i++)
      if (out->data[i] >= 'A' && out->data[i] <= 'Z') out->data[i] = (char)(out->data[i] - 'A' + 'a');
    return 0;
  }
  for (utf8proc_ssize_t i = 0; i < ml;) {
    uint32_t cp;
    size_t l = dyad__text_decode((const char *)m + i, (size_t)(ml - i), &cp);
    const char *x = fold_extra(cp);
    int err = x ? dyad__buf_puts(out, x) : dyad__buf_append(out, m + i, l);
    if (err) {
      free(m);
      return -1;
    }
    i += (utf8proc_ssize_t)l;
  }
  free(m);
  return dyad__buf_append(out, "", 0);
}

const char *dyad__text_fold(dyad__text *t, const char *form) {
  const unsigned char *u = (const unsigned char *)form;
  int ascii = 1, upper = 0;
  size_t n = 0;
  for (; u[n]; n++) {
    if (u[n] >= 0x80) ascii = 0;
    else if (u[n] >= 'A' && u[n] <= 'Z') upper = 1;
  }
  if (ascii) {
    if (!upper) return form;
    char *r = dyad__doc_strndup(t->doc, form, n);
    if (!r) return NULL;
    for (size_t i = 0; i < n; i++)
      if (r[i] >= 'A' && r[i] <= 'Z') r[i] = (char)(r[i] - 'A' + 'a');
    return r;
  }
  if (dyad__fold_utf8(form, n, &t->buf)) return NULL;
  return dyad__doc_strndup(t->doc, t->buf.data, t->buf.len);
}
