/*
 * eval.c -- tokenization, segmentation and (later) tagging/parsing scores
 * against gold CoNLL-U, with the alignment of the CoNLL 2018 shared task
 * evaluation script (conll18_ud_eval.py):
 *
 *  - a token is a surface span: a multiword token counts once;
 *  - Tokens and Sentences: spans that match exactly;
 *  - Words: outside multiword tokens a word matches a word with the same
 *    span; where either side has a multiword token, the region covered by
 *    overlapping multiword tokens is aligned by longest common subsequence
 *    of the (case-folded) word forms;
 *  - UPOS, XPOS, Lemmas, UAS, LAS are counted over aligned words.
 *
 * The script compares characters with whitespace removed because system and
 * gold may come from different files; here the system doc is made from the
 * gold doc's text, so byte spans are the same thing.
 */
#include <stdlib.h>
#include <string.h>

#include "core/doc.h"

enum { M_TOKENS, M_SENTENCES, M_WORDS, M_UPOS, M_XPOS, M_LEMMAS, M_UAS, M_LAS, M_COUNT };

static const char *const metric_names[M_COUNT] = {
    "Tokens", "Sentences", "Words", "UPOS", "XPOS", "Lemmas", "UAS", "LAS"};

struct dyad_eval {
  dyad_eval_metric m[M_COUNT];
};

typedef struct {
  uint32_t start, end;  /* span for word matching (the token's if in a MWT) */
  int mwt;              /* part of a multiword token */
  long head;            /* document index of the head, -1 for the root */
  const dyad_token *t;
} eword;

typedef struct {
  eword *w;
  size_t n;
} ewords;

static int flatten(const dyad_doc *d, ewords *out) {
  size_t n = 0;
  for (size_t i = 0; i < d->nsents; i++) n += d->sents[i].ntokens;
  out->w = malloc((n ? n : 1) * sizeof *out->w);
  out->n = n;
  if (!out->w) return -1;
  size_t k = 0;
  for (size_t i = 0; i < d->nsents; i++) {
    const dyad_sentence *s = &d->sents[i];
    uint32_t mwt_end = 0, ts = 0, te = 0;
    for (uint32_t j = 0; j < s->ntokens; j++) {
      const dyad_token *t = &s->tokens[j];
      eword *e = &out->w[k + j];
      if (t->mwt > 1 && j + t->mwt <= s->ntokens) {
        mwt_end = j + t->mwt;
        ts = t->start;
        te = s->tokens[mwt_end - 1].end;
      }
      e->mwt = j < mwt_end;
      e->start = e->mwt ? ts : t->start;
      e->end = e->mwt ? te : t->end;
      e->head = t->head > 0 && (uint32_t)t->head <= s->ntokens ? (long)(k + (size_t)t->head - 1) : -1;
      e->t = t;
    }
    k += s->ntokens;
  }
  return 0;
}

/* Case-insensitive form comparison, on the ASCII fold when there is one so
 * that "n’t" and "n't" match. */
static const char *cmp_form(const dyad_token *t) {
  return (t->fold && strcmp(t->fold, "_")) ? t->fold : t->form;
}

static int same_form(const dyad_token *a, const dyad_token *b) {
  const char *x = cmp_form(a), *y = cmp_form(b);
  for (; *x && *y; x++, y++) {
    int c = (unsigned char)*x, d = (unsigned char)*y;
    if (c >= 'A' && c <= 'Z') c += 32;
    if (d >= 'A' && d <= 'Z') d += 32;
    if (c != d) return 0;
  }
  return *x == *y;
}

