/*
 * actors.c -- from noun phrases to actor codes.
 *
 * First every actor and agent phrase of the dictionaries is found in the
 * sentence, left to right, longest match first (mentions).  Then a noun
 * phrase is read as PETRARCH-2 reads one: the words of the phrase itself
 * (its head with determiners, adjectives, compounds, flat names and
 * possessors) take priority; only when they name no actor does the coder
 * look into its prepositional modifiers ("soldiers from Gondor") and
 * appositions.  Agents found with an actor compose with it the way
 * PETRARCH composes codes: "Syrian" (SYR) + "defence ministry" (MIL)
 * -> SYRMIL; an agent alone gives "---MIL".  Coordinated phrases
 * ("Russia, Turkey and Iran") give one actor each.
 */
#include <ctype.h>
#include <string.h>

#include "code/coder.h"
#include "util/arena.h"

/* Word classes a dictionary phrase may consist of alone: "us" is a pronoun,
 * not the United States; "may" is a modal, not the month. */
static int contentful(const dyad_token *k) {
  const char *u = k->upos;
  if (!strcmp(u, "PRON")) return 0;
  if (!strcmp(u, "DET") || !strcmp(u, "ADV") || !strcmp(u, "AUX") || !strcmp(u, "ADP") ||
      !strcmp(u, "CCONJ") || !strcmp(u, "CONJ") || !strcmp(u, "SCONJ") || !strcmp(u, "PART")) {
    /* A capitalized word tagged as a function word is a name the tagger
     * missed ("Osgiliath soldiers", "Arnor former officials"): no actor
     * phrase of a dictionary is a capitalized "In" or "May". */
    return k->form[0] >= 'A' && k->form[0] <= 'Z';
  }
  return 1;
}

/* PETRARCH-2 matches actor and agent phrases on whole words: "THE_KU" is
 * not "The Kuwait" (unit tests ACTOR_05, ACTOR_08), whatever TABARI's stem
 * rule says for phrases without a final underscore. */
static int last_word_exact(dyad__sent *x, const dyad__dict_entry *e, int tok) {
  const char *ph = dyad__dict_str(x->dict, e->phrase);
  if (!ph) return 1;
  const char *end = ph + strlen(ph);
  while (end > ph && (end[-1] == '_' || end[-1] == ' ')) end--;
  const char *b = end;
  /* the split form of "BARAD-DUR" ends with the word after the hyphen */
  int split = (e->flags & DYAD__E_SPLIT) != 0;
  while (b > ph && b[-1] != '_' && b[-1] != ' ' && !(split && b[-1] == '-')) b--;
  char want[128], got[128];
  dyad__dict_fold(b, (size_t)(end - b), want, sizeof want);
  const dyad_token *k = &x->s->tokens[tok];
  const char *f = k->fold;
  if (!f || !strcmp(f, "_")) {
    dyad__dict_fold(k->form, strlen(k->form), got, sizeof got);
    f = got;
  }
  return strcmp(want, f) == 0;
}

/* A one-word agent used as an adjective of a word that names no one: "a
 * general strike", "the Islamic republic", "military exercises".  It
 * qualifies a thing, not a person, and is no actor ("military officials"
 * keeps its agent: "officials" is one too). */
static int adjective_agent(dyad__sent *x, const dyad__dict_match *mt) {
  const dyad__tree *t = &x->t;
  if (mt->end - mt->start != 1) return 0;
  int w = (int)mt->start;
  if (x->dict->entries[mt->entry].kind != DYAD__K_AGENT) return 0;
  if (strcmp(t->tok[w].upos, "ADJ") || t->rel[w] != DYAD__R_AMOD) return 0;
  int h = t->head[w];
  if (h < 0 || (t->tok[h].form[0] >= 'A' && t->tok[h].form[0] <= 'Z')) return 0; /* a name */
  /* "a militant group", "the rebel movement": collectives of people */
  static const char *const people[] = {"group", "movement", "organization", "organisation",
                                       "faction", "party", "militia", "force", "wing", "cell",
                                       "network", "coalition", "alliance", "community",
                                       "member", "supporter", "fighter", "unit",
                                       /* bodies that speak: "the official news
                                        * agency said" is the government's */
                                       "agency", "body", "commission", "committee",
                                       "council", "office", "media", "press",
                                       "newspaper", "radio", "television", NULL};
  for (int i = 0; people[i]; i++)
    if (dyad__tok_is(&t->tok[h], people[i])) return 0;
  dyad__dict_match m2;
  return !dyad__dict_match_at(x->dict, x->s->tokens, (size_t)t->n, (size_t)h,
                              DYAD__K_ACTOR | DYAD__K_AGENT, 0, &m2, 1);
}

/* The legal form that closes a company's name: "Cyprus Minerals Co",
 * "Mobil Oil Singapore Pte Ltd", "Merrill Lynch and Co Inc". */
