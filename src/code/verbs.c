/*
 * verbs.c -- a verb of the dictionary and the best of its patterns.
 *
 * PETRARCH-2 patterns have up to four parts: words before the verb (the
 * subject's noun phrase), prepositional phrases before it, words after it
 * (the heads of the verb's object noun phrases) and prepositional phrases
 * after it.  On a dependency tree:
 *
 *   pre-verb words    the subject phrase (the "by" agent in the passive),
 *                     or the words right before the verb ("did n't")
 *   post-verb words   the object, indirect object, passive subject
 *   (PREP ...)        an oblique of the verb, or a modifier of its object,
 *                     introduced by PREP
 *   {A B C}           C is the head of the phrase, A and B come before it,
 *                     in order, inside the same phrase (gaps allowed)
 *
 * Every element must match; the pattern matching the most words wins, and
 * the dictionary's order breaks ties.  No pattern: the verb's own code.
 */
#include <ctype.h>
#include <string.h>
#include <strings.h>

#include "code/coder.h"
#include "util/arena.h"

static uint32_t fold_id(const dyad_dict *d, const char *s) {
  char buf[256];
  if (!s || !strcmp(s, "_")) return DYAD__NONE;
  size_t n = dyad__dict_fold(s, strlen(s), buf, sizeof buf);
  return n == (size_t)-1 ? DYAD__NONE : dyad__dict_word_id(d, buf, n);
}

/* Fills the per-sentence word ids (once per sentence). */
static int word_ids(dyad__sent *x) {
  if (x->wid_fold) return 0;
  int n = x->t.n;
  x->wid_fold = dyad__arena_alloc(x->arena, (size_t)(n ? n : 1) * sizeof *x->wid_fold);
  x->wid_lemma = dyad__arena_alloc(x->arena, (size_t)(n ? n : 1) * sizeof *x->wid_lemma);
  if (!x->wid_fold || !x->wid_lemma) return -1;
  for (int i = 0; i < n; i++) {
    const dyad_token *k = &x->s->tokens[i];
    const char *f = dyad__tok_fold(k);
    x->wid_fold[i] = fold_id(x->dict, f);
    x->wid_lemma[i] = fold_id(x->dict, k->lemma);
  }
  return 0;
}

static int wid_is(const dyad__sent *x, int i, uint32_t w) {
  return w != DYAD__NONE && (x->wid_fold[i] == w || x->wid_lemma[i] == w);
}

/* Length of the longest phrase of synset s at token i (fold or lemma of
 * each word), 0 if none. */
static size_t synset_len(const dyad__sent *x, uint32_t s, int i) {
  const dyad_dict *d = x->dict;
  const dyad__synset *sy = &d->synsets[s];
  size_t best = 0;
  for (uint32_t p = 0; p < sy->nphrases; p++) {
    const dyad__synset_phrase *ph = &d->synset_phrases[sy->phrase_first + p];
    if (ph->nwords <= best || i + (int)ph->nwords > x->t.n) continue;
    uint32_t k = 0;
    while (k < ph->nwords && wid_is(x, i + (int)k, d->wordlist[ph->word_first + k])) k++;
    if (k == ph->nwords) best = ph->nwords;
  }
  return best;
}

/* Length of a match of element e (WORD or SYNSET) starting at token i. */
static size_t elem_len_at(dyad__sent *x, const dyad__pattern_elem *e, int i) {
  if (i < 0 || i >= x->t.n || word_ids(x)) return 0;
  if (e->kind == DYAD__PE_WORD) return wid_is(x, i, e->value) ? 1 : 0;
  if (e->kind == DYAD__PE_SYNSET) return synset_len(x, e->value, i);
  return 0;
}

/* Flattens PHRASE elements into their words. */
static int flatten(const dyad_dict *d, const dyad__pattern_elem *e, int ne,
                   const dyad__pattern_elem **out, int max) {
  int k = 0;
  for (int i = 0; i < ne; i++) {
    if (e[i].kind == DYAD__PE_PHRASE && e[i].sub != DYAD__NONE) {
      k += flatten(d, &d->pelems[e[i].sub], e[i].nsub, out + k, max - k);
    } else if ((e[i].kind == DYAD__PE_WORD || e[i].kind == DYAD__PE_SYNSET) && k < max) {
      out[k++] = &e[i];
    }
  }
  return k;
}

