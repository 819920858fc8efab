/*
 * coder.c -- events from dependency trees.
 *
 * For every sentence of a doc (text units only, unless asked otherwise):
 *
 *   1. discards: a discard phrase skips the sentence ('+' phrases: the story)
 *   2. mentions: actor and agent phrases of the dictionaries (actors.c)
 *   3. for every verb found in the verb dictionary (verbs.c):
 *        subject  -> source actors (the "by" agent in the passive)
 *        objects, obliques, the pattern's own PP -> target actors
 *        the best pattern -> the CAMEO code ("---": no event)
 *        flags.c  -> negated, hypothetical, future, reported, historical
 *   4. one event per source x target (paired codes add the reverse event),
 *      at most max_events per sentence, each (source, target, code) once;
 *      events whose source and target are the same actor are dropped.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "code/coder.h"
#include "code/combine.h"
#include "core/doc.h"
#include "util/arena.h"
#include "util/buf.h"

struct dyad_coder {
  const dyad_dict *dict;
  const dyad_cameo *codes;
  dyad_coder_options o;
};

dyad_status dyad_coder_new(const dyad_dict *dict, const dyad_cameo *codes,
                           const dyad_coder_options *opts, dyad_coder **out) {
  *out = NULL;
  if (!dict) return DYAD_EINVAL;
  dyad_coder *c = calloc(1, sizeof *c);
  if (!c) return DYAD_ENOMEM;
  c->dict = dict;
  c->codes = codes;
  if (opts) c->o = *opts;
  if (!c->o.max_events) c->o.max_events = 64;
  *out = c;
  return DYAD_OK;
}

void dyad_coder_free(dyad_coder *c) { free(c); }

/* ---- Tracing (dyad explain) ------------------------------------------ */

typedef struct {
  dyad_write_fn write;
  void *user;
} tracer;

static void trace_printf(void *user, const char *fmt, ...) {
  tracer *tr = user;
  char buf[1024];
  va_list ap;
  va_start(ap, fmt);
  int n = vsnprintf(buf, sizeof buf, fmt, ap);
  va_end(ap);
  if (n < 0) return;
  if ((size_t)n >= sizeof buf) n = sizeof buf - 1;
  tr->write(buf, (size_t)n, tr->user);
}

#define TRACE(x, ...) \
  do {                \
    if ((x)->trace) (x)->trace((x)->trace_user, __VA_ARGS__); \
  } while (0)

/* ---- Helpers ----------------------------------------------------------- */

static uint64_t fnv64(uint64_t h, const char *s) {
  const unsigned char *p = (const unsigned char *)s;
  for (; *p; p++) h = (h ^ *p) * 1099511628211ull;
  return (h ^ 0xFF) * 1099511628211ull; /* field separator */
}

static const char *span_text(dyad_doc *doc, const dyad_sentence *s, int a, int b) {
  if (a < 0 || b <= a || (uint32_t)b > s->ntokens) return "";
  uint32_t st = s->tokens[a].start, en = s->tokens[b - 1].end;
  if (en < st || en > doc->text_len) return "";
  /* Wrapped lines inside a name read as one line. */
  char *p = dyad__doc_strndup(doc, doc->text + st, en - st);
  if (!p) return "";
  for (char *q = p; *q; q++)
    if (*q == '\n' || *q == '\r' || *q == '\t') *q = ' ';
  return p;
}

static const char *where(const dyad_dict *d, uint32_t entry, char *buf, size_t size) {
  if (entry == DYAD__NONE) return NULL;
  const dyad__dict_entry *e = &d->entries[entry];
  snprintf(buf, size, "%s:%u", dyad__dict_file_name(d, e->file), e->line);
  return buf;
}

static int code_exists(const char *code, void *user) {
  const dyad_cameo *t = user;
  return !t || dyad_cameo_find(t, code) != NULL;
}

/* PETRARCH-2's negation ("will not help" = refuse to help): the negated
 * code combined with "reject" (combine.c), 120 when nothing fits. */
static const char *refuse_code(const dyad_coder *c, const char *code, char out[8]) {
  const char *r = dyad__combine("120", code, out, code_exists, (void *)c->codes);
  return r ? r : "120";
}

static dyad_status add_event(dyad_doc *doc, const dyad_event *ev) {
  /* Each (source, target, code) once per sentence.  Events are appended
   * sentence by sentence, so only this sentence's tail is searched: an
   * article of 200,000 sentences stays linear (at most max_events per
   * sentence are compared). */
  for (size_t i = doc->nevents; i-- > 0;) {
    const dyad_event *o = &doc->events[i];
    if (o->sentence != ev->sentence) break;
    if (!strcmp(o->source, ev->source) && !strcmp(o->target, ev->target) &&
        !strcmp(o->code, ev->code))
      return DYAD_OK;
  }
  if (doc->nevents == doc->cap_events) {
    size_t cap = doc->cap_events ? doc->cap_events * 2 : 16;
    dyad_event *p = realloc(doc->events, cap * sizeof *p);
    if (!p) return DYAD_ENOMEM;
    doc->events = p;
    doc->cap_events = cap;
  }
  doc->events[doc->nevents++] = *ev;
  return DYAD_OK;
}

/* Fills the fields that follow from code and identity (root, CAMEO table
 * entry, event_id) and adds the event to the doc unless the sentence has
 * it already.  Returns DYAD_OK, DYAD_ENOMEM. */
static dyad_status finish_event(const dyad_coder *c, dyad_doc *doc, dyad_event *ev) {
  const char *cd = ev->code;
  char root[3] = {cd[0], cd[0] ? cd[1] : '\0', '\0'};
  ev->root = dyad__doc_strndup(doc, root, strlen(root));
  const dyad_cameo_code *ci = c->codes ? dyad_cameo_find(c->codes, cd) : NULL;
  ev->quad_class = ci ? ci->quad_class : 0;
  ev->goldstein = ci ? ci->goldstein : 0.0;
  ev->plover = ci && ci->plover ? ci->plover : "";
  uint64_t h = 14695981039346656037ull;
  char sb[16], id[17];
  snprintf(sb, sizeof sb, "%u", ev->sentence);
  h = fnv64(h, doc->id);
  h = fnv64(h, sb);
  h = fnv64(h, ev->source);
  h = fnv64(h, ev->target);
  h = fnv64(h, ev->code);
  snprintf(id, sizeof id, "%016llx", (unsigned long long)h);
  ev->event_id = dyad__doc_strndup(doc, id, 16);
  if (!ev->source || !ev->target || !ev->code || !ev->root || !ev->event_id) return DYAD_ENOMEM;
  return add_event(doc, ev);
}

/* One code is a country alone and the other the same country with sector
 * agents: "Japanese semiconductor manufacturers (JPNBUS) have complied with
 * the agreement" said of Japan (JPN), "President Aquino (PHLGOV) said the
 * Philippines was monitoring rates".  A country's own people speaking of
 * it or acting in it is no interaction between two actors.  Sectors of one
 * country (TURGOV, TUROPP) stay a dyad; IGO, NGO and MNC are actor types,
 * not countries. */
static int own_country(const char *a, const char *b) {
  size_t la = strlen(a), lb = strlen(b);
  if (la == lb || (la != 3 && lb != 3) || strncmp(a, b, 3)) return 0;
  for (int i = 0; i < 3; i++)
    if (a[i] < 'A' || a[i] > 'Z') return 0;
  return strncmp(a, "IGO", 3) && strncmp(a, "NGO", 3) && strncmp(a, "MNC", 3);
}

/* Whether the actors found at oblique c are only the place where talks
 * or diplomacy (codes 03x, 04x but for visits, 05x) happen: an "in", "at"
 * or "near" phrase hung on the verb whose actors are bare places (a
 * dictionary actor, no agent, named by a proper noun). */
static int place_of_talks(const dyad__sent *x, const char *code, int c,
                          const dyad__actor_ref *out, int k) {
  const dyad__tree *t = &x->t;
  if (!code || code[0] != '0' || (code[1] != '3' && code[1] != '4' && code[1] != '5') ||
      !strncmp(code, "042", 3) || !strncmp(code, "043", 3) || t->rel[c] != DYAD__R_OBL)
    return 0;
  char cb[32];
  const char *p = dyad__tree_case(t, c, cb, sizeof cb);
  if (!p || (strcmp(p, "in") && strcmp(p, "at") && strcmp(p, "near"))) return 0;
  /* one who travels there visits it, whatever the verb's code: "arrived
   * in Gondor" */
  static const char *const travel[] = {"arrive", "land", "come", "go", "travel", "fly",
                                       "return", "stay", "stop", "visit", NULL};
  int v = t->head[c];
  for (int i = 0; v >= 0 && travel[i]; i++)
    if (dyad__tok_is(&t->tok[v], travel[i])) return 0;
  for (int i = 0; i < k; i++)
    if (out[i].agent_entry != DYAD__NONE || strlen(out[i].code) != 3 ||
        strcmp(t->tok[out[i].head].upos, "PROPN") || out[i].head != c)
      return 0;
  return 1;
}