static int corp_designator(const dyad__sent *x, int i) {
  static const char *const forms[] = {
      "Inc", "Inc.", "Corp", "Corp.", "Co", "Co.", "Cos", "Ltd", "Ltd.", "Lte", "Plc", "PLC",
      "plc", "Pte", "Bhd", "Berhad", "AG", "GmbH", "SA", "S.A.", "NV", "N.V.", "BV", "LLC",
      "Ltda", "SpA", "S.p.A.", "Corporation", "Incorporated", "Limited", NULL};
  const dyad_token *tk = x->s->tokens;
  /* most words start otherwise: one test before the list */
  if (i < 1 || !tk[i].form[0] || !strchr("ABCGILNPSp", tk[i].form[0])) return 0;
  int hit = 0;
  for (int j = 0; forms[j] && !hit; j++) hit = !strcmp(tk[i].form, forms[j]);
  if (!hit) return 0;
  /* after a name: "Brown and Co", "Texaco Inc" (not "the Co. Cork man") */
  int p = i - 1;
  if ((!strcmp(tk[p].form, "and") || !strcmp(tk[p].form, "&")) && p > 0) p--;
  return tk[p].form[0] >= 'A' && tk[p].form[0] <= 'Z';
}

/* A unit of money: "Swiss francs", "U.S. dlrs", "the Turkish lira".  A
 * place's name right before one names the currency, not the state.  Only
 * a noun: "Israel pounds Gaza", "Turkey marks the anniversary" and "Iran
 * won" are verbs.  Words that are also common names ("Mark", "Pound",
 * "Rand") count only in lower case. */
static int currency_word(const dyad_token *k) {
  if (!k->upos || (strcmp(k->upos, "NOUN") && strcmp(k->upos, "PROPN"))) return 0;
  const char *f = k->form;
  static const char *const any_case[] = {
      "dlr",     "dlrs",     "dollar",    "dollars",  "yen",      "franc",    "francs",
      "sterling", "peso",    "pesos",     "rupee",    "rupees",   "lira",     "lire",
      "liras",   "yuan",     "renminbi",  "euro",     "euros",    "rouble",   "roubles",
      "ruble",   "rubles",   "shekel",    "shekels",  "dinar",    "dinars",   "riyal",
      "riyals",  "rial",     "rials",     "dirham",   "dirhams",  "guilder",  "guilders",
      "escudo",  "escudos",  "peseta",    "pesetas",  "drachma",  "drachmas", "schilling",
      "schillings", "cruzado", "cruzados", "ringgit", "rupiah",   "baht",     "krona",
      "kronor",  "krone",    "kroner",    "naira",    "hryvnia",  "zloty",    "forint",
      "lev",     "leu",      "lei",       "kwacha",   "shilling", "shillings", "cedi",
      "cedis",   NULL};
  static const char *const lower_only[] = {"mark", "marks", "pound", "pounds", "rand",
                                           "won", NULL};
  for (int j = 0; lower_only[j]; j++)
    if (!strcmp(f, lower_only[j])) return 1;
  char low[16];
  size_t n = strlen(f);
  if (n == 0 || n >= sizeof low) return 0;
  for (size_t j = 0; j <= n; j++) low[j] = (char)tolower((unsigned char)f[j]);
  for (int j = 0; any_case[j]; j++)
    if (!strcmp(low, any_case[j])) return 1;
  return 0;
}

/* The dictionary's agent for "company" (the entry "COMPANY [~BUS]" of the
 * Phoenix agents), or DYAD__NONE. */
static uint32_t company_agent(const dyad_dict *d) {
  dyad_token k;
  memset(&k, 0, sizeof k);
  k.form = k.fold = k.lemma = "company";
  k.upos = "NOUN";
  k.xpos = "NN";
  dyad__dict_match out[4];
  size_t n = dyad__dict_match_at(d, &k, 1, 0, DYAD__K_AGENT, 0, out, 4);
  for (size_t j = 0; j < n && j < 4; j++)
    if (out[j].end == 1) return out[j].entry;
  return DYAD__NONE;
}

