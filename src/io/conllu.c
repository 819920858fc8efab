/*
 * conllu.c -- CoNLL-U in (pre-tokenized, optionally tagged and parsed).
 *
 * Documents are delimited by "# newdoc" comments.  An input without any
 * "# newdoc" before its first sentence is read as one document per sentence.
 * The document text is rebuilt from "# text" lines (or from the forms and
 * SpaceAfter=No when a sentence has none): sentences are joined by one space,
 * paragraphs ("# newpar") by a blank line, and every word gets its byte span
 * in that rebuilt text.
 *
 * A malformed sentence (wrong column count, bad ID sequence, HEAD out of
 * range, empty FORM) is reported with its line, rejected whole, and reading
 * goes on with the next sentence.
 */
#include <stdlib.h>
#include <string.h>

#include "core/doc.h"
#include "io/align.h"
#include "io/reader.h"
#include "util/utf8.h"

typedef struct {
  char *form, *lemma, *upos, *xpos, *feats, *deprel, *misc;
  long head;
  int space_after;
  int mwt;            /* words in the multiword token starting here */
  char *mwt_form;     /* its surface form */
} word;

typedef struct {
  int mode_known, per_sentence;
  int pending;          /* r->rec holds a line not consumed yet */
  dyad_doc *doc;        /* document being built */
  dyad__buf text;       /* its rebuilt text */
  dyad__buf raw;        /* raw lines of the current sentence */
  long ndocs;
  int newpar;
  char *next_doc_id;    /* id from a "# newdoc" seen while a doc was open */
  /* current sentence */
  word *w;
  size_t nw, cw;
  char *sent_id, *sent_text;
  long sent_line;
  int mwt_left, mwt_pending_space;
  char *mwt_form;
  int bad;
  int invalid_utf8;
} conllu_state;

static dyad_status conllu_init(dyad_reader *r) {
  r->state = calloc(1, sizeof(conllu_state));
  return r->state ? DYAD_OK : DYAD_ENOMEM;
}

static void clear_sentence(conllu_state *st) {
  for (size_t i = 0; i < st->nw; i++) {
    word *w = &st->w[i];
    free(w->form); free(w->lemma); free(w->upos); free(w->xpos);
    free(w->feats); free(w->deprel); free(w->misc); free(w->mwt_form);
  }
  st->nw = 0;
  free(st->sent_id); st->sent_id = NULL;
  free(st->sent_text); st->sent_text = NULL;
  free(st->mwt_form); st->mwt_form = NULL;
  st->mwt_left = 0;
  st->bad = 0;
  dyad__buf_clear(&st->raw);
}

static void conllu_free(dyad_reader *r) {
  conllu_state *st = r->state;
  if (!st) return;
  clear_sentence(st);
  free(st->w);
  dyad_doc_free(st->doc);
  dyad__buf_free(&st->text);
  dyad__buf_free(&st->raw);
  free(st->next_doc_id);
  free(st);
}

static char *dupn(const char *s, size_t n) {
  char *p = malloc(n + 1);
  if (p) { memcpy(p, s, n); p[n] = '\0'; }
  return p;
}

/* Splits a line into 10 tab-separated fields; returns the field count. */
static int split10(char *line, char *f[10]) {
  int n = 0;
  char *p = line;
  for (;;) {
    if (n == 10) return 11;
    f[n++] = p;
    char *t = strchr(p, '\t');
    if (!t) break;
    *t = '\0';
    p = t + 1;
  }
  return n;
}

static int parse_long(const char *s, long *v) {
  if (!*s) return 0;
  char *end;
  long x = strtol(s, &end, 10);
  if (*end || x < 0) return 0;
  *v = x;
  return 1;
}

static void sentence_error(dyad_reader *r, conllu_state *st, const char *msg) {
  if (!st->bad)
    dyad__reader_diag(r, DYAD_DIAG_ERROR, r->line, st->sent_id,
                      "malformed CoNLL-U sentence: %s; sentence skipped", msg);
  st->bad = 1;
}