/* Targets of an active clause, in order of preference. */
static int find_targets(dyad__sent *x, const dyad__verb_hit *hit, int passive,
                        int subj, dyad__actor_ref *out, int max, int *from) {
  const dyad__tree *t = &x->t;
  int v = hit->v, k = 0;
  *from = -1;
  if (passive) {
    int s = dyad__tree_child(t, v, DYAD__R_NSUBJ_PASS);
    if (s < 0) s = subj; /* reduced relative: "an attack launched by X" */
    return s >= 0 ? dyad__resolve_np(x, s, out, max) : 0;
  }
  if (hit->target_hint >= 0) {
    k = dyad__resolve_np(x, hit->target_hint, out, max);
    /* A phrase the pattern only names ("ENGAGE - * (IN FIREFIGHT)") whose
     * actor sits in a phrase of its own below it ("in a firefight in Golan
     * Heights") gives way to an object that names one: "engaged Filipino
     * peacekeepers in a firefight in Golan Heights" is against the
     * peacekeepers, not the place. */
    int nested = 0;
    for (int a = k ? out[0].start : -1, steps = 0;
         a >= 0 && a != hit->target_hint && steps < 32 && !hit->hint_marked;
         a = t->head[a], steps++) {
      int cs = dyad__tree_child(t, a, DYAD__R_CASE); /* a preposition, not "'s" */
      if (cs >= 0 && !strcmp(t->tok[cs].upos, "ADP")) nested = 1;
    }
    if (nested) {
      dyad__actor_ref keep[16];
      int kk = k < 16 ? k : 16;
      memcpy(keep, out, (size_t)kk * sizeof *keep);
      k = 0;
      DYAD__FOR_CHILDREN(t, v, c) {
        if (k || t->rel[c] != DYAD__R_OBJ || c == subj) continue;
        k = dyad__resolve_np(x, c, out, max);
        if (k) *from = c;
      }
      if (!k) {
        memcpy(out, keep, (size_t)kk * sizeof *keep);
        k = kk;
      }
    }
    if (k) return k;
  }
  /* A hostile act (codes 11 to 20) names its target with "against":
   * "announced bans on travel to Canada against officers of the Russian
   * military" is against the Russian military, not Canada.  The first
   * such phrase in the verb's own phrases (not its clauses) wins. */
  if (hit->code && hit->code[0] >= '1' && hit->code[0] <= '2' &&
      strncmp(hit->code, "10", 2) != 0) {
    /* ... after an object that names an actor itself ("fight the U.S.
     * action against Canadian exports", "gave the Japanese government a
     * warning of sanctions against Japanese companies") */
    DYAD__FOR_CHILDREN(t, v, c) {
      if (k || (t->rel[c] != DYAD__R_OBJ && t->rel[c] != DYAD__R_IOBJ) || c == subj) continue;
      k = dyad__resolve_np(x, c, out, max);
      /* its own words, not a prepositional modifier ("a case ... at the
       * International Court of Justice") */
      for (int a = k ? out[0].start : -1, steps = 0; a >= 0 && a != c && k && steps < 32;
           a = t->head[a], steps++)
        if (dyad__tree_child(t, a, DYAD__R_CASE) >= 0) k = 0;
      if (k) *from = c;
    }
    for (int i = t->left[v]; i <= t->right[v] && !k; i++) {
      char cb[32];
      const char *p = dyad__tree_case(t, i, cb, sizeof cb);
      if (!p || strcmp(p, "against")) continue;
      if (subj >= 0 && t->left[subj] <= i && i <= t->right[subj]) continue;
      int ok = 1; /* i hangs from v through phrases, not through a clause */
      for (int a = i; a >= 0 && a != v && ok; a = t->head[a]) {
        dyad__rel r = (dyad__rel)t->rel[a];
        ok = (a == i || !t->is_verb[a]) && r != DYAD__R_CCOMP && r != DYAD__R_ADVCL &&
             r != DYAD__R_XCOMP && r != DYAD__R_ACL && r != DYAD__R_RELCL &&
             r != DYAD__R_PARATAXIS && r != DYAD__R_CSUBJ;
      }
      if (!ok) continue;
      k = dyad__resolve_deep(x, i, out, max, 0);
      if (k) *from = i;
    }
    if (k) return k;
  }
  int cand[24], nc = 0;
  DYAD__FOR_CHILDREN(t, v, c) {
    dyad__rel r = (dyad__rel)t->rel[c];
    if ((r == DYAD__R_OBJ || r == DYAD__R_IOBJ) && nc < 24) cand[nc++] = c;
  }
  /* "launched a campaign and an offensive against X": conjoined objects */
  for (int i = 0, n0 = nc; i < n0; i++)
    DYAD__FOR_CHILDREN(t, cand[i], c) {
      if (t->rel[c] == DYAD__R_CONJ && !t->is_verb[c] && nc < 24) cand[nc++] = c;
    }
  /* "restore ties with Gondor": the object's own prepositional modifiers */
  int nobj = nc;
  for (int i = 0; i < nobj; i++)
    DYAD__FOR_CHILDREN(t, cand[i], c) {
      if (t->rel[c] != DYAD__R_NMOD || nc >= 24) continue;
      if (dyad__topic_of_meeting(t, cand[i], c)) continue;
      cand[nc++] = c;
    }
  DYAD__FOR_CHILDREN(t, v, c) {
    dyad__rel r = (dyad__rel)t->rel[c];
    if (r != DYAD__R_OBL && r != DYAD__R_NMOD) continue;
    /* A phrase before the verb sets the scene ("In Cairo, the minister
     * criticised the plan", "In a television interview, Baker criticised
     * ..."): PETRARCH-2 looks for targets in the verb phrase only. */
    if (c < v) continue;
    char buf[32];
    const char *p = dyad__tree_case(t, c, buf, sizeof buf);
    if (p && (!strcmp(p, "by") || !strcmp(p, "according_to") || !strcmp(p, "after") ||
              !strcmp(p, "before") || !strcmp(p, "during") || !strcmp(p, "since")))
      continue;
    /* "attend a summit in Geneva on the unrest in Iran", the topic hung
     * on the verb: still the summit's topic, no participant */
    int topic = 0;
    for (int i = 0; i < nobj && !topic; i++) topic = dyad__topic_of_meeting(t, cand[i], c);
    if (topic) continue;
    if (nc < 24) cand[nc++] = c;
  }
  /* "spoke by phone with Putin", the partner hung on the oblique: its own
   * "with" or "to" phrase, after the verb's obliques */
  DYAD__FOR_CHILDREN(t, v, o) {
    if (t->rel[o] != DYAD__R_OBL || o < v) continue;
    char ob[32];
    const char *op = dyad__tree_case(t, o, ob, sizeof ob);
    if (dyad__temporal_prep(op)) continue; /* "said after talks with Jordan's king" */
    DYAD__FOR_CHILDREN(t, o, c) {
      if (t->rel[c] != DYAD__R_NMOD || nc >= 24) continue;
      char buf[32];
      const char *p = dyad__tree_case(t, c, buf, sizeof buf);
      if (p && (!strcmp(p, "with") || !strcmp(p, "to"))) cand[nc++] = c;
    }
  }
  /* Obliques below a word the verb governs come last: first those of an
   * adjective it predicates ("marched very close to the border with
   * Mordor", "stayed loyal to X"), then those of its adverbs ("together
   * with Gondor", and a parser's "contribute ... yennyen(ADV) to
   * Australia"). */
  for (int pass = 0; pass < 2; pass++)
    DYAD__FOR_CHILDREN(t, v, a) {
      int below = pass ? t->rel[a] == DYAD__R_ADVMOD
                       : t->rel[a] == DYAD__R_XCOMP && !t->is_verb[a];
      if (!below) continue;
      DYAD__FOR_CHILDREN(t, a, c) {
        if (t->rel[c] == DYAD__R_OBL && dyad__tree_child(t, c, DYAD__R_CASE) >= 0 && nc < 24)
          cand[nc++] = c;
      }
    }
  /* "* (AT) ^ +": pass over the first actors after the verb, in
   * surface order. */
  int pass_over = hit->post_skip;
  if (pass_over)
    for (int i = 1; i < nc; i++)
      for (int j = i; j > 0 && cand[j - 1] > cand[j]; j--) {
        int tmp = cand[j];
        cand[j] = cand[j - 1];
        cand[j - 1] = tmp;
      }
  for (int i = 0; i < nc && !k; i++) {
    if (cand[i] == subj || cand[i] == hit->source_hint) continue;
    int skipped = 0;
    for (int j = 0; j < hit->nskip; j++) skipped |= hit->skip[j] == cand[i];
    if (skipped) continue;
    k = dyad__resolve_deep(x, cand[i], out, max, 0);
    /* "launched attacks ... for a strict Islamic state in Nigeria": what
     * violence (18 to 20) is for is its goal, not its target */
    if (k && hit->code && (!strncmp(hit->code, "18", 2) || !strncmp(hit->code, "19", 2) ||
                           !strncmp(hit->code, "20", 2))) {
      for (int a = out[0].start, steps = 0; a >= 0 && a != t->head[cand[i]] && k && steps < 32;
           a = t->head[a], steps++) {
        char fb4[32];
        const char *fp = dyad__tree_case(t, a, fb4, sizeof fb4);
        if (fp && !strcmp(fp, "for")) k = 0;
      }
    }
    /* "will meet in Washington", "agreed in Paris": for talks and
     * diplomacy (03x, 04x but visits, 05x) a place where it happens is no
     * party to it; a visit's place is its host ("arrived in Moscow") */
    if (k && place_of_talks(x, hit->code, cand[i], out, k)) {
      TRACE(x, "    %s is where it happens, not a party\n", out[0].code);
      k = 0;
    }
    if (k && pass_over) {
      pass_over--;
      k = 0;
    }
    if (k) *from = cand[i];
  }
  return k;
}

