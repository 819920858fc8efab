#include "code/tree.h"

#include <ctype.h>
#include <string.h>

#include "util/arena.h"

static int eq(const char *a, const char *b) { return strcmp(a, b) == 0; }

/* Lower-case ASCII comparison of a token's text with a word. */
static int word_eq(const char *s, const char *w) {
  for (; *s && *w; s++, w++)
    if (tolower((unsigned char)*s) != (unsigned char)*w) return 0;
  return *s == '\0' && *w == '\0';
}

const char *dyad__tok_fold(const dyad_token *k) {
  return k->fold && strcmp(k->fold, "_") ? k->fold : k->form;
}

static int nominal(const dyad_token *k) {
  return eq(k->upos, "PROPN") || eq(k->upos, "NOUN");
}

int dyad__tok_is(const dyad_token *k, const char *word) {
  return word_eq(k->form, word) || word_eq(k->lemma, word) ||
         (k->fold && word_eq(k->fold, word));
}

static int is_predicate_pos(const dyad_token *k) {
  return eq(k->upos, "VERB") || eq(k->upos, "ADJ") || eq(k->upos, "AUX") ||
         (k->xpos[0] == 'V' && k->xpos[1] == 'B') || eq(k->xpos, "JJ");
}

static dyad__rel classify(const dyad_token *k, const dyad_token *headtok) {
  const char *d = k->deprel;
  char base[32];
  size_t n = strcspn(d, ":");
  if (n >= sizeof base) n = sizeof base - 1;
  memcpy(base, d, n);
  base[n] = '\0';
  const char *sub = d[n] == ':' ? d + n + 1 : "";
  if (eq(base, "root")) return DYAD__R_ROOT;
  if (eq(base, "nsubjpass") || (eq(base, "nsubj") && eq(sub, "pass")))
    return DYAD__R_NSUBJ_PASS;
  if (eq(base, "nsubj")) return DYAD__R_NSUBJ;
  if (eq(base, "csubj") || eq(base, "csubjpass")) return DYAD__R_CSUBJ;
  if (eq(base, "obj") || eq(base, "dobj")) return DYAD__R_OBJ;
  if (eq(base, "iobj")) return DYAD__R_IOBJ;
  if (eq(base, "obl") || eq(base, "nmod")) {
    if (eq(sub, "poss")) return DYAD__R_POSS;
    if (eq(sub, "tmod")) return DYAD__R_TMOD;
    if (eq(sub, "npmod")) return DYAD__R_NPMOD;
    if (eq(base, "obl")) return DYAD__R_OBL;
    return headtok && is_predicate_pos(headtok) ? DYAD__R_OBL : DYAD__R_NMOD;
  }
  if (eq(base, "case")) return DYAD__R_CASE;
  if (eq(base, "mark")) return DYAD__R_MARK;
  if (eq(base, "auxpass") || (eq(base, "aux") && eq(sub, "pass"))) return DYAD__R_AUX_PASS;
  if (eq(base, "aux")) return DYAD__R_AUX;
  if (eq(base, "cop")) return DYAD__R_COP;
  if (eq(base, "neg")) return DYAD__R_NEG;
  if (eq(base, "advmod")) {
    if (word_eq(k->form, "not") || word_eq(k->form, "n't") || word_eq(k->form, "never"))
      return DYAD__R_NEG;
    return DYAD__R_ADVMOD;
  }
  if (eq(base, "amod")) return DYAD__R_AMOD;
  if (eq(base, "compound")) return eq(sub, "prt") ? DYAD__R_PRT : DYAD__R_COMPOUND;
  if (eq(base, "flat") || eq(base, "name")) return DYAD__R_FLAT;
  if (eq(base, "fixed") || eq(base, "mwe")) return DYAD__R_FIXED;
  if (eq(base, "appos")) return DYAD__R_APPOS;
  /* A vocative belongs to a clause; one a parser hangs from a noun ("Old
   * foe Gondor") is an apposition. */
  if (eq(base, "vocative") && headtok &&
      (eq(headtok->upos, "NOUN") || eq(headtok->upos, "PROPN")))
    return DYAD__R_APPOS;
  if (eq(base, "conj")) return DYAD__R_CONJ;
  if (eq(base, "cc")) return DYAD__R_CC;
  if (eq(base, "xcomp")) return DYAD__R_XCOMP;
  if (eq(base, "ccomp")) return DYAD__R_CCOMP;
  if (eq(base, "advcl")) return DYAD__R_ADVCL;
  if (eq(base, "acl")) return eq(sub, "relcl") ? DYAD__R_RELCL : DYAD__R_ACL;
  if (eq(base, "parataxis")) return DYAD__R_PARATAXIS;
  if (eq(base, "det")) return DYAD__R_DET;
  if (eq(base, "nummod")) return DYAD__R_NUMMOD;
  if (eq(base, "punct")) return DYAD__R_PUNCT;
  if (eq(base, "expl")) return DYAD__R_EXPL;
  if (eq(base, "dep")) return DYAD__R_DEP;
  return DYAD__R_OTHER;
}

