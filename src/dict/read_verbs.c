/*
 * read_verbs.c -- PETRARCH-2 verb dictionaries (CAMEO.2.0.txt).
 *
 *   &SYNSET[_]               a synset; '+' lines are its phrases
 *   --- DESC [CODE] ---      a verb block (code "---" when absent)
 *   VERB {FORMS} [CODE]      a verb of the block; +MULTI_WORD, WIRE_+TAP
 *   - PRE * POST [CODE]      a pattern (see dict.h for the elements)
 *   ~ a (a b V) W = a b C    a transformation
 *
 * The older TABARI/PETRARCH-1 pattern syntax ('_' joining words to '*',
 * no (PREP ...) or {PHRASE} groups) is recognized and refused with one
 * error: reading it as PETRARCH-2 would silently code nonsense.
 */
#include <stdlib.h>
#include <string.h>

#include "dict/read_common.h"

#define MAX_ELEMS DYAD_DICT_MAX_PATTERN_ELEMS

typedef struct {
  uint32_t block; /* current block or NONE */
  uint32_t synset;/* synset being read or NONE */
  int in_synset;
} verb_state;

static int is_blank(char c) { return c == ' ' || c == '\t'; }

/* ---- Old syntax detection ------------------------------------------------ */

/* 1 if a pattern line uses a TABARI-only construct. */
static int old_marker(const char *s, const char *e) {
  for (const char *p = s; p < e; p++) {
    if (*p == '[' || *p == '#') break;
    if (*p == '*' && ((p > s && p[-1] == '_') || (p + 1 < e && p[1] == '_'))) return 1;
    if (*p == '%') return 1;
  }
  return 0;
}

static int detect_old(dyad_dict *d, const char *data, size_t len) {
  dyad__lines L = {data, data + len, 0};
  const char *s, *e;
  long first_old = 0, groups = 0;
  while (dyad__lines_next(&L, &s, &e)) {
    if (e - s < 2 || s[0] != '-' || s[1] != ' ') continue;
    const char *c = s;
    while (c < e && *c != '[' && *c != '#') c++;
    if (memchr(s, '(', (size_t)(c - s)) || memchr(s, '{', (size_t)(c - s))) groups++;
    if (!first_old && old_marker(s, e)) first_old = L.line;
  }
  if (first_old && !groups) {
    dyad__db_diag(d, DYAD_DIAG_ERROR, first_old, 0,
                  "this is a TABARI/PETRARCH-1 verb file ('_' joined to '*', '%%' compounds, "
                  "no (PREP ...) or {...} groups); dyad reads the PETRARCH-2 format "
                  "(CAMEO.2.0.txt) only: not supported yet");
    return 1;
  }
  return 0;
}

/* ---- Codes ----------------------------------------------------------------- */

static const char *check_event_code(const char *s, size_t n) {
  if (n == 3 && !memcmp(s, "---", 3)) return NULL;
  if (n < 2 || n > 4) return "event code must have 2 to 4 digits";
  for (size_t i = 0; i < n; i++)
    if (s[i] < '0' || s[i] > '9') return "event code has a character that is not a digit";
  int root = (s[0] - '0') * 10 + (s[1] - '0');
  if (root < 1 || root > 20) return "no such CAMEO root (01-20)";
  return NULL;
}

