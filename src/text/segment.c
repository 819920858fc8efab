/*
 * segment.c -- dyad_text_segment(): the text layer's entry point.
 *
 * Three cases:
 *  - pre-tokenized docs (CoNLL-U) keep their sentences and tokens; only
 *    the folds are filled in;
 *  - docs whose sentences came without tokens (PETRARCH XML) are tokenized
 *    inside each given sentence span, without re-segmenting;
 *  - otherwise the whole text is split into paragraphs, sentences, tokens.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "text/text.h"
#include "util/limits.h"
#include "util/utf8.h"

void dyad__text_diag(dyad__text *t, dyad_severity sev, size_t offset,
                     const char *fmt, ...) {
  if (!t->diag) return;
  char msg[512];
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(msg, sizeof msg, fmt, ap);
  va_end(ap);
  /* Line and column from a cursor that only moves forward, so that many
   * diagnostics in one long text stay linear. */
  if (offset < t->diag_off) {
    t->diag_off = 0;
    t->diag_line = 1;
    t->diag_col = 1;
  }
  long line = t->diag_line ? t->diag_line : 1, col = t->diag_col ? t->diag_col : 1;
  for (size_t i = t->diag_off; i < offset && i < t->len; i++) {
    if (t->text[i] == '\n') {
      line++;
      col = 1;
    } else if (((unsigned char)t->text[i] & 0xC0) != 0x80) {
      col++;
    }
  }
  t->diag_off = offset < t->len ? offset : t->len;
  t->diag_line = line;
  t->diag_col = col;
  dyad_diag d = {sev, NULL, line, col, t->doc->id, msg};
  t->diag(&d, t->diag_user);
}

static dyad_status fold_only(dyad__text *t) {
  dyad_doc *doc = t->doc;
  for (size_t i = 0; i < doc->nsents; i++) {
    dyad_sentence *s = &doc->sents[i];
    for (uint32_t k = 0; k < s->ntokens; k++) {
      dyad_token *x = &s->tokens[k];
      if (x->fold && x->fold != dyad__underscore && strcmp(x->fold, "_")) continue;
      const char *f = x->form ? x->form : "";
      const char *n = dyad__text_normalize(t, f, strlen(f), 0);
      if (!n) return DYAD_ENOMEM;
      x->fold = dyad__text_fold(t, n);
      if (!x->fold) return DYAD_ENOMEM;
    }
  }
  return DYAD_OK;
}

/* Where a piece of words [from, n) of at most DYAD_MAX_SENTENCE_WORDS ends,
 * never inside a multiword token. */
static size_t piece_end(const dyad__text *t, size_t from, size_t n) {
  if (n - from <= DYAD_MAX_SENTENCE_WORDS) return n;
  size_t cut = from + DYAD_MAX_SENTENCE_WORDS;
  for (size_t k = cut - 3; k < cut; k++)
    if (t->words.w[k].mwt > 1 && k + t->words.w[k].mwt > cut) cut = k;
  return cut;
}

/* Sentences given by the reader without tokens: each span is tokenized on
 * its own.  A span longer than DYAD_MAX_SENTENCE_WORDS is cut into pieces
 * (reported); the pieces after the first get ids "<id>.2", "<id>.3"... */
static dyad_status given_sentences(dyad__text *t) {
  dyad_doc *doc = t->doc;
  size_t n = doc->nsents;
  dyad_sentence *old = malloc(n * sizeof *old);
  if (!old) return DYAD_ENOMEM;
  memcpy(old, doc->sents, n * sizeof *old);
  dyad__doc_clear_sentences(doc);
  dyad_status st = DYAD_OK;
  for (size_t i = 0; i < n && st == DYAD_OK; i++) {
    const dyad_sentence *o = &old[i];
    if (o->tokens) {
      dyad_sentence *s = dyad__doc_add_sentence(doc);
      if (!s) st = DYAD_ENOMEM;
      else *s = *o;
      continue;
    }
    uint32_t a = o->start, b = o->end;
    if (b > t->len) b = (uint32_t)t->len;
    if (a > b) a = b;
    t->words.n = 0;
    if (dyad__tokenize(t, a, b)) {
      st = DYAD_ENOMEM;
      break;
    }
    size_t from = 0, piece = 0;
    do {
      size_t to = piece_end(t, from, t->words.n);
      if (to < t->words.n)
        dyad__text_diag(t, DYAD_DIAG_WARNING, t->words.w[to].start,
                        "sentence %s longer than %u words split", o->id,
                        DYAD_MAX_SENTENCE_WORDS);
      dyad_sentence *s = dyad__doc_add_sentence(doc);
      if (!s) {
        st = DYAD_ENOMEM;
        break;
      }
      *s = *o;
      s->tokens = NULL;
      s->ntokens = 0;
      if (piece > 0 || to < t->words.n) {
        /* A piece: its own span and text. */
        s->start = t->words.w[from].start;
        s->end = t->words.w[to - 1].end;
        s->text = dyad__text_normalize(t, t->text + s->start, s->end - s->start, 1);
        if (piece > 0) {
          size_t il = strlen(o->id);
          char *id = dyad__arena_alloc(&doc->arena, il + 24);
          if (id) snprintf(id, il + 24, "%s.%zu", o->id, piece + 1);
          s->id = id;
        }
      } else if (!s->text || !s->text[0]) {
        s->text = dyad__text_normalize(t, t->text + a, b - a, 1);
      }
      if (!s->text || !s->id || dyad__fill_tokens(t, s, from, to)) {
        st = DYAD_ENOMEM;
        break;
      }
      from = to;
      piece++;
    } while (from < t->words.n);
  }
  free(old);
  return st;
}