/* A day named by its name or relative to today ("Thursday", "yesterday"). */
static int day_word(const char *f) {
  static const char *const days[] = {"monday", "tuesday", "wednesday", "thursday", "friday",
                                     "saturday", "sunday", "today", "yesterday", "tonight",
                                     NULL};
  for (int i = 0; days[i]; i++)
    if (word_eq(f, days[i])) return 1;
  return 0;
}

/* Is i a descendant of a (or a itself)? */
static int below(const dyad__tree *t, int i, int a) {
  for (int steps = 0; i >= 0 && steps <= t->n; i = t->head[i], steps++)
    if (i == a) return 1;
  return 0;
}

/* "..., Reuters reports." or "..., US Deputy Secretary of Energy Jeffrey
 * Kupfer said here Wednesday." with the speaker's words hung on phrases
 * before the comma: the words between the comma and a verb of speech that
 * ends the sentence (but for its own adverbs and times) are one phrase,
 * that verb's subject.  Spans that hold a clause word ("which", "and
 * then", a pronoun after other words) are left alone. */
static void final_attribution(dyad__tree *t) {
  static const char *const speech[] = {"say", "report", "add", "write", "claim", "state",
                                       "note", "confirm", "announce", "tell", NULL};
  static const char *const stop[] = {"which", "who", "that", "as", "when", "while", "if",
                                     "because", "but", "then", "also", "he", "she", "they",
                                     "it", "we", "i", "you", "not", NULL};
  int n = t->n, end = n;
  while (end > 0 && eq(t->tok[end - 1].upos, "PUNCT")) end--;
  int e = -1;
  for (int c = end - 1; c >= 0 && end - c <= 6 && e < 0; c--) {
    if (!t->is_verb[c]) continue;
    int sp = 0;
    for (int i = 0; speech[i] && !sp; i++) sp = dyad__tok_is(&t->tok[c], speech[i]);
    if (!sp) break; /* the last verb is not one of speech */
    int ok = 1; /* what follows is its own: "said here Wednesday", "told reporters" */
    for (int i = c + 1; i < end && ok; i++) ok = !t->is_verb[i] && below(t, i, c);
    if (ok) e = c;
  }
  if (e < 2) return;
  int w0 = e;
  while (w0 > 0 && e - w0 <= 9 && !eq(t->tok[w0 - 1].form, ",")) w0--;
  if (w0 < 2 || w0 >= e || e - w0 > 8 || !eq(t->tok[w0 - 1].form, ",")) return;
  if (t->head[e] >= w0 && t->head[e] < e) return;
  int subj = -1, nout = 0, last_noun = -1;
  for (int i = w0; i < e; i++) {
    const dyad_token *k = &t->tok[i];
    for (int j = 0; stop[j]; j++)
      if (word_eq(k->form, stop[j]) && (i > w0 || e - w0 > 1)) return;
    if (t->is_verb[i] || eq(k->upos, "PUNCT")) return;
    int hd = t->head[i];
    if (hd >= w0 && hd < e) continue;
    if (hd == e && (t->rel[i] == DYAD__R_NSUBJ || t->rel[i] == DYAD__R_NSUBJ_PASS)) subj = i;
    else nout++;
    if (eq(k->upos, "NOUN") || eq(k->upos, "PROPN") || eq(k->upos, "PRON")) last_noun = i;
  }
  /* a subject before the comma: "Israel, the army said" is not ours */
  for (int i = 0; i < w0; i++)
    if (t->head[i] == e && (t->rel[i] == DYAD__R_NSUBJ || t->rel[i] == DYAD__R_NSUBJ_PASS))
      return;
  if (nout == 0) return; /* already one phrase */
  int h = subj >= 0 ? subj : last_noun;
  if (h < 0) return;
  for (int i = w0; i < e; i++) {
    int hd = t->head[i];
    if (i == h || (hd >= w0 && hd < e)) continue;
    t->head[i] = (int16_t)h;
    t->rel[i] = i < h ? DYAD__R_COMPOUND : DYAD__R_FLAT;
  }
  t->head[h] = (int16_t)e;
  t->rel[h] = DYAD__R_NSUBJ;
}

