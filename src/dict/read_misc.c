/*
 * read_misc.c -- discard lists and issue dictionaries.
 *
 *   Discards:  [+]PHRASE [# comment]     '+': discard the whole story;
 *              trailing '_': whole word, else the last word is a stem.
 *   Issues:    <ISSUE CATEGORY="EDUCATION">         a category
 *              n:teacher [TEACHERS]                 n: noun + plural
 *              ethnic v:purge [ID_ATROCITY]         v: verb forms
 *              al+zarqawi network [TERROR]          +: "al zarqawi", "al-zarqawi"
 *              ~a head start                        ignore phrase
 *              </ISSUE>
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dict/read_common.h"

static int all_digits(const char *s, const char *e) {
  if (s == e) return 0;
  for (; s < e; s++)
    if (*s < '0' || *s > '9') return 0;
  return 1;
}

dyad_status dyad__read_discards(dyad_dict *d, const char *data, size_t len) {
  dyad__lines L = {data, data + len, 0};
  const char *s, *e;
  dyad__cleanline cl;
  memset(&cl, 0, sizeof cl);
  while (dyad__lines_next(&L, &s, &e) && !dyad__db_failed(d)) {
    d->files[dyad__db_file(d)].lines++;
    if (!dyad__clean_line(d, &cl, s, e, L.line, DYAD__COMMENT_HASH)) continue;
    const char *p = cl.s, *pe = cl.e;
    while (p < pe && (*p == ' ' || *p == '\t')) p++;
    unsigned flags = 0;
    if (*p == '+') {
      flags |= DYAD__E_STORY;
      p++;
    }
    if (p == pe) {
      dyad__db_diag(d, DYAD_DIAG_ERROR, L.line, 1, "empty discard phrase; skipped");
      continue;
    }
    if (all_digits(p, pe))
      dyad__db_diag(d, DYAD_DIAG_WARNING, L.line, (long)(p - cl.s) + 1,
                    "discard phrase '%.*s' is a bare number (a stray year?): every sentence "
                    "containing it is discarded",
                    (int)(pe - p), p);
    dyad__check_phrase_chars(d, cl.s, p, pe, L.line);
    if (pe[-1] != '_') flags |= DYAD__E_STEM;
    uint32_t wids[DYAD__DICT_MAX_WORDS];
    size_t nw = dyad__db_split(d, p, (size_t)(pe - p), wids, DYAD__DICT_MAX_WORDS);
    if (nw == (size_t)-1 || nw == 0) {
      dyad__db_diag(d, DYAD_DIAG_ERROR, L.line, 1,
                    "discard phrase too long (more than %u words, or a word over %u bytes); "
                    "skipped",
                    DYAD__DICT_MAX_WORDS, DYAD_DICT_MAX_WORD_BYTES);
      continue;
    }
    d->files[dyad__db_file(d)].records++;
    dyad__db_entry(d, DYAD__K_DISCARD, flags, L.line, dyad__db_str(d, p, (size_t)(pe - p)),
                   DYAD__NONE, wids, nw);
  }
  dyad__buf_free(&cl.fixed);
  return dyad__db_failed(d) ? DYAD_ENOMEM : DYAD_OK;
}

/* ---- Issues ---------------------------------------------------------------- */

#define MAX_ALT 8
#define ALT_LEN 128

/* Alternatives of one blank-separated item: "pre+n:school" -> "pre school",
 * "pre schools", "pre-school", "pre-schools". */
