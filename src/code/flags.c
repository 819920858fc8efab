#include "code/flags.h"

#include <stdlib.h>
#include <string.h>

static int in_list(const dyad_token *k, const char *const *list) {
  for (; *list; list++)
    if (dyad__tok_is(k, *list)) return 1;
  return 0;
}

static int word_in(const char *w, const char *const *list) {
  if (!w) return 0;
  for (; *list; list++)
    if (!strcmp(w, *list)) return 1;
  return 0;
}

static const char *const NEG_HEADS[] = {"refuse", "decline", "fail", "reject",
                                        "deny", "avoid", "cease", "stop",
                                        "halt", NULL};
static const char *const FUT_AUX[] = {"will", "shall", "wo", "'ll", NULL};
static const char *const HYP_AUX[] = {"would", "could", "might", "may",
                                      "should", "can", "ca", "must", "'d", NULL};
static const char *const FUT_HEADS[] = {"plan", "intend", "expect", "schedule",
                                        "prepare", "aim", "set", "due", "about",
                                        "go", "vow", "pledge", "promise",
                                        "decide", "agree", NULL};
/* Nouns whose infinitive names an aim, not an act: "efforts to counter
 * Islamic State", "a bid to end the war", "calls to boycott"; and those
 * whose infinitive is planned ("a plan to attack", "the decision to
 * withdraw"). */
static const char *const HYP_NOUNS[] = {"effort", "attempt", "bid", "call", "push",
                                        "proposal", "threat", "offer", "right", "need",
                                        "willingness", "readiness", "pressure", "demand",
                                        "request", "appeal", "campaign", "drive", "way",
                                        "chance", "opportunity", "ability", "power",
                                        "attempts", "efforts", "calls", "move", "initiative",
                                        "mandate", "authority", "authorization",
                                        "permission", "order", "invitation", "option",
                                        "desire", "wish", "hope", "ambition", "strategy",
                                        "idea", "motion", "resolution", "measure",
                                        "bill", "legislation", "law", NULL};
static const char *const FUT_NOUNS[] = {"plan", "plans", "intention", "decision", "pledge",
                                        "promise", "commitment", "agreement", "deal",
                                        "vow", "pact", "accord", "undertaking", NULL};
static const char *const HYP_HEADS[] = {"urge", "ask", "want", "call", "hope",
                                        "wish", "seek", "propose", "suggest",
                                        "consider", "demand", "request",
                                        "encourage", "press", "try", "attempt",
                                        "threaten", "offer", "invite",
                                        "appeal", "need", "like", "allow",
                                        "permit", "able", "ready", "willing",
                                        "likely", "possible", "pressure", "push",
                                        "persuade", "convince", "order", "instruct",
                                        "advise", "warn", NULL};
static const char *const SPEECH[] = {"say", "tell", "announce", "report",
                                     "claim", "state", "add", "insist",
                                     "allege", "declare", "confirm", "note",
                                     "argue", "write", "quote", "warn",
                                     "stress", "explain", "assert",
                                     "acknowledge", "admit", "reiterate",
                                     "contend", "maintain", NULL};
static const char *const COND_MARKS[] = {"if", "unless", "whether", "lest", NULL};
static const char *const PAST_PREPS[] = {"since", "in", "during", "throughout",
                                         "until", "till", "before", "from", NULL};
static const char *const PAST_WORDS[] = {"ago", "formerly", "previously",
                                         "once", NULL};

static int year_of(const dyad_token *k) {
  const char *s = k->form;
  size_t n = strlen(s);
  if (n == 4 && s[0] >= '1' && s[0] <= '2') {
    for (int i = 0; i < 4; i++)
      if (s[i] < '0' || s[i] > '9') return 0;
    return atoi(s);
  }
  return 0;
}

/* "1990s", "2000s", "'90s" */
static int is_decade(const dyad_token *k) {
  const char *s = k->form;
  size_t n = strlen(s);
  return n == 5 && s[4] == 's' && s[3] == '0' && s[0] >= '1' && s[0] <= '2';
}

static int has_aux(const dyad__tree *t, int v, const char *const *list) {
  DYAD__FOR_CHILDREN(t, v, c) {
    if ((t->rel[c] == DYAD__R_AUX || t->rel[c] == DYAD__R_AUX_PASS) &&
        in_list(&t->tok[c], list))
      return 1;
  }
  return 0;
}

static int has_neg(const dyad__tree *t, int v) {
  DYAD__FOR_CHILDREN(t, v, c) {
    if (t->rel[c] == DYAD__R_NEG) return 1;
    if ((t->rel[c] == DYAD__R_ADVMOD || t->rel[c] == DYAD__R_DET) &&
        (dyad__tok_is(&t->tok[c], "never") || dyad__tok_is(&t->tok[c], "not")))
      return 1;
  }
  return 0;
}

