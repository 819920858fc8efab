/*
 * read_agents.c -- TABARI/PETRARCH agent dictionaries.
 *
 *   !PERSON! = MAN, MEN, WOMAN         a substitution set
 *   CONGRESS!PERSON! [~LEG]            one entry per substitute, no plurals
 *   FOREIGN_MINISTER [~GOVFRM]         regular plural generated
 *   POLICE {} [~COP]                   no plural
 *   LAWMAN {LAWMEN} [~COP]             the plurals given replace the rule
 *   HUMAN_RIGHTS_BODY [NGO~]           code placed before the actor's
 *
 * Agent phrases match whole words (no stems): their plurals are listed or
 * generated, which is what the stem rule of actor files is for.
 */
#include <stdlib.h>
#include <string.h>

#include "dict/read_common.h"

#define MAX_SUBST_SETS DYAD_DICT_MAX_SUBST_SETS
#define MAX_SUBST_ITEMS DYAD_DICT_MAX_SUBST_ITEMS

typedef struct {
  char name[32];
  uint32_t items[MAX_SUBST_ITEMS]; /* strings */
  size_t n;
} subst_set;

typedef struct {
  subst_set sets[MAX_SUBST_SETS];
  size_t nsets;
} agent_state;

static void add_phrase(dyad_dict *d, const char *s, size_t len, unsigned flags, long line,
                       uint32_t record) {
  uint32_t wids[DYAD__DICT_MAX_WORDS];
  size_t nw = dyad__db_split(d, s, len, wids, DYAD__DICT_MAX_WORDS);
  if (nw == (size_t)-1 || nw == 0) {
    if (nw)
      dyad__db_diag(d, DYAD_DIAG_ERROR, line, 1,
                    "agent phrase '%.*s' is too long (more than %u words, or a word over %u "
                    "bytes); skipped",
                    (int)len, s, DYAD__DICT_MAX_WORDS, DYAD_DICT_MAX_WORD_BYTES);
    else
      dyad__db_diag(d, DYAD_DIAG_ERROR, line, 1, "agent phrase '%.*s' has no words; skipped",
                    (int)len, s);
    return;
  }
  uint32_t ph = dyad__db_str(d, s, len);
  dyad__db_entry(d, DYAD__K_AGENT, flags, line, ph, record, wids, nw);
}

/* The phrase with its plural: the last word pluralized. */
static void add_with_plural(dyad_dict *d, const char *s, size_t len, long line, uint32_t rec,
                            int plural, unsigned flags) {
  add_phrase(d, s, len, flags, line, rec);
  if (!plural) return;
  size_t b = len;
  while (b > 0 && s[b - 1] != '_' && s[b - 1] != ' ') b--;
  if (b == len) return;
  char fold[128], pl[160], full[1024];
  size_t fl = dyad__dict_fold(s + b, len - b, fold, sizeof fold);
  size_t pn = fl == (size_t)-1 ? 0 : dyad__db_plural(fold, fl, pl, sizeof pl);
  if (!pn || b + pn >= sizeof full) {
    dyad__db_diag(d, DYAD_DIAG_WARNING, line, 1, "phrase too long to make its plural: '%.*s'",
                  (int)len, s);
    return;
  }
  /* Keep the file's case in messages and lookups: "MINISTERS". */
  int upper = 1;
  for (size_t k = b; k < len; k++)
    if (s[k] >= 'a' && s[k] <= 'z') upper = 0;
  for (size_t k = 0; upper && k < pn; k++)
    if (pl[k] >= 'a' && pl[k] <= 'z') pl[k] = (char)(pl[k] - 32);
  memcpy(full, s, b);
  memcpy(full + b, pl, pn);
  add_phrase(d, full, b + pn, flags | DYAD__E_GENERATED, line, rec);
}