static int item_alts(const char *b, const char *e, char alts[MAX_ALT][ALT_LEN]) {
  /* Parts separated by '+', each with its own alternatives. */
  char parts[4][MAX_ALT][ALT_LEN];
  int nparts = 0, nalt[4];
  for (const char *p = b; p <= e && nparts < 4;) {
    const char *q = p;
    while (q < e && *q != '+') q++;
    const char *w = p;
    int kind = 0;
    if (q - w > 2 && (w[0] == 'n' || w[0] == 'v') && w[1] == ':') {
      kind = w[0];
      w += 2;
    }
    size_t wl = (size_t)(q - w);
    if (!wl || wl + 5 >= ALT_LEN) return -1;
    char fold[ALT_LEN];
    size_t fl = dyad__dict_fold(w, wl, fold, sizeof fold);
    if (fl == (size_t)-1) return -1;
    int na = 0;
    snprintf(parts[nparts][na++], ALT_LEN, "%s", fold);
    if (kind == 'n') {
      if (dyad__db_plural(fold, fl, parts[nparts][na], ALT_LEN)) na++;
    } else if (kind == 'v') {
      char vf[3][128];
      size_t nf = dyad__db_verb_forms(fold, fl, vf);
      for (size_t k = 0; k < nf && na < MAX_ALT; k++) snprintf(parts[nparts][na++], ALT_LEN, "%s", vf[k]);
    }
    nalt[nparts++] = na;
    p = q + 1;
    if (q == e) break;
  }
  if (nparts == 0) return -1;
  int n = 0;
  static const char joiners[] = " -";
  for (int j = 0; j < (nparts > 1 ? 2 : 1); j++) {
    /* Only the last part of a "+" item varies (the head), others fixed. */
    for (int a = 0; a < nalt[nparts - 1] && n < MAX_ALT; a++) {
      char *o = alts[n];
      size_t ol = 0;
      for (int k = 0; k < nparts; k++) {
        const char *src = k == nparts - 1 ? parts[k][a] : parts[k][0];
        int r = snprintf(o + ol, ALT_LEN - ol, "%s%s", k ? (char[]){joiners[j], 0} : "", src);
        if (r < 0 || (size_t)r >= ALT_LEN - ol) return -1;
        ol += (size_t)r;
      }
      n++;
    }
  }
  return n;
}

static void issue_phrase(dyad_dict *d, const char *ls, const char *p, const char *pe, long line,
                         unsigned flags, uint32_t rec) {
  /* Cross product of the items' alternatives, at most DYAD__DICT_MAX_FORMS. */
  char (*alts)[MAX_ALT][ALT_LEN] = malloc(DYAD__DICT_MAX_WORDS * sizeof *alts);
  int nalt[DYAD__DICT_MAX_WORDS];
  if (!alts) {
    dyad__db_oom(d);
    return;
  }
  size_t nitems = 0;
  for (const char *q = p; q < pe;) {
    while (q < pe && (*q == ' ' || *q == '\t')) q++;
    const char *b = q;
    while (q < pe && *q != ' ' && *q != '\t') q++;
    if (q == b) break;
    if (nitems == DYAD__DICT_MAX_WORDS) {
      dyad__db_diag(d, DYAD_DIAG_ERROR, line, 1, "issue phrase too long; skipped");
      free(alts);
      return;
    }
    int n = item_alts(b, q, alts[nitems]);
    if (n <= 0) {
      dyad__db_diag(d, DYAD_DIAG_ERROR, line, (long)(b - ls) + 1,
                    "cannot expand '%.*s' (n:WORD, v:WORD, A+B); phrase skipped", (int)(q - b), b);
      free(alts);
      return;
    }
    nalt[nitems++] = n;
  }
  size_t combos = 1;
  for (size_t k = 0; k < nitems && combos <= DYAD__DICT_MAX_FORMS; k++) combos *= (size_t)nalt[k];
  if (combos > DYAD__DICT_MAX_FORMS) {
    dyad__db_diag(d, DYAD_DIAG_ERROR, line, 1, "issue phrase expands to more than %u forms; skipped",
                  DYAD__DICT_MAX_FORMS);
    free(alts);
    return;
  }
  for (size_t c = 0; c < combos; c++) {
    char buf[DYAD__DICT_MAX_WORDS * 16];
    size_t bl = 0, x = c;
    for (size_t k = 0; k < nitems; k++) {
      const char *a = alts[k][x % (size_t)nalt[k]];
      x /= (size_t)nalt[k];
      size_t al = strlen(a);
      if (bl + al + 2 >= sizeof buf) {
        bl = 0;
        break;
      }
      if (bl) buf[bl++] = ' ';
      memcpy(buf + bl, a, al);
      bl += al;
    }
    uint32_t wids[DYAD__DICT_MAX_WORDS];
    size_t nw = bl ? dyad__db_split(d, buf, bl, wids, DYAD__DICT_MAX_WORDS) : (size_t)-1;
    if (nw == (size_t)-1 || nw == 0) {
      dyad__db_diag(d, DYAD_DIAG_ERROR, line, 1, "issue phrase too long; skipped");
      break;
    }
    dyad__db_entry(d, DYAD__K_ISSUE, flags | (c ? DYAD__E_GENERATED : 0), line,
                   dyad__db_str(d, buf, bl), rec, wids, nw);
  }
  free(alts);
}