int dyad__tree_build(dyad__tree *t, const dyad_sentence *s, dyad__arena *a) {
  int n = (int)s->ntokens;
  memset(t, 0, sizeof *t);
  t->n = n;
  t->tok = s->tokens;
  size_t m = (size_t)(n ? n : 1);
  t->head = dyad__arena_alloc(a, m * sizeof *t->head);
  t->rel = dyad__arena_alloc(a, m);
  t->first_child = dyad__arena_alloc(a, m * sizeof *t->first_child);
  t->next_sibling = dyad__arena_alloc(a, m * sizeof *t->next_sibling);
  t->left = dyad__arena_alloc(a, m * sizeof *t->left);
  t->right = dyad__arena_alloc(a, m * sizeof *t->right);
  t->is_verb = dyad__arena_alloc(a, m);
  if (!t->head || !t->rel || !t->first_child || !t->next_sibling || !t->left ||
      !t->right || !t->is_verb)
    return -1;
  for (int i = 0; i < n; i++) {
    int h = s->tokens[i].head;
    t->head[i] = (int16_t)((h >= 1 && h <= n && h != i + 1) ? h - 1 : -1);
    t->first_child[i] = t->next_sibling[i] = -1;
  }
  /* Break cycles: walk up from each word; a walk longer than n is a cycle. */
  for (int i = 0; i < n; i++) {
    int h = i, steps = 0;
    while (h >= 0 && steps <= n) {
      h = t->head[h];
      steps++;
    }
    if (steps > n) t->head[i] = -1;
  }
  for (int i = 0; i < n; i++) {
    const dyad_token *ht = t->head[i] >= 0 ? &s->tokens[t->head[i]] : NULL;
    t->rel[i] = (uint8_t)(t->head[i] < 0 ? DYAD__R_ROOT : classify(&s->tokens[i], ht));
    const char *u = s->tokens[i].upos, *x = s->tokens[i].xpos;
    t->is_verb[i] = (uint8_t)(eq(u, "VERB") || (x[0] == 'V' && x[1] == 'B' && !eq(u, "AUX")));
  }
  /* A predicate has one direct object.  A parser that hangs a second one
   * on the first verb of "condemned an attack ... and promised aid" has
   * skipped the conjoined verb between them: when that verb has no object
   * of its own, the later object is its object. */
  for (int b = 0; b < n; b++) {
    if (t->rel[b] != DYAD__R_OBJ || t->head[b] < 0) continue;
    int h = t->head[b], first = -1, c = -1;
    for (int i = 0; i < b; i++)
      if (t->head[i] == h && t->rel[i] == DYAD__R_OBJ) first = i;
    if (first < 0) continue;
    for (int i = first + 1; i < b; i++)
      if (t->head[i] == h && t->rel[i] == DYAD__R_CONJ && t->is_verb[i]) c = i;
    if (c < 0) continue;
    int has_obj = 0;
    for (int i = 0; i < n; i++)
      if (t->head[i] == c && t->rel[i] == DYAD__R_OBJ) has_obj = 1;
    if (!has_obj) t->head[b] = (int16_t)c;
  }
  /* "Mali's junta ordered" parsed with "Mali" and "junta" as two subjects:
   * a noun with a possessive "'s" is the possessor of the noun after it,
   * not an argument of the verb. */
  for (int p = 0; p < n; p++) {
    int v = t->head[p], mark = -1;
    if (v < 0 || !nominal(&t->tok[p])) continue;
    for (int i = p + 1; i < n && mark < 0; i++)
      if (t->head[i] == p && eq(t->tok[i].xpos, "POS")) mark = i;
    if (mark < 0) continue;
    int b = -1;
    for (int i = mark + 1; i < n && b < 0; i++) {
      if (t->head[i] == v && nominal(&t->tok[i])) b = i;
      else if (t->head[i] != v && (t->head[i] <= mark || t->head[i] > i + 8)) break;
    }
    if (b < 0 || t->rel[b] != t->rel[p]) continue;
    int between = 1;
    for (int i = mark + 1; i < b; i++)
      if (t->head[i] != b) between = 0;
    if (!between) continue;
    t->head[p] = (int16_t)b;
    t->rel[p] = DYAD__R_POSS;
  }
  /* "hosted Chinese leader Xi Jinping" parsed with the name as a bare
   * oblique of the verb next to its object: the name is the object's
   * apposition (a title and its holder). */
  for (int p = 0; p < n; p++) {
    int v = t->head[p], o = p - 1;
    if (v < 0 || o < 0 || t->rel[p] != DYAD__R_OBL || !eq(t->tok[p].upos, "PROPN")) continue;
    int cased = 0;
    for (int i = 0; i < n; i++)
      if (t->head[i] == p && t->rel[i] == DYAD__R_CASE) cased = 1;
    if (cased || t->head[o] != v || t->rel[o] != DYAD__R_OBJ || !eq(t->tok[o].upos, "NOUN"))
      continue;
    t->head[p] = (int16_t)o;
    t->rel[p] = DYAD__R_APPOS;
  }
  /* "abandon improved economic relations" parsed with "improved" as a
   * predicate (xcomp) and "relations" as its bare oblique or its object (a
   * participle read as a predicate takes no object): the noun is the
   * verb's object and the participle or adjective its modifier, when the
   * verb has no object and only the noun's own modifiers lie between. */
  for (int p = 0; p < n; p++) {
    int v = t->head[p];
    if (v < 0 || t->rel[p] != DYAD__R_XCOMP || !t->is_verb[v]) continue;
    const char *ax = t->tok[p].xpos;
    if (strcmp(ax, "JJ") && strcmp(ax, "VBN")) continue;
    int noun = -1, has_obj = 0;
    for (int i = 0; i < n; i++) {
      if (t->head[i] == v && t->rel[i] == DYAD__R_OBJ) has_obj = 1;
      /* "was rumored to have withdrawn its tender": a verb of its own */
      if (t->head[i] == p && i < p &&
          (t->rel[i] == DYAD__R_AUX || t->rel[i] == DYAD__R_AUX_PASS || t->rel[i] == DYAD__R_MARK))
        has_obj = 1;
      if (t->head[i] == p && (t->rel[i] == DYAD__R_OBL || t->rel[i] == DYAD__R_OBJ) &&
          noun < 0 && i > p &&
          nominal(&t->tok[i]))
        noun = i;
    }
    if (noun < 0 || has_obj) continue;
    int bare = 1, between = 1;
    for (int i = 0; i < n; i++)
      if (t->head[i] == noun && t->rel[i] == DYAD__R_CASE) bare = 0;
    for (int i = p + 1; i < noun; i++)
      if (t->head[i] != noun) between = 0;
    if (!bare || !between) continue;
    t->head[noun] = (int16_t)v;
    t->rel[noun] = DYAD__R_OBJ;
    t->head[p] = (int16_t)noun;
    t->rel[p] = DYAD__R_AMOD;
  }
  /* "British Foreign Secretary Sir Geoffrey Howe backed" parsed with the
   * opening adjective as a clause of its own: a capitalized adjective that
   * opens the sentence, has no dependents and is no modifier, right
   * before the phrase of a subject that begins with the next word,
   * modifies that subject. */
  if (n > 2 && t->head[0] >= 0 && eq(t->tok[0].upos, "ADJ") && t->tok[0].form[0] >= 'A' &&
      t->tok[0].form[0] <= 'Z' && t->rel[0] != DYAD__R_AMOD) {
    int kids = 0;
    for (int i = 1; i < n; i++) kids |= t->head[i] == 0;
    for (int sj = 1; sj < n && !kids; sj++) {
      if (t->rel[sj] != DYAD__R_NSUBJ && t->rel[sj] != DYAD__R_NSUBJ_PASS) continue;
      /* sj's phrase starts at word 1: every word up to sj hangs below it */
      int inside = 1;
      for (int i = 1; i < sj && inside; i++) {
        int up = i, steps = 0;
        while (up >= 0 && up != sj && steps++ < n) up = t->head[up];
        inside = up == sj;
      }
      if (!inside || t->head[0] != t->head[sj]) continue;
      t->head[0] = (int16_t)sj;
      t->rel[0] = DYAD__R_AMOD;
      break;
    }
  }
  /* "comes a day before Sarkozy heads to Beijing" parsed with "before
   * Sarkozy" as an oblique and "heads" as a clause without a subject: the
   * noun is the clause's subject, the preposition its conjunction. */
  for (int x = 0; x + 1 < n; x++) {
    int v = -1, h = t->head[x];
    if (h < 0 || (t->rel[x] != DYAD__R_OBL && t->rel[x] != DYAD__R_NMOD) ||
        !(eq(t->tok[x].upos, "PROPN") || eq(t->tok[x].upos, "NOUN") ||
          eq(t->tok[x].upos, "PRON")))
      continue;
    int p = -1;
    for (int i = 0; i < x; i++)
      if (t->head[i] == x && t->rel[i] == DYAD__R_CASE) p = i;
    if (p < 0) continue;
    static const char *const subord[] = {"before", "after", "until", "since", "as", "when",
                                         "while", "once", NULL};
    int sub = 0;
    for (int i = 0; subord[i] && !sub; i++) sub = word_eq(t->tok[p].form, subord[i]);
    if (!sub) continue;
    for (int i = x + 1; i < n && v < 0; i++) {
      if (t->is_verb[i]) v = i;
      else if (t->head[i] != x) break; /* only the noun's own words between */
    }
    if (v < 0 || t->rel[v] != DYAD__R_ADVCL) continue;
    /* the clause hangs on the noun's head, or on the verb above the
     * object the noun was hung on ("will not meet Qatar until Turkey
     * condemns": "until Turkey" an nmod of "Qatar") */
    int up = h, steps = 0;
    while (up >= 0 && up != t->head[v] && !t->is_verb[up] && steps++ < 3) up = t->head[up];
    if (up != t->head[v]) continue;
    int has_subj = 0;
    for (int i = 0; i < n; i++)
      if (t->head[i] == v && (t->rel[i] == DYAD__R_NSUBJ || t->rel[i] == DYAD__R_NSUBJ_PASS))
        has_subj = 1;
    if (has_subj) continue;
    t->head[x] = (int16_t)v;
    t->rel[x] = DYAD__R_NSUBJ;
    t->head[p] = (int16_t)v;
    t->rel[p] = DYAD__R_MARK;
  }
  /* "expressed hopes on Thursday that Osgiliath could be drawn" parsed
   * with the "that" clause as a relative clause of "Thursday": a day is
   * no noun a "that" clause completes; the clause belongs to the verb the
   * day is an oblique of. */
  for (int c = 0; c < n; c++) {
    int h = t->head[c];
    if (h < 0 || (t->rel[c] != DYAD__R_RELCL && t->rel[c] != DYAD__R_ACL) || !t->is_verb[c] ||
        !day_word(t->tok[h].form))
      continue;
    int v = t->head[h], that = 0;
    for (int i = h + 1; i < c; i++)
      if (t->head[i] == c && t->rel[i] == DYAD__R_MARK && word_eq(t->tok[i].form, "that")) that = 1;
    if (!that || v < 0 || !t->is_verb[v] || t->rel[h] == DYAD__R_NSUBJ) continue;
    t->head[c] = (int16_t)v;
    t->rel[c] = DYAD__R_CCOMP;
  }
  /* "Evil Mordor, the awful Arnor, and good Gondor welcomed" parsed with
   * "welcomed" as a conjunct of the first noun and the last noun as its
   * own subject: the nouns are one list, the verb's subject, and the verb
   * takes the first noun's place. */
  for (int v = 0; v < n; v++) {
    int nn = t->head[v];
    if (nn < 0 || nn > v || t->rel[v] != DYAD__R_CONJ || !t->is_verb[v] ||
        !nominal(&t->tok[nn]))
      continue;
    int cc = -1, z = -1, other = 0;
    for (int i = nn + 1; i < v; i++) {
      if (t->head[i] != v) continue;
      if (t->rel[i] == DYAD__R_CC && cc < 0 && z < 0) cc = i;
      else if (t->rel[i] == DYAD__R_NSUBJ && z < 0 &&
               nominal(&t->tok[i]))
        z = i;
      else if (t->rel[i] != DYAD__R_PUNCT && t->rel[i] != DYAD__R_AUX &&
               t->rel[i] != DYAD__R_ADVMOD)
        other = 1;
    }
    /* the list must be a list: the first noun has a conjunct before */
    int listed = 0;
    for (int i = nn + 1; i < (cc >= 0 ? cc : v); i++)
      if (t->head[i] == nn && t->rel[i] == DYAD__R_CONJ) listed = 1;
    if (cc < 0 || z < 0 || other || !listed) continue;
    int hn = t->head[nn];
    dyad__rel rn = (dyad__rel)t->rel[nn];
    t->head[z] = (int16_t)nn;
    t->rel[z] = DYAD__R_CONJ;
    t->head[cc] = (int16_t)z;
    t->head[nn] = (int16_t)v;
    t->rel[nn] = DYAD__R_NSUBJ;
    if (hn > v && rn == DYAD__R_NSUBJ) {
      /* the noun was the subject of a verb after the clause ("..., the
       * agency said"): the clause is the sentence, that verb a comment on
       * it, as UD reads a closing attribution */
      t->head[v] = t->head[hn];
      t->rel[v] = t->rel[hn];
      t->head[hn] = (int16_t)v;
      t->rel[hn] = DYAD__R_PARATAXIS;
    } else {
      t->head[v] = (int16_t)hn;
      t->rel[v] = (uint8_t)(hn < 0 ? DYAD__R_ROOT
                            : rn == DYAD__R_NSUBJ || rn == DYAD__R_NSUBJ_PASS ? DYAD__R_CCOMP : rn);
    }
  }
  /* "Gollum in recent days did allow" parsed with "days" as the subject
   * and "Gollum" as a subject of "days": a phrase with a preposition is no
   * subject; the name before it that the parser hung on it is. */
  for (int sj = 0; sj < n; sj++) {
    int v = t->head[sj];
    if (v < 0 || t->rel[sj] != DYAD__R_NSUBJ || !t->is_verb[v]) continue;
    int p = -1, c = -1;
    for (int i = 0; i < sj; i++) {
      if (t->head[i] != sj) continue;
      if (t->rel[i] == DYAD__R_CASE && eq(t->tok[i].xpos, "IN") && p < 0) p = i;
      if (t->rel[i] == DYAD__R_NSUBJ && c < 0 &&
          (nominal(&t->tok[i]) || eq(t->tok[i].upos, "PRON")))
        c = i;
    }
    if (p < 0 || c < 0 || c > p) continue;
    t->head[c] = (int16_t)v;
    t->rel[sj] = DYAD__R_OBL;
  }
  final_attribution(t);
  dyad__tree_relink(t);
  return 0;
}

