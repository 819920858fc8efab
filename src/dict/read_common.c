/* read_common.c -- line cleaning shared by the dictionary readers. */
#include "dict/read_common.h"

#include <string.h>

#include "util/utf8.h"

int dyad__clean_line(dyad_dict *d, dyad__cleanline *cl, const char *s, const char *e,
                     long line, unsigned comments) {
  size_t bad = dyad__utf8_check(s, (size_t)(e - s));
  if (bad < (size_t)(e - s)) {
    dyad__db_diag(d, DYAD_DIAG_WARNING, line, (long)bad + 1,
                  "invalid UTF-8 byte 0x%02X (replaced by U+FFFD)", (unsigned char)s[bad]);
    dyad__buf_clear(&cl->fixed);
    if (dyad__utf8_sanitize(s, (size_t)(e - s), &cl->fixed) == (size_t)-1) {
      dyad__db_oom(d);
      return 0;
    }
    s = cl->fixed.data;
    e = s + cl->fixed.len;
  }
  cl->comment = cl->comment_end = NULL;
  const char *p = s;
  while (p < e && (*p == ' ' || *p == '\t')) p++;
  /* "<!-- VERSION: 0.1 -->" headers of the PETRARCH validation files; each
   * such line is a comment on its own. */
  if (e - p >= 4 && !memcmp(p, "<!--", 4)) return 0;
  const char *c = e;
  for (const char *q = s; q < e; q++) {
    if (((comments & DYAD__COMMENT_HASH) && *q == '#') ||
        ((comments & DYAD__COMMENT_SEMI) && *q == ';')) {
      c = q;
      cl->comment = q + 1;
      cl->comment_end = e;
      break;
    }
  }
  while (c > s && (c[-1] == ' ' || c[-1] == '\t')) c--;
  cl->s = s;
  cl->e = c;
  for (p = s; p < c; p++)
    if (*p != ' ' && *p != '\t') return 1;
  return 0;
}

void dyad__check_phrase_chars(dyad_dict *d, const char *ls, const char *s,
                              const char *e, long line) {
  for (const char *p = s; p < e; p++) {
    unsigned char c = (unsigned char)*p;
    if (c < 0x20 && c != '\t') {
      dyad__db_diag(d, DYAD_DIAG_WARNING, line, (long)(p - ls) + 1,
                    "control character 0x%02X in phrase", c);
      return;
    }
    if (c == '[' || c == ']' || c == '{' || c == '}' || c == '~' || c == '!') {
      dyad__db_diag(d, DYAD_DIAG_WARNING, line, (long)(p - ls) + 1,
                    "stray '%c' in phrase '%.*s'", c, (int)(e - s), s);
      return;
    }
  }
}