/* Whether paragraph p is a headline: the first paragraph, one short line
 * without final punctuation, set off from the text by a blank line. */
static int is_headline(const dyad__text *t, const dyad__para *p, size_t np) {
  if (np < 2 || p->nlines != 1 || !p->blank_after) return 0;
  if (t->words.n == 0 || t->words.n > 20) return 0;
  const dyad__word *last = &t->words.w[t->words.n - 1];
  if (last->flags & (DYAD__W_TERM | DYAD__W_CLOSE)) return 0;
  char c = t->text[last->end - 1];
  return c != ',' && c != ':' && c != ';' && c != '.';
}

static dyad_status whole_text(dyad__text *t) {
  dyad__para *paras;
  size_t np;
  if (dyad__paragraphs(t->text, t->len, &paras, &np)) return DYAD_ENOMEM;
  dyad_status st = DYAD_OK;
  int first = 1;
  for (size_t i = 0; i < np; i++) {
    t->words.n = 0;
    if (dyad__tokenize(t, paras[i].start, paras[i].end)) {
      st = DYAD_ENOMEM;
      break;
    }
    if (!t->words.n) continue;
    int head = i == 0 && is_headline(t, &paras[i], np);
    if (dyad__sentences(t, (uint32_t)i, first && !head, head, i + 1 == np)) {
      st = DYAD_ENOMEM;
      break;
    }
    if (!head) first = 0;
  }
  free(paras);
  return st;
}

dyad_status dyad_text_segment(dyad_doc *doc, const dyad_text_options *opts) {
  if (!doc) return DYAD_EINVAL;
  dyad__text t;
  memset(&t, 0, sizeof t);
  t.doc = doc;
  t.text = doc->text;
  t.len = doc->text_len;
  if (opts) {
    t.diag = opts->diag;
    t.diag_user = opts->diag_user;
  }
  if (doc->text_len > 0xFFFFFFF0u) {
    dyad__text_diag(&t, DYAD_DIAG_ERROR, 0, "text of %zu bytes is too large for 32-bit offsets",
                    doc->text_len);
    return DYAD_ELIMIT;
  }
  dyad_status st;
  if (doc->pretokenized) {
    st = fold_only(&t);
  } else if (doc->nsents) {
    int all = 1;
    for (size_t i = 0; i < doc->nsents; i++) all &= doc->sents[i].tokens != NULL;
    st = all ? DYAD_OK : given_sentences(&t);
  } else {
    /* Docs from dyad_doc_new() may carry invalid UTF-8 (the readers have
     * already repaired theirs): count it once, report it, and let the
     * normalizer write U+FFFD in the forms. */
    if (!doc->invalid_utf8) {
      size_t bad = 0, first = 0, i = 0;
      while (i < t.len) {
        size_t k = dyad__utf8_check(t.text + i, t.len - i);
        if (i + k >= t.len) break;
        if (!bad) first = i + k;
        bad++;
        i += k + 1;
      }
      if (bad) {
        doc->invalid_utf8 = bad;
        dyad__text_diag(&t, DYAD_DIAG_WARNING, first,
                        "%zu invalid UTF-8 byte(s) replaced by U+FFFD", bad);
      }
    }
    st = whole_text(&t);
  }
  free(t.words.w);
  dyad__buf_free(&t.buf);
  return st;
}
