/*
 * text.h -- internals of the text layer, shared by the files of src/text/.
 *
 *   original text --paragraph.c--> paragraphs (byte ranges, line joins)
 *        |                              |
 *        |                         tokenize.c: words with byte spans,
 *        |                              |      multiword tokens (did+n't)
 *        |                         sentence.c: boundaries, datelines,
 *        |                              |      captions, headlines
 *        +----normalize.c----------> form (NFC, canonical punctuation)
 *                                        and fold ("erdogan")
 *
 * Everything works on the ORIGINAL bytes: the tokenizer classifies code
 * points as it decodes them (a curly quote is a quote, NBSP is a space, an
 * invalid byte is a letter-like U+FFFD), and only the final strings (token
 * forms, sentence text) are normalized.  So a token's span is simply where
 * its characters are, and normalizing that slice gives its form.
 */
#ifndef DYAD_TEXT_TEXT_H
#define DYAD_TEXT_TEXT_H

#include <stddef.h>
#include <stdint.h>

#include "core/doc.h"
#include "util/buf.h"

/* Word flags, set by the tokenizer for the sentence splitter. */
enum {
  DYAD__W_ABBR = 1,      /* ends with an attached period: "U.S.", "Mr." */
  DYAD__W_TERM = 2,      /* ".", "!", "?", "...", "?!" */
  DYAD__W_CLOSE = 4,     /* closing quote or bracket */
  DYAD__W_OPEN = 8,      /* opening quote or bracket */
  DYAD__W_DASH = 16,     /* "-", "--", en or em dash */
  DYAD__W_SPLIT = 32,    /* a piece of a token split at DYAD_MAX_TOKEN_BYTES */
  DYAD__W_LINK = 64,     /* a URL or an e-mail address */
  DYAD__W_EMO = 128      /* an emoticon */
};

typedef struct dyad__word {
  uint32_t start, end; /* byte span in the original text */
  uint16_t mwt;        /* >1 on the first word of a multiword token */
  uint8_t space_after;
  uint8_t flags;
} dyad__word;

typedef struct dyad__words {
  dyad__word *w;
  size_t n, cap;
} dyad__words;

/* State of one dyad_text_segment() call. */
typedef struct dyad__text {
  dyad_doc *doc;
  const char *text;
  size_t len;
  dyad_diag_fn diag;
  void *diag_user;
  dyad__words words; /* words of the current paragraph or sentence */
  dyad__buf buf;     /* scratch for normalization */
  size_t diag_off;   /* diagnostics: byte offset of the last one reported, */
  long diag_line;    /* and its line and column (0: not set yet) */
  long diag_col;
} dyad__text;

/* Reports a diagnostic about the byte at `offset` of the doc's text (its
 * line and column are computed from the offset). */
#if defined(__GNUC__)
__attribute__((format(printf, 4, 5)))
#endif
void dyad__text_diag(dyad__text *t, dyad_severity sev, size_t offset,
                     const char *fmt, ...);

/* ---- normalize.c ---- */

/* Decodes the code point at s[0..n) (n > 0); invalid bytes decode as
 * U+FFFD of length 1. */
size_t dyad__text_decode(const char *s, size_t n, uint32_t *cp);
/* 1 for whitespace: ASCII space and control characters (a NUL or DEL in
 * the text separates words), NBSP, the Unicode space separators,
 * zero-width space, BOM. */
int dyad__text_is_space(uint32_t cp);
/* 1 for characters that make up words: letters, digits, combining marks,
 * U+FFFD (a damaged letter is still part of its word). */
int dyad__text_is_wordchar(uint32_t cp);
int dyad__text_is_upper(uint32_t cp);
int dyad__text_is_lower(uint32_t cp);
/* The ASCII character a punctuation code point stands for (curly quotes,
 * dashes, ellipsis first char), or 0 for anything else. */
int dyad__text_punct_ascii(uint32_t cp);

/* Normalized copy of s[0..n) in the doc's arena: invalid UTF-8 replaced by
 * U+FFFD (counted in the doc), canonical quotes, dashes and spaces, NFC.
 * With collapse_space, every whitespace run becomes one space and the ends
 * are trimmed.  NULL when out of memory. */
char *dyad__text_normalize(dyad__text *t, const char *s, size_t n,
                           int collapse_space);
/* ASCII-folded lower-case copy of a normalized form ("Erdoğan" ->
 * "erdogan"); characters with no ASCII fold stay as they are (lower-cased).
 * May return `form` itself when it is already folded.  NULL on OOM. */
const char *dyad__text_fold(dyad__text *t, const char *form);
/* The fold itself, into out (cleared first): NFD, marks stripped, case
 * folded, and the letters with no decomposition folded by hand (ø -> o,
 * ı -> i, ß -> ss...).  The dictionaries fold their phrases with this too,
 * so a phrase and a token always compare the same.  0, or -1 on OOM. */
int dyad__fold_utf8(const char *s, size_t len, dyad__buf *out);

/* ---- paragraph.c ---- */

typedef struct dyad__para {
  uint32_t start, end; /* first and last non-space byte + 1 */
  uint32_t nlines;
  int blank_after;     /* followed by a blank line */
} dyad__para;

/* Splits text[0..len) into paragraphs (malloc'ed array in *out, count in
 * *n).  Returns 0, or -1 when out of memory. */
int dyad__paragraphs(const char *text, size_t len, dyad__para **out, size_t *n);

/* ---- tokenize.c ---- */

/* Appends the words of text[a..b) to t->words.  Returns 0 or -1 (OOM). */
int dyad__tokenize(dyad__text *t, size_t a, size_t b);

/* ---- sentence.c ---- */

/* Segments the paragraph whose words are t->words into sentences of the
 * doc.  `para` is the paragraph index, `first` is 1 for the first text
 * paragraph of the article (datelines), `headline` marks a title line,
 * `last` the last paragraph (where a "REUTER" sign-off is a non-sentence).
 * Returns 0 or -1 (OOM). */
int dyad__sentences(dyad__text *t, uint32_t para, int first, int headline, int last);
/* Fills tokens of s from words [from, to) of t->words. */
int dyad__fill_tokens(dyad__text *t, dyad_sentence *s, size_t from, size_t to);

#endif