/* Historical time expression among v's temporal and oblique dependents. */
static int historical(const dyad__tree *t, int v, int article_year) {
  DYAD__FOR_CHILDREN(t, v, c) {
    dyad__rel r = (dyad__rel)t->rel[c];
    if (r == DYAD__R_ADVMOD && in_list(&t->tok[c], PAST_WORDS)) return 1;
    if (r != DYAD__R_OBL && r != DYAD__R_TMOD && r != DYAD__R_NPMOD &&
        r != DYAD__R_ADVCL && r != DYAD__R_NMOD)
      continue;
    char buf[32];
    const char *prep = dyad__tree_case(t, c, buf, sizeof buf);
    const dyad_token *k = &t->tok[c];
    int y = year_of(k);
    if (prep && !strcmp(prep, "since") && (y || is_decade(k))) return 1;
    if (prep && !strcmp(prep, "in") && dyad__tok_is(k, "past")) return 1;
    if (is_decade(k) && (!prep || word_in(prep, PAST_PREPS))) return 1;
    if (y && article_year && y < article_year && (!prep || word_in(prep, PAST_PREPS)))
      return 1;
    /* "five years ago", "years of tensions" */
    if (dyad__tok_is(k, "year") || dyad__tok_is(k, "years") || dyad__tok_is(k, "decade") ||
        dyad__tok_is(k, "decades")) {
      DYAD__FOR_CHILDREN(t, c, g) {
        if (dyad__tok_is(&t->tok[g], "ago")) return 1;
      }
    }
    /* a year inside the modifier: "in March 2015", "in the spring of 2014" */
    for (int i = t->left[c]; i <= t->right[c]; i++) {
      int yy = year_of(&t->tok[i]);
      if (yy && article_year && yy < article_year && word_in(prep, PAST_PREPS)) return 1;
    }
  }
  /* A parser's "signed [a treaty in 1979]": a past year hung on the
   * object with "in" or "during" dates the act. */
  DYAD__FOR_CHILDREN(t, v, o) {
    if (t->rel[o] != DYAD__R_OBJ) continue;
    DYAD__FOR_CHILDREN(t, o, c) {
      if (t->rel[c] != DYAD__R_NMOD) continue;
      char buf[32];
      const char *prep = dyad__tree_case(t, c, buf, sizeof buf);
      if (!prep || (strcmp(prep, "in") && strcmp(prep, "during"))) continue;
      int y = year_of(&t->tok[c]);
      if (is_decade(&t->tok[c]) || (y && article_year && y < article_year)) return 1;
    }
  }
  return 0;
}


/* A finite verb in the present ("heads", "recognise"), with no auxiliary
 * of the past or perfect ("has recognised", "did recognise"). */
static int present_tense(const dyad__tree *t, int v) {
  const char *x = t->tok[v].xpos;
  if (strcmp(x, "VBZ") && strcmp(x, "VBP")) return 0;
  DYAD__FOR_CHILDREN(t, v, c) {
    if (t->rel[c] == DYAD__R_AUX || t->rel[c] == DYAD__R_AUX_PASS) return 0;
  }
  return 1;
}

/* A conjunct or complement verb after a comma, with a subject of its own
 * and no "and", object or clause: a parser's reading of an attribution
 * ("Iran tested a missile, the agency says"), not a second act or what
 * the event's verb says. */
static int attribution_conj(const dyad__tree *t, int c) {
  if ((t->rel[c] != DYAD__R_CONJ && t->rel[c] != DYAD__R_CCOMP) || !t->is_verb[c] ||
      dyad__tree_nsubj(t, c) < 0)
    return 0;
  int comma = 0; /* a comma of its own, or right before its words */
  DYAD__FOR_CHILDREN(t, c, k) {
    dyad__rel r = (dyad__rel)t->rel[k];
    if (r == DYAD__R_CC || r == DYAD__R_OBJ || r == DYAD__R_CCOMP || r == DYAD__R_XCOMP)
      return 0;
    if (r == DYAD__R_PUNCT && k < c && !strcmp(t->tok[k].form, ",")) comma = 1;
  }
  int l = t->left[c];
  return comma || !strcmp(t->tok[l].form, ",") || (l > 0 && !strcmp(t->tok[l - 1].form, ","));
}

