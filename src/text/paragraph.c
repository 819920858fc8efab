/*
 * paragraph.c -- paragraphs of plain text.
 *
 * A paragraph ends at:
 *  - a blank line (only whitespace on it);
 *  - a line that starts with indentation (two or more spaces, or a tab), as
 *    Reuters and other wire copy start paragraphs with "\n    ".  Text that
 *    is indented as a whole is not cut at every line: an indented line
 *    continues the paragraph when the line before has the same indentation,
 *    is long (a hard-wrapped line, see WRAPPED) and does not end a sentence.
 *  A short line is NOT a paragraph end: in Reuters copy the first line of a
 *  story is short because the dateline was cut from it ("Ultrasystems Inc
 *  said the U.S.\nDefense Department ..."), and title lines without a blank
 *  line after them cannot be told from such lines.
 * Every other line break inside a paragraph is a space: wire copy and PDF
 * extraction wrap mid-sentence, even mid-name.
 */
#include <stdlib.h>
#include <string.h>

#include "text/text.h"

/* A hard-wrapped text wraps at 60-80 columns; lines shorter than this are
 * not evidence of wrapping (chat lines, lists). */
#define WRAPPED 40u

typedef struct {
  size_t start, end;    /* the line without its newline */
  size_t cstart, cend;  /* its non-space content */
  size_t indent;        /* columns of leading whitespace (tab = 4) */
  int blank;
} line_info;

static int ends_sentence(const char *text, const line_info *l) {
  if (l->cend == l->cstart) return 0;
  char c = text[l->cend - 1];
  return c == '.' || c == '!' || c == '?' || c == ':' || c == '"';
}

int dyad__paragraphs(const char *text, size_t len, dyad__para **out, size_t *n) {
  *out = NULL;
  *n = 0;
  size_t nl = 1;
  for (const char *q = text, *end = text + len; (q = memchr(q, '\n', (size_t)(end - q))); q++)
    nl++;
  line_info *lines = malloc(nl * sizeof *lines);
  dyad__para *paras = malloc(nl * sizeof *paras);
  if (!lines || !paras) {
    free(lines);
    free(paras);
    return -1;
  }
  size_t k = 0;
  for (size_t i = 0; i <= len && k < nl;) {
    line_info *l = &lines[k++];
    l->start = i;
    const char *q = memchr(text + i, '\n', len - i);
    i = q ? (size_t)(q - text) : len;
    l->end = i;
    size_t a = l->start, e = l->end;
    l->indent = 0;
    while (a < e) {
      uint32_t cp;
      size_t cl = dyad__text_decode(text + a, e - a, &cp);
      if (!dyad__text_is_space(cp)) break;
      l->indent += cp == '\t' ? 4 : 1;
      a += cl;
    }
    /* Trailing whitespace: ASCII only is enough to find the content end;
     * a trailing NBSP is still content-free but harmless. */
    while (e > a && (text[e - 1] == ' ' || text[e - 1] == '\t' || text[e - 1] == '\r'))
      e--;
    l->cstart = a;
    l->cend = e;
    l->blank = a == e;
    i++; /* past the newline */
  }
  size_t np = 0;
  int open = 0;
  for (size_t j = 0; j < k; j++) {
    line_info *l = &lines[j];
    if (l->blank) {
      if (open) paras[np - 1].blank_after = 1;
      open = 0;
      continue;
    }
    int brk = !open;
    if (open) {
      const line_info *p = &lines[j - 1];
      size_t plen = p->cend - p->cstart + p->indent;
      if (l->indent >= 2) {
        brk = !(p->indent == l->indent && plen >= WRAPPED && !ends_sentence(text, p));
      }
    }
    if (brk) {
      dyad__para *q = &paras[np++];
      q->start = (uint32_t)l->cstart;
      q->nlines = 0;
      q->blank_after = 0;
      open = 1;
    }
    paras[np - 1].end = (uint32_t)l->cend;
    paras[np - 1].nlines++;
  }
  free(lines);
  *out = paras;
  *n = np;
  return 0;
}