static int misc_has(const char *misc, const char *item) {
  size_t n = strlen(item);
  const char *p = misc;
  while (p && *p) {
    if (!strncmp(p, item, n) && (p[n] == '|' || p[n] == '\0')) return 1;
    p = strchr(p, '|');
    if (p) p++;
  }
  return 0;
}

static void token_line(dyad_reader *r, conllu_state *st, char *line) {
  char *f[10];
  int n = split10(line, f);
  if (n != 10) {
    char m[64];
    snprintf(m, sizeof m, "%d columns instead of 10", n > 10 ? 11 : n);
    sentence_error(r, st, m);
    return;
  }
  if (strchr(f[0], '.')) return; /* empty node of the enhanced graph */
  char *dash = strchr(f[0], '-');
  if (dash) {
    long a, b;
    *dash = '\0';
    if (!parse_long(f[0], &a) || !parse_long(dash + 1, &b) || b <= a ||
        a != (long)st->nw + 1) {
      sentence_error(r, st, "bad multiword token range");
      return;
    }
    free(st->mwt_form);
    st->mwt_form = strdup(f[1]);
    st->mwt_left = (int)(b - a + 1);
    st->mwt_pending_space = !misc_has(f[9], "SpaceAfter=No");
    return;
  }
  long id, head = -1;
  if (!parse_long(f[0], &id) || id != (long)st->nw + 1) {
    sentence_error(r, st, "word IDs are not 1, 2, 3, ...");
    return;
  }
  if (!*f[1]) {
    sentence_error(r, st, "empty FORM");
    return;
  }
  if (strcmp(f[6], "_") && !parse_long(f[6], &head)) {
    sentence_error(r, st, "HEAD is not a number");
    return;
  }
  if (st->nw == st->cw) {
    size_t c = st->cw ? st->cw * 2 : 64;
    word *p = realloc(st->w, c * sizeof *p);
    if (!p) { sentence_error(r, st, "out of memory"); return; }
    st->w = p;
    st->cw = c;
  }
  word *w = &st->w[st->nw++];
  memset(w, 0, sizeof *w);
  w->form = strdup(f[1]); w->lemma = strdup(f[2]); w->upos = strdup(f[3]);
  w->xpos = strdup(f[4]); w->feats = strdup(f[5]); w->deprel = strdup(f[7]);
  w->misc = strdup(f[9]);
  if (!w->form || !w->lemma || !w->upos || !w->xpos || !w->feats || !w->deprel || !w->misc) {
    sentence_error(r, st, "out of memory");
    return;
  }
  w->head = head;
  w->space_after = !misc_has(f[9], "SpaceAfter=No");
  if (st->mwt_left > 0) {
    if (st->mwt_form) {
      w->mwt = st->mwt_left;
      w->mwt_form = st->mwt_form;
      st->mwt_form = NULL;
    }
    st->mwt_left--;
    w->space_after = st->mwt_left ? 0 : st->mwt_pending_space;
  }
}