void dyad__tree_relink(dyad__tree *t) {
  int n = t->n;
  for (int i = 0; i < n; i++) t->first_child[i] = t->next_sibling[i] = -1;
  /* Children in surface order: insert from the right. */
  for (int i = n - 1; i >= 0; i--) {
    int h = t->head[i];
    if (h < 0) continue;
    t->next_sibling[i] = t->first_child[h];
    t->first_child[h] = (int16_t)i;
  }
  /* Subtree spans: every word widens the span of each ancestor. */
  for (int i = 0; i < n; i++) t->left[i] = t->right[i] = (int16_t)i;
  for (int i = 0; i < n; i++) {
    int steps = 0;
    for (int h = t->head[i]; h >= 0 && steps <= n; h = t->head[h], steps++) {
      if (t->left[h] > i) t->left[h] = (int16_t)i;
      if (t->right[h] < i) t->right[h] = (int16_t)i;
    }
  }
}

int dyad__tree_make_constituent(dyad__tree *t, int start, int end) {
  int h = -1, nout = 0;
  for (int i = start; i < end; i++) {
    int hd = t->head[i];
    if (hd >= start && hd < end) continue;
    nout++;
    if (h < 0) h = i;
  }
  if (nout < 2 || h < 0) return 0;
  /* the phrase's head must not hang below another of its words */
  for (int a = t->head[h], steps = 0; a >= 0 && steps <= t->n; a = t->head[a], steps++)
    if (a >= start && a < end) return 0;
  for (int i = start; i < end; i++) {
    int hd = t->head[i];
    if (i == h || (hd >= start && hd < end)) continue;
    t->head[i] = (int16_t)h;
    t->rel[i] = DYAD__R_FLAT;
  }
  dyad__tree_relink(t);
  return 1;
}

