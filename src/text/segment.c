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
#include "util/utf8.h"

void dyad__text_diag(dyad__text *t, dyad_severity sev, size_t offset,
                     const char *fmt, ...) {
  if (!t->diag) return;
  char msg[512];
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(msg, sizeof msg, fmt, ap);
  va_end(ap);
  long line = 1, col = 1;
  for (size_t i = 0; i < offset && i < t->len; i++) {
    if (t->text[i] == '\n') {
      line++;
      col = 1;
    } else if (((unsigned char)t->text[i] & 0xC0) != 0x80) {
      col++;
    }
  }
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

static dyad_status given_sentences(dyad__text *t) {
  dyad_doc *doc = t->doc;
  for (size_t i = 0; i < doc->nsents; i++) {
    dyad_sentence *s = &doc->sents[i];
    if (s->tokens) continue;
    uint32_t a = s->start, b = s->end;
    if (b > t->len) b = (uint32_t)t->len;
    if (a > b) a = b;
    t->words.n = 0;
    if (dyad__tokenize(t, a, b)) return DYAD_ENOMEM;
    if (t->words.n > 0xFFFFFFFFu) return DYAD_ELIMIT;
    if (dyad__fill_tokens(t, s, 0, t->words.n)) return DYAD_ENOMEM;
    if (!s->text || !s->text[0]) {
      s->text = dyad__text_normalize(t, t->text + a, b - a, 1);
      if (!s->text) return DYAD_ENOMEM;
    }
  }
  return DYAD_OK;
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
    if (dyad__sentences(t, (uint32_t)i, first && !head, head)) {
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