/* Parses "[CODE]" or "[A:B]" at p; returns the position after ']' or NULL. */
static const char *read_code(dyad_dict *d, const char *ls, const char *p, const char *e,
                             long line, uint32_t *code, uint32_t *code2, uint32_t *paired) {
  const char *close = memchr(p, ']', (size_t)(e - p));
  *code = *code2 = DYAD__NONE;
  *paired = 0;
  if (!close) {
    dyad__db_diag(d, DYAD_DIAG_ERROR, line, (long)(p - ls) + 1, "'[' without ']'");
    return NULL;
  }
  const char *b = p + 1, *ce = close;
  while (b < ce && is_blank(*b)) b++;
  while (ce > b && is_blank(ce[-1])) ce--;
  const char *colon = memchr(b, ':', (size_t)(ce - b));
  const char *parts[2][2] = {{b, colon ? colon : ce}, {colon ? colon + 1 : ce, ce}};
  for (int k = 0; k < (colon ? 2 : 1); k++) {
    const char *x = parts[k][0], *y = parts[k][1];
    while (x < y && is_blank(*x)) x++;
    while (y > x && is_blank(y[-1])) y--;
    if (x == y) {
      if (!colon) {
        dyad__db_diag(d, DYAD_DIAG_ERROR, line, (long)(p - ls) + 1, "empty code '[]'");
        return NULL;
      }
      continue;
    }
    const char *why = check_event_code(x, (size_t)(y - x));
    if (why)
      dyad__db_diag(d, DYAD_DIAG_WARNING, line, (long)(x - ls) + 1, "%s: '%.*s'", why,
                    (int)(y - x), x);
    uint32_t s = dyad__db_intern(d, x, (size_t)(y - x));
    if (k == 0) *code = s;
    else *code2 = s;
  }
  if (colon) {
    *paired = 1;
    if (*code == DYAD__NONE && *code2 == DYAD__NONE) {
      dyad__db_diag(d, DYAD_DIAG_ERROR, line, (long)(p - ls) + 1, "empty paired code '[:]'");
      return NULL;
    }
  }
  return close + 1;
}

/* ---- Synsets ---------------------------------------------------------------- */

static void synset_phrase(dyad_dict *d, verb_state *st, const char *p, const char *e,
                          long line, const char *ls) {
  dyad__synset *sy = &d->synsets[st->synset];
  while (p < e && is_blank(*p)) p++;
  if (p == e) {
    dyad__db_diag(d, DYAD_DIAG_ERROR, line, (long)(p - ls) + 1, "empty synset phrase; skipped");
    return;
  }
  if (*p == '&') {
    dyad__db_diag(d, DYAD_DIAG_ERROR, line, (long)(p - ls) + 1,
                  "a synset inside a synset ('%.*s') is not supported; skipped", (int)(e - p), p);
    return;
  }
  for (const char *q = p; q < e; q++)
    if (*q == '$' || *q == '+' || *q == '%' || *q == '^' || *q == '*') {
      dyad__db_diag(d, DYAD_DIAG_ERROR, line, (long)(q - ls) + 1,
                    "synset phrases hold words only, not '%c'; skipped", *q);
      return;
    }
  uint32_t wids[DYAD__DICT_MAX_WORDS];
  size_t nw = dyad__db_split(d, p, (size_t)(e - p), wids, DYAD__DICT_MAX_WORDS);
  if (nw == (size_t)-1 || nw == 0) {
    dyad__db_diag(d, DYAD_DIAG_ERROR, line, (long)(p - ls) + 1,
                  "synset phrase too long (more than %u words, or a word over %u bytes); skipped",
                  DYAD__DICT_MAX_WORDS, DYAD_DICT_MAX_WORD_BYTES);
    return;
  }
  int plural = !sy->noplural && e[-1] != '_';
  for (int k = 0; k <= plural; k++) {
    if (k) {
      char pl[160];
      const char *lw = dyad__dict_word(d, wids[nw - 1]);
      size_t n = dyad__db_plural(lw, strlen(lw), pl, sizeof pl);
      if (!n) break;
      uint32_t w = dyad__db_word(d, pl, n);
      if (w == DYAD__NONE) break;
      wids[nw - 1] = w;
    }
    dyad__synset_phrase *ph = DYAD__DB_PUSH(d, synset_phrases);
    if (!ph) {
      dyad__db_oom(d);
      return;
    }
    sy = &d->synsets[st->synset];
    if (!sy->nphrases) sy->phrase_first = d->n_synset_phrases - 1;
    ph->word_first = dyad__db_wordlist(d, wids, nw);
    ph->nwords = (uint32_t)nw;
    ph->line = (uint32_t)line;
    ph->flags = k ? DYAD__E_GENERATED : 0;
    sy->nphrases++;
  }
}

