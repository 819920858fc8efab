/*
 * read_actors.c -- TABARI/PETRARCH actor dictionaries.
 *
 *   PRIMARY_PHRASE_ [CODE] [CODE <date] ...   ; comment   starts a record
 *   +SYNONYM_PHRASE                            # comment   same record
 *   <TAB or blank>[CODE date-date]                         a restriction
 *
 * A record's codes: the [CODE] without a date is the default; the dated
 * ones are tried in the order written (TABARI 6.5.2).
 */
#include <string.h>

#include "dict/build.h"
#include "dict/read_common.h"

typedef struct {
  uint32_t actor;   /* current record, DYAD__NONE before the first */
  long default_line;
} actor_state;

/* Parses "[CODE]" / "[CODE <D]" / "[CODE >D]" / "[CODE D-D]" at s (at '[').
 * Returns the position after ']' or NULL (reported). */
static const char *parse_code(dyad_dict *d, actor_state *st, const char *line_start,
                              const char *s, const char *e, long line) {
  long col = (long)(s - line_start) + 1;
  const char *close = memchr(s, ']', (size_t)(e - s));
  if (!close) {
    const char *brace = memchr(s, '}', (size_t)(e - s));
    dyad__db_diag(d, DYAD_DIAG_ERROR, line, col,
                  brace ? "code opened with '[' but closed with '}'; code skipped"
                        : "'[' without ']'; code skipped");
    return NULL;
  }
  const char *p = s + 1;
  while (p < close && (*p == ' ' || *p == '\t')) p++;
  const char *cb = p;
  while (p < close && *p != ' ' && *p != '\t' && *p != '<' && *p != '>') p++;
  const char *ce = p;
  /* "[USAGOV 010120-050120]": the restriction is the rest, blanks removed. */
  char rest[64];
  size_t rn = 0;
  for (; p < close; p++) {
    if (*p == ' ' || *p == '\t') continue;
    if (rn + 1 < sizeof rest) rest[rn++] = *p;
    else rn = sizeof rest; /* too long: reported below */
  }
  if (rn >= sizeof rest) rn = sizeof rest - 1;
  rest[rn] = '\0';
  if (ce == cb) {
    dyad__db_diag(d, DYAD_DIAG_ERROR, line, col, "empty code '[]'; skipped");
    return close + 1;
  }
  const char *why = dyad__db_check_actor_code(cb, (size_t)(ce - cb));
  if (why) dyad__db_diag(d, DYAD_DIAG_WARNING, line, col, "%s: '%.*s'", why, (int)(ce - cb), cb);
  if (st->actor == DYAD__NONE) {
    dyad__db_diag(d, DYAD_DIAG_ERROR, line, col, "code before any actor phrase; skipped");
    return close + 1;
  }
  dyad__actor *ac = &d->actors[st->actor];
  uint32_t code = dyad__db_intern(d, cb, (size_t)(ce - cb));
  if (rn == 0) {
    if (ac->default_code != DYAD__NONE) {
      if (strcmp(d->strs + ac->default_code, d->strs + code))
        dyad__db_diag(d, DYAD_DIAG_WARNING, line, col,
                      "second default code [%s] for this actor (first: [%s] at line %ld); "
                      "the first is used",
                      d->strs + code, d->strs + ac->default_code, st->default_line);
      return close + 1;
    }
    ac->default_code = code;
    st->default_line = line;
    return close + 1;
  }
  int32_t from = DYAD__DATE_MIN, to = DYAD__DATE_MAX;
  const char *bad = NULL;
  if (rest[0] == '<' || rest[0] == '>') {
    int32_t dt = dyad__dict_parse_date(rest + 1, rn - 1);
    if (!dt) bad = rest + 1;
    else if (rest[0] == '<') to = dt;
    else from = dt;
  } else {
    char *dash = strchr(rest, '-');
    if (!dash) {
      bad = rest;
    } else {
      from = dyad__dict_parse_date(rest, (size_t)(dash - rest));
      to = dyad__dict_parse_date(dash + 1, strlen(dash + 1));
      if (!from || !to) bad = rest;
    }
  }
  if (bad) {
    dyad__db_diag(d, DYAD_DIAG_WARNING, line, col,
                  "malformed date restriction '%s' for [%.*s] (dates are YYMMDD or YYYYMMDD: "
                  "'<D', '>D' or 'D-D'); restriction ignored",
                  rest, (int)(ce - cb), cb);
    return close + 1;
  }
  if (from > to) {
    dyad__db_diag(d, DYAD_DIAG_WARNING, line, col,
                  "inverted date range %s for [%.*s] (%d is after %d): it can never apply", rest,
                  (int)(ce - cb), cb, from, to);
  }
  dyad__dated_code *dc = DYAD__DB_PUSH(d, dated);
  if (!dc) {
    dyad__db_oom(d);
    return NULL;
  }
  ac = &d->actors[st->actor];
  if (!ac->ncodes) ac->code_first = d->n_dated - 1;
  else if (ac->code_first + ac->ncodes != d->n_dated - 1) {
    /* Codes of a record are contiguous: restriction lines follow the
     * record they belong to. */
    d->n_dated--;
    return close + 1;
  }
  dc->code = code;
  dc->from = from;
  dc->to = to;
  dc->line = (uint32_t)line;
  /* Overlaps are checked pairwise among a record's first 256 restrictions
   * (TABARI allowed 256 characters of them in all). */
  if (dyad__db_checking(d) && from <= to && ac->ncodes < 256) {
    for (uint32_t k = 0; k < ac->ncodes; k++) {
      const dyad__dated_code *o = &d->dated[ac->code_first + k];
      /* Ranges that share only their boundary day are how consecutive
       * periods are written ([X 320101-331108] [Y 331108-730717]). */
      int32_t lo = o->from > from ? o->from : from, hi = o->to < to ? o->to : to;
      if (o->from <= o->to && lo < hi && o->code != code)
        dyad__db_diag(d, DYAD_DIAG_WARNING, line, col,
                      "date range of [%s] overlaps [%s] at line %u; the first listed applies",
                      d->strs + code, d->strs + o->code, o->line);
    }
  }
  ac->ncodes++;
  return close + 1;
}