int dyad__tree_child(const dyad__tree *t, int h, dyad__rel r) {
  DYAD__FOR_CHILDREN(t, h, c) if (t->rel[c] == r) return c;
  return -1;
}

int dyad__tree_coordinated(const dyad__tree *t, int h) {
  if (h < 0) return 0;
  if (dyad__tree_child(t, h, DYAD__R_CONJ) >= 0) return 1;
  /* "Old foe Gondor and Osgiliath": the list hangs from an apposition */
  int a = dyad__tree_child(t, h, DYAD__R_APPOS);
  if (a >= 0 && dyad__tree_child(t, a, DYAD__R_CONJ) >= 0) return 1;
  /* a parser's flat reading of "Arnor and the evil Gondor": two subjects */
  if (t->rel[h] == DYAD__R_NSUBJ && t->head[h] >= 0)
    DYAD__FOR_CHILDREN(t, t->head[h], c) {
      if (c != h && t->rel[c] == DYAD__R_NSUBJ && dyad__tree_flat_subjects(t, h, c)) return 1;
    }
  return 0;
}

/* Does the phrase headed by h hold a clause (a verb heading a clausal
 * relation, not a participle used as an adjective: "state-owned")? */
static int holds_clause(const dyad__tree *t, int h) {
  for (int i = t->left[h]; i <= t->right[h]; i++) {
    if (i == h || !t->is_verb[i]) continue;
    dyad__rel r = (dyad__rel)t->rel[i];
    if (r == DYAD__R_ACL || r == DYAD__R_RELCL || r == DYAD__R_ADVCL || r == DYAD__R_CCOMP ||
        r == DYAD__R_XCOMP || r == DYAD__R_PARATAXIS || r == DYAD__R_CONJ)
      return 1;
  }
  return 0;
}