static int is_verb_candidate(const dyad__tree *t, int i) {
  const dyad_token *k = &t->tok[i];
  if (t->is_verb[i]) return 1;
  /* Given parses (and taggers) sometimes call a verb a noun or an
   * adjective; a verb-form XPOS still counts. */
  return k->xpos[0] == 'V' && k->xpos[1] == 'B' && strcmp(k->upos, "AUX");
}

/* What the coder remembers about each event of the sentence, for
 * transformations that rewrite a lower clause's event. */
typedef struct evinfo {
  int v;               /* the verb word */
  uint32_t verb;       /* dict verbs[] */
  int explicit_subj;   /* the clause has its own subject */
} evinfo;

/* Does the transformation verb word w ("SAY", "ATTACK", "Q") name this
 * verb?  Words compare by their dictionary code, so synonyms match (as
 * PETRARCH-2 compares them), or by lemma. */
static int transform_verb_matches(const dyad_dict *d, const char *w, uint32_t verb,
                                  const char *event_code) {
  if (!w || !strcmp(w, "Q")) return 1;
  char low[64];
  size_t n = 0;
  for (; w[n] && n + 1 < sizeof low; n++) low[n] = (char)((w[n] >= 'A' && w[n] <= 'Z') ? w[n] + 32 : w[n]);
  low[n] = '\0';
  const dyad__verb *vb = &d->verbs[verb];
  if (!strcmp(dyad__dict_word(d, vb->lemma), low)) return 1;
  uint32_t ids[8];
  size_t k = dyad__dict_verbs_by_lemma(d, low, ids, 8);
  if (k > 8) k = 8;
  for (size_t i = 0; i < k; i++) {
    const char *c = dyad__dict_verb_code(d, ids[i]);
    if (c && strcmp(c, "---") &&
        (!strcmp(c, dyad__dict_verb_code(d, verb)) || (event_code && !strcmp(c, event_code))))
      return 1;
  }
  return 0;
}

/* 1 if the transformation verb word names this verb by its lemma. */
static int transform_lemma_is(const dyad_dict *d, const char *w, uint32_t verb) {
  if (!w || !strcmp(w, "Q")) return 1;
  char low[64];
  size_t n = 0;
  for (; w[n] && n + 1 < sizeof low; n++) low[n] = (char)((w[n] >= 'A' && w[n] <= 'Z') ? w[n] + 32 : w[n]);
  low[n] = '\0';
  return !strcmp(dyad__dict_word(d, d->verbs[verb].lemma), low);
}

/* Letter slots of a transformation: 'a'..'z' bound to an actor. */
typedef struct slot {
  const char *code, *text;
  uint32_t start, end;
  int bound;
} slot;

static int bind(slot *sl, const char *var, const char *code, const char *text, uint32_t a,
                uint32_t b) {
  if (!var || !strcmp(var, ".")) return 1;
  if (var[0] < 'a' || var[0] > 'z' || var[1]) return 0;
  slot *x = &sl[var[0] - 'a'];
  if (x->bound) return !strcmp(x->code, code);
  x->code = code;
  x->text = text;
  x->start = a;
  x->end = b;
  x->bound = 1;
  return 1;
}

/* "~ a (b . ATTACK) SAY = a b 112": A said B attacked (someone) is A
 * accusing B.  Tries every transformation on the events coded in the
 * clause the speech verb governs and adds the transformed events: the
 * speaker's own statement, coded because the dictionary says so.  The
 * lower event stays, flagged reported with A as its speaker (PETRARCH-2
 * drops it; dyad keeps what was reported, attributed).  Returns how many
 * were made. */
static int apply_transforms(const dyad_coder *c, dyad_doc *doc, dyad__sent *x, const dyad__verb_hit *hit,
                            const dyad__actor_ref *src, int clause, size_t first_event, evinfo *info,
                            size_t ninfo, unsigned flags, dyad_status *st) {
  const dyad_dict *d = c->dict;
  const dyad__tree *t = &x->t;
  const dyad_sentence *s = x->s;
  int made = 0;
  size_t nev = doc->nevents;
  /* Each lower event takes at most one transformation: the first, in
   * dictionary order, whose verbs name it by lemma, else the first that
   * names it by code ("SHELL", "BOMB" and "ATTACK" share 190). */
  for (size_t k = first_event; k < nev && k - first_event < ninfo; k++) {
    evinfo *ei = &info[k - first_event];
    if (ei->v < t->left[clause] || ei->v > t->right[clause]) continue;
    const dyad_event *le = &doc->events[k];
    for (int exact = 1; exact >= 0; exact--)
    for (uint32_t ti = 0; ti < d->n_transforms; ti++) {
      const dyad__transform *tr = &d->transforms[ti];
      if (!transform_verb_matches(d, dyad__dict_str(d, tr->verb), hit->verb, NULL)) continue;
      const char *iv = dyad__dict_str(d, tr->in_verb);
      if (exact ? !transform_lemma_is(d, iv, ei->verb)
                : !transform_verb_matches(d, iv, ei->verb, le->code))
        continue;
      slot sl[26];
      memset(sl, 0, sizeof sl);
      const char *up = dyad__dict_str(d, tr->src);
      uint32_t us = s->tokens[src->start].start, ue = s->tokens[src->end - 1].end;
      if (!bind(sl, up, src->code, span_text(doc, s, src->start, src->end), us, ue)) continue;
      const char *is = dyad__dict_str(d, tr->in_src), *it = dyad__dict_str(d, tr->in_tgt);
      if (is && !strcmp(is, "_")) {
        if (ei->explicit_subj) continue;
      } else if (!bind(sl, is, le->source, le->source_text, le->source_start, le->source_end)) {
        continue;
      }
      if (it && !strcmp(it, "_")) continue; /* coded events always have a target */
      if (!bind(sl, it, le->target, le->target_text, le->target_start, le->target_end)) continue;
      const char *os = dyad__dict_str(d, tr->out_src), *ot = dyad__dict_str(d, tr->out_tgt);
      const char *oc = dyad__dict_str(d, tr->out_code);
      if (!os || !ot || !oc || os[0] < 'a' || os[0] > 'z' || ot[0] < 'a' || ot[0] > 'z') continue;
      slot *a = &sl[os[0] - 'a'], *b = &sl[ot[0] - 'a'];
      if (!a->bound || !b->bound || !strcmp(a->code, b->code)) continue;
      dyad_event ev = *le;
      /* slot codes may point at this function's caller's stack: copy */
      ev.source = dyad__doc_strndup(doc, a->code, strlen(a->code));
      ev.source_text = a->text;
      ev.source_start = a->start;
      ev.source_end = a->end;
      ev.target = dyad__doc_strndup(doc, b->code, strlen(b->code));
      ev.target_text = b->text;
      ev.target_start = b->start;
      ev.target_end = b->end;
      ev.code = strcmp(oc, "Q") ? oc : le->code;
      char cb[8];
      if ((le->flags & DYAD__FLAG_FUTURE) && is && up && !strcmp(is, up)) {
        /* "Obama said he will attack Iraq": a speaker announcing its own
         * act to come threatens (13x) or states an intent (03x); a claim
         * of responsibility (015) is for acts done. */
        int conflict = (le->code[0] - '0') * 10 + (le->code[1] - '0') >= 10;
        const char *kc =
            dyad__combine(conflict ? "130" : "030", le->code, cb, code_exists, (void *)c->codes);
        if (kc) kc = dyad__doc_strndup(doc, kc, strlen(kc)); /* cb is this loop's */
        ev.code = kc ? kc : conflict ? "130" : "030";
        if (x->trace)
          x->trace(x->trace_user, "    the lower event is the speaker's own, to come: %s\n",
                   conflict ? "a threat" : "an intent");
      }
      ev.verb = span_text(doc, s, hit->start, hit->end);
      ev.verb_start = s->tokens[hit->start].start;
      ev.verb_end = s->tokens[hit->end - 1].end;
      ev.flags = flags;
      ev.speaker = NULL;
      char m[600];
      snprintf(m, sizeof m, "{\"transformation\":\"%s:%u\",\"lower\":%s}",
               dyad__dict_file_name(d, tr->file), tr->line, le->matched ? le->matched : "{}");
      ev.matched = dyad__doc_strndup(doc, m, strlen(m));
      if (x->trace)
        x->trace(x->trace_user, "    transformation at %s:%u: from %s %s %s, adds %s %s %s\n",
                 dyad__dict_file_name(d, tr->file), tr->line, le->source, le->target, le->code,
                 ev.source, ev.target, ev.code);
      size_t before = doc->nevents;
      *st = finish_event(c, doc, &ev);
      if (*st) return made;
      if (doc->nevents > before && before - first_event < ninfo) {
        evinfo *ni = &info[before - first_event];
        ni->v = hit->v;
        ni->verb = hit->verb;
        ni->explicit_subj = 1;
      }
      made++;
      goto next_event;
    }
  next_event:;
  }
  return made;
}