dyad_status dyad__read_issues(dyad_dict *d, const char *data, size_t len) {
  dyad__lines L = {data, data + len, 0};
  const char *s, *e;
  dyad__cleanline cl;
  memset(&cl, 0, sizeof cl);
  uint32_t category = DYAD__NONE;
  long cat_line = 0;
  while (dyad__lines_next(&L, &s, &e) && !dyad__db_failed(d)) {
    d->files[dyad__db_file(d)].lines++;
    if (!dyad__clean_line(d, &cl, s, e, L.line, DYAD__COMMENT_HASH)) continue;
    const char *p = cl.s, *pe = cl.e;
    while (p < pe && (*p == ' ' || *p == '\t')) p++;
    if (pe - p >= 8 && !memcmp(p, "</ISSUE>", 8)) {
      if (category == DYAD__NONE)
        dyad__db_diag(d, DYAD_DIAG_WARNING, L.line, 1, "</ISSUE> without <ISSUE>");
      category = DYAD__NONE;
      continue;
    }
    if (pe - p >= 6 && !memcmp(p, "<ISSUE", 6)) {
      if (category != DYAD__NONE)
        dyad__db_diag(d, DYAD_DIAG_WARNING, L.line, 1,
                      "<ISSUE> inside the <ISSUE> of line %ld (missing </ISSUE>)", cat_line);
      const char *c = NULL, *ce = NULL;
      for (const char *q = p; q + 10 <= pe && !c; q++)
        if (!memcmp(q, "CATEGORY=\"", 10)) c = q;
      if (c) ce = memchr(c + 10, '"', (size_t)(pe - (c + 10)));
      category = ce ? dyad__db_intern(d, c + 10, (size_t)(ce - c - 10)) : dyad__db_intern(d, "", 0);
      if (!ce) dyad__db_diag(d, DYAD_DIAG_WARNING, L.line, 1, "<ISSUE> without CATEGORY=\"...\"");
      cat_line = L.line;
      continue;
    }
    unsigned flags = 0;
    if (*p == '~') {
      flags = DYAD__E_IGNORE;
      p++;
      if (p < pe && *p == '~') {
        flags |= DYAD__E_IGNORE2;
        p++;
      }
    }
    const char *br = p < pe ? memchr(p, '[', (size_t)(pe - p)) : NULL;
    uint32_t code = DYAD__NONE;
    const char *phe = br ? br : pe;
    if (br) {
      const char *close = memchr(br, ']', (size_t)(pe - br));
      if (!close || close == br + 1) {
        dyad__db_diag(d, DYAD_DIAG_ERROR, L.line, (long)(br - cl.s) + 1,
                      close ? "empty issue code '[]'; skipped" : "'[' without ']'; skipped");
        continue;
      }
      code = dyad__db_intern(d, br + 1, (size_t)(close - br - 1));
      if (flags) dyad__db_diag(d, DYAD_DIAG_WARNING, L.line, (long)(br - cl.s) + 1,
                               "code on an ignore ('~') line is not used");
    } else if (!flags && category != DYAD__NONE && d->strs[category]) {
      dyad__db_diag(d, DYAD_DIAG_WARNING, L.line, (long)(pe - cl.s) + 1,
                    "issue phrase without a [CODE]: the category %s is used", d->strs + category);
      code = category;
    } else if (!flags) {
      dyad__db_diag(d, DYAD_DIAG_ERROR, L.line, (long)(pe - cl.s) + 1,
                    "issue phrase without a [CODE] outside any <ISSUE CATEGORY=...>; skipped");
      continue;
    }
    while (phe > p && (phe[-1] == ' ' || phe[-1] == '\t')) phe--;
    if (phe == p) {
      dyad__db_diag(d, DYAD_DIAG_ERROR, L.line, 1, "empty issue phrase; skipped");
      continue;
    }
    dyad__issue *is = DYAD__DB_PUSH(d, issues);
    if (!is) {
      dyad__db_oom(d);
      break;
    }
    is->code = flags ? DYAD__NONE : code;
    is->category = category;
    d->files[dyad__db_file(d)].records++;
    issue_phrase(d, cl.s, p, phe, L.line, flags, d->n_issues - 1);
  }
  if (category != DYAD__NONE)
    dyad__db_diag(d, DYAD_DIAG_WARNING, cat_line, 1, "<ISSUE> never closed by </ISSUE>");
  dyad__buf_free(&cl.fixed);
  return dyad__db_failed(d) ? DYAD_ENOMEM : DYAD_OK;
}