/* Expands the first !NAME! in s (recursively for further ones). */
static void expand(dyad_dict *d, agent_state *st, const char *s, size_t len, long line,
                   uint32_t rec, int plural, const char *plurals, size_t npl, int depth,
                   size_t *made) {
  const char *m = memchr(s, '!', len);
  if (!m) {
    /* Several sets in one phrase multiply: bound the product. */
    if (++*made > DYAD_DICT_MAX_FORMS) {
      if (*made == DYAD_DICT_MAX_FORMS + 1)
        dyad__db_diag(d, DYAD_DIAG_ERROR, line, 1,
                      "substitutions make more than %u phrases; the rest skipped",
                      DYAD_DICT_MAX_FORMS);
      return;
    }
    if (depth) { /* substituted: no plural formation (documented rule) */
      add_phrase(d, s, len, DYAD__E_GENERATED, line, rec);
      return;
    }
    add_with_plural(d, s, len, line, rec, plural && !plurals, 0);
    /* Plurals given in {...}: each is a phrase of its own. */
    for (size_t i = 0; plurals && i < npl;) {
      while (i < npl && (plurals[i] == ' ' || plurals[i] == '\t')) i++;
      size_t b = i;
      while (i < npl && plurals[i] != ' ' && plurals[i] != '\t') i++;
      if (i > b) add_phrase(d, plurals + b, i - b, 0, line, rec);
    }
    return;
  }
  const char *m2 = memchr(m + 1, '!', len - (size_t)(m + 1 - s));
  if (!m2) {
    dyad__db_diag(d, DYAD_DIAG_ERROR, line, 1, "unclosed substitution marker '!' in '%.*s'; skipped",
                  (int)len, s);
    return;
  }
  size_t nl = (size_t)(m2 + 1 - m);
  subst_set *set = NULL;
  for (size_t k = 0; k < st->nsets; k++)
    if (strlen(st->sets[k].name) == nl && !memcmp(st->sets[k].name, m, nl)) set = &st->sets[k];
  if (!set) {
    dyad__db_diag(d, DYAD_DIAG_ERROR, line, (long)(m - s) + 1,
                  "undefined substitution set '%.*s' (define it with '%.*s = A, B' first); skipped",
                  (int)nl, m, (int)nl, m);
    return;
  }
  if (depth >= 4) {
    dyad__db_diag(d, DYAD_DIAG_ERROR, line, 1,
                  "more than 4 substitution markers in one phrase; skipped");
    *made = DYAD_DICT_MAX_FORMS + 2; /* stop, and no second message */
    return;
  }
  for (size_t k = 0; k < set->n; k++) {
    const char *item = d->strs + set->items[k];
    char buf[1024];
    size_t il = strlen(item), pre = (size_t)(m - s), post = len - pre - nl;
    if (pre + il + post >= sizeof buf) {
      dyad__db_diag(d, DYAD_DIAG_ERROR, line, 1, "phrase with '%s' substituted is too long; skipped",
                    item);
      continue;
    }
    memcpy(buf, s, pre);
    memcpy(buf + pre, item, il);
    memcpy(buf + pre + il, m2 + 1, post);
    expand(d, st, buf, pre + il + post, line, rec, 0, NULL, 0, depth + 1, made);
    if (*made > DYAD_DICT_MAX_FORMS) return;
  }
}

static void read_subst(dyad_dict *d, agent_state *st, const char *p, const char *e, long line,
                       const char *ls) {
  const char *m2 = memchr(p + 1, '!', (size_t)(e - p - 1));
  const char *eq = memchr(p, '=', (size_t)(e - p));
  if (!m2 || !eq || eq < m2) {
    dyad__db_diag(d, DYAD_DIAG_ERROR, line, (long)(p - ls) + 1,
                  "substitution set must read '!NAME! = A, B, C'; skipped");
    return;
  }
  size_t nl = (size_t)(m2 + 1 - p);
  if (st->nsets == MAX_SUBST_SETS || nl >= sizeof st->sets[0].name) {
    dyad__db_diag(d, DYAD_DIAG_ERROR, line, 1, "too many or too long substitution sets; skipped");
    return;
  }
  subst_set *set = &st->sets[st->nsets++];
  memcpy(set->name, p, nl);
  set->name[nl] = '\0';
  set->n = 0;
  for (const char *q = eq + 1; q < e;) {
    while (q < e && (*q == ' ' || *q == '\t' || *q == ',')) q++;
    const char *b = q;
    while (q < e && *q != ',') q++;
    const char *ie = q;
    while (ie > b && (ie[-1] == ' ' || ie[-1] == '\t')) ie--;
    if (ie == b) continue;
    if (set->n == MAX_SUBST_ITEMS) {
      dyad__db_diag(d, DYAD_DIAG_WARNING, line, (long)(b - ls) + 1,
                    "more than %u items in a substitution set; the rest ignored", MAX_SUBST_ITEMS);
      break;
    }
    set->items[set->n++] = dyad__db_str(d, b, (size_t)(ie - b));
  }
}