int dyad__find_mentions(dyad__sent *x, dyad__arena *a) {
  int n = x->t.n;
  x->m = dyad__arena_alloc(a, (size_t)(n ? n : 1) * sizeof *x->m);
  x->mention_at = dyad__arena_alloc(a, (size_t)(n ? n : 1) * sizeof *x->mention_at);
  if (!x->m || !x->mention_at) return -1;
  x->nm = 0;
  for (int i = 0; i < n; i++) x->mention_at[i] = -1;
  dyad__dict_match out[16];
  uint32_t corp = DYAD__NONE - 1; /* looked up at the first designator */
  for (int i = 0; i < n;) {
    size_t k = dyad__dict_match_at(x->dict, x->s->tokens, (size_t)n, (size_t)i,
                                   DYAD__K_ACTOR | DYAD__K_AGENT, 0, out, 16);
    if (k > 16) k = 16;
    int best = -1;
    for (size_t j = 0; j < k; j++) {
      const dyad__dict_entry *e = &x->dict->entries[out[j].entry];
      if ((e->flags & DYAD__E_STEM) && !last_word_exact(x, e, (int)out[j].end - 1)) continue;
      int ok = 0;
      for (uint32_t w = out[j].start; w < out[j].end; w++)
        if (contentful(&x->s->tokens[w])) ok = 1;
      if (!ok) continue;
      if (best < 0) { best = (int)j; continue; }
      const dyad__dict_entry *b = &x->dict->entries[out[best].entry];
      uint32_t lb = out[best].end - out[best].start, lj = out[j].end - out[j].start;
      /* Longest first; at equal length an actor beats an agent. */
      if (lj > lb || (lj == lb && e->kind == DYAD__K_ACTOR && b->kind != DYAD__K_ACTOR))
        best = (int)j;
    }
    if (best < 0) {
      /* "Cyprus Minerals Co": the designator is the word "company", so
       * that a place in the name makes a business of that place (CYPBUS),
       * not the state (CYP) */
      if (corp_designator(x, i)) {
        if (corp == DYAD__NONE - 1) corp = company_agent(x->dict);
        if (corp != DYAD__NONE) {
          dyad__mention *m = &x->m[x->nm];
          m->start = i;
          m->end = i + 1;
          m->entry = corp;
          m->kind = DYAD__K_AGENT;
          m->corp = 1;
          x->mention_at[i] = x->nm++;
        }
      }
      i++;
      continue;
    }
    if (adjective_agent(x, &out[best]) ||
        (x->dict->entries[out[best].entry].kind == DYAD__K_ACTOR && (int)out[best].end < n &&
         currency_word(&x->s->tokens[out[best].end]))) {
      i = (int)out[best].end;
      continue;
    }
    dyad__mention *m = &x->m[x->nm];
    m->start = (int)out[best].start;
    m->end = (int)out[best].end;
    m->entry = out[best].entry;
    m->kind = x->dict->entries[m->entry].kind;
    m->corp = 0;
    for (int w = m->start; w < m->end; w++) x->mention_at[w] = x->nm;
    x->nm++;
    i = m->end;
  }
  return 0;
}

static int is_pronoun(const dyad_token *k) {
  return !strcmp(k->upos, "PRON") || !strncmp(k->xpos, "PRP", 3);
}

/* Relations whose subtree belongs to the words of the noun phrase itself. */
static int core_rel(dyad__rel r) {
  return r == DYAD__R_COMPOUND || r == DYAD__R_FLAT || r == DYAD__R_AMOD ||
         r == DYAD__R_DET || r == DYAD__R_NUMMOD || r == DYAD__R_POSS ||
         r == DYAD__R_FIXED || r == DYAD__R_NPMOD || r == DYAD__R_PUNCT ||
         r == DYAD__R_CASE;
}

static void mark_core(const dyad__tree *t, int h, unsigned char *in) {
  in[h] = 1;
  DYAD__FOR_CHILDREN(t, h, c) {
    /* a noun modifier without a preposition is part of the name
     * ("Foreign Minister Hakan Fidan" when a parser calls it nmod) */
    int bare_nmod = t->rel[c] == DYAD__R_NMOD && dyad__tree_child(t, c, DYAD__R_CASE) < 0 &&
                    c < h;
    if (core_rel((dyad__rel)t->rel[c]) || bare_nmod)
      for (int i = t->left[c]; i <= t->right[c]; i++) in[i] = 1;
  }
}

/* Appends agent code g to code (or prefixes it) unless already there. */
static void compose(char *code, const char *g, int before) {
  size_t cl = strlen(code), gl = strlen(g);
  if (!gl) return;
  /* a multinational (MNC, a CAMEO actor type) is a business already:
   * "Ford Motor Company" is MNCUSA, not MNCUSABUS */
  if (!strcmp(g, "BUS") && !strncmp(code, "MNC", 3)) return;
  /* already there: "AFP" (MED) correspondent (MED) stays MED */
  for (size_t i = 0; i + gl <= cl; i += 3)
    if (!memcmp(code + i, g, gl)) return;
  if (cl + gl + 1 > DYAD__CODE_MAX) return;
  if (before) {
    memmove(code + gl, code, cl + 1);
    memcpy(code, g, gl);
  } else {
    memcpy(code + cl, g, gl + 1);
  }
}

static void set_code(char *dst, const char *src) {
  size_t n = strlen(src);
  if (n >= DYAD__CODE_MAX) n = DYAD__CODE_MAX - 1;
  memcpy(dst, src, n);
  dst[n] = '\0';
}

/* Actors of the phrase's own words; agents go to *ag. */
typedef struct {
  int idx[8];
  int n;
} mlist;

static void core_mentions(dyad__sent *x, const unsigned char *in, int lo, int hi,
                          int h, mlist *act, mlist *ag) {
  act->n = ag->n = 0;
  for (int i = 0; i < x->nm; i++) {
    const dyad__mention *m = &x->m[i];
    if (m->start < lo || m->end - 1 > hi) continue;
    /* A phrase of the head's own words, or a longer name that contains the
     * head ("Prince of Dol Amroth" headed by "Prince"). */
    int inside = 1;
    for (int w = m->start; w < m->end; w++)
      if (!in[w]) inside = 0;
    if (!inside && !(m->start <= h && h < m->end)) continue;
    mlist *l = m->kind == DYAD__K_ACTOR ? act : ag;
    if (l->n < 8) l->idx[l->n++] = i;
  }
}

static int antecedent(dyad__sent *x, int h);

