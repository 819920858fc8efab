/*
 * codes.c -- the CAMEO code table: data/cameo/codes.tsv.
 *
 *   code<TAB>name<TAB>goldstein<TAB>quad_class<TAB>plover
 *
 * One header line, then one row per code.  Rows are sorted once by code so
 * a lookup is a binary search.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dyad.h"
#include "util/buf.h"

struct dyad_codes {
  dyad_code_info *rows;
  size_t n;
  char *text; /* the file; rows point into it */
};

static int cmp_rows(const void *a, const void *b) {
  return strcmp(((const dyad_code_info *)a)->code, ((const dyad_code_info *)b)->code);
}

static void report(dyad_diag_fn diag, void *user, const char *file, long line,
                   const char *msg) {
  if (!diag) return;
  dyad_diag d = {DYAD_DIAG_ERROR, file, line, 0, NULL, msg};
  diag(&d, user);
}

static int valid_code(const char *s) {
  size_t n = strlen(s);
  if (n < 2 || n > 4) return 0;
  for (size_t i = 0; i < n; i++)
    if ((s[i] < '0' || s[i] > '9') && !(i == n - 1 && s[i] >= 'A' && s[i] <= 'Z')) return 0;
  return 1;
}

dyad_status dyad_codes_load(const char *path, dyad_diag_fn diag, void *user,
                            dyad_codes **out) {
  *out = NULL;
  char def[4096];
  if (!path) {
    if (dyad_data_path("cameo/codes.tsv", def, sizeof def) != DYAD_OK) {
      report(diag, user, "cameo/codes.tsv", 0, "CAMEO code table not found in the data directory");
      return DYAD_ENOTFOUND;
    }
    path = def;
  }
  FILE *fp = fopen(path, "rb");
  if (!fp) {
    report(diag, user, path, 0, "cannot open the CAMEO code table");
    return DYAD_EIO;
  }
  dyad__buf b = {0};
  char chunk[65536];
  size_t got;
  while ((got = fread(chunk, 1, sizeof chunk, fp)) > 0)
    if (dyad__buf_append(&b, chunk, got)) {
      fclose(fp);
      dyad__buf_free(&b);
      return DYAD_ENOMEM;
    }
  fclose(fp);
  dyad_codes *c = calloc(1, sizeof *c);
  if (!c || !b.data) {
    free(c);
    dyad__buf_free(&b);
    return b.data ? DYAD_ENOMEM : DYAD_EFORMAT;
  }
  c->text = b.data;
  size_t cap = 0;
  long line = 0;
  char *p = c->text;
  while (p && *p) {
    char *nl = strchr(p, '\n');
    if (nl) *nl = '\0';
    line++;
    size_t len = strlen(p);
    if (len && p[len - 1] == '\r') p[--len] = '\0';
    if (line == 1 || !len || p[0] == '#') {
      p = nl ? nl + 1 : NULL;
      continue;
    }
    char *f[5];
    int nf = 0;
    char *q = p;
    while (nf < 5) {
      f[nf++] = q;
      char *tab = strchr(q, '\t');
      if (!tab) break;
      *tab = '\0';
      q = tab + 1;
    }
    char *end = NULL;
    double g = nf >= 3 ? strtod(f[2], &end) : 0;
    int quad = nf >= 4 ? atoi(f[3]) : 0;
    if (nf < 4 || !valid_code(f[0]) || !end || *end || quad < 1 || quad > 4 || g < -10 || g > 10) {
      report(diag, user, path, line, "malformed row (expected code, name, goldstein -10..10, quad_class 1-4, plover)");
      p = nl ? nl + 1 : NULL;
      continue;
    }
    if (c->n == cap) {
      cap = cap ? cap * 2 : 512;
      dyad_code_info *r = realloc(c->rows, cap * sizeof *r);
      if (!r) {
        dyad_codes_free(c);
        return DYAD_ENOMEM;
      }
      c->rows = r;
    }
    dyad_code_info *r = &c->rows[c->n++];
    r->code = f[0];
    r->name = f[1];
    r->goldstein = g;
    r->quad_class = quad;
    r->plover = nf >= 5 ? f[4] : "";
    r->root = NULL;
    p = nl ? nl + 1 : NULL;
  }
  if (c->n) qsort(c->rows, c->n, sizeof *c->rows, cmp_rows);
  /* Root: the first two digits, which are themselves a row. */
  for (size_t i = 0; i < c->n; i++) {
    char root[3] = {c->rows[i].code[0], c->rows[i].code[1], '\0'};
    dyad_code_info key = {.code = root};
    dyad_code_info *hit = bsearch(&key, c->rows, c->n, sizeof *c->rows, cmp_rows);
    c->rows[i].root = hit ? hit->code : c->rows[i].code;
  }
  *out = c;
  return DYAD_OK;
}

const dyad_code_info *dyad_codes_get(const dyad_codes *c, const char *code) {
  if (!c || !code || !c->n) return NULL;
  dyad_code_info key = {.code = code};
  return bsearch(&key, c->rows, c->n, sizeof *c->rows, cmp_rows);
}

size_t dyad_codes_count(const dyad_codes *c) { return c ? c->n : 0; }

void dyad_codes_free(dyad_codes *c) {
  if (!c) return;
  free(c->rows);
  free(c->text);
  free(c);
}