static void synset_start(dyad_dict *d, verb_state *st, const char *p, const char *e,
                         long line) {
  const char *q = p;
  while (q < e && !is_blank(*q)) q++;
  int noplural = q[-1] == '_';
  const char *ne = noplural ? q - 1 : q;
  if (ne - p < 2) {
    dyad__db_diag(d, DYAD_DIAG_ERROR, line, 1, "synset without a name; skipped");
    st->in_synset = 1;
    st->synset = DYAD__NONE;
    return;
  }
  char name[128];
  if ((size_t)(ne - p) >= sizeof name) {
    dyad__db_diag(d, DYAD_DIAG_ERROR, line, 1, "synset name longer than %zu bytes; skipped",
                  sizeof name - 1);
    st->in_synset = 1;
    st->synset = DYAD__NONE;
    return;
  }
  size_t n = (size_t)(ne - p);
  memcpy(name, p, n);
  name[n] = '\0';
  uint32_t old = dyad__db_synset_get(d, dyad__db_intern_find(d, name, n));
  if (old != DYAD__NONE)
    dyad__db_diag(d, DYAD_DIAG_WARNING, line, 1,
                  "synset %s defined again (first at line %u); patterns after this line use "
                  "the new definition",
                  name, d->synsets[old].line);
  dyad__synset *sy = DYAD__DB_PUSH(d, synsets);
  if (!sy) {
    dyad__db_oom(d);
    return;
  }
  sy->name = dyad__db_intern(d, name, n);
  if (sy->name == DYAD__NONE || dyad__db_synset_put(d, sy->name, d->n_synsets - 1)) {
    dyad__db_oom(d);
    return;
  }
  sy = &d->synsets[d->n_synsets - 1];
  sy->file = dyad__db_file(d);
  sy->noplural = (uint16_t)noplural;
  sy->line = (uint32_t)line;
  st->synset = d->n_synsets - 1;
  st->in_synset = 1;
  for (; q < e; q++)
    if (!is_blank(*q)) {
      dyad__db_diag(d, DYAD_DIAG_WARNING, line, (long)(q - p) + 1,
                    "text after the synset name ignored");
      break;
    }
}

/* Last synset with this name (a redefinition shadows the first). */
static uint32_t synset_lookup(const dyad_dict *d, const char *s, size_t n) {
  return dyad__db_synset_get(d, dyad__db_intern_find(d, s, n));
}

/* ---- Verb blocks and verbs -------------------------------------------------- */

static void block_start(dyad_dict *d, verb_state *st, const char *s, const char *e,
                        long line) {
  const char *p = s;
  while (p < e && *p == '-') p++;
  const char *q = e;
  while (q > p && (q[-1] == '-' || is_blank(q[-1]))) q--;
  const char *br = memchr(p, '[', (size_t)(q - p));
  uint32_t code = DYAD__NONE, code2 = DYAD__NONE, paired = 0;
  const char *de = br ? br : q;
  if (br && !read_code(d, s, br, e, line, &code, &code2, &paired)) code = DYAD__NONE;
  while (p < de && is_blank(*p)) p++;
  while (de > p && is_blank(de[-1])) de--;
  if (de == p) dyad__db_diag(d, DYAD_DIAG_WARNING, line, 1, "verb block without a description");
  dyad__verb_block *b = DYAD__DB_PUSH(d, blocks);
  if (!b) {
    dyad__db_oom(d);
    return;
  }
  b->desc = dyad__db_str(d, p, (size_t)(de - p));
  b->code = code != DYAD__NONE ? code : dyad__db_intern(d, "---", 3);
  b->code2 = br && paired ? code2 : DYAD__NONE;
  b->verb_first = d->n_verbs;
  b->pat_first = d->n_patterns;
  b->file = dyad__db_file(d);
  b->line = (uint32_t)line;
  st->block = d->n_blocks - 1;
  st->in_synset = 0;
  d->files[dyad__db_file(d)].records++;
}

/* Splits "WIRE_+TAP" into pre words, verb word, post words. */
static int split_verb(dyad_dict *d, const char *s, size_t len, uint32_t *pre, size_t *npre,
                      uint32_t *verb, uint32_t *post, size_t *npost, int *had_plus) {
  uint32_t w[DYAD__DICT_MAX_WORDS];
  char buf[512];
  if (len >= sizeof buf) return -1;
  memcpy(buf, s, len);
  buf[len] = '\0';
  char *plus = strchr(buf, '+');
  long vi = -1;
  *had_plus = plus != NULL;
  if (plus) {
    /* Index of the word holding '+': the number of words before it. */
    size_t nb = dyad__db_split(d, buf, (size_t)(plus - buf), w, DYAD__DICT_MAX_WORDS);
    if (nb == (size_t)-1) return -1;
    vi = (long)nb;
    memmove(plus, plus + 1, strlen(plus));
    len--;
    if (strchr(buf, '+')) return -2;
  }
  size_t n = dyad__db_split(d, buf, len, w, DYAD__DICT_MAX_WORDS);
  if (n == (size_t)-1 || n == 0) return -1;
  if (vi < 0) vi = 0;
  if ((size_t)vi >= n) return -1;
  *npre = (size_t)vi;
  memcpy(pre, w, (size_t)vi * sizeof *w);
  *verb = w[vi];
  *npost = n - (size_t)vi - 1;
  memcpy(post, w + vi + 1, *npost * sizeof *w);
  return 0;
}