/* An actor's code on the date, or NULL for none and for the null code
 * "---" (a phrase the dictionary names to say it is no actor: "South China
 * Sea" must not become a target). */
static const char *actor_code(const dyad_dict *d, uint32_t a, int32_t date, uint32_t *line) {
  const char *c = dyad__dict_actor_code(d, a, date, line);
  return c && strcmp(c, "---") ? c : NULL;
}

/* The word of a mention the rest of the sentence attaches to: the one
 * whose head lies outside the mention (the last word if none does). */
static int mention_head(const dyad__tree *t, const dyad__mention *m) {
  for (int w = m->start; w < m->end; w++)
    if (t->head[w] < m->start || t->head[w] >= m->end) return w;
  return m->end - 1;
}

/* The actors of one conjunct (no conj expansion). */
/* A noun for people or a body of them, which a place can qualify:
 * "bankers in the U.S.", "a dealer at a U.S. bank", "the head of a
 * department in the Foreign Ministry"; not "winds in China" or "a meeting
 * in Havana". */
static int person_like(const dyad_token *k) {
  static const char *const words[] = {
      "people", "official", "staff", "head", "member", "leader", "source", "police",
      "troops", "force", "authority", "government", "ministry", "bank", "company", "firm",
      "family", "community", "population", "public", "crowd", "group", "party",
      "delegation", "team", "side", "army", "navy", "office", "embassy", "agency",
      "department", "committee", "council", "union", "chief", "spokesman",
      "spokeswoman", "man", "woman", "men", "women", "child", "children", "expert",
      "analyst", "economist", "diplomat", "envoy", "militant", "rebel", "student",
      "executive", "exchange", "house", "unit", "subsidiary", "division", "plant",
      "association", "federation", "organisation", "organization", "institute",
      "university", "school", "court", NULL};
  for (int i = 0; words[i]; i++)
    if (dyad__tok_is(k, words[i])) return 1;
  const char *f = k->lemma && strcmp(k->lemma, "_") ? k->lemma : k->form;
  size_t n = strlen(f);
  static const char *const ends[] = {"er", "or", "ist", "ian", "ant", "ent", "ee", "ive", NULL};
  for (int i = 0; ends[i]; i++) {
    size_t e = strlen(ends[i]);
    if (n > e + 2 && !strcmp(f + n - e, ends[i])) return 1;
  }
  return 0;
}

/* Whether one of the actors ends in the name that the company designator
 * at word `at` closes: only capitalized words, "and", "&", "of", hyphens and
 * brackets between them ("Union Bank of Switzerland (Securities) Ltd"). */
static int corp_names_actor(const dyad__sent *x, const mlist *act, int at) {
  const dyad_token *tk = x->s->tokens;
  for (int i = 0; i < act->n; i++) {
    const dyad__mention *m = &x->m[act->idx[i]];
    if (m->end > at) continue;
    int ok = 1;
    for (int w = m->end; w < at && ok; w++) {
      const char *f = tk[w].form;
      ok = (f[0] >= 'A' && f[0] <= 'Z') || !strcmp(f, "and") || !strcmp(f, "&") ||
           !strcmp(f, "of") || !strcmp(f, "-") || !strcmp(f, "(") || !strcmp(f, ")");
    }
    if (ok) return 1;
  }
  return 0;
}