/* Prints the sentence's tree and the dictionary phrases found in it. */
static void trace_sentence(dyad__sent *x, uint32_t si) {
  const dyad__tree *t = &x->t;
  const dyad_dict *d = x->dict;
  TRACE(x, "sentence %u: %s\n", si, x->s->text);
  for (int i = 0; i < t->n; i++) {
    int given = t->tok[i].head; /* a repair of the tree view says so */
    char note[48] = "";
    if (given >= 0 && given <= t->n && given != t->head[i] + 1)
      snprintf(note, sizeof note, " (the parse says %d)", given);
    TRACE(x, "  %3d %-16s %-12s %-5s %-4s %3d %s%s\n", i + 1, t->tok[i].form, t->tok[i].lemma,
          t->tok[i].upos, t->tok[i].xpos, t->head[i] + 1, dyad__rel_name((dyad__rel)t->rel[i]),
          note);
  }
  for (int i = 0; i < x->nm; i++) {
    const dyad__mention *m = &x->m[i];
    const dyad__dict_entry *e = &d->entries[m->entry];
    char wb[256];
    const char *code = m->kind == DYAD__K_ACTOR ? dyad__dict_actor_code(d, e->record, x->date, NULL)
                                                : dyad__dict_str(d, d->agents[e->record].code);
    TRACE(x, "  %s \"%s\" words %d-%d -> %s (%s)%s\n",
          m->kind == DYAD__K_ACTOR ? "actor" : "agent", dyad__dict_str(d, e->phrase),
          m->start + 1, m->end, code ? code : "(null code)", where(d, m->entry, wb, sizeof wb),
          m->corp ? ", a company's legal form" : "");
  }
}

/* A discard phrase in the sentence: -1 none, 0 skip the sentence, 1 skip
 * the story ('+' phrases). */
static int find_discard(dyad__sent *x) {
  const dyad_dict *d = x->dict;
  for (int i = 0; i < x->t.n; i++) {
    dyad__dict_match m;
    if (!dyad__dict_match_at(d, x->s->tokens, x->s->ntokens, (size_t)i, DYAD__K_DISCARD,
                             DYAD__MATCH_LONGEST, &m, 1))
      continue;
    const dyad__dict_entry *e = &d->entries[m.entry];
    char wb[256];
    int story = (e->flags & DYAD__E_STORY) != 0;
    TRACE(x, "  discard phrase \"%s\" (%s): %s not coded\n", dyad__dict_str(d, e->phrase),
          where(d, m.entry, wb, sizeof wb), story ? "story" : "sentence");
    return story;
  }
  return -1;
}

/* Issues of the sentence (PETRARCH issue coding): every issue phrase,
 * longest first; an ignore phrase ('~') covers its words so the shorter
 * phrase inside it does not count ("Human Rights Watch" is not the issue of
 * human rights).  Codes once each, in order, joined by ';'; "" if none. */
static const char *sentence_issues(dyad__sent *x, dyad_doc *doc) {
  const dyad_dict *d = x->dict;
  dyad__buf ib = {0};
  for (int i = 0; i < x->t.n;) {
    dyad__dict_match m;
    if (!dyad__dict_match_at(d, x->s->tokens, x->s->ntokens, (size_t)i, DYAD__K_ISSUE,
                             DYAD__MATCH_LONGEST, &m, 1)) {
      i++;
      continue;
    }
    const dyad__dict_entry *e = &d->entries[m.entry];
    const char *ic = e->record != DYAD__NONE ? dyad__dict_str(d, d->issues[e->record].code) : NULL;
    if (ic && !(e->flags & (DYAD__E_IGNORE | DYAD__E_IGNORE2))) {
      size_t il = strlen(ic);
      int seen = 0;
      for (const char *q = ib.data; q && *q;) {
        const char *sc = strchr(q, ';');
        size_t ql = sc ? (size_t)(sc - q) : strlen(q);
        if (ql == il && !memcmp(q, ic, il)) seen = 1;
        q = sc ? sc + 1 : q + ql;
      }
      if (!seen) {
        if (ib.len) dyad__buf_putc(&ib, ';');
        dyad__buf_puts(&ib, ic);
      }
    }
    i = (int)m.end > i ? (int)m.end : i + 1;
  }
  const char *issues = "";
  if (ib.len) {
    TRACE(x, "  issues: %s\n", ib.data);
    issues = dyad__doc_strndup(doc, ib.data, ib.len);
    if (!issues) issues = "";
  }
  dyad__buf_free(&ib);
  return issues;
}

/* The source of verb v: its subject, or the agent of a passive verb: a "by"
 * or "from" phrase of the verb (or "in", with in_agent: PETRARCH-2's rule),
 * or one a parser attached to the verb's other oblique ("fired at Turkey
 * from Syria"). */
static int find_sources(dyad__sent *x, int v, int subj, int passive, int in_agent,
                        dyad__actor_ref *src, int max, int *agent) {
  const dyad__tree *t = &x->t;
  *agent = -1;
  if (!passive) {
    int ns = subj >= 0 ? dyad__resolve_np(x, subj, src, max) : 0;
    /* A second subject of the same verb is a parser's flat reading of a
     * list ("Arnor and the evil awful Gondor welcomed"). */
    int first = ns;
    if (subj >= 0 && t->head[subj] == v)
      DYAD__FOR_CHILDREN(t, v, c) {
        if (c != subj && t->rel[c] == DYAD__R_NSUBJ && ns < max &&
            dyad__tree_flat_subjects(t, subj, c))
          ns += dyad__resolve_np(x, c, src + ns, max - ns);
      }
    dyad__share_abbrev_agents(x, src, first, ns);
    return ns;
  }
  int ns = 0;
  /* passes 0, 1: "by"/"from" on the verb, then below its obliques; with
   * in_agent, passes 2, 3 do the same for "in", which comes second ("was
   * killed in Iraq by Turkish troops" is Turkish troops killing) */
  for (int pass = 0; pass < (in_agent ? 4 : 2) && !ns; pass++) {
    int depth = pass & 1, in = pass >= 2;
    DYAD__FOR_CHILDREN(t, v, ch) {
      int adv = t->rel[ch] == DYAD__R_ADVMOD;
      if (t->rel[ch] != DYAD__R_OBL && t->rel[ch] != DYAD__R_NMOD && !adv) continue;
      int cands[8], nc = 0;
      if (adv) {
        /* "was opposed earlier by Osgiliath" read with the agent below
         * the adverb */
        if (depth == 0)
          DYAD__FOR_CHILDREN(t, ch, g) {
            if (t->rel[g] == DYAD__R_OBL && nc < 8) cands[nc++] = g;
          }
      } else if (depth == 0) {
        cands[nc++] = ch;
      } else {
        DYAD__FOR_CHILDREN(t, ch, g) {
          if (t->rel[g] == DYAD__R_NMOD && nc < 8) cands[nc++] = g;
        }
      }
      for (int i = 0; i < nc && !ns; i++) {
        char cb[32];
        const char *p = dyad__tree_case(t, cands[i], cb, sizeof cb);
        if (p && (in ? !strcmp(p, "in") : !strcmp(p, "by") || !strcmp(p, "from"))) {
          ns = dyad__resolve_np(x, cands[i], src, max);
          if (ns) *agent = cands[i];
        }
      }
    }
  }
  return ns;
}

/* Targets from the clause a verb governs, when that clause codes nothing:
 * its own subject phrase ("Arnor believes Dagolath can cope", "said an
 * embargo against Mordor would not work"; actors merely mentioned further
 * on, "officials said the talks focused on Syria", are not what was said
 * to or about). */
static int clause_targets(dyad__sent *x, int clause, const char *source, dyad__actor_ref *tgt,
                          int max, int depth) {
  const dyad__tree *t = &x->t;
  int nt = 0;
  dyad__actor_ref tmp[16];
  int cs = dyad__tree_nsubj(t, clause);
  if (cs < 0) cs = dyad__tree_child(t, clause, DYAD__R_NSUBJ_PASS);
  int k = cs >= 0 ? dyad__resolve_deep(x, cs, tmp, 16, 0) : 0;
  int self = 0; /* "Frodo said he has satisfaction toward Gondor" */
  for (int i = 0; i < k && nt < max; i++) {
    if (strcmp(tmp[i].code, source)) tgt[nt++] = tmp[i];
    else self = 1;
  }
  /* An infinitive shares the verb's subject, and a clause whose subject is
   * the speaker again states the speaker's own stance: their objects are
   * what the statement is about ("vowed to wage war on the Rohans", "said
   * he has deep satisfaction toward Gondor"). */
  if (!nt && (self || dyad__infinitive_clause(t, clause)))
    DYAD__FOR_CHILDREN(t, clause, ch) {
      dyad__rel r = (dyad__rel)t->rel[ch];
      if (nt || (r != DYAD__R_OBJ && r != DYAD__R_OBL && r != DYAD__R_IOBJ)) continue;
      k = dyad__resolve_deep(x, ch, tmp, 16, 0);
      for (int i = 0; i < k && nt < max; i++)
        if (strcmp(tmp[i].code, source)) tgt[nt++] = tmp[i];
    }
  /* "begun to question whether he has a future with the Morgul Orcs": an
   * infinitive's own complement clause. */
  if (!nt && dyad__infinitive_clause(t, clause) && depth < 2)
    DYAD__FOR_CHILDREN(t, clause, ch) {
      if (!nt && t->rel[ch] == DYAD__R_CCOMP)
        nt = clause_targets(x, ch, source, tgt, max, depth + 1);
    }
  return nt;
}