static void add_form(dyad_dict *d, uint32_t verb, uint32_t word, const uint32_t *pre, size_t npre,
                     const uint32_t *post, size_t npost, int base) {
  dyad__verb_form *f = DYAD__DB_PUSH(d, verb_forms);
  if (!f) {
    dyad__db_oom(d);
    return;
  }
  f->word = word;
  f->verb = verb;
  f->pre_first = dyad__db_wordlist(d, pre, npre);
  f->npre = (uint32_t)npre;
  f->post_first = dyad__db_wordlist(d, post, npost);
  f->npost = (uint32_t)npost;
  f->base = (uint32_t)base;
}

static void verb_line(dyad_dict *d, verb_state *st, const char *ls, const char *p, const char *e,
                      long line) {
  if (st->block == DYAD__NONE) {
    dyad__db_diag(d, DYAD_DIAG_ERROR, line, 1, "verb before any '--- DESC [CODE] ---' block; skipped");
    return;
  }
  const char *q = p;
  while (q < e && *q != '{' && *q != '[') q++;
  const char *pe = q;
  while (pe > p && is_blank(pe[-1])) pe--;
  const char *forms = NULL, *forms_end = NULL;
  uint32_t code = DYAD__NONE, code2 = DYAD__NONE, paired = 0;
  if (q < e && *q == '{') {
    forms = q + 1;
    forms_end = memchr(q, '}', (size_t)(e - q));
    if (!forms_end) {
      dyad__db_diag(d, DYAD_DIAG_ERROR, line, (long)(q - ls) + 1, "'{' without '}'; verb skipped");
      return;
    }
    q = forms_end + 1;
    while (q < e && is_blank(*q)) q++;
  }
  if (q < e && *q == '[') {
    q = read_code(d, ls, q, e, line, &code, &code2, &paired);
    if (!q) return;
    while (q < e && is_blank(*q)) q++;
  }
  if (q < e)
    dyad__db_diag(d, DYAD_DIAG_WARNING, line, (long)(q - ls) + 1, "text after the verb ignored: '%.*s'",
                  (int)(e - q), q);
  uint32_t pre[DYAD__DICT_MAX_WORDS], post[DYAD__DICT_MAX_WORDS], vw;
  size_t npre, npost;
  int plus;
  int r = split_verb(d, p, (size_t)(pe - p), pre, &npre, &vw, post, &npost, &plus);
  if (r) {
    dyad__db_diag(d, DYAD_DIAG_ERROR, line, (long)(p - ls) + 1,
                  r == -2 ? "more than one '+' in a multi-word verb; skipped"
                          : "verb phrase too long, or '+' not on a word; skipped");
    return;
  }
  if (!plus && (npre || npost))
    dyad__db_diag(d, DYAD_DIAG_WARNING, line, (long)(p - ls) + 1,
                  "multi-word verb without '+' marking the verb word; the first word is taken");
  dyad__verb *v = DYAD__DB_PUSH(d, verbs);
  if (!v) {
    dyad__db_oom(d);
    return;
  }
  v->block = st->block;
  v->lemma = vw;
  v->phrase = dyad__db_str(d, p, (size_t)(pe - p));
  v->code = code;
  v->code2 = paired ? code2 : DYAD__NONE;
  v->file = dyad__db_file(d);
  v->line = (uint32_t)line;
  v->irregular = forms != NULL;
  uint32_t vid = d->n_verbs - 1;
  d->blocks[st->block].nverbs++;
  add_form(d, vid, vw, pre, npre, post, npost, 1);
  if (forms) {
    for (const char *f = forms; f < forms_end;) {
      /* Forms are separated by blanks; some lines also use commas. */
      while (f < forms_end && (is_blank(*f) || *f == ',')) f++;
      const char *fb = f;
      while (f < forms_end && !is_blank(*f) && *f != ',') f++;
      if (f == fb) continue;
      uint32_t fpre[DYAD__DICT_MAX_WORDS], fpost[DYAD__DICT_MAX_WORDS], fw;
      size_t fnpre, fnpost;
      int fplus;
      if (split_verb(d, fb, (size_t)(f - fb), fpre, &fnpre, &fw, fpost, &fnpost, &fplus)) {
        dyad__db_diag(d, DYAD_DIAG_ERROR, line, (long)(fb - ls) + 1, "bad verb form '%.*s'; skipped",
                      (int)(f - fb), fb);
        continue;
      }
      if ((plus || fplus) && (fnpre != npre || fnpost != npost))
        dyad__db_diag(d, DYAD_DIAG_WARNING, line, (long)(fb - ls) + 1,
                      "form '%.*s' does not have the shape of '%.*s'", (int)(f - fb), fb,
                      (int)(pe - p), p);
      add_form(d, vid, fw, fpre, fnpre, fpost, fnpost, 0);
    }
  } else {
    char out[3][128];
    const char *base = dyad__dict_word(d, vw);
    size_t nf = dyad__db_verb_forms(base, strlen(base), out);
    for (size_t k = 0; k < nf; k++) {
      uint32_t fw = dyad__db_word(d, out[k], strlen(out[k]));
      if (fw != DYAD__NONE) add_form(d, vid, fw, pre, npre, post, npost, 0);
    }
  }
}