static int resolve_one(dyad__sent *x, int h, dyad__actor_ref *out, int max) {
  const dyad__tree *t = &x->t;
  if (max <= 0 || x->depth > 6) return 0;
  if (is_pronoun(&t->tok[h]) && x->mention_at[h] < 0) {
    int a = antecedent(x, h);
    if (a < 0) return 0;
    x->depth++;
    int k = dyad__resolve_np(x, a, out, max);
    x->depth--;
    return k;
  }
  unsigned char *in = x->scratch; /* reused: not needed after this scan */
  int lo = t->left[h], hi = t->right[h];
  memset(in + lo, 0, (size_t)(hi - lo + 1));
  mark_core(t, h, in);
  /* A company's legal form belongs to the name before it however the
   * parser hung it ("Turkey Steel Co" with "Steel Co" an apposition of
   * "Turkey", "Brown and Co" a conjunct): a subtree hanging on the phrase's
   * words, right after them, of capitalized words ending in the form. */
  for (int c = lo + 1; c <= hi; c++) {
    int r = t->right[c], l = t->left[c], mi = x->mention_at[r];
    if (in[c] || mi < 0 || !x->m[mi].corp || t->head[c] < lo || t->head[c] > hi ||
        !in[t->head[c]] || l <= lo || !in[l - 1])
      continue;
    int ok = 1;
    for (int w = l; w <= r && ok; w++) {
      const char *f = t->tok[w].form;
      ok = (f[0] >= 'A' && f[0] <= 'Z') || !strcmp(f, "and") || !strcmp(f, "&");
    }
    if (ok) memset(in + l, 1, (size_t)(r - l + 1));
  }
  mlist act, ag;
  core_mentions(x, in, lo, hi, h, &act, &ag);
  const dyad_dict *d = x->dict;
  /* Agent codes in surface order. */
  const char *agents[8];
  int agent_before[8], nag = 0;
  uint32_t first_agent = DYAD__NONE;
  for (int i = 0; i < ag.n; i++) {
    /* a company's legal form counts for a place named in the company's
     * own name only: "Mobil Oil Singapore Pte Ltd", "Gold Mining Corp of
     * Ghana", not "Dai-Ichi Hotel Ltd's 50 mln Swiss franc issue" */
    int at = x->m[ag.idx[i]].start;
    if (x->m[ag.idx[i]].corp && !corp_names_actor(x, &act, at) &&
        !(at + 1 < x->t.n && !strcmp(x->s->tokens[at + 1].form, "of"))) { /* "Corp of Ghana" */
      memmove(ag.idx + i, ag.idx + i + 1, (size_t)(ag.n - i - 1) * sizeof ag.idx[0]);
      ag.n--;
      i--;
      continue;
    }
    const dyad__dict_entry *e = &d->entries[x->m[ag.idx[i]].entry];
    const dyad__agent *g = &d->agents[e->record];
    agents[nag] = dyad__dict_str(d, g->code);
    agent_before[nag++] = g->place == DYAD__AGENT_BEFORE;
    if (first_agent == DYAD__NONE) first_agent = x->m[ag.idx[i]].entry;
  }
  int k = 0;
  /* The first actor named (with a code on the date) wins, as PETRARCH
   * reads a noun phrase left to right: "Gondor's Prime Minister Falastur"
   * is Gondor's government. */
  for (int ai = 0; ai < act.n; ai++) {
    const dyad__mention *m = &x->m[act.idx[ai]];
    const dyad__dict_entry *e = &d->entries[m->entry];
    uint32_t line = 0;
    const char *code = actor_code(d, e->record, x->date, &line);
    /* ... unless a later actor of the phrase says the same more precisely:
     * "U.S. President Barack Obama" is USAGOV, not USA; and a person whose
     * code is the one the phrase makes is the entry that matched:
     * "Turkish Foreign Minister Hakan Fidan" is TURGOV from Fidan's entry,
     * the whole phrase its words. */
    int first_start = m->start;
    for (int aj = ai + 1; code && aj < act.n; aj++) {
      const dyad__mention *m2 = &x->m[act.idx[aj]];
      uint32_t line2 = 0;
      const char *code2 = actor_code(d, d->entries[m2->entry].record, x->date, &line2);
      /* compared with the code the phrase's agents make: "French Finance
       * Minister Edouard Balladur" stays FRAGOV (the person being FRAELI) */
      char full[DYAD__CODE_MAX];
      set_code(full, code);
      for (int i = 0; i < nag; i++) compose(full, agents[i], agent_before[i]);
      size_t cl = strlen(full);
      if (code2 && strlen(code2) >= cl && !strncmp(code2, full, cl) &&
          (strlen(code2) > cl || strlen(code2) > 3) &&
          t->rel[mention_head(t, m2)] != DYAD__R_CONJ) {
        m = m2;
        code = code2;
        line = line2;
        ai = aj;
      }
    }
    if (code) {
      dyad__actor_ref *r = &out[k++];
      set_code(r->code, code);
      for (int i = 0; i < nag; i++) compose(r->code, agents[i], agent_before[i]);
      r->head = h;
      r->start = first_start < lo ? lo : first_start;
      r->end = m->end;
      for (int i = 0; i < ag.n; i++) {
        const dyad__mention *g = &x->m[ag.idx[i]];
        if (g->start < r->start) r->start = g->start;
        if (g->end > r->end) r->end = g->end;
      }
      r->actor_entry = m->entry;
      r->agent_entry = first_agent;
      r->code_line = line;
      /* "Chinese leader Xi Jinping" with the name as an apposition: a name
       * whose code extends the phrase's says the same more precisely. */
      DYAD__FOR_CHILDREN(t, h, c) {
        if (t->rel[c] != DYAD__R_APPOS || c == x->exclude || x->depth > 4) continue;
        dyad__actor_ref ap;
        x->depth++;
        int got = dyad__resolve_np(x, c, &ap, 1);
        x->depth--;
        size_t cl = strlen(r->code);
        if (got && strlen(ap.code) > cl && !strncmp(ap.code, r->code, cl)) {
          set_code(r->code, ap.code);
          r->actor_entry = ap.actor_entry;
          r->code_line = ap.code_line;
          if (ap.end > r->end && ap.start <= r->end + 1) r->end = ap.end; /* adjacent */
          break;
        }
      }
      /* "Russian and Turkish officials", "Eriadori and Calenardhon
       * leaders": later actors of the phrase coordinated with this one
       * name actors of their own, with the same agents. */
      int mh = mention_head(t, m);
      for (int aj = ai + 1; aj < act.n && k < max; aj++) {
        const dyad__mention *m2 = &x->m[act.idx[aj]];
        int h2 = mention_head(t, m2);
        if (t->rel[h2] != DYAD__R_CONJ || t->head[h2] != mh) continue;
        const dyad__dict_entry *e2 = &d->entries[m2->entry];
        uint32_t line2 = 0;
        const char *code2 = actor_code(d, e2->record, x->date, &line2);
        if (!code2) continue;
        dyad__actor_ref *r2 = &out[k++];
        *r2 = *r;
        set_code(r2->code, code2);
        for (int i = 0; i < nag; i++) compose(r2->code, agents[i], agent_before[i]);
        r2->start = m2->start;
        r2->end = r->end > m2->end ? r->end : m2->end;
        r2->actor_entry = m2->entry;
        r2->code_line = line2;
      }
      return k;
    }
  }
  /* Nothing in the phrase's own words: its modifiers and appositions. */
  DYAD__FOR_CHILDREN(t, h, c) {
    dyad__rel r = (dyad__rel)t->rel[c];
    if (r != DYAD__R_NMOD && r != DYAD__R_APPOS && r != DYAD__R_OBL) continue;
    if (c == x->exclude) continue;
    if (r != DYAD__R_APPOS) {
      char buf[32];
      const char *p = dyad__tree_case(t, c, buf, sizeof buf);
      if (!p || (strcmp(p, "of") && strcmp(p, "from") && strcmp(p, "in") &&
                 strcmp(p, "for") && strcmp(p, "at") && strcmp(p, "by")))
        continue;
      /* "troops in Iraq" are Iraq's troops; "strong winds in south
       * China" are no Chinese actor: a place gives its code only to
       * people the dictionaries name (an agent) */
      if (nag == 0 && (!strcmp(p, "in") || !strcmp(p, "at")) && !person_like(&t->tok[h]) &&
          !x->people_above)
        continue;
    }
    int above = x->people_above;
    char ob[32];
    const char *op = r != DYAD__R_APPOS ? dyad__tree_case(t, c, ob, sizeof ob) : NULL;
    x->people_above = op && !strcmp(op, "of") && (nag > 0 || person_like(&t->tok[h]) || above);
    x->depth++;
    int got = dyad__resolve_np(x, c, out + k, max - k);
    x->depth--;
    x->people_above = above;
    for (int j = k; j < k + got; j++) {
      /* "soldiers from Gondor": the country's code, with our agents. */
      for (int i = 0; i < nag; i++) compose(out[j].code, agents[i], agent_before[i]);
      if (out[j].agent_entry == DYAD__NONE) out[j].agent_entry = first_agent;
      if (first_agent != DYAD__NONE) {
        const dyad__mention *g = &x->m[ag.idx[0]];
        if (g->start < out[j].start) out[j].start = g->start;
      }
      out[j].head = h;
    }
    k += got;
    if (k) return k;
  }
  /* A company's legal form alone names no actor: "Alpha Industries Inc"
   * is as unknown as "Alpha Industries". */
  int named = 0;
  for (int i = 0; i < ag.n; i++) named |= !x->m[ag.idx[i]].corp;
  if (nag > 0 && named) {
    dyad__actor_ref *r = &out[k++];
    set_code(r->code, "---");
    for (int i = 0; i < nag; i++) compose(r->code, agents[i], agent_before[i]);
    r->head = h;
    r->start = x->m[ag.idx[0]].start;
    r->end = x->m[ag.idx[ag.n - 1]].end;
    r->actor_entry = DYAD__NONE;
    r->agent_entry = first_agent;
    r->code_line = 0;
  }
  return k;
}