/* "matched": the dictionary lines behind an event. */
static const char *matched_json(dyad_doc *doc, const dyad_dict *d, const char *verb_at,
                                const char *pattern_at, const dyad__actor_ref *sa,
                                const dyad__actor_ref *ta) {
  dyad__buf m = {0};
  char e[256];
  const char *w;
  dyad__buf_printf(&m, "{\"verb\":\"%s\"", verb_at);
  if (pattern_at) dyad__buf_printf(&m, ",\"pattern\":\"%s\"", pattern_at);
  if ((w = where(d, sa->actor_entry, e, sizeof e))) dyad__buf_printf(&m, ",\"source\":\"%s\"", w);
  if ((w = where(d, sa->agent_entry, e, sizeof e))) dyad__buf_printf(&m, ",\"source_agent\":\"%s\"", w);
  if ((w = where(d, ta->actor_entry, e, sizeof e))) dyad__buf_printf(&m, ",\"target\":\"%s\"", w);
  if ((w = where(d, ta->agent_entry, e, sizeof e))) dyad__buf_printf(&m, ",\"target_agent\":\"%s\"", w);
  dyad__buf_putc(&m, '}');
  const char *r = m.data ? dyad__doc_strndup(doc, m.data, m.len) : NULL;
  dyad__buf_free(&m);
  return r ? r : "{}";
}

/* Characters (code points) in text[from, to). */
static uint32_t count_chars(const char *text, size_t from, size_t to) {
  uint32_t n = 0;
  for (size_t i = from; i < to; i++)
    if (((unsigned char)text[i] & 0xC0) != 0x80) n++;
  return n;
}

/* What one sentence's coding carries from verb to verb. */
typedef struct sentence_state {
  const dyad_coder *c;
  dyad_doc *doc;
  dyad__sent *x;
  uint32_t si;
  int year;
  int quoted;              /* the sentence is a quotation: reported */
  const char *issues;
  unsigned char *produced; /* verb word -> it coded an event (or a flagged one) */
  unsigned char *deferred; /* verb word -> waits for the clause it governs */
  evinfo *info;            /* per event of this sentence, for transformations */
  size_t first_event, ninfo_cap;
  unsigned nev;            /* events of this sentence so far */
  uint32_t char_base;      /* characters before the sentence's first byte */
} sentence_state;

/* Character offset of byte b of the sentence's text: the sentence's base
 * plus the characters of the sentence before b, so events cost the length
 * of their sentence, not of the article. */
static uint32_t char_at(const sentence_state *ss, uint32_t b) {
  const dyad_sentence *s = ss->x->s;
  size_t len;
  const char *text = dyad_doc_text(ss->doc, &len);
  if (b < s->start || b > len) return b < s->start ? ss->char_base : ss->char_base + count_chars(text, s->start, len);
  return ss->char_base + count_chars(text, s->start, b);
}

static void event_chars(const sentence_state *ss, dyad_event *ev) {
  ev->source_cstart = char_at(ss, ev->source_start);
  ev->source_cend = char_at(ss, ev->source_end);
  ev->verb_cstart = char_at(ss, ev->verb_start);
  ev->verb_cend = char_at(ss, ev->verb_end);
  ev->target_cstart = char_at(ss, ev->target_start);
  ev->target_cend = char_at(ss, ev->target_end);
}

/* What coordinated subjects with no other party do with each other:
 * meeting, consultation, negotiation, recognition, agreement and truce,
 * and the intent of these ("Saudi Arabia and Iran agreed to restore
 * relations" = 032, "Pakistan and India agreed to a ceasefire" = 0356).  Not visits, hosting, mediation, aid, praise or apologies, which
 * have a third party, nor the catch-all codes whose dictionary patterns
 * are too broad to be mutual (050 "supported the complaint", 06x "China
 * and India increased output"). */
static int mutual_code(const char *code) {
  static const char *const mutual[] = {"032", "036", "0356", "040", "041", "044", "046", "054",
                                       "057", "0871", NULL};
  for (int i = 0; mutual[i]; i++)
    if (!strcmp(code, mutual[i])) return 1;
  return 0;
}

/* Codes the verb at v (round 0, or round 1 for verbs that waited for the
 * clause they govern).  DYAD_OK, DYAD_ENOMEM, or DYAD_END when the
 * sentence's cap of events is reached. */