/* ---- Patterns ------------------------------------------------------------------- */

typedef struct pnode {
  uint8_t kind, side;
  uint32_t value;
  int child[MAX_ELEMS]; /* indexes into the pattern's node pool */
  int nchild;
} pnode;

typedef struct {
  pnode pool[MAX_ELEMS * 4];
  int n;
  int top[MAX_ELEMS];
  int ntop;
} ptree;

static int new_node(ptree *t, int kind, int side, uint32_t value) {
  if (t->n == (int)(sizeof t->pool / sizeof *t->pool)) return -1;
  pnode *n = &t->pool[t->n];
  n->kind = (uint8_t)kind;
  n->side = (uint8_t)side;
  n->value = value;
  n->nchild = 0;
  return t->n++;
}

typedef struct {
  dyad_dict *d;
  const char *ls, *p, *e;
  long line;
  int side, stars;
  const char *err; /* first problem, reported by the caller */
  const char *err_at;
  ptree t;
} pparse;

static void perr(pparse *ps, const char *at, const char *msg) {
  if (!ps->err) {
    ps->err = msg;
    ps->err_at = at;
  }
}

/* Parses a word or marker token [b, x) into a node; -1 on error. */
static int atom(pparse *ps, const char *b, const char *x) {
  size_t n = (size_t)(x - b);
  if (n == 1 && (*b == '$' || *b == '+' || *b == '^' || *b == '%')) {
    int k = *b == '$' ? DYAD__PE_SOURCE : *b == '+' ? DYAD__PE_TARGET : *b == '^' ? DYAD__PE_SKIP
                                                                                   : DYAD__PE_COMPOUND;
    return new_node(&ps->t, k, ps->side, DYAD__NONE);
  }
  if (*b == '&') {
    size_t nn = n;
    if (nn > 1 && b[nn - 1] == '_') nn--;
    uint32_t s = synset_lookup(ps->d, b, nn);
    if (s == DYAD__NONE) {
      perr(ps, b, "undefined synset (synsets must be defined before they are used)");
      return -1;
    }
    return new_node(&ps->t, DYAD__PE_SYNSET, ps->side, s);
  }
  for (const char *q = b; q < x; q++)
    if (*q == '*' || *q == '%' || *q == '$') {
      perr(ps, q, "TABARI-style marker joined to a word (not PETRARCH-2 syntax)");
      return -1;
    }
  uint32_t w[DYAD__DICT_MAX_WORDS];
  size_t nw = dyad__db_split(ps->d, b, n, w, DYAD__DICT_MAX_WORDS);
  if (nw == (size_t)-1 || nw == 0) {
    perr(ps, b, "word too long");
    return -1;
  }
  if (nw == 1) return new_node(&ps->t, DYAD__PE_WORD, ps->side, w[0]);
  /* "AIR_STRIKE" in a pattern: the same as {AIR STRIKE}. */
  int ph = new_node(&ps->t, DYAD__PE_PHRASE, ps->side, DYAD__NONE);
  if (ph < 0) return -1;
  for (size_t k = 0; k < nw && ps->t.pool[ph].nchild < (int)MAX_ELEMS; k++) {
    int c = new_node(&ps->t, DYAD__PE_WORD, ps->side, w[k]);
    if (c < 0) return -1;
    ps->t.pool[ph].child[ps->t.pool[ph].nchild++] = c;
  }
  return ph;
}