/* Moves the finished sentence into the document. */
static dyad_status finish_sentence(dyad_reader *r, conllu_state *st) {
  if (st->nw == 0 && !st->bad) { clear_sentence(st); return DYAD_OK; }
  for (size_t i = 0; !st->bad && i < st->nw; i++)
    if (st->w[i].head > (long)st->nw) sentence_error(r, st, "HEAD out of range");
  if (st->bad) {
    dyad__reader_reject(r, st->raw.data, st->raw.len);
    dyad__reader_reject(r, "\n", 1);
    r->rejected++;
    r->records++;
    clear_sentence(st);
    return DYAD_OK;
  }
  if (!st->doc) {
    st->doc = dyad__doc_create();
    if (!st->doc) return DYAD_ENOMEM;
    st->doc->pretokenized = 1;
    dyad__buf_clear(&st->text);
  }
  dyad_doc *doc = st->doc;
  /* Sentence text: "# text" or rebuilt from forms. */
  dyad__buf *t = &st->text;
  if (t->len) {
    if (dyad__buf_puts(t, st->newpar ? "\n\n" : " ")) return DYAD_ENOMEM;
  }
  st->newpar = 0;
  size_t s0 = t->len;
  if (st->sent_text) {
    if (dyad__buf_puts(t, st->sent_text)) return DYAD_ENOMEM;
  } else {
    for (size_t i = 0; i < st->nw; i++) {
      const word *w = &st->w[i];
      if (w->mwt && w->mwt_form) {
        if (dyad__buf_puts(t, w->mwt_form)) return DYAD_ENOMEM;
        i += (size_t)w->mwt - 1;
        if (i < st->nw && st->w[i].space_after && i + 1 < st->nw)
          dyad__buf_putc(t, ' ');
        continue;
      }
      if (dyad__buf_puts(t, w->form)) return DYAD_ENOMEM;
      if (w->space_after && i + 1 < st->nw) dyad__buf_putc(t, ' ');
    }
  }
  size_t s1 = t->len;
  dyad_sentence *s = dyad__doc_add_sentence(doc);
  if (!s) return DYAD_ENOMEM;
  dyad_token *tok = dyad__doc_alloc_tokens(doc, s, (uint32_t)st->nw);
  if (!tok) return DYAD_ENOMEM;
  char idbuf[96];
  if (!st->sent_id) {
    snprintf(idbuf, sizeof idbuf, "%s-%zu", doc->id[0] ? doc->id : "s", doc->nsents);
  }
  s->id = dyad__doc_strndup(doc, st->sent_id ? st->sent_id : idbuf,
                            strlen(st->sent_id ? st->sent_id : idbuf));
  s->text = dyad__doc_strndup(doc, t->data + s0, s1 - s0);
  s->start = (uint32_t)s0;
  s->end = (uint32_t)s1;
  s->paragraph = 0;
  const char **surface = calloc(st->nw ? st->nw : 1, sizeof *surface);
  if (!surface) return DYAD_ENOMEM;
  for (size_t i = 0; i < st->nw; i++) {
    word *w = &st->w[i];
    dyad_token *k = &tok[i];
    k->form = dyad__doc_strndup(doc, w->form, strlen(w->form));
    k->lemma = dyad__doc_strndup(doc, w->lemma, strlen(w->lemma));
    k->upos = dyad__doc_strndup(doc, w->upos, strlen(w->upos));
    k->xpos = dyad__doc_strndup(doc, w->xpos, strlen(w->xpos));
    k->feats = dyad__doc_strndup(doc, w->feats, strlen(w->feats));
    k->deprel = dyad__doc_strndup(doc, w->deprel, strlen(w->deprel));
    k->misc = dyad__doc_strndup(doc, w->misc, strlen(w->misc));
    k->head = (int32_t)w->head;
    k->space_after = (uint8_t)w->space_after;
    if (w->mwt > 1 && w->mwt_form) {
      k->mwt = (uint16_t)w->mwt;
      surface[i] = w->mwt_form;
    }
    if (!k->form || !k->lemma || !k->upos || !k->xpos || !k->feats || !k->deprel ||
        !k->misc) {
      free(surface);
      return DYAD_ENOMEM;
    }
  }
  size_t misaligned = dyad__align_tokens(t->data, s0, s1, tok, (uint32_t)st->nw, surface);
  free(surface);
  if (misaligned)
    dyad__reader_diag(r, DYAD_DIAG_WARNING, st->sent_line, s->id,
                      "%zu word(s) do not match the \"# text\" line; their "
                      "offsets are approximate", misaligned);
  clear_sentence(st);
  return DYAD_OK;
}

/* Hands the finished document out. */
static dyad_status emit(dyad_reader *r, conllu_state *st, dyad_doc **out) {
  dyad_doc *doc = st->doc;
  st->doc = NULL;
  if (dyad__doc_set(doc, "text", st->text.data ? st->text.data : "", st->text.len)) {
    dyad_doc_free(doc);
    return DYAD_ENOMEM;
  }
  if (!doc->id[0]) {
    char id[64];
    snprintf(id, sizeof id, "doc-%ld", st->ndocs + 1);
    dyad__doc_set(doc, "id", id, strlen(id));
  }
  st->ndocs++;
  dyad__buf_clear(&st->text);
  (void)r;
  *out = doc;
  return DYAD_OK;
}