int dyad__tree_flat_subjects(const dyad__tree *t, int a, int b) {
  return !holds_clause(t, a) && !holds_clause(t, b);
}

int dyad__tree_nsubj(const dyad__tree *t, int v) {
  int first = -1, last = -1;
  DYAD__FOR_CHILDREN(t, v, c) {
    if (t->rel[c] != DYAD__R_NSUBJ) continue;
    if (first < 0) first = c;
    if (c < v) last = c;
  }
  if (first >= 0 && last > first && holds_clause(t, first)) return last;
  return first;
}

const char *dyad__tree_case(const dyad__tree *t, int i, char *buf, size_t size) {
  size_t len = 0;
  buf[0] = '\0';
  DYAD__FOR_CHILDREN(t, i, c) {
    if (t->rel[c] != DYAD__R_CASE) continue;
    /* the case word and its fixed children ("according to", "because of") */
    const char *w[4];
    int nw = 0;
    w[nw++] = t->tok[c].form;
    DYAD__FOR_CHILDREN(t, c, f) if (t->rel[f] == DYAD__R_FIXED && nw < 4) w[nw++] = t->tok[f].form;
    for (int k = 0; k < nw; k++) {
      for (const char *p = w[k]; *p && len + 2 < size; p++)
        buf[len++] = (char)tolower((unsigned char)*p);
      if (k + 1 < nw && len + 2 < size) buf[len++] = '_';
    }
    buf[len] = '\0';
    return buf;
  }
  return NULL;
}