static int is_tok_end(char c) { return is_blank(c) || c == ')' || c == '}' || c == '(' || c == '{'; }

/* Parses elements until `close` (')' or '}') or the end; appends to parent
 * (or the top level when parent < 0). */
static void elems(pparse *ps, int parent, char close, int depth) {
  while (ps->p < ps->e && !ps->err) {
    while (ps->p < ps->e && is_blank(*ps->p)) ps->p++;
    if (ps->p >= ps->e) break;
    char c = *ps->p;
    int node = -1;
    if (c == close) {
      ps->p++;
      return;
    }
    if (c == ')' || c == '}') {
      perr(ps, ps->p, "unbalanced closing bracket");
      return;
    }
    if (c == '*') {
      if (parent >= 0) {
        perr(ps, ps->p, "'*' inside a group");
        return;
      }
      if (ps->p + 1 < ps->e && !is_tok_end(ps->p[1])) {
        perr(ps, ps->p, "TABARI-style '*' joined to a word (not PETRARCH-2 syntax)");
        return;
      }
      ps->stars++;
      ps->side = DYAD__SIDE_POST;
      ps->p++;
      continue;
    }
    if (c == '(' || c == '{') {
      if (depth >= 2) {
        perr(ps, ps->p, "groups nested too deeply");
        return;
      }
      const char *open = ps->p++;
      if (c == '(') {
        while (ps->p < ps->e && is_blank(*ps->p)) ps->p++;
        const char *b = ps->p;
        while (ps->p < ps->e && !is_tok_end(*ps->p)) ps->p++;
        if (ps->p == b) {
          perr(ps, open, "'(' without a preposition");
          return;
        }
        uint32_t w = DYAD__NONE;
        if (*b == '&') {
          perr(ps, b, "a synset as the preposition of (PREP ...) is not supported");
          return;
        }
        w = dyad__db_word(ps->d, b, (size_t)(ps->p - b));
        node = new_node(&ps->t, DYAD__PE_PREP, ps->side, w);
        if (node < 0) break;
        elems(ps, node, ')', depth + 1);
      } else {
        node = new_node(&ps->t, DYAD__PE_PHRASE, ps->side, DYAD__NONE);
        if (node < 0) break;
        elems(ps, node, '}', depth + 1);
        if (!ps->err && ps->t.pool[node].nchild == 0) perr(ps, open, "empty {}");
      }
      if (ps->err) return;
    } else {
      const char *b = ps->p;
      while (ps->p < ps->e && !is_tok_end(*ps->p)) ps->p++;
      node = atom(ps, b, ps->p);
      if (node < 0) {
        perr(ps, b, "pattern too long");
        return;
      }
    }
    if (node < 0) {
      perr(ps, ps->p, "pattern too long");
      return;
    }
    if (parent >= 0) {
      pnode *pn = &ps->t.pool[parent];
      if (pn->nchild == (int)MAX_ELEMS) {
        perr(ps, ps->p, "group too long");
        return;
      }
      pn->child[pn->nchild++] = node;
    } else {
      if (ps->t.ntop == (int)MAX_ELEMS) {
        perr(ps, ps->p, "pattern too long");
        return;
      }
      ps->t.top[ps->t.ntop++] = node;
    }
  }
  if (close && !ps->err) perr(ps, ps->e, close == ')' ? "'(' without ')'" : "'{' without '}'");
}