unsigned dyad__predicate_flags(const dyad__tree *t, int v, int article_year,
                               int *speaker, const char **why) {
  unsigned f = 0;
  *speaker = -1;
  *why = "";
  if (has_neg(t, v)) { f |= DYAD__FLAG_NEGATED; *why = "negation on the verb"; }
  if (has_aux(t, v, HYP_AUX)) {
    f |= DYAD__FLAG_HYPOTHETICAL;
    if (!**why) *why = "modal auxiliary";
  }
  if (has_aux(t, v, FUT_AUX)) {
    f |= DYAD__FLAG_FUTURE;
    if (!**why) *why = "future auxiliary";
  }
  DYAD__FOR_CHILDREN(t, v, c) {
    if (t->rel[c] == DYAD__R_MARK && in_list(&t->tok[c], COND_MARKS)) {
      f |= DYAD__FLAG_HYPOTHETICAL;
      if (!**why) *why = "conditional clause";
    }
  }
  if (historical(t, v, article_year)) {
    f |= DYAD__FLAG_HISTORICAL;
    if (!**why) *why = "placed in the past by a time expression";
  }
  /* Walk up the clause chain: conj shares its first conjunct's context;
   * xcomp/ccomp/advcl inherit from the verb they depend on. */
  int cur = v, depth = 0;
  while (depth++ < 32) {
    int h = t->head[cur];
    if (h < 0) break;
    dyad__rel r = (dyad__rel)t->rel[cur];
    const dyad_token *hk = &t->tok[h];
    if (r == DYAD__R_CONJ) {
      /* "A met and did not sign": negation of the first conjunct does not
       * spread; its modals and embedding do. */
      if (has_aux(t, h, HYP_AUX) && !has_aux(t, cur, HYP_AUX)) f |= DYAD__FLAG_HYPOTHETICAL;
      if (has_aux(t, h, FUT_AUX)) f |= DYAD__FLAG_FUTURE;
      cur = h;
      continue;
    }
    if (r == DYAD__R_XCOMP) {
      if (in_list(hk, NEG_HEADS)) { f |= DYAD__FLAG_NEGATED; if (!**why) *why = "embedded under a refusal"; }
      else if (has_neg(t, h)) { f |= DYAD__FLAG_NEGATED; if (!**why) *why = "embedding verb negated"; }
      if (in_list(hk, FUT_HEADS)) { f |= DYAD__FLAG_FUTURE; if (!**why) *why = "intention or plan"; }
      else if (in_list(hk, HYP_HEADS)) { f |= DYAD__FLAG_HYPOTHETICAL; if (!**why) *why = "wished for or asked for"; }
      if (has_aux(t, h, HYP_AUX)) f |= DYAD__FLAG_HYPOTHETICAL;
      if (has_aux(t, h, FUT_AUX)) f |= DYAD__FLAG_FUTURE;
      if (dyad__tree_child(t, h, DYAD__R_COP) >= 0 && dyad__tok_is(hk, "about"))
        f |= DYAD__FLAG_FUTURE;
      cur = h;
      continue;
    }
    if (r == DYAD__R_CCOMP || r == DYAD__R_PARATAXIS) {
      /* "the Kremlin denied that Putin had met Prigozhin" */
      if (r == DYAD__R_CCOMP && (dyad__tok_is(hk, "deny") || dyad__tok_is(hk, "denied") ||
                                 dyad__tok_is(hk, "denies") || dyad__tok_is(hk, "reject"))) {
        f |= DYAD__FLAG_NEGATED | DYAD__FLAG_REPORTED;
        if (!**why) *why = "denied by the speaker";
        if (*speaker < 0) *speaker = dyad__tree_nsubj(t, h);
        break;
      }
      if (in_list(hk, SPEECH)) {
        f |= DYAD__FLAG_REPORTED;
        if (!**why) *why = "reported speech";
        if (*speaker < 0) *speaker = dyad__tree_nsubj(t, h);
      } else if (in_list(hk, HYP_HEADS)) {
        f |= DYAD__FLAG_HYPOTHETICAL;
      }
      break;
    }
    if (r == DYAD__R_ACL && dyad__accusation_clause(t, cur)) {
      /* "jailed a Ukrainian soldier for shelling Belgorod", the clause
       * hung on the object: the allegation of the upper verb's subject */
      f |= DYAD__FLAG_REPORTED;
      if (!**why) *why = "blamed or credited by the subject of the upper verb";
      if (*speaker < 0 && t->head[h] >= 0) *speaker = dyad__tree_nsubj(t, t->head[h]);
      break;
    }
    /* the noun right before the infinitive's "to", whether the parser hung
     * the clause on it or on the verb above ("discuss efforts to counter") */
    int before = -1;
    if ((r == DYAD__R_ACL || r == DYAD__R_ADVCL || r == DYAD__R_XCOMP) &&
        dyad__infinitive_mark(t, cur)) {
      int m = dyad__tree_child(t, cur, DYAD__R_MARK);
      if (m > 0 && t->head[m - 1] >= 0 && !strcmp(t->tok[m - 1].upos, "NOUN") &&
          (in_list(&t->tok[m - 1], FUT_NOUNS) || in_list(&t->tok[m - 1], HYP_NOUNS)))
        before = m - 1;
    }
    if (before >= 0 || (r == DYAD__R_ACL && dyad__infinitive_mark(t, cur))) {
      /* "met to discuss efforts to counter militants": the aim of a noun
       * (not "the first country to recognize") */
      if (before >= 0) hk = &t->tok[before];
      if (in_list(hk, FUT_NOUNS)) {
        f |= DYAD__FLAG_FUTURE;
        if (!**why) *why = "planned (the infinitive of a noun of planning)";
      } else if (in_list(hk, HYP_NOUNS)) {
        f |= DYAD__FLAG_HYPOTHETICAL;
        if (!**why) *why = "an aim (the infinitive of a noun of effort or request)";
      }
      break;
    }
    if (r == DYAD__R_ADVCL) {
      int m = dyad__tree_child(t, cur, DYAD__R_MARK);
      if (dyad__accusation_clause(t, cur)) {
        /* "Ukraine accused Russia of shelling a hospital": an allegation,
         * the accuser's */
        f |= DYAD__FLAG_REPORTED;
        if (!**why) *why = "blamed or credited by the subject of the upper verb";
        if (*speaker < 0) *speaker = dyad__tree_nsubj(t, h);
      } else if (m >= 0 && in_list(&t->tok[m], COND_MARKS)) {
        f |= DYAD__FLAG_HYPOTHETICAL;
      } else if (m >= 0 && present_tense(t, cur) &&
                 (dyad__tok_is(&t->tok[m], "until") || dyad__tok_is(&t->tok[m], "till"))) {
        /* "will not negotiate until Turkey recognises Greek rights": a
         * condition not yet met ("until the army withdrew" is a fact) */
        f |= DYAD__FLAG_HYPOTHETICAL;
        if (!**why) *why = "a condition not yet met (until + present tense)";
      } else if (m >= 0 && present_tense(t, cur) && dyad__tok_is(&t->tok[m], "before")) {
        /* "a day before Macron heads to Beijing": still to come */
        f |= DYAD__FLAG_FUTURE;
        if (!**why) *why = "still to come (before + present tense)";
      } else if (dyad__infinitive_mark(t, cur) && in_list(hk, HYP_HEADS)) {
        /* "pressuring Obama to help Iran" read as an adverbial clause */
        f |= DYAD__FLAG_HYPOTHETICAL;
        if (!**why) *why = "wished for or asked for";
      }
      break;
    }
    break;
  }
  /* "X attacked Y, officials said": the speech verb hangs below the event
   * (also as a conjunct: "Iran tested a missile, the agency says"). */
  DYAD__FOR_CHILDREN(t, v, c) {
    if ((t->rel[c] == DYAD__R_PARATAXIS || t->rel[c] == DYAD__R_CCOMP ||
         t->rel[c] == DYAD__R_ADVCL || attribution_conj(t, c)) &&
        in_list(&t->tok[c], SPEECH) && t->left[c] > v) {
      int subj = dyad__tree_nsubj(t, c);
      if (subj >= 0 && (t->rel[c] != DYAD__R_CCOMP || attribution_conj(t, c))) {
        f |= DYAD__FLAG_REPORTED;
        if (*speaker < 0) *speaker = subj;
      }
    }
  }
  return f;
}

const char *dyad__flags_names(unsigned flags, char *buf, size_t size) {
  static const char *names[] = {"negated", "hypothetical", "future", "reported", "historical", "self"};
  size_t len = 0;
  buf[0] = '\0';
  for (unsigned i = 0; i < 6; i++) {
    if (!(flags & (1u << i))) continue;
    size_t n = strlen(names[i]);
    if (len + n + 2 > size) break;
    if (len) buf[len++] = ',';
    memcpy(buf + len, names[i], n + 1);
    len += n;
  }
  return buf;
}

int dyad__flags_parse(const char *list, unsigned *flags) {
  static const char *names[] = {"negated", "hypothetical", "future", "reported", "historical", "self"};
  *flags = 0;
  while (list && *list) {
    size_t n = strcspn(list, ",");
    int found = 0;
    for (unsigned i = 0; i < 6; i++)
      if (strlen(names[i]) == n && !strncmp(list, names[i], n)) {
        *flags |= 1u << i;
        found = 1;
      }
    if (!found && n) return -1;
    list += n;
    if (*list == ',') list++;
  }
  return 0;
}