/* LCS alignment of g[gs..ge) with s[ss..se). */
static int lcs(const ewords *g, size_t gs, size_t ge, const ewords *s, size_t ss, size_t se,
               long *g2s) {
  size_t n = ge - gs, m = se - ss;
  size_t *tab = calloc((n + 1) * (m + 1), sizeof *tab);
  if (!tab) return -1;
#define T(i, j) tab[(i) * (m + 1) + (j)]
  for (size_t i = n; i-- > 0;)
    for (size_t j = m; j-- > 0;) {
      if (same_form(g->w[gs + i].t, s->w[ss + j].t)) T(i, j) = 1 + T(i + 1, j + 1);
      else T(i, j) = T(i + 1, j) > T(i, j + 1) ? T(i + 1, j) : T(i, j + 1);
    }
  size_t i = 0, j = 0;
  while (i < n && j < m) {
    if (same_form(g->w[gs + i].t, s->w[ss + j].t)) {
      g2s[gs + i] = (long)(ss + j);
      i++;
      j++;
    } else if (T(i, j) == T(i + 1, j)) {
      i++;
    } else {
      j++;
    }
  }
#undef T
  free(tab);
  return 0;
}

static int align(const ewords *g, const ewords *s, long *g2s) {
  for (size_t i = 0; i < g->n; i++) g2s[i] = -1;
  size_t gi = 0, si = 0;
  while (gi < g->n && si < s->n) {
    const eword *a = &g->w[gi], *b = &s->w[si];
    if (a->mwt || b->mwt) {
      size_t gs = gi, ss = si;
      uint32_t end;
      if (a->mwt) {
        end = a->end;
        if (!b->mwt && b->start < a->start) si++, ss = si;
        gi++; /* progress even when spans are odd (misaligned gold) */
      } else {
        end = b->end;
        if (!a->mwt && a->start < b->start) gi++, gs = gi;
        si++;
      }
      while ((gi < g->n && g->w[gi].start < end) || (si < s->n && s->w[si].start < end)) {
        if (gi < g->n && (si >= s->n || g->w[gi].start <= s->w[si].start)) {
          if (g->w[gi].mwt && g->w[gi].end > end) end = g->w[gi].end;
          gi++;
        } else {
          if (s->w[si].mwt && s->w[si].end > end) end = s->w[si].end;
          si++;
        }
      }
      if (lcs(g, gs, gi, s, ss, si, g2s)) return -1;
    } else if (a->start == b->start && a->end == b->end) {
      g2s[gi++] = (long)si++;
    } else if (a->start <= b->start) {
      gi++;
    } else {
      si++;
    }
  }
  return 0;
}

dyad_status dyad_eval_align_words(const dyad_doc *gold, const dyad_doc *sys,
                                  long *gold_to_sys, size_t ngold) {
  ewords g = {0}, s = {0};
  dyad_status st = DYAD_OK;
  if (flatten(gold, &g) || flatten(sys, &s)) st = DYAD_ENOMEM;
  else if (g.n != ngold) st = DYAD_EINVAL;
  else if (align(&g, &s, gold_to_sys)) st = DYAD_ENOMEM;
  free(g.w);
  free(s.w);
  return st;
}

dyad_status dyad_eval_new(dyad_eval **out) {
  *out = calloc(1, sizeof **out);
  if (!*out) return DYAD_ENOMEM;
  for (int i = 0; i < M_COUNT; i++) (*out)->m[i].name = metric_names[i];
  return DYAD_OK;
}

void dyad_eval_free(dyad_eval *ev) { free(ev); }

size_t dyad_eval_metric_count(const dyad_eval *ev) {
  (void)ev;
  return M_COUNT;
}

const dyad_eval_metric *dyad_eval_metric_get(const dyad_eval *ev, size_t i) {
  return i < M_COUNT ? &ev->m[i] : NULL;
}

typedef struct {
  uint32_t start, end;
} span;

/* Token spans (a multiword token once) or sentence spans of a doc. */
static span *spans(const dyad_doc *d, int sentences, size_t *n) {
  size_t cap = 1;
  for (size_t i = 0; i < d->nsents; i++) cap += d->sents[i].ntokens;
  span *v = malloc(cap * sizeof *v);
  if (!v) return NULL;
  size_t k = 0;
  for (size_t i = 0; i < d->nsents; i++) {
    const dyad_sentence *s = &d->sents[i];
    if (!s->ntokens) continue;
    if (sentences) {
      v[k].start = s->tokens[0].start;
      v[k].end = s->tokens[s->ntokens - 1].end;
      k++;
      continue;
    }
    for (uint32_t j = 0; j < s->ntokens;) {
      uint32_t w = s->tokens[j].mwt > 1 && j + s->tokens[j].mwt <= s->ntokens ? s->tokens[j].mwt : 1;
      v[k].start = s->tokens[j].start;
      v[k].end = s->tokens[j + w - 1].end;
      k++;
      j += w;
    }
  }
  *n = k;
  return v;
}