static const char *comment_value(const char *line, const char *key) {
  size_t n = strlen(key);
  const char *p = line + 1;
  while (*p == ' ') p++;
  if (strncmp(p, key, n)) return NULL;
  p += n;
  while (*p == ' ') p++;
  if (*p == '=') {
    p++;
    while (*p == ' ') p++;
    return p;
  }
  return *p == '\0' ? p : NULL;
}

static dyad_status conllu_next(dyad_reader *r, dyad_doc **out) {
  conllu_state *st = r->state;
  if (st->next_doc_id && !st->doc) {
    st->doc = dyad__doc_create();
    if (!st->doc) return DYAD_ENOMEM;
    st->doc->pretokenized = 1;
    dyad__doc_set(st->doc, "id", st->next_doc_id, strlen(st->next_doc_id));
    free(st->next_doc_id);
    st->next_doc_id = NULL;
  }
  for (;;) {
    int got = st->pending ? DYAD__LINE_OK : dyad__reader_getline(r, 0, 1);
    st->pending = 0;
    if (got == DYAD__LINE_IO) return DYAD_EIO;
    if (got == DYAD__LINE_TOO_LONG) {
      sentence_error(r, st, "line longer than the record limit");
      continue;
    }
    if (got == DYAD__LINE_EOF) {
      dyad_status s = finish_sentence(r, st);
      if (s) return s;
      if (st->doc && st->doc->nsents) return emit(r, st, out);
      if (st->doc) { dyad_doc_free(st->doc); st->doc = NULL; }
      return DYAD_END;
    }
    char *line = r->rec.data;
    size_t len = r->rec.len;
    if (len && line[len - 1] == '\r') line[--len] = '\0';
    if (dyad__utf8_check(line, len) != len) {
      dyad__buf_append(&st->raw, line, len);
      dyad__buf_putc(&st->raw, '\n');
      sentence_error(r, st, "invalid UTF-8");
      continue;
    }
    if (len == 0) {
      dyad_status s = finish_sentence(r, st);
      if (s) return s;
      if (st->per_sentence && st->doc && st->doc->nsents) return emit(r, st, out);
      continue;
    }
    if (st->raw.len == 0) st->sent_line = r->line;
    dyad__buf_append(&st->raw, line, len);
    dyad__buf_putc(&st->raw, '\n');
    if (line[0] == '#') {
      const char *v;
      if ((v = comment_value(line, "newdoc id")) || (v = comment_value(line, "newdoc"))) {
        st->mode_known = 1;
        if (st->nw) {
          dyad_status s = finish_sentence(r, st);
          if (s) return s;
        }
        if (st->doc && st->doc->nsents) {
          /* Close the open document; this newdoc starts the next one. */
          free(st->next_doc_id);
          st->next_doc_id = strdup(v);
          dyad__buf_clear(&st->raw);
          return emit(r, st, out);
        }
        if (!st->doc) {
          st->doc = dyad__doc_create();
          if (!st->doc) return DYAD_ENOMEM;
          st->doc->pretokenized = 1;
        }
        dyad__doc_set(st->doc, "id", v, strlen(v));
        dyad__buf_clear(&st->raw);
      } else if (comment_value(line, "newpar id") || comment_value(line, "newpar")) {
        st->newpar = 1;
      } else if ((v = comment_value(line, "sent_id"))) {
        free(st->sent_id);
        st->sent_id = strdup(v);
      } else if ((v = comment_value(line, "text"))) {
        free(st->sent_text);
        st->sent_text = strdup(v);
      }
      continue;
    }
    if (!st->mode_known) {
      st->mode_known = 1;
      st->per_sentence = 1;
    }
    char *copy = dupn(line, len);
    if (!copy) return DYAD_ENOMEM;
    token_line(r, st, copy);
    free(copy);
    if (st->text.len > r->max_record && !st->per_sentence && st->doc &&
        st->doc->nsents) {
      dyad__reader_diag(r, DYAD_DIAG_WARNING, r->line, st->doc->id,
                        "document longer than the record limit; split here");
      st->pending = 0;
      return emit(r, st, out);
    }
  }
}

const dyad__reader_ops dyad__conllu_ops = {"conllu", conllu_init, conllu_next, conllu_free};