static void parse_codes(dyad_dict *d, actor_state *st, const char *ls, const char *p,
                        const char *e, long line) {
  while (p && p < e) {
    while (p < e && (*p == ' ' || *p == '\t')) p++;
    if (p >= e) break;
    if (*p != '[') {
      dyad__db_diag(d, DYAD_DIAG_WARNING, line, (long)(p - ls) + 1,
                    "unexpected text '%.*s' after the code; ignored", (int)(e - p), p);
      break;
    }
    p = parse_code(d, st, ls, p, e, line);
  }
}

dyad_status dyad__read_actors(dyad_dict *d, const char *data, size_t len) {
  dyad__lines L = {data, data + len, 0};
  const char *s, *e;
  actor_state st = {DYAD__NONE, 0};
  dyad__cleanline cl;
  memset(&cl, 0, sizeof cl);
  while (dyad__lines_next(&L, &s, &e)) {
    d->files[dyad__db_file(d)].lines++;
    if (!dyad__clean_line(d, &cl, s, e, L.line, DYAD__COMMENT_HASH | DYAD__COMMENT_SEMI))
      continue;
    const char *p = cl.s, *pe = cl.e;
    int indented = p < pe && (*p == ' ' || *p == '\t');
    while (p < pe && (*p == ' ' || *p == '\t')) p++;
    if (p == pe) continue;
    if (*p == '[') {
      if (!indented)
        dyad__db_diag(d, DYAD_DIAG_WARNING, L.line, (long)(p - cl.s) + 1,
                      "date restriction line not indented (TAB or blank expected)");
      parse_codes(d, &st, cl.s, p, pe, L.line);
      continue;
    }
    int synonym = *p == '+';
    if (indented)
      dyad__db_diag(d, DYAD_DIAG_WARNING, L.line, 1,
                    "indented line is not a date restriction; read as %s",
                    synonym ? "a synonym" : "a new actor");
    if (synonym) p++;
    const char *pb = p;
    const char *ph_end = memchr(p, '[', (size_t)(pe - p));
    if (!ph_end) ph_end = pe;
    const char *q = ph_end;
    while (q > pb && (q[-1] == ' ' || q[-1] == '\t')) q--;
    if (q == pb) {
      dyad__db_diag(d, DYAD_DIAG_ERROR, L.line, (long)(pb - cl.s) + 1,
                    "empty actor phrase; line skipped");
      continue;
    }
    if (synonym && st.actor == DYAD__NONE) {
      dyad__db_diag(d, DYAD_DIAG_ERROR, L.line, 1, "synonym '+' before any actor; skipped");
      continue;
    }
    uint32_t wids[DYAD__DICT_MAX_WORDS];
    size_t nw = dyad__db_split(d, pb, (size_t)(q - pb), wids, DYAD__DICT_MAX_WORDS);
    if (nw == (size_t)-1 || nw == 0) {
      dyad__db_diag(d, DYAD_DIAG_ERROR, L.line, (long)(pb - cl.s) + 1,
                    nw ? "actor phrase too long (more than %u words, or a word over %u bytes); "
                         "skipped"
                       : "actor phrase has no words; skipped",
                    DYAD__DICT_MAX_WORDS, DYAD_DICT_MAX_WORD_BYTES);
      if (!synonym) st.actor = DYAD__NONE;
      continue;
    }
    dyad__check_phrase_chars(d, cl.s, pb, q, L.line);
    uint32_t phrase = dyad__db_str(d, pb, (size_t)(q - pb));
    if (!synonym) {
      dyad__actor *ac = DYAD__DB_PUSH(d, actors);
      if (!ac) {
        dyad__db_oom(d);
        break;
      }
      ac->root = phrase;
      ac->default_code = DYAD__NONE;
      ac->file = dyad__db_file(d);
      ac->line = (uint32_t)L.line;
      st.actor = d->n_actors - 1;
      d->files[dyad__db_file(d)].records++;
    }
    unsigned flags = (synonym ? DYAD__E_SYNONYM : 0) | (q[-1] == '_' ? 0 : DYAD__E_STEM);
    dyad__db_entry(d, DYAD__K_ACTOR, flags, L.line, phrase, st.actor, wids, nw);
    if (synonym && ph_end < pe) {
      dyad__db_diag(d, DYAD_DIAG_WARNING, L.line, (long)(ph_end - cl.s) + 1,
                    "code on a synonym line: it applies to the whole actor");
    }
    parse_codes(d, &st, cl.s, ph_end, pe, L.line);
    if (dyad__db_failed(d)) break;
  }
  dyad__buf_free(&cl.fixed);
  return dyad__db_failed(d) ? DYAD_ENOMEM : DYAD_OK;
}