static void count_spans(dyad_eval_metric *m, const span *g, size_t ng, const span *s,
                        size_t ns) {
  m->gold += ng;
  m->system += ns;
  m->present = 1;
  size_t i = 0, j = 0;
  while (i < ng && j < ns) {
    if (g[i].start == s[j].start && g[i].end == s[j].end) {
      m->correct++;
      i++;
      j++;
    } else if (g[i].start < s[j].start || (g[i].start == s[j].start && g[i].end < s[j].end)) {
      i++;
    } else {
      j++;
    }
  }
}

static int given(const char *s) { return s && strcmp(s, "_"); }

static const char *univ(const char *rel, size_t *n) {
  const char *c = strchr(rel, ':');
  *n = c ? (size_t)(c - rel) : strlen(rel);
  return rel;
}

dyad_status dyad_eval_add(dyad_eval *ev, const dyad_doc *gold, const dyad_doc *sys) {
  size_t ng, ns;
  for (int sent = 0; sent < 2; sent++) {
    span *g = spans(gold, sent, &ng), *s = spans(sys, sent, &ns);
    if (!g || !s) {
      free(g);
      free(s);
      return DYAD_ENOMEM;
    }
    count_spans(&ev->m[sent ? M_SENTENCES : M_TOKENS], g, ng, s, ns);
    free(g);
    free(s);
  }
  ewords gw = {0}, sw = {0};
  long *g2s = NULL;
  dyad_status st = DYAD_OK;
  if (flatten(gold, &gw) || flatten(sys, &sw) ||
      !(g2s = malloc((gw.n ? gw.n : 1) * sizeof *g2s)) || align(&gw, &sw, g2s)) {
    st = DYAD_ENOMEM;
    goto done;
  }
  for (int m = M_WORDS; m < M_COUNT; m++) {
    ev->m[m].gold += gw.n;
    ev->m[m].system += sw.n;
  }
  ev->m[M_WORDS].present = 1;
  for (size_t j = 0; j < sw.n; j++) {
    const dyad_token *t = sw.w[j].t;
    if (given(t->upos)) ev->m[M_UPOS].present = 1;
    if (given(t->xpos)) ev->m[M_XPOS].present = 1;
    if (given(t->lemma)) ev->m[M_LEMMAS].present = 1;
    if (t->head >= 0) ev->m[M_UAS].present = ev->m[M_LAS].present = 1;
  }
  for (size_t i = 0; i < gw.n; i++) {
    if (g2s[i] < 0) continue;
    const eword *a = &gw.w[i], *b = &sw.w[g2s[i]];
    ev->m[M_WORDS].correct++;
    ev->m[M_UPOS].correct += !strcmp(a->t->upos, b->t->upos);
    ev->m[M_XPOS].correct += !strcmp(a->t->xpos, b->t->xpos);
    ev->m[M_LEMMAS].correct += !strcmp(a->t->lemma, b->t->lemma);
    int head_ok = b->t->head >= 0 &&
                  ((a->head < 0 && b->head < 0 && b->t->head == 0 && a->t->head == 0) ||
                   (a->head >= 0 && b->head >= 0 && g2s[a->head] == b->head));
    if (head_ok) {
      size_t la, lb;
      const char *ra = univ(a->t->deprel, &la), *rb = univ(b->t->deprel, &lb);
      ev->m[M_UAS].correct++;
      ev->m[M_LAS].correct += la == lb && !memcmp(ra, rb, la);
    }
  }
done:
  free(gw.w);
  free(sw.w);
  free(g2s);
  return st;
}