/* Writes nodes ids[0..n) contiguously into pelems, then their children. */
static uint32_t emit(dyad_dict *d, const ptree *t, const int *ids, int n) {
  uint32_t first = d->n_pelems;
  for (int k = 0; k < n; k++)
    if (!DYAD__DB_PUSH(d, pelems)) {
      dyad__db_oom(d);
      return first;
    }
  for (int k = 0; k < n; k++) {
    const pnode *pn = &t->pool[ids[k]];
    dyad__pattern_elem el = {pn->kind, pn->side, (uint16_t)pn->nchild, pn->value, DYAD__NONE};
    if (pn->nchild) el.sub = emit(d, t, pn->child, pn->nchild);
    if (dyad__db_failed(d)) return first;
    d->pelems[first + (uint32_t)k] = el;
  }
  return first;
}

static void pattern_line(dyad_dict *d, verb_state *st, const char *ls, const char *s,
                         const char *e, const char *comment, const char *comment_end, long line) {
  /* s: the pattern's first character after the '-' */
  if (st->block == DYAD__NONE) {
    dyad__db_diag(d, DYAD_DIAG_ERROR, line, 1, "pattern before any verb block; skipped");
    return;
  }
  const char *br = NULL;
  for (const char *q = s; q < e; q++)
    if (*q == '[') {
      br = q;
      break;
    }
  if (!br) {
    dyad__db_diag(d, DYAD_DIAG_ERROR, line, (long)(e - ls) + 1, "pattern without a [CODE]; skipped");
    return;
  }
  uint32_t code, code2, paired;
  const char *after = read_code(d, ls, br, e, line, &code, &code2, &paired);
  if (!after) return;
  for (const char *q = after; q < e; q++)
    if (!is_blank(*q)) {
      dyad__db_diag(d, DYAD_DIAG_WARNING, line, (long)(q - ls) + 1,
                    "text after the code ignored: '%.*s'", (int)(e - q), q);
      break;
    }
  pparse *ps = malloc(sizeof *ps);
  if (!ps) {
    dyad__db_oom(d);
    return;
  }
  ps->d = d;
  ps->ls = ls;
  ps->p = s;
  ps->e = br;
  ps->line = line;
  ps->side = DYAD__SIDE_PRE;
  ps->stars = 0;
  ps->err = NULL;
  ps->t.n = ps->t.ntop = 0;
  elems(ps, -1, 0, 0);
  if (!ps->err && ps->stars != 1)
    perr(ps, s > ls && s[-1] == '-' ? s - 1 : s, ps->stars ? "more than one '*' (the verb) in the pattern" : "pattern without '*' (the verb)");
  if (ps->err) {
    dyad__db_diag(d, DYAD_DIAG_ERROR, line, (long)(ps->err_at - ls) + 1, "%s; pattern skipped",
                  ps->err);
    free(ps);
    return;
  }
  dyad__pattern *pt = DYAD__DB_PUSH(d, patterns);
  if (!pt) {
    dyad__db_oom(d);
    free(ps);
    return;
  }
  uint32_t pi = d->n_patterns - 1;
  uint32_t first = emit(d, &ps->t, ps->t.top, ps->t.ntop);
  uint32_t ntop = (uint32_t)ps->t.ntop;
  free(ps);
  pt = &d->patterns[pi];
  pt->block = st->block;
  pt->elem_first = first;
  pt->nelems = ntop;
  pt->code = code;
  pt->code2 = code2;
  pt->paired = paired;
  pt->comment = DYAD__NONE;
  if (comment) {
    while (comment < comment_end && is_blank(*comment)) comment++;
    while (comment_end > comment && is_blank(comment_end[-1])) comment_end--;
    if (comment_end > comment) pt->comment = dyad__db_str(d, comment, (size_t)(comment_end - comment));
    pt = &d->patterns[pi];
  }
  pt->file = dyad__db_file(d);
  pt->line = (uint32_t)line;
  d->blocks[st->block].npats++;
  d->files[dyad__db_file(d)].entries++;
}

/* ---- Transformations ------------------------------------------------------------- */