int dyad__resolve_np(dyad__sent *x, int h, dyad__actor_ref *out, int max) {
  const dyad__tree *t = &x->t;
  if (h < 0 || max <= 0) return 0;
  int k = resolve_one(x, h, out, max);
  int first = k;
  /* "Evil Mordor, the awful Arnor, and good Gondor", "Mordor, the Shire,
   * Arnor and Bree": in a list, an apposition naming an actor of its own
   * is one more item (its own conjuncts included). */
  if (k > 0) {
    int has_conj = dyad__tree_child(t, h, DYAD__R_CONJ) >= 0;
    DYAD__FOR_CHILDREN(t, h, c) {
      if (t->rel[c] != DYAD__R_APPOS || t->is_verb[c] || k >= max) continue;
      if (!has_conj && dyad__tree_child(t, c, DYAD__R_CONJ) < 0) continue;
      x->depth++;
      k += dyad__resolve_np(x, c, out + k, max - k);
      x->depth--;
    }
  }
  /* Conjuncts, including those a parser chained below another conjunct
   * ("Russia, Turkey and Iran" as Russia <- Turkey <- Iran). */
  int conj[32], nconj = 0;
  DYAD__FOR_CHILDREN(t, h, c) {
    if (t->rel[c] == DYAD__R_CONJ && !t->is_verb[c] && nconj < 32) conj[nconj++] = c;
  }
  for (int ci = 0; ci < nconj; ci++)
    DYAD__FOR_CHILDREN(t, conj[ci], c) {
      if (t->rel[c] == DYAD__R_CONJ && !t->is_verb[c] && nconj < 32) conj[nconj++] = c;
    }
  for (int ci = 0; ci < nconj; ci++) {
    int c = conj[ci];
    if (k >= max) break;
    int got = resolve_one(x, c, out + k, max - k);
    /* "Danish media and government", "lawmakers and officials in Arnor":
     * a conjunct that names only an agent shares the actors of the first
     * conjunct (DNKMED and DNKGOV; ARNLEG and ARNGOV). */
    if (got == 1 && out[k].actor_entry == DYAD__NONE && !strncmp(out[k].code, "---", 3) &&
        first > 0) {
      dyad__actor_ref agent = out[k];
      int made = 0;
      for (int i = 0; i < first && k + made < max; i++) {
        if (out[i].actor_entry == DYAD__NONE) continue;
        const dyad__dict_entry *e = &x->dict->entries[out[i].actor_entry];
        const char *base = actor_code(x->dict, e->record, x->date, NULL);
        if (!base) continue;
        dyad__actor_ref *r = &out[k + made++];
        *r = agent;
        set_code(r->code, base);
        compose(r->code, agent.code + 3, 0);
        r->actor_entry = out[i].actor_entry;
      }
      if (made) got = made;
    }
    k += got;
  }
  dyad__share_abbrev_agents(x, out, first, k);
  return k;
}