static dyad_status code_verb(sentence_state *ss, int v, int round) {
  const dyad_coder *c = ss->c;
  dyad_doc *doc = ss->doc;
  dyad__sent *xp = ss->x;
  const dyad__tree *t = &xp->t;
  const dyad_dict *d = c->dict;
  const dyad_sentence *s = xp->s;
  dyad__verb_hit hit;
  if (!dyad__verb_at(xp, v, &hit)) return DYAD_OK;
  const dyad__verb *vb = &d->verbs[hit.verb];
  int passive = 0;
  int subj = dyad__subject_of(t, v, &passive);
  dyad__verb_match_patterns(xp, &hit, subj, passive);
  char wb[256], pb[256];
  snprintf(wb, sizeof wb, "%s:%u", dyad__dict_file_name(d, vb->file), vb->line);
  TRACE(xp, "  verb \"%s\" (word %d) -> %s (%s)%s\n", dyad__dict_str(d, vb->phrase), v + 1,
        dyad__dict_verb_code(d, hit.verb), wb, passive ? ", passive" : "");
  if (hit.pattern != DYAD__NONE) {
    const dyad__pattern *p = &d->patterns[hit.pattern];
    snprintf(pb, sizeof pb, "%s:%u", dyad__dict_file_name(d, p->file), p->line);
    TRACE(xp, "    pattern at %s matched (%d words) -> %s%s%s\n", pb, hit.score, hit.code,
          hit.code2 ? ":" : "", hit.code2 ? hit.code2 : "");
  } else {
    TRACE(xp, "    none of the %u patterns matched; the verb's code applies\n",
          d->blocks[vb->block].npats);
  }
  if (!hit.code || !strcmp(hit.code, "---")) {
    TRACE(xp, "    no event: null code\n");
    return DYAD_OK;
  }
  /* "urged Syria to negotiate": an appeal or demand names what it asks for
   * (020 + 046 = 026); the action itself is coded below, flagged. */
  if (!strncmp(hit.code, "02", 2) || !strncmp(hit.code, "10", 2)) {
    DYAD__FOR_CHILDREN(t, v, ch) {
      dyad__verb_hit lh;
      if (!dyad__infinitive_clause(t, ch) || !dyad__verb_at(xp, ch, &lh)) continue;
      int lp;
      dyad__verb_match_patterns(xp, &lh, dyad__subject_of(t, ch, &lp), lp);
      char cb8[8];
      const char *cc = dyad__combine(hit.code, lh.code, cb8, code_exists, (void *)c->codes);
      if (!cc) continue;
      TRACE(xp, "    combination with \"%s\" (word %d): %s + %s = %s\n", t->tok[ch].form, ch + 1,
            hit.code, lh.code, cc);
      hit.code = dyad__doc_strndup(doc, cc, strlen(cc));
      hit.code2 = NULL;
      if (!hit.code) return DYAD_ENOMEM;
      break;
    }
  }
  dyad__actor_ref src[16], tgt[16];
  int agent;
  int ns = find_sources(xp, v, subj, passive, c->o.petrarch_passive, src, 16, &agent);
  int tfrom = -1;
  xp->exclude = agent; /* the agent is not also the target */
  int nt = find_targets(xp, &hit, passive, subj, tgt, 16, &tfrom);
  if (passive && !nt) {
    /* "a mortar bomb was fired at it from Gaza": when the passive subject
     * names no actor, the target is in the verb's other obliques. */
    DYAD__FOR_CHILDREN(t, v, ch) {
      if (nt || (t->rel[ch] != DYAD__R_OBL && t->rel[ch] != DYAD__R_NMOD)) continue;
      char cb[32];
      const char *p = dyad__tree_case(t, ch, cb, sizeof cb);
      if (!p || !strcmp(p, "by") || !strcmp(p, "from") || !strcmp(p, "in") ||
          !strcmp(p, "during") || !strcmp(p, "after") || !strcmp(p, "since"))
        continue;
      nt = dyad__resolve_deep(xp, ch, tgt, 16, 0);
    }
  }
  xp->exclude = -1;
  int clause = -1; /* the first clause the verb governs */
  DYAD__FOR_CHILDREN(t, v, ch) {
    if (clause < 0 && (t->rel[ch] == DYAD__R_CCOMP || dyad__infinitive_clause(t, ch))) clause = ch;
  }
  /* "X said that Y ...": when Y's clause codes an event, that event is the
   * news (reported, speaker X) and X's statement is coded only through a
   * transformation; when the clause codes nothing, the verb's own code
   * (SAY [010]) applies with the clause's actors as targets. */
  if (!nt && ns && clause >= 0 && !passive) {
    if (round == 0) {
      ss->deferred[v] = 1;
      TRACE(xp, "    waiting for the clause it governs (word %d)\n", clause + 1);
      return DYAD_OK;
    }
    int coded = 0;
    for (int w = t->left[clause]; w <= t->right[clause]; w++) coded |= ss->produced[w];
    if (coded && d->n_transforms) {
      dyad_status st = DYAD_OK;
      unsigned tf = dyad__predicate_flags(t, v, ss->year, &(int){0}, &(const char *){""});
      size_t before = doc->nevents;
      int made = apply_transforms(c, doc, xp, &hit, &src[0], clause, ss->first_event, ss->info,
                                  ss->ninfo_cap, tf, &st);
      if (st) return st;
      for (size_t k = before; k < doc->nevents; k++) event_chars(ss, &doc->events[k]);
      if (made) {
        ss->produced[v] = 1;
        return DYAD_OK;
      }
    }
    /* "agreed to restore relations": the complement's event is the news
     * (a purpose clause, "met to discuss", is not) */
    if (coded && t->rel[clause] != DYAD__R_ADVCL) {
      TRACE(xp, "    the clause it governs coded the event\n");
      return DYAD_OK;
    }
    if (!coded) {
      nt = clause_targets(xp, clause, src[0].code, tgt, 16, 0);
      if (nt) TRACE(xp, "    the clause it governs codes nothing: its actors are the targets\n");
    }
  }
  int speaker = -1;
  const char *why = "";
  unsigned flags = dyad__predicate_flags(t, v, ss->year, &speaker, &why);
  /* Combinations: "pledged to help" (030 + 070 = 033), "refused to meet"
   * (120 + 040 = 125).  The governing verb's meaning replaces the flags its
   * embedding gave.  An auxiliary does not combine: "will contribute" is
   * 070 flagged future, as PETRARCH-2 codes it (unit test SYNSET_07a), even
   * where a dictionary lists WILL as a verb. */
  dyad__verb_hit uh;
  int has_upper = 0; /* uh: the dictionary verb whose infinitive v is */
  if (dyad__infinitive_clause(t, v) && t->head[v] >= 0 && is_verb_candidate(t, t->head[v]) &&
      dyad__verb_at(xp, t->head[v], &uh)) {
    int up_pas, upper = t->head[v];
    int us = dyad__subject_of(t, upper, &up_pas);
    dyad__verb_match_patterns(xp, &uh, us, up_pas);
    has_upper = 1;
    char cb8[8];
    const char *combined = NULL;
    if (dyad__combine_family(uh.code) && strncmp(uh.code, "02", 2) && strncmp(uh.code, "10", 2) &&
        us == subj)
      combined = dyad__combine(uh.code, hit.code, cb8, code_exists, (void *)c->codes);
    if (combined) {
      TRACE(xp, "    combination with \"%s\" (word %d, %s): %s + %s = %s\n", t->tok[upper].form,
            upper + 1, uh.code, uh.code, hit.code, combined);
      flags = dyad__predicate_flags(t, upper, ss->year, &speaker, &why);
      hit.code = dyad__doc_strndup(doc, combined, strlen(combined));
      hit.code2 = NULL; /* "refused to meet B" is not met by B */
      if (!hit.code) return DYAD_ENOMEM;
    }
  }
  /* PETRARCH-2 folds the act an appeal or demand asks for into the
   * request's own event ("urged Eriador to respond to Gondor" is ARN ERI
   * 023 and nothing more); dyad codes that act too, flagged hypothetical,
   * unless asked to behave as PETRARCH-2 does. */
  if (c->o.petrarch_requests && (flags & DYAD__FLAG_HYPOTHETICAL) && has_upper && uh.code &&
      (!strncmp(uh.code, "02", 2) || !strncmp(uh.code, "10", 2))) {
    TRACE(xp, "    no event: the act asked for by \"%s\" (word %d, %s) is part of that "
              "request (--petrarch-requests)\n",
          t->tok[t->head[v]].form, t->head[v] + 1, uh.code);
    ss->produced[v] = 1;
    return DYAD_OK;
  }
  if (ss->quoted) flags |= DYAD__FLAG_REPORTED;
  char fb[96];
  TRACE(xp, "    source: %s; target: %s; flags: %s%s%s\n", ns ? src[0].code : "(none)",
        nt ? tgt[0].code : "(none)", flags ? dyad__flags_names(flags, fb, sizeof fb) : "none",
        *why ? " -- " : "", why);
  if (hit.swap && !passive) {
    /* "+ * MONEY $": the subject received, the source comes after. */
    if (hit.source_hint >= 0) nt = dyad__resolve_deep(xp, hit.source_hint, tgt, 16, 0);
    dyad__actor_ref tmp[16];
    memcpy(tmp, src, sizeof tmp);
    memcpy(src, tgt, sizeof tmp);
    memcpy(tgt, tmp, sizeof tmp);
    int tn = ns;
    ns = nt;
    nt = tn;
    TRACE(xp, "    the pattern's markers make the subject the target\n");
  }
  /* "hosted his Iranian counterpart": a counterpart holds the other side's
   * office, so it takes the other side's agent codes (TURGOV hosts IRN
   * counterpart -> IRNGOV). */
  for (int pass = 0; pass < 2; pass++) {
    dyad__actor_ref *side = pass ? src : tgt, *other = pass ? tgt : src;
    int n_side = pass ? ns : nt, n_other = pass ? nt : ns;
    if (!n_other || strlen(other[0].code) <= 3) continue;
    for (int i = 0; i < n_side; i++) {
      const dyad_token *hk = &t->tok[side[i].head];
      if ((dyad__tok_is(hk, "counterpart") || dyad__tok_is(hk, "counterparts")) &&
          strlen(side[i].code) == 3 && strcmp(side[i].code, "---") &&
          strlen(other[0].code) < sizeof side[i].code)
        snprintf(side[i].code + 3, sizeof side[i].code - 3, "%s", other[0].code + 3);
    }
  }
  /* "Obama and Putin will meet in Zurich": coordinated subjects of a
   * meeting, negotiation or agreement act on each other; the place is not
   * the target. */
  if (!hit.compound && ns >= 2 && !passive && mutual_code(hit.code)) {
    char cb[32];
    /* the preposition nearest above the target's words: "held talks in
     * Seoul" finds Seoul below "talks", with "in" */
    const char *p = NULL;
    for (int a = nt ? tgt[0].start : tfrom, steps = 0; a >= 0 && a != v && !p && steps < 32;
         a = t->head[a], steps++)
      p = dyad__tree_case(t, a, cb, sizeof cb);
    int locative = p && (!strcmp(p, "in") || !strcmp(p, "at") || !strcmp(p, "near"));
    /* "Obama and Putin", or a list in a modifier of the subject: "the
     * foreign ministers of Russia and China met in Beijing", "American and
     * Japanese negotiators are meeting" (not a relative pronoun standing
     * for a list, nor an apposition) */
    int coordinated = dyad__tree_coordinated(t, subj);
    for (int i = subj >= 0 ? t->left[subj] : 0; subj >= 0 && i <= t->right[subj] && !coordinated;
         i++) {
      int h = t->head[i];
      coordinated = t->rel[i] == DYAD__R_CONJ && h >= 0 && t->head[h] == subj &&
                    (t->rel[h] == DYAD__R_NMOD || t->rel[h] == DYAD__R_AMOD);
    }
    if (coordinated && (!nt || locative)) {
      TRACE(xp, "    coordinated subjects of a reciprocal act: they act on each other\n");
      hit.compound = 1;
    }
  }
  if (hit.compound && ns >= 2) {
    /* '%': the coordinated subjects act on each other ("Gondor and
     * Osgiliath postponed their meeting"). */
    nt = 0;
    for (int a = 0; a < ns && nt < 16; a++) tgt[nt++] = src[a];
  }
  if ((!ns && !nt) || ((!ns || !nt) && !c->o.lone_events)) {
    TRACE(xp, "    no event: %s\n", !ns ? "no source actor" : "no target actor");
    return DYAD_OK;
  }
  if (!ns || !nt) {
    /* require_dyad = False: the missing side is the null actor */
    dyad__actor_ref *none = !ns ? &src[ns++] : &tgt[nt++];
    memset(none, 0, sizeof *none);
    memcpy(none->code, "---", 4);
    none->head = none->start = none->end = -1;
    none->actor_entry = none->agent_entry = DYAD__NONE;
    TRACE(xp, "    no %s actor: \"---\" (lone events)\n", none == src ? "source" : "target");
  }
  const char *speaker_code = NULL;
  dyad__actor_ref sp[2];
  if (speaker >= 0 && dyad__resolve_np(xp, speaker, sp, 2))
    speaker_code = dyad__doc_strndup(doc, sp[0].code, strlen(sp[0].code));
  unsigned dropped =
      flags & (DYAD__FLAG_NEGATED | DYAD__FLAG_HYPOTHETICAL | DYAD__FLAG_HISTORICAL) & ~c->o.include;
  const char *code = hit.code, *code2 = hit.code2;
  char rb1[8], rb2[8];
  if ((flags & DYAD__FLAG_NEGATED) && c->o.petrarch_negation) {
    code = refuse_code(c, code, rb1);
    code2 = code2 ? refuse_code(c, code2, rb2) : NULL;
    dropped &= ~(unsigned)DYAD__FLAG_NEGATED;
  }
  if (dropped) {
    /* The clause did code an event, even if it is not output: a speech
     * verb above it must not take its actors as targets. */
    ss->produced[v] = 1;
    TRACE(xp, "    not in the output: flagged %s (see --include)\n",
          dyad__flags_names(dropped, fb, sizeof fb));
    return DYAD_OK;
  }
  for (int pass = 0; pass < (code2 ? 2 : 1); pass++) {
    if (hit.compound && pass) break; /* pairs already both ways */
    for (int a = 0; a < ns; a++) {
      for (int b = 0; b < nt; b++) {
        const dyad__actor_ref *sa = pass ? &tgt[b] : &src[a];
        const dyad__actor_ref *ta = pass ? &src[a] : &tgt[b];
        const char *cd = pass ? code2 : code;
        if (!cd || !strcmp(cd, "---") || !strcmp(sa->code, ta->code)) continue;
        unsigned pf = flags | (own_country(sa->code, ta->code) ? DYAD__FLAG_SELF : 0u);
        if ((pf & DYAD__FLAG_SELF) && !(c->o.include & DYAD__FLAG_SELF)) {
          ss->produced[v] = 1; /* the clause coded an event */
          TRACE(xp, "    %s %s %s not in the output: flagged self (see --include)\n", sa->code,
                ta->code, cd);
          continue;
        }
        if (ss->nev >= c->o.max_events) {
          TRACE(xp, "    cap of %u events per sentence reached\n", c->o.max_events);
          return DYAD_END;
        }
        dyad_event ev;
        memset(&ev, 0, sizeof ev);
        ev.article_id = doc->id;
        ev.sentence = ss->si;
        ev.date = doc->date;
        ev.source = dyad__doc_strndup(doc, sa->code, strlen(sa->code));
        ev.target = dyad__doc_strndup(doc, ta->code, strlen(ta->code));
        ev.source_text = span_text(doc, s, sa->start, sa->end);
        ev.target_text = span_text(doc, s, ta->start, ta->end);
        ev.code = dyad__doc_strndup(doc, cd, strlen(cd));
        ev.verb = span_text(doc, s, hit.start, hit.end);
        ev.flags = pf;
        ev.speaker = speaker_code;
        ev.issues = ss->issues;
        ev.text = s->text;
        ev.verb_start = s->tokens[hit.start].start;
        ev.verb_end = s->tokens[hit.end - 1].end;
        /* a null side (lone events) has no words: an empty span at the verb */
        ev.source_start = sa->start >= 0 ? s->tokens[sa->start].start : ev.verb_start;
        ev.source_end = sa->start >= 0 ? s->tokens[sa->end - 1].end : ev.verb_start;
        ev.target_start = ta->start >= 0 ? s->tokens[ta->start].start : ev.verb_start;
        ev.target_end = ta->start >= 0 ? s->tokens[ta->end - 1].end : ev.verb_start;
        ev.matched = matched_json(doc, d, wb, hit.pattern != DYAD__NONE ? pb : NULL, sa, ta);
        event_chars(ss, &ev);
        size_t before = doc->nevents;
        dyad_status st = finish_event(c, doc, &ev);
        if (st) return st;
        if (doc->nevents == before) continue; /* already coded in this sentence */
        ss->nev++;
        ss->produced[v] = 1;
        if (doc->nevents - 1 - ss->first_event < ss->ninfo_cap) {
          evinfo *ei = &ss->info[doc->nevents - 1 - ss->first_event];
          ei->v = v;
          ei->verb = hit.verb;
          ei->explicit_subj = dyad__tree_child(t, v, DYAD__R_NSUBJ) >= 0 ||
                              dyad__tree_child(t, v, DYAD__R_NSUBJ_PASS) >= 0;
        }
        TRACE(xp, "    EVENT %s %s %s%s%s\n", ev.source, ev.target, ev.code, flags ? " flags=" : "",
              flags ? dyad__flags_names(flags, fb, sizeof fb) : "");
      }
    }
  }
  return DYAD_OK;
}