static void transform_line(dyad_dict *d, const char *ls, const char *s, const char *e, long line) {
  /* Tokens: words, with '(' ')' '=' as tokens of their own. */
  const char *tb[16], *te[16];
  int n = 0;
  for (const char *p = s + 1; p < e;) {
    while (p < e && is_blank(*p)) p++;
    if (p >= e) break;
    if (n == 16) {
      n = 17;
      break;
    }
    tb[n] = p;
    if (*p == '(' || *p == ')' || *p == '=') p++;
    else
      while (p < e && !is_blank(*p) && *p != '(' && *p != ')' && *p != '=') p++;
    te[n++] = p;
  }
  /* a ( a b V ) W = a b C */
  static const char shape[] = "w(www)w=www";
  int ok = n == 11;
  for (int k = 0; ok && k < 11; k++) {
    char c = *tb[k];
    int punct = c == '(' || c == ')' || c == '=';
    ok = shape[k] == 'w' ? !punct : (te[k] - tb[k] == 1 && c == shape[k]);
  }
  if (!ok) {
    dyad__db_diag(d, DYAD_DIAG_ERROR, line, 1,
                  "transformation must read '~ a (a b VERB) VERB = a b CODE'; skipped");
    return;
  }
  (void)ls;
  dyad__transform *t = DYAD__DB_PUSH(d, transforms);
  if (!t) {
    dyad__db_oom(d);
    return;
  }
  static const int slot[] = {0, 2, 3, 4, 6, 8, 9, 10};
  uint32_t v[8];
  for (int k = 0; k < 8; k++) v[k] = dyad__db_intern(d, tb[slot[k]], (size_t)(te[slot[k]] - tb[slot[k]]));
  t = &d->transforms[d->n_transforms - 1];
  t->src = v[0];
  t->in_src = v[1];
  t->in_tgt = v[2];
  t->in_verb = v[3];
  t->verb = v[4];
  t->out_src = v[5];
  t->out_tgt = v[6];
  t->out_code = v[7];
  t->file = dyad__db_file(d);
  t->line = (uint32_t)line;
  const char *why = check_event_code(tb[10], (size_t)(te[10] - tb[10]));
  if (why && !(te[10] - tb[10] == 1 && *tb[10] == 'Q'))
    dyad__db_diag(d, DYAD_DIAG_WARNING, line, (long)(tb[10] - ls) + 1, "%s: '%.*s'", why,
                  (int)(te[10] - tb[10]), tb[10]);
}

/* ---- The file --------------------------------------------------------------------- */

dyad_status dyad__read_verbs(dyad_dict *d, const char *data, size_t len) {
  if (detect_old(d, data, len)) return DYAD_EUNSUPPORTED;
  dyad__lines L = {data, data + len, 0};
  const char *s, *e;
  verb_state st = {DYAD__NONE, DYAD__NONE, 0};
  dyad__cleanline cl;
  memset(&cl, 0, sizeof cl);
  while (dyad__lines_next(&L, &s, &e) && !dyad__db_failed(d)) {
    d->files[dyad__db_file(d)].lines++;
    if (!dyad__clean_line(d, &cl, s, e, L.line, DYAD__COMMENT_HASH)) continue;
    const char *p = cl.s, *pe = cl.e;
    while (p < pe && is_blank(*p)) p++;
    if (pe - p >= 3 && !memcmp(p, "---", 3)) {
      block_start(d, &st, p, pe, L.line);
    } else if (*p == '&') {
      synset_start(d, &st, p, pe, L.line);
    } else if (*p == '~') {
      transform_line(d, cl.s, p, pe, L.line);
    } else if (*p == '-') {
      pattern_line(d, &st, cl.s, p + 1, pe, cl.comment, cl.comment_end, L.line);
      st.in_synset = 0;
    } else if (*p == '*' && st.block != DYAD__NONE && memchr(p, '[', (size_t)(pe - p))) {
      /* "* (TO QUESTION) [110]": a pattern whose '-' was forgotten */
      dyad__db_diag(d, DYAD_DIAG_WARNING, L.line, (long)(p - cl.s) + 1,
                    "pattern line without its leading '-'; read as a pattern");
      pattern_line(d, &st, cl.s, p, pe, cl.comment, cl.comment_end, L.line);
      st.in_synset = 0;
    } else if (*p == '+' && st.in_synset) {
      if (st.synset != DYAD__NONE) synset_phrase(d, &st, p + 1, pe, L.line, cl.s);
    } else {
      st.in_synset = 0;
      verb_line(d, &st, cl.s, p, pe, L.line);
    }
  }
  dyad__buf_free(&cl.fixed);
  return dyad__db_failed(d) ? DYAD_ENOMEM : DYAD_OK;
}