const char *dyad__rel_name(dyad__rel r) {
  static const char *names[] = {
      "other", "root", "nsubj", "nsubj:pass", "csubj", "obj", "iobj", "obl",
      "nmod", "poss", "tmod", "npmod", "case", "mark", "aux", "aux:pass", "cop",
      "advmod", "neg", "amod", "compound", "compound:prt", "flat", "fixed",
      "appos", "conj", "cc", "xcomp", "ccomp", "advcl", "acl", "acl:relcl",
      "parataxis", "det", "nummod", "punct", "expl", "dep"};
  return (unsigned)r < sizeof names / sizeof *names ? names[r] : "other";
}

int dyad__infinitive_clause(const dyad__tree *t, int c) {
  if (t->rel[c] == DYAD__R_XCOMP) return t->is_verb[c];
  if (t->rel[c] != DYAD__R_ADVCL || !t->is_verb[c]) return 0;
  int m = dyad__tree_child(t, c, DYAD__R_MARK);
  return m >= 0 && dyad__tok_is(&t->tok[m], "to") &&
         dyad__tree_child(t, c, DYAD__R_NSUBJ) < 0;
}

int dyad__infinitive_mark(const dyad__tree *t, int c) {
  int m = dyad__tree_child(t, c, DYAD__R_MARK);
  return m >= 0 && dyad__tok_is(&t->tok[m], "to");
}