dyad_status dyad__read_agents(dyad_dict *d, const char *data, size_t len) {
  dyad__lines L = {data, data + len, 0};
  const char *s, *e;
  dyad__cleanline cl;
  memset(&cl, 0, sizeof cl);
  agent_state *st = calloc(1, sizeof *st);
  if (!st) return DYAD_ENOMEM;
  while (dyad__lines_next(&L, &s, &e) && !dyad__db_failed(d)) {
    d->files[dyad__db_file(d)].lines++;
    if (!dyad__clean_line(d, &cl, s, e, L.line, DYAD__COMMENT_HASH)) continue;
    const char *p = cl.s, *pe = cl.e;
    while (p < pe && (*p == ' ' || *p == '\t')) p++;
    if (*p == '!' && memchr(p, '=', (size_t)(pe - p))) {
      read_subst(d, st, p, pe, L.line, cl.s);
      continue;
    }
    const char *br = memchr(p, '[', (size_t)(pe - p));
    if (!br) {
      dyad__db_diag(d, DYAD_DIAG_ERROR, L.line, (long)(pe - cl.s) + 1,
                    "agent without a code ('PHRASE [~CODE]' expected); skipped");
      continue;
    }
    /* Phrase, then an optional {plurals}. */
    const char *brace = memchr(p, '{', (size_t)(br - p));
    const char *ph_end = brace ? brace : br;
    while (ph_end > p && (ph_end[-1] == ' ' || ph_end[-1] == '\t')) ph_end--;
    if (ph_end == p) {
      dyad__db_diag(d, DYAD_DIAG_ERROR, L.line, (long)(p - cl.s) + 1, "empty agent phrase; skipped");
      continue;
    }
    const char *plurals = NULL;
    size_t npl = 0;
    if (brace) {
      const char *cb = memchr(brace, '}', (size_t)(br - brace));
      if (!cb) {
        dyad__db_diag(d, DYAD_DIAG_ERROR, L.line, (long)(brace - cl.s) + 1,
                      "'{' without '}' in the plurals; skipped");
        continue;
      }
      plurals = brace + 1;
      npl = (size_t)(cb - brace - 1);
    }
    /* The code: [~CODE] or [CODE~]; "[~LEG}" is accepted with a warning. */
    const char *ce = br + 1;
    while (ce < pe && *ce != ']' && *ce != '}') ce++;
    if (ce == pe) {
      dyad__db_diag(d, DYAD_DIAG_ERROR, L.line, (long)(br - cl.s) + 1, "'[' without ']'; skipped");
      continue;
    }
    if (*ce == '}')
      dyad__db_diag(d, DYAD_DIAG_WARNING, L.line, (long)(ce - cl.s) + 1,
                    "code opened with '[' but closed with '}'");
    const char *cb = br + 1;
    while (cb < ce && *cb == ' ') cb++;
    const char *cend = ce;
    while (cend > cb && cend[-1] == ' ') cend--;
    uint32_t place = DYAD__AGENT_AFTER;
    if (cb < cend && *cb == '~') {
      cb++;
    } else if (cb < cend && cend[-1] == '~') {
      cend--;
      place = DYAD__AGENT_BEFORE;
    } else {
      dyad__db_diag(d, DYAD_DIAG_WARNING, L.line, (long)(br - cl.s) + 1,
                    "agent code '%.*s' has no '~' (write [~CODE] or [CODE~]); read as [~%.*s]",
                    (int)(cend - cb), cb, (int)(cend - cb), cb);
    }
    if (cb == cend) {
      dyad__db_diag(d, DYAD_DIAG_ERROR, L.line, (long)(br - cl.s) + 1, "empty agent code; skipped");
      continue;
    }
    const char *why = dyad__db_check_actor_code(cb, (size_t)(cend - cb));
    if (why)
      dyad__db_diag(d, DYAD_DIAG_WARNING, L.line, (long)(cb - cl.s) + 1, "%s: '%.*s'", why,
                    (int)(cend - cb), cb);
    for (const char *q = ce + 1; q < pe; q++)
      if (*q != ' ' && *q != '\t') {
        dyad__db_diag(d, DYAD_DIAG_WARNING, L.line, (long)(q - cl.s) + 1,
                      "text after the code ignored: '%.*s'", (int)(pe - q), q);
        break;
      }
    dyad__agent *ag = DYAD__DB_PUSH(d, agents);
    if (!ag) {
      dyad__db_oom(d);
      break;
    }
    ag->code = dyad__db_intern(d, cb, (size_t)(cend - cb));
    ag->place = place;
    ag->file = dyad__db_file(d);
    ag->line = (uint32_t)L.line;
    d->files[dyad__db_file(d)].records++;
    size_t made = 0;
    expand(d, st, p, (size_t)(ph_end - p), L.line, d->n_agents - 1, 1, plurals, npl, 0, &made);
  }
  free(st);
  dyad__buf_free(&cl.fixed);
  return dyad__db_failed(d) ? DYAD_ENOMEM : DYAD_OK;
}