void dyad__share_abbrev_agents(dyad__sent *x, dyad__actor_ref *out, int first, int k) {
  /* "US and British activists", "EU and Turkish officials": an
   * abbreviation used as a modifier shares the agents of the conjunct it
   * is listed with (USAOPP and GBROPP). */
  const dyad__tree *t = &x->t;
  if (first != 1 || k < 2 || out[0].agent_entry != DYAD__NONE || out[0].end - out[0].start != 1 ||
      strlen(out[0].code) != 3)
    return;
  const char *f = t->tok[out[0].start].form;
  int abbr = strlen(f) >= 2 && strlen(f) <= 3;
  for (const char *q = f; *q && abbr; q++) abbr = *q >= 'A' && *q <= 'Z';
  const dyad__actor_ref *o = &out[first];
  if (abbr && o->agent_entry != DYAD__NONE && o->actor_entry != DYAD__NONE &&
      strlen(o->code) > 3 && !strcmp(t->tok[o->head].upos, "NOUN"))
    compose(out[0].code, o->code + 3, 0);
}

/* Object control: "urged Syria to withdraw", "pressured Obama to help":
 * an infinitive below a verb with an object takes that object as its
 * subject.  The few subject-control verbs that take objects are listed. */
static int subject_control(const dyad_token *k) {
  static const char *const v[] = {"promise", "vow", "pledge", "threaten", NULL};
  for (int i = 0; v[i]; i++)
    if (dyad__tok_is(k, v[i])) return 1;
  return 0;
}

/* Verbs whose object does what the "to" clause says. */
static int object_control(const dyad_token *k) {
  static const char *const v[] = {"pressure", "urge", "ask", "force", "persuade", "press",
                                  "encourage", "push", "order", "tell", "invite", "allow",
                                  "compel", "convince", "request", "call", "appeal",
                                  "advise", "warn", "instruct", "authorize", "permit", NULL};
  for (int i = 0; v[i]; i++)
    if (dyad__tok_is(k, v[i])) return 1;
  return 0;
}

int dyad__subject_of(const dyad__tree *t, int v, int *passive) {
  int depth = 0;
  *passive = 0;
  int pas = dyad__tree_child(t, v, DYAD__R_AUX_PASS) >= 0;
  int own = 1; /* still at v or a conjunct sharing its voice */
  while (v >= 0 && depth++ < 16) {
    int s = dyad__tree_nsubj(t, v);
    if (s >= 0) {
      *passive = pas;
      return s;
    }
    s = dyad__tree_child(t, v, DYAD__R_NSUBJ_PASS);
    if (s >= 0) {
      /* "Gollum was seen to break into": the subject of "seen" is the
       * (active) subject of "break"; "was arrested and charged": the
       * conjunct shares the passive. */
      *passive = own ? 1 : pas;
      return s;
    }
    int h = t->head[v];
    if (h < 0) return -1;
    dyad__rel r = (dyad__rel)t->rel[v];
    /* A "to" clause under a verb of pressure or request is its object's to
     * do, even where a parser calls it adverbial ("pressuring Obama to
     * help Iran"); other adverbial "to" clauses are purposes of the
     * subject ("sent troops to help Syria"). */
    if (r == DYAD__R_ADVCL && dyad__infinitive_mark(t, v) && object_control(&t->tok[h]))
      r = DYAD__R_XCOMP;
    /* "accused Russia of shelling a hospital": Russia shelled, allegedly */
    if (dyad__accusation_clause(t, v)) {
      int ah = r == DYAD__R_ACL ? t->head[h] : h;
      *passive = 0;
      return dyad__tree_child(t, ah, DYAD__R_OBJ);
    }
    if (r == DYAD__R_XCOMP) {
      int o = dyad__tree_child(t, h, DYAD__R_OBJ);
      if (o < 0) o = dyad__tree_child(t, h, DYAD__R_IOBJ);
      if (o >= 0 && !subject_control(&t->tok[h])) {
        *passive = pas;
        return o;
      }
      own = 0;
      v = h;
      continue;
    }
    if (r == DYAD__R_CONJ) {
      v = h;
      continue;
    }
    if (r == DYAD__R_ADVCL || r == DYAD__R_CCOMP) {
      own = 0;
      v = h;
      continue;
    }
    if (r == DYAD__R_ACL && dyad__infinitive_mark(t, v)) {
      /* "pressure from Congress to help Iran": whoever is to help is not
       * the noun; the clause has no subject of its own. */
      return -1;
    }
    if (r == DYAD__R_ACL || r == DYAD__R_RELCL) {
      /* "an attack launched by X": the noun is what was acted on. */
      const char *x = t->tok[v].xpos;
      if (r == DYAD__R_ACL && !strcmp(x, "VBN") && dyad__tree_child(t, v, DYAD__R_OBJ) < 0)
        pas = 1;
      *passive = pas;
      return h;
    }
    return -1;
  }
  return -1;
}