/* A noun made from a verb ("resumption", "settlement"), which names an
 * act, not someone who acts; the bodies named the same way ("government",
 * "opposition", "commission") act. */
static int deverbal(const dyad_token *k) {
  static const char *const ends[] = {"tion", "sion", "ment", NULL};
  static const char *const bodies[] = {
      "government",  "parliament",   "department",  "movement",     "establishment",
      "management",  "opposition",   "coalition",   "administration", "federation",
      "organization", "organisation", "delegation", "nation",       "commission",
      "division",    "mission",      "corporation", "association",  "foundation",
      "institution", "confederation", "regiment",   "population",   "faction",
      "station",     NULL};
  const char *f = k->lemma && strcmp(k->lemma, "_") ? k->lemma : k->form;
  size_t n = strlen(f);
  if (!strcmp(k->upos, "PROPN") || !strcmp(k->upos, "PRON")) return 0;
  for (int i = 0; bodies[i]; i++)
    if (dyad__tok_is(k, bodies[i])) return 0;
  for (int i = 0; ends[i]; i++) {
    size_t e = strlen(ends[i]);
    if (n > e + 2 && !strcmp(f + n - e, ends[i])) return 1;
  }
  return 0;
}

int dyad__accusation_clause(const dyad__tree *t, int c) {
  static const char *const accuse[] = {"accuse", "blame", "suspect", "charge", "convict",
                                       "condemn", "criticize", "criticise", "denounce",
                                       "fault", "praise", "thank", "congratulate",
                                       /* punished for what they did: "jailed a man for
                                        * helping militants" */
                                       "jail", "imprison", "sentence", "arrest", "detain",
                                       "punish", "fine", "execute", "prosecute", "indict",
                                       "sanction", "expel", "sue", "reward", NULL};
  int h = c >= 0 ? t->head[c] : -1;
  if (h < 0 || (t->rel[c] != DYAD__R_ADVCL && t->rel[c] != DYAD__R_ACL) || !t->is_verb[c])
    return 0;
  const char *x = t->tok[c].xpos;
  if (strcmp(x, "VBG")) return 0;
  int m = -1;
  DYAD__FOR_CHILDREN(t, c, k) {
    if (t->rel[k] == DYAD__R_MARK || t->rel[k] == DYAD__R_CASE) m = k;
  }
  if (m < 0 || !(dyad__tok_is(&t->tok[m], "of") || dyad__tok_is(&t->tok[m], "for") ||
                 dyad__tok_is(&t->tok[m], "with")))
    return 0;
  int v = t->rel[c] == DYAD__R_ACL ? t->head[h] : h; /* "accused the army of a country of" */
  if (v < 0) return 0;
  if (t->rel[c] == DYAD__R_ACL && deverbal(&t->tok[h]))
    return 0; /* "blamed the resumption of testing on the U.S.": an act's noun acts not */
  int ok = 0;
  for (int i = 0; accuse[i] && !ok; i++) ok = dyad__verb_form_of(&t->tok[v], accuse[i]);
  return ok && dyad__tree_child(t, v, DYAD__R_OBJ) >= 0;
}

int dyad__verb_form_of(const dyad_token *k, const char *base) {
  if (dyad__tok_is(k, base)) return 1;
  /* the lemmatizer may miss a rare verb ("blamed" -> "blam"): the form is
   * the base's stem plus a regular ending */
  const char *f = dyad__tok_fold(k);
  size_t bl = strlen(base);
  if (bl > 1 && base[bl - 1] == 'e') bl--;
  if (strncmp(f, base, bl)) return 0;
  static const char *const endings[] = {"", "e", "es", "ed", "d", "s", "ing", NULL};
  for (int i = 0; endings[i]; i++)
    if (!strcmp(f + bl, endings[i])) return 1;
  return 0;
}