/* Words anywhere in the phrase headed by h, in order: how a pattern's
 * prepositional object is matched ("(ON &TIETYPES)" matches "on economic
 * issues"). */
static int match_loose(dyad__sent *x, const dyad__pattern_elem **ws, int nw, int h,
                       int *cover) {
  const dyad__tree *t = &x->t;
  int pos = t->left[h];
  for (int k = 0; k < nw; k++) {
    int found = 0;
    for (int i = pos; i <= t->right[h]; i++) {
      size_t l = elem_len_at(x, ws[k], i);
      if (l) {
        pos = i + (int)l;
        *cover += (int)l;
        found = 1;
        break;
      }
    }
    if (!found) return 0;
  }
  return nw;
}

/* Is e a modifier of h whose own conjuncts fill the words up to h ("death"
 * in "death and injury toll")? */
static int coordinated_modifier(const dyad__tree *t, int e, int h) {
  if (e < 0 || t->head[e] != h || t->right[e] != h - 1) return 0;
  if (t->rel[e] != DYAD__R_COMPOUND && t->rel[e] != DYAD__R_AMOD) return 0;
  for (int c = t->first_child[e]; c >= 0; c = t->next_sibling[c])
    if (c > e && t->rel[c] == DYAD__R_CONJ) return 1;
  return 0;
}

/* Do the words ws[0..nw) match the phrase headed by h?  The last word is
 * the head, the one before it immediately precedes it, earlier ones come
 * before in order with other words allowed between ("{NEW &TIETYPES
 * RELATIONS}" matches "new global economic relations" but not "new
 * economic trade relations").  Returns the words matched. */
static int match_np(dyad__sent *x, const dyad__pattern_elem **ws, int nw, int h, int *cover) {
  if (nw == 0) return 0;
  const dyad__tree *t = &x->t;
  const dyad__pattern_elem *last = ws[nw - 1];
  int hit = 0;
  /* the head word, or a multi-word synset phrase ending at the head */
  for (int i = h; i >= t->left[h] && i >= h - 4; i--) {
    size_t l = elem_len_at(x, last, i);
    if (l && i + (int)l - 1 >= h) {
      hit = 1;
      h = i;
      *cover += (int)l;
      break;
    }
  }
  if (!hit) return 0;
  int pos = h - 1; /* where the next element (leftwards) may end at most */
  for (int k = nw - 2; k >= 0; k--) {
    int found = 0;
    for (int e = pos; e >= t->left[h] && !found; e--) {
      /* next to the head: no gap, but for the conjuncts of a coordinated
       * modifier, which each modify the head ("death and injury toll" is
       * a death toll and an injury toll) */
      if (k == nw - 2 && e != h - 1 && !coordinated_modifier(t, e, h)) continue;
      for (int i = e; i >= t->left[h] && i >= e - 3; i--) {
        size_t l = elem_len_at(x, ws[k], i);
        if (l && i + (int)l - 1 == e) {
          pos = i - 1;
          *cover += (int)l;
          found = 1;
          break;
        }
      }
    }
    if (!found) return 0;
  }
  return nw;
}

/* Words right before the verb: "did n't clash", "really did not clash". */
static int match_before_verb(dyad__sent *x, const dyad__pattern_elem **ws, int nw, int v,
                             int *cover) {
  int end = v; /* exclusive */
  for (int k = nw - 1; k >= 0; k--) {
    int found = 0;
    for (int i = end - 1; i >= 0 && i >= end - 6; i--) {
      size_t l = elem_len_at(x, ws[k], i);
      if (l && i + (int)l <= end) {
        /* The words matched are auxiliaries and negation ("did n't"),
         * never the clause's adverbs ("recently" is no pre-verb noun);
         * adverbs may lie between them and the verb. */
        int ok = 1;
        for (int j = i; j < i + (int)l; j++) {
          const char *u = x->s->tokens[j].upos;
          if (strcmp(u, "AUX") && strcmp(u, "PART") && strcmp(u, "VERB")) ok = 0;
        }
        for (int j = i + (int)l; j < end; j++) {
          const char *u = x->s->tokens[j].upos;
          if (strcmp(u, "ADV") && strcmp(u, "AUX") && strcmp(u, "PART")) ok = 0;
        }
        if (!ok) continue;
        end = i;
        *cover += (int)l;
        found = 1;
        break;
      }
    }
    if (!found) return 0;
  }
  return nw;
}