static dyad_status code_sentence(const dyad_coder *c, dyad_doc *doc, uint32_t si,
                                 dyad__trace_fn trace, void *tu) {
  const dyad_sentence *s = &doc->sents[si];
  dyad__arena scratch;
  dyad__arena_init(&scratch);
  dyad__sent x;
  memset(&x, 0, sizeof x);
  x.dict = c->dict;
  x.s = s;
  x.trace = trace;
  x.trace_user = tu;
  x.arena = &scratch;
  x.exclude = -1;
  x.date = doc->date[0] ? dyad__dict_parse_date(doc->date, strlen(doc->date)) : 0;
  if (dyad__tree_build(&x.t, s, &scratch) || dyad__find_mentions(&x, &scratch) ||
      !(x.scratch = dyad__arena_alloc(&scratch, s->ntokens + 1))) {
    dyad__arena_reset(&scratch);
    return DYAD_ENOMEM;
  }
  /* A dictionary name is one phrase, whatever the parser made of it. */
  for (int i = 0; i < x.nm; i++)
    if (x.m[i].kind == DYAD__K_ACTOR && x.m[i].end - x.m[i].start >= 2)
      dyad__tree_make_constituent(&x.t, x.m[i].start, x.m[i].end);
  trace_sentence(&x, si);
  int discard = find_discard(&x);
  if (discard >= 0) {
    dyad__arena_reset(&scratch);
    return discard ? DYAD_END : DYAD_OK;
  }
  sentence_state ss;
  memset(&ss, 0, sizeof ss);
  ss.c = c;
  ss.doc = doc;
  ss.x = &x;
  ss.si = si;
  ss.year = x.date ? x.date / 10000 : 0;
  ss.quoted = s->text[0] == '"';
  ss.issues = sentence_issues(&x, doc);
  /* characters before the sentence, counted from where the last sentence
   * of the doc left the cursor (sentences come in text order) */
  if (s->start < doc->cursor_byte) doc->cursor_byte = doc->cursor_char = 0;
  doc->cursor_char += count_chars(doc->text, doc->cursor_byte, s->start <= doc->text_len ? s->start : doc->text_len);
  doc->cursor_byte = s->start <= doc->text_len ? s->start : doc->text_len;
  ss.char_base = (uint32_t)doc->cursor_char;
  /* Two rounds: a speech or cognition verb with no object of its own ("A
   * said B ...", "A allowed that B ...") waits until the clauses below it
   * are coded. */
  ss.produced = dyad__arena_alloc(&scratch, (size_t)x.t.n + 1);
  ss.deferred = dyad__arena_alloc(&scratch, (size_t)x.t.n + 1);
  ss.first_event = doc->nevents;
  ss.ninfo_cap = (size_t)c->o.max_events * 2 + 16;
  ss.info = dyad__arena_alloc(&scratch, ss.ninfo_cap * sizeof *ss.info);
  dyad_status st = ss.produced && ss.deferred && ss.info ? DYAD_OK : DYAD_ENOMEM;
  for (int round = 0; round < 2 && st == DYAD_OK; round++)
    for (int v = 0; v < x.t.n && st == DYAD_OK; v++) {
      if (!is_verb_candidate(&x.t, v) || (round == 1 && !ss.deferred[v])) continue;
      st = code_verb(&ss, v, round);
    }
  dyad__arena_reset(&scratch);
  return st == DYAD_END ? DYAD_OK : st; /* the cap ends the sentence, not the story */
}

/* 1 if sentence s can yield an event (dyad_coder_select). */
static int codable(const dyad_coder *c, const dyad_sentence *s) {
  const dyad_dict *d = c->dict;
  if (!c->o.code_all_units && s->kind != DYAD_SENT_TEXT) return 0;
  int starts = 0;
  for (size_t i = 0; i < s->ntokens; i++) {
    dyad__dict_match m;
    if (dyad__dict_match_at(d, s->tokens, s->ntokens, i, DYAD__K_ACTOR | DYAD__K_AGENT, 0, &m,
                            1) &&
        ++starts >= 2)
      return 1;
    if (dyad__dict_match_at(d, s->tokens, s->ntokens, i, DYAD__K_DISCARD, DYAD__MATCH_LONGEST,
                            &m, 1))
      return 1;
  }
  return 0;
}

/* A capitalized word that ends like a nationality adjective ("Japanese",
 * "Haitian", "Polish", "Iraqi"). */
static int adjective_like(const char *f) {
  static const char *const ends[] = {"an", "ese", "ish", "i", "ic", "ch", "ss", NULL};
  size_t n = strlen(f);
  for (int i = 0; ends[i]; i++) {
    size_t e = strlen(ends[i]);
    if (n > e && !strcmp(f + n - e, ends[i])) return 1;
  }
  return 0;
}

