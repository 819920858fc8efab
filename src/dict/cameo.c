/*
 * cameo.c -- the CAMEO event code table (data/cameo/codes.tsv): name,
 * Goldstein score, QuadClass, PLOVER category and root of every code.
 * A few hundred rows, sorted once and searched by bisection.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dict/dict.h"
#include "util/buf.h"
#include "util/utf8.h"

struct dyad_cameo {
  dyad_cameo_code *rows;
  size_t n;
  char *text; /* the file, cut into NUL-terminated fields in place */
  char *roots;/* 3 bytes per row */
};

static void say(dyad_diag_fn diag, void *user, dyad_severity sev, const char *file, long line,
                const char *fmt, const char *arg) {
  if (!diag) return;
  char msg[300];
  snprintf(msg, sizeof msg, fmt, arg);
  dyad_diag d = {sev, file, line, 0, NULL, msg};
  diag(&d, user);
}

static int cmp_rows(const void *a, const void *b) {
  return strcmp(((const dyad_cameo_code *)a)->code, ((const dyad_cameo_code *)b)->code);
}

dyad_status dyad_cameo_load_memory(const char *name, const char *data, size_t len,
                                   dyad_diag_fn diag, void *user, dyad_cameo **out) {
  *out = NULL;
  dyad_cameo *t = calloc(1, sizeof *t);
  if (!t) return DYAD_ENOMEM;
  t->text = malloc(len + 1);
  size_t cap = 1;
  for (size_t i = 0; i < len; i++) cap += data[i] == '\n';
  t->rows = calloc(cap, sizeof *t->rows);
  t->roots = calloc(cap, 3);
  if (!t->text || !t->rows || !t->roots) {
    dyad_cameo_free(t);
    return DYAD_ENOMEM;
  }
  if (len) memcpy(t->text, data, len);
  t->text[len] = '\0';
  char *p = t->text, *end = t->text + len;
  long line = 0;
  while (p < end) {
    char *nl = memchr(p, '\n', (size_t)(end - p));
    char *le = nl ? nl : end;
    char *next = nl ? nl + 1 : end;
    line++;
    if (le > p && le[-1] == '\r') le--;
    *le = '\0';
    if (dyad__utf8_check(p, (size_t)(le - p)) != (size_t)(le - p)) {
      say(diag, user, DYAD_DIAG_ERROR, name, line, "%s", "invalid UTF-8; row skipped");
      p = next;
      continue;
    }
    char *f[6];
    int nf = 0;
    for (char *q = p; nf < 6;) {
      f[nf++] = q;
      char *tab = strchr(q, '\t');
      if (!tab) break;
      *tab = '\0';
      q = tab + 1;
    }
    if (line == 1) {
      if (nf < 5 || strcmp(f[0], "code") || strcmp(f[1], "name") || strcmp(f[2], "goldstein") ||
          strcmp(f[3], "quad_class") || strcmp(f[4], "plover")) {
        say(diag, user, DYAD_DIAG_ERROR, name, line, "%s",
            "the header must be 'code<TAB>name<TAB>goldstein<TAB>quad_class<TAB>plover'");
        dyad_cameo_free(t);
        return DYAD_EFORMAT;
      }
      p = next;
      continue;
    }
    p = next;
    if (nf == 1 && !*f[0]) continue; /* blank line */
    if (nf != 5) {
      say(diag, user, DYAD_DIAG_ERROR, name, line, "%s", "a row has 5 tab-separated fields; skipped");
      continue;
    }
    size_t cl = strlen(f[0]);
    int ok = cl >= 2 && cl <= 4;
    for (size_t k = 0; ok && k < cl; k++) ok = f[0][k] >= '0' && f[0][k] <= '9';
    if (!ok) {
      say(diag, user, DYAD_DIAG_ERROR, name, line, "malformed code '%s' (2 to 4 digits); skipped", f[0]);
      continue;
    }
    char *e1;
    double g = strtod(f[2], &e1);
    if (e1 == f[2] || *e1 || g < -10.0 || g > 10.0) {
      say(diag, user, DYAD_DIAG_ERROR, name, line, "Goldstein score '%s' is not a number in -10..10; skipped", f[2]);
      continue;
    }
    if (strlen(f[3]) != 1 || f[3][0] < '1' || f[3][0] > '4') {
      say(diag, user, DYAD_DIAG_ERROR, name, line, "quad_class '%s' is not 1, 2, 3 or 4; skipped", f[3]);
      continue;
    }
    if (!*f[1]) say(diag, user, DYAD_DIAG_WARNING, name, line, "code %s has no name", f[0]);
    dyad_cameo_code *r = &t->rows[t->n];
    char *root = t->roots + 3 * t->n;
    memcpy(root, f[0], 2);
    r->code = f[0];
    r->root = root;
    r->name = f[1];
    r->goldstein = g;
    r->quad_class = f[3][0] - '0';
    r->plover = f[4];
    r->line = line;
    t->n++;
  }
  qsort(t->rows, t->n, sizeof *t->rows, cmp_rows);
  size_t w = 0;
  for (size_t i = 0; i < t->n; i++) {
    if (w && !strcmp(t->rows[w - 1].code, t->rows[i].code)) {
      char msg[64];
      snprintf(msg, sizeof msg, "%s (first at line %ld)", t->rows[i].code, t->rows[w - 1].line);
      say(diag, user, DYAD_DIAG_WARNING, name, t->rows[i].line, "duplicate code %s; ignored", msg);
      continue;
    }
    t->rows[w++] = t->rows[i];
  }
  t->n = w;
  *out = t;
  return DYAD_OK;
}