/* A verb is matched by its lemma when its form is not in the dictionary
 * ("clashed", "heads").  A form in -s must be the lemma's own: "departs",
 * "goes", "watches", "carries", never "departes", a misspelling some
 * lemmatizers still take back to "depart" (PETRARCH-2 matches only the
 * forms it generates from the dictionary). */
static int s_form_fits(const dyad_token *k) {
  const char *f = dyad__tok_fold(k);
  const char *l = k->lemma;
  size_t fl = strlen(f), ll = l ? strlen(l) : 0;
  if (ll < 2 || fl < 3 || f[fl - 1] != 's' || fl <= ll || strncasecmp(f, l, ll - 1))
    return 1; /* not a regular -s form of this lemma: nothing to check */
  if (fl == ll + 1 && !strncasecmp(f, l, ll)) return 1;             /* depart-s */
  if (fl == ll + 2 && !strncasecmp(f, l, ll) && f[fl - 2] == 'e') { /* watch-es */
    char c = (char)tolower((unsigned char)l[ll - 1]), b = ll > 1 ? (char)tolower((unsigned char)l[ll - 2]) : 0;
    return c == 's' || c == 'x' || c == 'z' || c == 'o' || (c == 'h' && (b == 'c' || b == 's'));
  }
  if (fl == ll + 2 && tolower((unsigned char)l[ll - 1]) == 'y' && !strcmp(f + ll - 1, "ies"))
    return 1; /* carr-ies */
  if (fl == ll + 3 && !strncasecmp(f, l, ll) && tolower((unsigned char)f[ll]) == tolower((unsigned char)l[ll - 1]) &&
      !strcmp(f + ll + 1, "es"))
    return 1; /* quiz-zes, focus-ses */
  return 0;
}

int dyad__verb_at(dyad__sent *x, int v, dyad__verb_hit *hit) {
  const dyad_dict *d = x->dict;
  dyad__verb_match vm[8];
  size_t k = dyad__dict_verbs_at(d, x->s->tokens, (size_t)x->t.n, (size_t)v, 0, vm, 8);
  if (!k && s_form_fits(&x->s->tokens[v]))
    k = dyad__dict_verbs_at(d, x->s->tokens, (size_t)x->t.n, (size_t)v,
                            DYAD__MATCH_LEMMA, vm, 8);
  if (!k) return 0;
  memset(hit, 0, sizeof *hit);
  hit->v = v;
  hit->start = (int)vm[0].start;
  hit->end = (int)vm[0].end;
  hit->verb = d->verb_forms[vm[0].form].verb;
  hit->pattern = DYAD__NONE;
  hit->code = dyad__dict_verb_code(d, hit->verb);
  hit->code2 = dyad__dict_verb_code2(d, hit->verb);
  hit->target_hint = -1;
  hit->source_hint = -1;
  return 1;
}

/* Noun phrases after the verb: its objects (and the passive subject). */
static int post_nps(const dyad__tree *t, int v, int passive, int *out, int max) {
  int k = 0;
  DYAD__FOR_CHILDREN(t, v, c) {
    dyad__rel r = (dyad__rel)t->rel[c];
    if ((r == DYAD__R_OBJ || r == DYAD__R_IOBJ || (passive && r == DYAD__R_NSUBJ_PASS) ||
         (r == DYAD__R_XCOMP && !t->is_verb[c])) && k < max)
      out[k++] = c;
  }
  /* "launched a new bombing and shelling offensive": each conjunct of an
   * object is an object. */
  int nobj = k;
  for (int i = 0; i < nobj; i++)
    DYAD__FOR_CHILDREN(t, out[i], c) {
      if (t->rel[c] == DYAD__R_CONJ && !t->is_verb[c] && k < max) out[k++] = c;
    }
  /* Obliques last: a parser may attach a bare noun phrase as an oblique
   * ("received by courier money from X"). */
  DYAD__FOR_CHILDREN(t, v, c) {
    if (t->rel[c] == DYAD__R_OBL && k < max) out[k++] = c;
  }
  /* The objects of an infinitive the verb governs belong to its phrase
   * too: "vowed to wage war" matches "VOW - * WAR". */
  DYAD__FOR_CHILDREN(t, v, c) {
    if (!dyad__infinitive_clause(t, c)) continue;
    DYAD__FOR_CHILDREN(t, c, g) {
      if (t->rel[g] == DYAD__R_OBJ && k < max) out[k++] = g;
    }
  }
  return k;
}