static int is_final_punct(const char *f) {
  return !strcmp(f, ".") || !strcmp(f, "!") || !strcmp(f, "?") || !strcmp(f, "\"") ||
         !strcmp(f, "'") || !strcmp(f, "\u201d") || !strcmp(f, "...");
}

void dyad_coder_names(void *coder, const dyad_sentence *s, unsigned char *names) {
  const dyad_coder *c = coder;
  for (size_t i = 0; i < s->ntokens;) {
    dyad__dict_match m;
    if (!dyad__dict_match_at(c->dict, s->tokens, s->ntokens, i, DYAD__K_ACTOR,
                             DYAD__MATCH_LONGEST, &m, 1)) {
      i++;
      continue;
    }
    for (uint32_t w = m.start; w < m.end; w++) names[w] = 1;
    i = m.end > i ? m.end : i + 1;
  }
  /* "Erdogan spoke by phone": a past form of a dictionary verb right after
   * a name is a verb, however rare the name (2); elsewhere it is one only
   * where the sentence has no other finite verb (3: "Iran's foreign
   * minister spoke", "A Ukrainian drone struck"), not "investors worried
   * about" in a sentence with a verb of its own. */
  for (size_t e = 1; e < s->ntokens; e++) {
    const dyad_token *k = &s->tokens[e];
    const char *f = dyad__tok_fold(k);
    size_t fl = strlen(f);
    if (names[e] || !(k->form[0] >= 'a' && k->form[0] <= 'z') ||
        (fl > 1 && f[fl - 1] == 's') || (fl > 3 && !strcmp(f + fl - 3, "ing")))
      continue;
    dyad__verb_match vm[4];
    size_t nv = dyad__dict_verbs_at(c->dict, s->tokens, s->ntokens, e, 0, vm, 4);
    int past = 0;
    for (size_t j = 0; j < nv && j < 4; j++)
      if (vm[j].start == e && !c->dict->verb_forms[vm[j].form].base) past = 1;
    /* a regular past of a dictionary verb ("clashed", "agreed", "carried",
     * "planned"), which the dictionary does not list */
    if (!past && fl > 3 && fl < 64 && !strcmp(f + fl - 2, "ed")) {
      char stem[64];
      uint32_t vb;
      for (int cut = 0; cut < 4 && !past; cut++) {
        size_t sl = fl - (cut == 1 ? 1 : cut == 0 ? 2 : 3);
        memcpy(stem, f, sl);
        stem[sl] = '\0';
        if (cut == 2) {
          if (f[fl - 3] != 'i') continue;
          stem[sl] = 'y', stem[sl + 1] = '\0'; /* carried -> carry */
        }
        if (cut == 3 && !(sl >= 2 && f[sl] == f[sl - 1])) continue; /* planned -> plan */
        past = dyad__dict_verbs_by_lemma(c->dict, stem, &vb, 1) > 0;
      }
    }
    if (past) names[e] = names[e - 1] == 1 ? 2 : 3;
  }
  /* "before Sarkozy heads to Beijing", "Russia attacks Ukraine": a form in
   * -s of a dictionary verb right after a name that no determiner or
   * possessive opens, followed by a preposition, a determiner or a name
   * (5).  "the Iran talks" and "Russia talks resumed" keep their nouns. */
  for (size_t e = 1; e + 1 < s->ntokens; e++) {
    const dyad_token *k = &s->tokens[e];
    size_t fl = strlen(k->form);
    if (names[e] || names[e - 1] != 1 || fl < 4 || fl >= 64 || k->form[fl - 1] != 's' ||
        k->form[fl - 2] == 's' || !(k->form[0] >= 'a' && k->form[0] <= 'z'))
      continue;
    size_t b = e - 1; /* the name's first word */
    while (b > 0 && names[b - 1] == 1) b--;
    /* the name opens the sentence or a clause ("Indonesia heads for
     * elections", "until Turkey recognises"), and is no nationality
     * ("Japanese exports to the U.S.") */
    if (b > 0) {
      static const char *const open[] = {"before", "after", "until", "when", "while", "if",
                                         "as", "because", "that", "since", "unless", "once",
                                         NULL};
      int opened = 0;
      for (int i = 0; open[i] && !opened; i++) opened = dyad__tok_is(&s->tokens[b - 1], open[i]);
      if (!opened) continue;
    }
    if (e - b == 1 && adjective_like(s->tokens[b].form)) continue;
    const char *nx = s->tokens[e + 1].form;
    static const char *const follow[] = {"to", "for", "with", "into", "on", "at", "from", "the", "a",
                                         "an", "its", "his", "her", "their", NULL};
    int ok = nx[0] >= 'A' && nx[0] <= 'Z';
    for (int i = 0; follow[i] && !ok; i++) ok = !strcmp(nx, follow[i]);
    if (!ok) continue;
    char stem[64];
    uint32_t vb;
    memcpy(stem, k->form, fl - 1);
    stem[fl - 1] = '\0';
    int hit = dyad__dict_verbs_by_lemma(c->dict, stem, &vb, 1) > 0;
    if (!hit && fl > 4 && !strcmp(k->form + fl - 3, "ies")) { /* "carries" */
      memcpy(stem + fl - 3, "y", 2);
      hit = dyad__dict_verbs_by_lemma(c->dict, stem, &vb, 1) > 0;
    }
    if (!hit && fl > 4 && !strcmp(k->form + fl - 2, "es")) { /* "pushes" */
      stem[fl - 2] = '\0';
      hit = dyad__dict_verbs_by_lemma(c->dict, stem, &vb, 1) > 0;
    }
    if (hit) names[e] = 5;
  }
  /* "..., Reuters reports.": a sentence-final attribution in the present,
   * which taggers read as a plural noun listed after the last phrase (4).
   * The verb ends the sentence and follows a comma and at most five words,
   * the first "the" or capitalized. */
  static const char *const speech[] = {"says", "reports", "adds", "writes", "claims",
                                       "states", "notes", "confirms", "announces", NULL};
  size_t last = s->ntokens;
  while (last > 0 && is_final_punct(s->tokens[last - 1].form)) last--;
  if (last >= 3 && last < s->ntokens + 1) {
    size_t e = last - 1;
    const dyad_token *k = &s->tokens[e];
    int sp = 0;
    for (int i = 0; speech[i] && !sp; i++) sp = !strcmp(k->form, speech[i]);
    size_t w0 = e; /* the first word after the comma */
    while (sp && w0 > 0 && e - w0 <= 6 && strcmp(s->tokens[w0 - 1].form, ",")) w0--;
    if (sp && w0 > 1 && w0 < e && e - w0 <= 5 && !strcmp(s->tokens[w0 - 1].form, ",")) {
      const char *f0 = s->tokens[w0].form;
      int ok = !strcmp(f0, "the") || (f0[0] >= 'A' && f0[0] <= 'Z');
      for (size_t j = w0; j < e && ok; j++)
        for (const char *q = s->tokens[j].form; *q && ok; q++)
          ok = (*q >= 'a' && *q <= 'z') || (*q >= 'A' && *q <= 'Z') || *q == '-' || *q == '.';
      if (ok && !names[e]) names[e] = 4;
    }
  }
}

size_t dyad_coder_select(const dyad_coder *c, const dyad_doc *doc, unsigned char *need) {
  size_t k = 0;
  for (size_t i = 0; i < doc->nsents; i++) k += need[i] = (unsigned char)codable(c, &doc->sents[i]);
  return k;
}

static dyad_status code_all(const dyad_coder *c, dyad_doc *doc, dyad__trace_fn trace,
                            void *tu) {
  doc->nevents = 0;
  doc->cursor_byte = doc->cursor_char = 0;
  for (size_t i = 0; i < doc->nsents; i++) {
    const dyad_sentence *s = &doc->sents[i];
    if (!c->o.code_all_units && s->kind != DYAD_SENT_TEXT) {
      if (trace) trace(tu, "sentence %zu: not coded (%s)\n", i, dyad_sentence_kind_name(s->kind));
      continue;
    }
    if (!codable(c, s)) {
      if (trace) {
        trace(tu, "sentence %zu: %s\n", i, s->text);
        trace(tu, "  not coded: no discard phrase, and actor or agent phrases start at fewer\n"
                  "  than two words (an event needs a source and a target)\n");
      }
      continue;
    }
    dyad_status st = code_sentence(c, doc, (uint32_t)i, trace, tu);
    if (st == DYAD_END) {
      doc->nevents = 0; /* a story discard removes every event of the story */
      return DYAD_OK;
    }
    if (st) return st;
  }
  return DYAD_OK;
}

dyad_status dyad_code_doc(const dyad_coder *c, dyad_doc *doc, const dyad_event **events,
                          size_t *n) {
  dyad_status st = code_all(c, doc, NULL, NULL);
  *events = doc->events;
  *n = st == DYAD_OK ? doc->nevents : 0;
  return st;
}

dyad_status dyad_code_explain(const dyad_coder *c, dyad_doc *doc, dyad_write_fn write,
                              void *user) {
  tracer tr = {write, user};
  return code_all(c, doc, trace_printf, &tr);
}