dyad_status dyad_cameo_load(const char *path, dyad_diag_fn diag, void *user, dyad_cameo **out) {
  char def[4096];
  *out = NULL;
  if (!path) {
    if (dyad_data_path("cameo/codes.tsv", def, sizeof def) != DYAD_OK) {
      say(diag, user, DYAD_DIAG_ERROR, "cameo/codes.tsv", 0, "%s",
          "CAMEO code table not found in the data directory");
      return DYAD_ENOTFOUND;
    }
    path = def;
  }
  FILE *fp = fopen(path, "rb");
  if (!fp) {
    say(diag, user, DYAD_DIAG_ERROR, path, 0, "%s", "cannot open the CAMEO code table");
    return DYAD_ENOTFOUND;
  }
  dyad__buf b = {0};
  char tmp[65536];
  size_t n;
  while ((n = fread(tmp, 1, sizeof tmp, fp)) > 0)
    if (b.len + n > (16u << 20) || dyad__buf_append(&b, tmp, n)) {
      fclose(fp);
      dyad__buf_free(&b);
      return DYAD_ELIMIT;
    }
  int err = ferror(fp);
  fclose(fp);
  dyad_status st = err ? DYAD_EIO : dyad_cameo_load_memory(path, b.data ? b.data : "", b.len, diag, user, out);
  dyad__buf_free(&b);
  return st;
}

const dyad_cameo_code *dyad_cameo_find(const dyad_cameo *t, const char *code) {
  if (!t || !code) return NULL;
  size_t lo = 0, hi = t->n;
  while (lo < hi) {
    size_t mid = lo + (hi - lo) / 2;
    int c = strcmp(t->rows[mid].code, code);
    if (!c) return &t->rows[mid];
    if (c < 0) lo = mid + 1;
    else hi = mid;
  }
  return NULL;
}

size_t dyad_cameo_count(const dyad_cameo *t) { return t ? t->n : 0; }

void dyad_cameo_free(dyad_cameo *t) {
  if (!t) return;
  free(t->rows);
  free(t->roots);
  free(t->text);
  free(t);
}

static size_t check_one(const dyad_dict *d, const dyad_cameo *c, uint32_t code, uint16_t file,
                        uint32_t line, dyad_diag_fn diag, void *user) {
  if (code == DYAD__NONE) return 0;
  const char *s = d->strs + code;
  if (!strcmp(s, "---") || dyad_cameo_find(c, s)) return 0;
  say(diag, user, DYAD_DIAG_WARNING, dyad__dict_file_name(d, file), (long)line,
      "event code %s is not in the CAMEO code table", s);
  return 1;
}

size_t dyad_dict_check_codes(const dyad_dict *d, const dyad_cameo *c, dyad_diag_fn diag,
                             void *user) {
  if (!d || !c) return 0;
  size_t bad = 0;
  for (uint32_t i = 0; i < d->n_blocks; i++) {
    const dyad__verb_block *b = &d->blocks[i];
    bad += check_one(d, c, b->code, b->file, b->line, diag, user);
    bad += check_one(d, c, b->code2, b->file, b->line, diag, user);
  }
  for (uint32_t i = 0; i < d->n_verbs; i++) {
    const dyad__verb *v = &d->verbs[i];
    bad += check_one(d, c, v->code, v->file, v->line, diag, user);
    bad += check_one(d, c, v->code2, v->file, v->line, diag, user);
  }
  for (uint32_t i = 0; i < d->n_patterns; i++) {
    const dyad__pattern *p = &d->patterns[i];
    bad += check_one(d, c, p->code, p->file, p->line, diag, user);
    bad += check_one(d, c, p->code2, p->file, p->line, diag, user);
  }
  return bad;
}