/* Prepositional phrases of the verb and of its objects, with their
 * preposition. */
static int pps(const dyad__tree *t, int v, const int *objs, int nobj, int *out, int max) {
  int k = 0;
  DYAD__FOR_CHILDREN(t, v, c) {
    if ((t->rel[c] == DYAD__R_OBL || t->rel[c] == DYAD__R_NMOD) && k < max) out[k++] = c;
  }
  for (int o = 0; o < nobj; o++)
    DYAD__FOR_CHILDREN(t, objs[o], c) {
      /* an object the tagger took for an adjective has obliques */
      if ((t->rel[c] == DYAD__R_NMOD || t->rel[c] == DYAD__R_OBL) && k < max) out[k++] = c;
    }
  /* "begun to question": "(TO QUESTION)" reads an infinitive as a phrase
   * introduced by "to", as PETRARCH's constituency trees do. */
  DYAD__FOR_CHILDREN(t, v, c) {
    if (dyad__infinitive_clause(t, c) && dyad__infinitive_mark(t, c) && k < max) out[k++] = c;
  }
  return k;
}

void dyad__verb_match_patterns(dyad__sent *x, dyad__verb_hit *hit, int subj, int passive) {
  const dyad_dict *d = x->dict;
  const dyad__tree *t = &x->t;
  const dyad__verb_block *b = &d->blocks[d->verbs[hit->verb].block];
  int objs[8], nobj = post_nps(t, hit->v, passive, objs, 8);
  int pp[16], npp = pps(t, hit->v, objs, nobj, pp, 16);
  /* In the passive the pre-verb words are the agent's ("by" phrase). */
  int pre_np = subj;
  if (passive) {
    pre_np = -1;
    for (int i = 0; i < npp; i++) {
      char buf[32];
      const char *p = dyad__tree_case(t, pp[i], buf, sizeof buf);
      if (p && !strcmp(p, "by")) pre_np = pp[i];
    }
  }
  int best_score = -1;
  for (uint32_t pi = 0; pi < b->npats; pi++) {
    const dyad__pattern *p = &d->patterns[b->pat_first + pi];
    const dyad__pattern_elem *e = &d->pelems[p->elem_first];
    int score = 0, ok = 1, hint = -1, skip[4], nskip = 0, src_hint = -1, marked = 0;
    /* Pre-verb and post-verb word runs are matched as units. */
    const dyad__pattern_elem *pre[16], *post[16];
    int npre = 0, npost = 0;
    for (uint32_t i = 0; i < p->nelems && ok; i++) {
      const dyad__pattern_elem *el = &e[i];
      if (el->kind == DYAD__PE_WORD || el->kind == DYAD__PE_SYNSET || el->kind == DYAD__PE_PHRASE) {
        const dyad__pattern_elem **dst = el->side == DYAD__SIDE_PRE ? pre : post;
        int *nd = el->side == DYAD__SIDE_PRE ? &npre : &npost;
        *nd += flatten(d, el, 1, dst + *nd, 16 - *nd);
        continue;
      }
      if (el->kind == DYAD__PE_COMPOUND) {
        /* '%' needs a coordinated subject */
        int conj = dyad__tree_coordinated(t, subj);
        if (!conj) ok = 0;
        continue;
      }
      if (el->kind != DYAD__PE_PREP) continue; /* $ + ^ carry no words */
      const char *prep = dyad__dict_word(d, el->value);
      const dyad__pattern_elem *ws[16];
      int nw = el->sub != DYAD__NONE ? flatten(d, &d->pelems[el->sub], el->nsub, ws, 16) : 0;
      int found = 0, marks_target = 0, marks_skip = 0, marks_source = 0;
      for (uint16_t q = 0; el->sub != DYAD__NONE && q < el->nsub; q++) {
        uint8_t kk = d->pelems[el->sub + q].kind;
        if (kk == DYAD__PE_TARGET) marks_target = 1;
        if (kk == DYAD__PE_SKIP || kk == DYAD__PE_SOURCE) marks_skip = 1;
        if (kk == DYAD__PE_SOURCE) marks_source = 1;
      }
      for (int j = 0; j < npp && !found; j++) {
        char buf[32];
        const char *c = dyad__tree_case(t, pp[j], buf, sizeof buf);
        /* an infinitive (pps) stands for "(TO QUESTION)", words to match,
         * never for a bare "(TO +)", which wants a noun phrase */
        if (!c && t->is_verb[pp[j]] && nw) c = "to";
        if (!c) continue;
        size_t pl = strlen(prep);
        if (strncmp(c, prep, pl) || (c[pl] && c[pl] != '_')) continue;
        int cov = 0;
        if (nw && match_loose(x, ws, nw, pp[j], &cov) != nw) continue;
        found = 1;
        score += 1 + cov;
        /* "(WITH +)": the target is here; "(AT ^)": not here. */
        if (marks_target) hint = pp[j], marked = 1;
        else if (marks_skip) { if (nskip < 4) skip[nskip++] = pp[j]; }
        else if (hint < 0) hint = pp[j];
        if (marks_source) src_hint = pp[j];
      }
      if (!found) ok = 0;
    }
    if (ok && npre) {
      int cov = 0;
      int m = pre_np >= 0 ? match_np(x, pre, npre, pre_np, &cov) : 0;
      if (m != npre) {
        cov = 0;
        m = match_before_verb(x, pre, npre, hit->start, &cov);
      }
      if (m != npre) ok = 0;
      else score += cov;
    }
    int post_np = -1;
    if (ok && npost) {
      int m = 0, cov = 0;
      for (int j = 0; j < nobj && m != npost; j++) {
        cov = 0;
        m = match_np(x, post, npost, objs[j], &cov);
        if (m == npost) post_np = objs[j];
      }
      if (m != npost) ok = 0;
      else score += cov;
    }
    /* '%' is a condition that held: it counts as a matched element */
    for (uint32_t i = 0; ok && i < p->nelems; i++)
      if (e[i].kind == DYAD__PE_COMPOUND) score++;
    if (!ok || score <= best_score) continue;
    best_score = score;
    hit->pattern = b->pat_first + pi;
    hit->target_hint = hint;
    hit->hint_marked = marked;
    hit->score = score;
    hit->nskip = nskip;
    memcpy(hit->skip, skip, sizeof skip);
    hit->compound = 0;
    hit->swap = src_hint >= 0;
    hit->source_hint = src_hint;
    hit->post_skip = 0;
    for (uint32_t i = 0; i < p->nelems; i++) {
      if (e[i].kind == DYAD__PE_COMPOUND) hit->compound = 1;
      if (e[i].kind == DYAD__PE_TARGET && e[i].side == DYAD__SIDE_PRE) hit->swap = 1;
      if (e[i].kind == DYAD__PE_SOURCE && e[i].side == DYAD__SIDE_POST) {
        /* "+ * MONEY $": the source is in the phrase the words matched */
        hit->swap = 1;
        if (hit->source_hint < 0) hit->source_hint = post_np;
      }
      if (e[i].kind == DYAD__PE_SKIP && e[i].side == DYAD__SIDE_POST) hit->post_skip++;
    }
  }
  if (hit->pattern != DYAD__NONE) {
    const dyad__pattern *p = &d->patterns[hit->pattern];
    const char *c = dyad__dict_str(d, p->code);
    hit->code = c ? c : "---";
    hit->code2 = p->paired ? dyad__dict_str(d, p->code2) : NULL;
  }
}
