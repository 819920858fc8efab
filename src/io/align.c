#include "io/align.h"

#include <string.h>

/* Finds needle at or after *pos in text[0, len), skipping only whitespace. */
static int align1(const char *text, size_t len, size_t *pos, const char *needle,
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
      size_t q = ms;
      uint32_t wn = tok[i].mwt;
      for (uint32_t j = 0; j < wn && i + j < n; j++) {
        const char *f = tok[i + j].form;
        size_t fl = strlen(f), xs = q, xe = q + fl;
        if (xe > mpos || memcmp(text + q, f, fl)) {
          xs = ms;
          xe = mpos;
        } else {
          q = xe;
        }
        tok[i + j].start = (uint32_t)xs;
        tok[i + j].end = (uint32_t)xe;
      }
      pos = mpos;
      i += wn - 1;
      continue;
    }
    if (align1(text, to, &pos, tok[i].form, &a)) {
      tok[i].start = (uint32_t)a;
      tok[i].end = (uint32_t)pos;
    } else {
      misaligned++;
      tok[i].start = tok[i].end = (uint32_t)pos;
    }
  }
  return misaligned;
}