/* A pronoun object followed by its verb's xcomp, under a verb that is not
 * one of pressure or request, is the subject of that clause: "Ethiopia
 * indicated it deplored Libya", read with "it" as the object of
 * "indicated", is still Ethiopia deploring.  ("The US urged it to stop"
 * keeps "it" apart from the US.) */
static int lower_subject(const dyad__tree *t, int h) {
  int v = t->head[h];
  if (v < 0 || t->rel[h] != DYAD__R_OBJ || object_control(&t->tok[v])) return 0;
  DYAD__FOR_CHILDREN(t, v, c) {
    if (c > h && t->rel[c] == DYAD__R_XCOMP) return 1;
  }
  return 0;
}

/* The antecedent of a pronoun: the nearest subject of an enclosing clause
 * ("Ethiopia indicated it would act" -> Ethiopia); reflexives take the
 * subject of their own clause. */
static int antecedent(dyad__sent *x, int h) {
  const dyad__tree *t = &x->t;
  /* A relative pronoun stands for the noun its clause modifies: "the
   * group that has seized parts of Iraq". */
  if (t->head[h] >= 0 && t->rel[t->head[h]] == DYAD__R_RELCL) {
    const dyad_token *k = &t->tok[h];
    if (!strncmp(k->xpos, "W", 1) || dyad__tok_is(k, "that") || dyad__tok_is(k, "which") ||
        dyad__tok_is(k, "who") || dyad__tok_is(k, "whom"))
      return t->head[t->head[h]];
  }
  const char *f = t->tok[h].fold;
  int reflexive = f && strlen(f) > 4 && (strstr(f, "self") != NULL);
  int v = t->head[h];
  int steps = 0;
  while (v >= 0 && steps++ < 16) {
    if (t->is_verb[v] || t->rel[v] == DYAD__R_ROOT) {
      int pas;
      int s = dyad__subject_of(t, v, &pas);
      if (s >= 0 && s != h && !is_pronoun(&t->tok[s]) && (reflexive || !(t->left[s] <= h && h <= t->right[s]))) {
        if (reflexive || t->head[h] != v || lower_subject(t, h)) return s;
      }
    }
    v = t->head[v];
  }
  return -1;
}

/* Prepositions that place a phrase in time, not among the participants. */
int dyad__temporal_prep(const char *p) {
  static const char *const v[] = {"after", "before", "during", "since", "until",
                                  "till", "throughout", "amid", "despite", NULL};
  for (int i = 0; p && v[i]; i++)
    if (!strcmp(p, v[i])) return 1;
  return 0;
}

int dyad__topic_of_meeting(const dyad__tree *t, int noun, int mod) {
  static const char *const meetings[] = {"summit", "talks", "talk", "meeting", "conference",
                                         "negotiation", "discussion", "session", NULL};
  int m = 0;
  for (int i = 0; meetings[i] && !m; i++) m = dyad__tok_is(&t->tok[noun], meetings[i]);
  if (!m) return 0;
  char cb[32];
  const char *p = dyad__tree_case(t, mod, cb, sizeof cb);
  return p && (!strcmp(p, "on") || !strcmp(p, "about") || !strcmp(p, "over") ||
               !strcmp(p, "regarding") || !strcmp(p, "concerning"));
}

int dyad__resolve_deep(dyad__sent *x, int h, dyad__actor_ref *out, int max, int depth) {
  const dyad__tree *t = &x->t;
  int k = dyad__resolve_np(x, h, out, max);
  if (k || depth > 8) return k;
  DYAD__FOR_CHILDREN(t, h, c) {
    dyad__rel r = (dyad__rel)t->rel[c];
    if (r != DYAD__R_NMOD && r != DYAD__R_OBL && r != DYAD__R_APPOS && r != DYAD__R_ACL &&
        r != DYAD__R_RELCL && r != DYAD__R_OBJ && r != DYAD__R_IOBJ && r != DYAD__R_XCOMP &&
        r != DYAD__R_COMPOUND)
      continue;
    if (t->is_verb[c] && r != DYAD__R_ACL && r != DYAD__R_RELCL) continue;
    if (c == x->exclude) continue;
    /* "executed a man for spying for Israel": what the man is punished
     * for is his act, not who was executed */
    if (dyad__accusation_clause(t, c)) continue;
    char buf[32];
    if (dyad__temporal_prep(dyad__tree_case(t, c, buf, sizeof buf))) continue;
    if (dyad__topic_of_meeting(t, h, c)) continue;
    k = dyad__resolve_deep(x, c, out, max, depth + 1);
    if (k) return k;
  }
  return 0;
}
