#include "io/align.h"

#include <string.h>

/* Finds needle at or after *pos in text[0, len), skipping only whitespace. */
static int align_at(const char *text, size_t len, size_t *pos, const char *needle,
                    size_t *start) {
  size_t p = *pos, n = strlen(needle);
  while (p < len &&
         (text[p] == ' ' || text[p] == '\t' || text[p] == '\n' || text[p] == '\r'))
    p++;
  if (p + n <= len && !memcmp(text + p, needle, n)) {
    *start = p;
    *pos = p + n;
    return 1;
  }
  return 0;
}

/* Treebank escapes stand for characters of the text: parses converted from
 * Penn Treebank style (PETRARCH's UD unit tests) spell "(" as -LRB-. */
static const char *const ptb_escapes[][3] = {
    {"-LRB-", "(", "["}, {"-RRB-", ")", "]"}, {"-LCB-", "{", NULL},
    {"-RCB-", "}", NULL}, {"-LSB-", "[", NULL}, {"-RSB-", "]", NULL},
    {"``", "\"", "\xE2\x80\x9C"}, {"''", "\"", "\xE2\x80\x9D"}};

static int align1(const char *text, size_t len, size_t *pos, const char *needle,
                  size_t *start) {
  if (align_at(text, len, pos, needle, start)) return 1;
  for (size_t i = 0; i < sizeof ptb_escapes / sizeof *ptb_escapes; i++) {
    if (strcmp(needle, ptb_escapes[i][0])) continue;
    for (int k = 1; k < 3; k++)
      if (ptb_escapes[i][k] && align_at(text, len, pos, ptb_escapes[i][k], start)) return 1;
  }
  return 0;
}

size_t dyad__align_tokens(const char *text, size_t from, size_t to, dyad_token *tok,
                          uint32_t n, const char *const *surface) {
  size_t pos = from, misaligned = 0;
  for (uint32_t i = 0; i < n; i++) {
    size_t a;
    if (tok[i].mwt > 1 && surface && surface[i]) {
      size_t mpos = pos, ms;
      if (!align1(text, to, &mpos, surface[i], &ms)) {
        ms = mpos = pos;
        misaligned++;
      }
      uint32_t wn = tok[i].mwt;
      size_t q = ms;
      int exact = 1;
      for (uint32_t j = 0; exact && j < wn && i + j < n; j++) {
        size_t fl = strlen(tok[i + j].form);
        exact = q + fl <= mpos && !memcmp(text + q, tok[i + j].form, fl);
        q += fl;
      }
      exact = exact && q == mpos;
      q = ms;
      for (uint32_t j = 0; j < wn && i + j < n; j++) {
        size_t fl = strlen(tok[i + j].form);
        tok[i + j].start = (uint32_t)(exact ? q : ms);
        tok[i + j].end = (uint32_t)(exact ? q + fl : mpos);
        q += fl;
      }
      pos = mpos;
      i += wn - 1;
      continue;
    }
    if (align1(text, to, &pos, tok[i].form, &a)) {
      tok[i].start = (uint32_t)a;
      tok[i].end = (uint32_t)pos;
    } else {
      /* Spelled differently in the text ("'" for a curly apostrophe):
       * the word covers the gap up to where the next word is found, so
       * one mismatch does not shift every word after it. */
      misaligned++;
      size_t p = pos;
      while (p < to && (text[p] == ' ' || text[p] == '\t' || text[p] == '\n' || text[p] == '\r'))
        p++;
      size_t q = p, lim = p + 2 * strlen(tok[i].form) + 8, ns;
      if (lim > to) lim = to;
      int found = 0;
      while (i + 1 < n && q + 1 <= lim && !found) {
        q++;
        size_t qq = q;
        found = align1(text, to, &qq, tok[i + 1].form, &ns) && ns == q;
      }
      if (found) {
        size_t e = q;
        while (e > p && (text[e - 1] == ' ' || text[e - 1] == '\t' || text[e - 1] == '\n' ||
                         text[e - 1] == '\r'))
          e--;
        tok[i].start = (uint32_t)p;
        tok[i].end = (uint32_t)e;
        pos = e;
      } else {
        tok[i].start = tok[i].end = (uint32_t)pos;
      }
    }
  }
  return misaligned;
}
