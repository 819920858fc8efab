/*
 * tokenize.c -- words of a stretch of text, following UD English (EWT).
 *
 * The text is cut at whitespace into chunks, and each chunk into tokens:
 *  - URLs and e-mail addresses whole, minus trailing punctuation;
 *  - emoticons whole when they are the whole chunk (":-)", ";)");
 *  - words: letters, digits and marks, with inner periods ("U.S", "3.5",
 *    "e.g"), digit groups ("1,000.50"), times ("10:30"), apostrophes
 *    ("don't", "O'Brien"), slashes between digits ("9/11") and hyphens that
 *    EWT keeps: between digits ("713-853-3989") and after prefixes ("e-mail",
 *    "co-workers", "non-human"); every other hyphen is its own token, as EWT
 *    does since UD 2.x ("well - known").
 *  - a final period stays on abbreviations ("Mr.", "Inc.", "U.S.", "F.");
 *  - clitics become multiword tokens with exact spans: did+n't, ca+n't,
 *    wo+n't, Today+'s, I+'m, gon+na, can+not, and the apostrophe-less
 *    spellings of web text (dont = do+nt, im = i+m);
 *  - punctuation one character at a time, except runs that are one sign:
 *    "...", "--", "!!!", "?!", "''", "``".
 */
#include <stdlib.h>
#include <string.h>

#include "text/text.h"
#include "util/limits.h"

static int push(dyad__text *t, size_t s, size_t e, uint8_t flags) {
  dyad__words *w = &t->words;
  if (w->n == w->cap) {
    size_t cap = w->cap ? w->cap * 2 : 256;
    dyad__word *p = realloc(w->w, cap * sizeof *p);
    if (!p) return -1;
    w->w = p;
    w->cap = cap;
  }
  dyad__word *x = &w->w[w->n++];
  x->start = (uint32_t)s;
  x->end = (uint32_t)e;
  x->mwt = 0;
  x->space_after = 0;
  x->flags = flags;
  return 0;
}

/* A token longer than DYAD_MAX_TOKEN_BYTES is cut into pieces at code point
 * boundaries, and reported. */
static int push_token(dyad__text *t, size_t s, size_t e, uint8_t flags) {
  if (e - s <= DYAD_MAX_TOKEN_BYTES) return push(t, s, e, flags);
  dyad__text_diag(t, DYAD_DIAG_WARNING, s,
                  "token of %zu bytes split into pieces of at most %u bytes",
                  e - s, DYAD_MAX_TOKEN_BYTES);
  while (s < e) {
    size_t p = s + DYAD_MAX_TOKEN_BYTES;
    if (p >= e) p = e;
    else
      while (p > s + 1 && ((unsigned char)t->text[p] & 0xC0) == 0x80) p--;
    if (push(t, s, p, DYAD__W_SPLIT)) return -1;
    s = p;
  }
  return 0;
}

static uint32_t cp_at(const dyad__text *t, size_t i, size_t e, size_t *len) {
  unsigned char b = (unsigned char)t->text[i];
  if (b < 0x80) { /* the common case, without a call */
    if (len) *len = 1;
    return b;
  }
  uint32_t cp;
  size_t l = dyad__text_decode(t->text + i, e - i, &cp);
  if (len) *len = l;
  return cp;
}

/* Code point before position i (i > lo). */
static uint32_t cp_before(const dyad__text *t, size_t lo, size_t i) {
  size_t p = i - 1;
  while (p > lo && ((unsigned char)t->text[p] & 0xC0) == 0x80 && i - p < 4) p--;
  uint32_t cp;
  size_t l = dyad__text_decode(t->text + p, i - p, &cp);
  return l == i - p ? cp : 0xFFFD;
}

/* ASCII fast paths of the classes in normalize.c. */
static int is_space(uint32_t c) {
  if (c < 0x80) return c <= ' ' || c == 0x7F;
  return dyad__text_is_space(c);
}
static int is_wordc(uint32_t c) {
  if (c < 0x80) return (c >= '0' && c <= '9') || ((c | 32) >= 'a' && (c | 32) <= 'z');
  return dyad__text_is_wordchar(c);
}

static int is_digit(uint32_t c) { return c >= '0' && c <= '9'; }
static int is_apos(uint32_t c) { return c == '\'' || c == 0x2019 || c == '`'; }
static int is_hyphen(uint32_t c) { return c == '-' || c == 0x2010 || c == 0x2011; }

/* s[0..n) equals the lower-case word w, ignoring case.  No strlen: these
 * lists are searched for nearly every word. */
static int lower_eq(const char *s, size_t n, const char *w) {
  for (size_t i = 0; i < n; i++) {
    unsigned char c = (unsigned char)s[i];
    if (c >= 'A' && c <= 'Z') c = (unsigned char)(c - 'A' + 'a');
    if (!w[i] || c != (unsigned char)w[i]) return 0; /* the text may hold NULs */
  }
  return w[n] == '\0';
}

static int in_list(const char *s, size_t n, const char *const *list) {
  for (; *list; list++)
    if (lower_eq(s, n, *list)) return 1;
  return 0;
}

/* Prefixes whose hyphen EWT keeps inside the word (counted on EWT train:
 * e-mail, co-workers, non-human, pre-owned, post-war, pro-India, ex-members,
 * multi-national, mid-August, re-read, anti-ship, semi-automatic). */
static const char *const keep_prefix[] = {
    "e", "co", "non", "pre", "post", "pro", "ex", "multi", "mid", "re", "anti",
    "semi", "inter", "intra", "sub", "un", "bi", "tri", "counter", "neo",
    "pseudo", "quasi", "ultra", "micro", "macro", "mini", "over", "under",
    "psycho", "socio", "euro", "cross", "arch", NULL};

/* Abbreviations that keep their period (compared case-insensitively,
 * without the period).  Words that are also ordinary English words ("may",
 * "sun", "me") are left out: a period after them is a full stop. */
static const char *const abbrevs[] = {
    "mr", "mrs", "ms", "dr", "prof", "sr", "jr", "st", "mt", "ft", "gen",
    "lt", "col", "maj", "capt", "cmdr", "adm", "sgt", "cpl", "pvt", "gov",
    "sen", "rep", "reps", "rev", "hon", "pres", "supt", "amb", "messrs",
    "inc", "corp", "co", "ltd", "bros", "cos", "plc", "jan", "feb", "mar",
    "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "mon",
    "tue", "tues", "wed", "thu", "thur", "thurs", "fri", "vs", "etc", "al", "la",
    "spec", "eg", "lb", "lbs", "oz", "sec", "sc", "ibid",
    "approx", "dept", "est", "fig", "figs", "vol", "vols", "pp", "cf", "viz",
    "ave", "blvd", "rd", "hwy", "ste", "univ", "assn", "dist", "calif", "fla",
    "ga", "ill", "kan", "ky", "md", "mich", "minn", "mo", "mont", "neb",
    "nev", "okla", "ore", "pa", "tenn", "tex", "va", "vt", "wis", "wyo",
    "ariz", "ark", "colo", "conn", "del", "ala", "mass", "wash", "govt",
    "atty", "gen", "insp", "det", "cmdr", "sq", "no", "nos", "op", "ed",
    "eds", "ph", "esq", "mssrs", NULL};

/* Abbreviations that only keep their period before a number ("No. 5"). */
static const char *const num_abbrevs[] = {"no", "nos", "op", "vol", "fig", "p", "pp", NULL};

/* Multiword tokens written without apostrophe in web text, and their
 * split point (EWT train: dont = do+nt, cant = ca+nt, im = i+m, cannot =
 * can+not, gonna = gon+na). */
static const struct {
  const char *word;
  unsigned char cut;
} fused[] = {
    {"cannot", 3}, {"gonna", 3}, {"wanna", 3}, {"gotta", 3}, {"dont", 2},
    {"didnt", 3}, {"doesnt", 4}, {"isnt", 2}, {"wasnt", 3}, {"arent", 3},
    {"werent", 4}, {"cant", 2}, {"wont", 2}, {"couldnt", 5}, {"wouldnt", 5},
    {"shouldnt", 6}, {"havent", 4}, {"hasnt", 3}, {"hadnt", 3}, {"im", 1},
    {"ive", 1}, {"youre", 3}, {"theyre", 4}, {NULL, 0}};

/* Splits a word into its multiword-token parts; returns the number of
 * words pushed.  s..e is the word without an abbreviation period. */
static int push_word(dyad__text *t, size_t s, size_t e, uint8_t flags) {
  const char *w = t->text + s;
  size_t n = e - s;
  size_t cut = 0;
  /* Find a final apostrophe clitic: n't 's 're 've 'll 'd 'm. */
  if (n >= 3) {
    size_t k = n;
    while (k > 0 && w[k - 1] != '\'' && w[k - 1] != '`' &&
           !(k >= 3 && (unsigned char)w[k - 3] == 0xE2 && (unsigned char)w[k - 2] == 0x80 &&
             (unsigned char)w[k - 1] == 0x99))
      k--;
    if (k > 0 && n - k <= 2) {
      size_t alen = (w[k - 1] == '\'' || w[k - 1] == '`') ? 1 : 3;
      size_t a = k - alen; /* apostrophe position */
      const char *suf = w + k;
      size_t sl = n - k;
      if (sl == 1 && (suf[0] == 't' || suf[0] == 'T') && a >= 2 &&
          (w[a - 1] == 'n' || w[a - 1] == 'N')) {
        cut = a - 1; /* n't */
      } else if (a >= 1 && w[a - 1] >= '0' && w[a - 1] <= '9') {
        cut = 0; /* "50's", "AK-47's" stay whole */
      } else if ((sl == 1 && strchr("sSdDmM", suf[0])) ||
                 (sl == 2 && (lower_eq(suf, 2, "re") || lower_eq(suf, 2, "ve") ||
                              lower_eq(suf, 2, "ll")))) {
        if (a >= 1) cut = a;
      }
    }
  }
  /* Every fused spelling ends in t, a, m or e and is at most 8 bytes:
   * checking that first keeps the list off the common path. */
  char last = (char)(w[n - 1] | 32);
  if (!cut && n <= 8 && (last == 't' || last == 'a' || last == 'm' || last == 'e')) {
    for (size_t i = 0; fused[i].word; i++)
      if (lower_eq(w, n, fused[i].word)) {
        cut = fused[i].cut;
        break;
      }
  }
  if (cut && cut < n) {
    if (push(t, s, s + cut, flags) || push(t, s + cut, e, flags)) return -1;
    t->words.w[t->words.n - 2].mwt = 2;
    return 0;
  }
  return push_token(t, s, e, flags);
}

/* Where a URL or e-mail address starting at s ends (0 if it is none). */
static size_t url_end(const dyad__text *t, size_t s, size_t e) {
  const char *p = t->text + s;
  size_t n = e - s;
  int url = (n > 7 && !strncmp(p, "http://", 7)) || (n > 8 && !strncmp(p, "https://", 8)) ||
            (n > 6 && !strncmp(p, "ftp://", 6)) || (n > 7 && !strncmp(p, "mailto:", 7)) || (n > 4 && !strncmp(p, "www.", 4) &&
                                                    ((unsigned char)p[4] >= 0x30));
  if (!url) {
    /* name@host.tld */
    const char *at = memchr(p, '@', n);
    if (!at || at == p) return 0;
    size_t ai = (size_t)(at - p);
    for (size_t i = 0; i < ai; i++) {
      unsigned char c = (unsigned char)p[i];
      if (!(c >= 0x80 || (c >= '0' && c <= '9') || ((c | 32) >= 'a' && (c | 32) <= 'z') ||
            c == '.' || c == '_' || c == '-' || c == '+'))
        return 0;
    }
    size_t dot = 0, word = 0;
    for (size_t i = ai + 1; i + 1 < n; i++)
      if (p[i] == '.') dot = i;
    /* Lotus Notes addresses have no domain: "Lysa Akin@ECT". */
    while (ai + 1 + word < n && (is_wordc((unsigned char)p[ai + 1 + word]) || p[ai + 1 + word] == '_'))
      word++;
    if ((!dot || !((p[dot + 1] | 32) >= 'a' && (p[dot + 1] | 32) <= 'z')) &&
        !(word >= 2 && ai + 1 + word == n))
      return 0;
  }
  size_t end = n;
  /* Trailing punctuation belongs to the sentence, not the URL; a closing
   * bracket stays when the URL opened one. */
  while (end > 0) {
    char c = p[end - 1];
    if (c == '.' || c == ',' || c == ';' || c == ':' || c == '!' || c == '?' ||
        c == '"' || c == '\'' || c == '>' || (c == ']' && !memchr(p, '[', end))) {
      end--;
    } else if (c == ')') {
      size_t open = 0, close = 0;
      for (size_t i = 0; i < end; i++) open += p[i] == '(', close += p[i] == ')';
      if (close <= open) break;
      end--;
    } else {
      break;
    }
  }
  return end ? s + end : 0;
}

static const char *const emoticons[] = {
    ":)", ":-)", ";)", ";-)", ":(", ":-(", ":D", ":-D", ":P", ":-P", ":p",
    ":/", ":-/", "<3", ":o", ":O", ":'(", "=)", "^_^", NULL};

/* Scans a word starting at s (a word character); returns its end. */
static size_t scan_word(const dyad__text *t, size_t s, size_t e) {
  size_t r = s, seg = s; /* seg: start of the current hyphen segment */
  int all_digits_seg = 1, in_date = 0;
  for (;;) {
    while (r < e) {
      size_t l;
      uint32_t c = cp_at(t, r, e, &l);
      if (!is_wordc(c)) break;
      if (!is_digit(c)) all_digits_seg = 0;
      r += l;
    }
    if (r >= e) break;
    size_t l, l2 = 0;
    uint32_t c = cp_at(t, r, e, &l);
    uint32_t nx = r + l < e ? cp_at(t, r + l, e, &l2) : 0;
    uint32_t pv = cp_before(t, s, r);
    if (!nx || !is_wordc(nx)) break;
    if (c == '.' || ((c == ',' || c == ':') && is_digit(pv) && is_digit(nx)) ||
        (c == '&' && dyad__text_is_upper(pv) && dyad__text_is_upper(nx) && r - s <= 3) ||
        (c == '_' && r > s) || (is_apos(c) && !is_digit(nx) && (!is_digit(pv) || nx == 's'))) {
      r += l;
      continue;
    }
    if (c == '/' && is_digit(pv) && is_digit(nx)) {
      r += l;
      continue;
    }
    if (is_hyphen(c)) {
      /* Digits keep their hyphen in telephone numbers only ("713-853-3989",
       * "1-800"); EWT splits ranges ("1969 - 1970", "F - 102"). */
      int phone = all_digits_seg && is_digit(nx) && (r - seg == 3 || (r - seg == 1 && t->text[seg] == '1'));
      if (phone) {
        size_t d = r + l;
        while (d < e && is_digit((unsigned char)t->text[d])) d++;
        phone = d - (r + l) >= 3;
      }
      /* Dates written with hyphens stay whole: "11-20-2000", "02-05-02". */
      int date = in_date && all_digits_seg && is_digit(nx);
      if (!date && all_digits_seg && is_digit(nx) && r - seg <= 4) {
        size_t d = r + l, k = d;
        while (k < e && is_digit((unsigned char)t->text[k])) k++;
        if (k - d >= 1 && k - d <= 2 && k + 1 < e && t->text[k] == '-' &&
            is_digit((unsigned char)t->text[k + 1]))
          date = 1;
      }
      in_date = date;
      int keep = phone || date || (!all_digits_seg && r - seg > 1 &&
                                   in_list(t->text + seg, r - seg, keep_prefix)) ||
                 (r - seg == 1 && (t->text[seg] == 'e' || t->text[seg] == 'E'));
      if (keep) {
        r += l;
        seg = r;
        all_digits_seg = 1;
        continue;
      }
    }
    break;
  }
  return r;
}

static int has_letter(const char *p, size_t n) {
  for (size_t i = 0; i < n; i++) {
    unsigned char c = (unsigned char)p[i];
    if (c >= 0x80 || ((c | 32) >= 'a' && (c | 32) <= 'z')) return 1;
  }
  return 0;
}

/* Whether the period right after the word s..r belongs to it. */
static int keeps_period(const dyad__text *t, size_t s, size_t r, size_t e) {
  const char *p = t->text + s;
  size_t n = r - s;
  if (r + 1 < e && t->text[r + 1] == '.') return 0; /* an ellipsis */
  if (!has_letter(p, n)) return 0;
  if (memchr(p, '.', n)) return 1; /* U.S. e.g. a.m. */
  if (n == 1 && p[0] >= 'A' && p[0] <= 'Z' && p[0] != 'I') return 1; /* initials */
  if (in_list(p, n, num_abbrevs)) {
    /* "No. 5" but "the answer is no." */
    size_t q = r + 1;
    while (q < t->len && (t->text[q] == ' ' || t->text[q] == '\t')) q++;
    return q < t->len && t->text[q] >= '0' && t->text[q] <= '9';
  }
  if (n <= 6 && in_list(p, n, abbrevs)) { /* none is longer than 6 */
    /* A lower-case spelling of a capitalized abbreviation is a word ("st."
     * is rare, "co." at the end of "the deal fell through at co." rarer). */
    return 1;
  }
  return 0;
}

static int is_close_char(int a) { return a == ')' || a == ']' || a == '}'; }
static int is_open_char(int a) { return a == '(' || a == '[' || a == '{'; }

/* Units EWT writes apart from the number before them. */
static const char *const units[] = {"m", "b", "bn", "k", "km", "kg", "ft", "mm", "cm",
                                    "am", "pm", "lb", "lbs", "mph", "mg", "ml", "gb",
                                    "mb", "kb", "hrs", "hr", "min", "mins", NULL};

/* If s..r is a number glued to a unit ("6m", "7:30PM"), where the unit
 * starts; 0 otherwise. */
static size_t unit_split(const dyad__text *t, size_t s, size_t r) {
  const char *p = t->text + s;
  size_t n = r - s, k = 0;
  if (!n || p[0] < '0' || p[0] > '9') return 0;
  while (k < n && ((p[k] >= '0' && p[k] <= '9') || p[k] == '.' || p[k] == ',' || p[k] == ':')) k++;
  if (k == n || p[k - 1] < '0' || p[k - 1] > '9') return 0;
  return in_list(p + k, n - k, units) ? s + k : 0;
}

/* Tokenizes one chunk (no whitespace inside). */
static int chunk(dyad__text *t, size_t s, size_t e) {
  if (e - s <= 3 && !is_wordc((unsigned char)t->text[s]) &&
      (unsigned char)t->text[s] < 0x80) {
    for (size_t i = 0; emoticons[i]; i++)
      if (strlen(emoticons[i]) == e - s && !memcmp(t->text + s, emoticons[i], e - s))
        return push(t, s, e, DYAD__W_EMO);
  }
  size_t q = s;
  const char *at = memchr(t->text + s, '@', e - s);
  while (q < e) {
    size_t l;
    uint32_t c = cp_at(t, q, e, &l);
    size_t u = (at || c == 'h' || c == 'f' || c == 'w' || c == 'm') ? url_end(t, q, e) : 0;
    if (u > q) {
      if (push_token(t, q, u, DYAD__W_LINK)) return -1;
      q = u;
      continue;
    }
    if (is_wordc(c)) {
      size_t r = scan_word(t, q, e);
      /* US$, C$, A$: a currency sign glued to a country code. */
      if (r < e && t->text[r] == '$' && r - q <= 2 && dyad__text_is_upper(c)) {
        if (push_token(t, q, r + 1, 0)) return -1;
        q = r + 1;
        continue;
      }
      /* "6m", "2pm", "$2b": EWT splits a unit from its number. */
      size_t k = unit_split(t, q, r);
      if (k) {
        if (push_token(t, q, k, 0)) return -1;
        q = k;
      }
      /* Plural possessive: Edwards' = Edwards + ' */
      if (r < e && (t->text[r] == '\'' || (e - r >= 3 && !memcmp(t->text + r, "\xE2\x80\x99", 3))) &&
          (t->text[r - 1] == 's' || t->text[r - 1] == 'S') && r - q > 2) {
        size_t al = t->text[r] == '\'' ? 1 : 3;
        size_t l2 = 0;
        if (r + al == e || !is_wordc(cp_at(t, r + al, e, &l2))) {
          if (push(t, q, r, 0) || push(t, r, r + al, 0)) return -1;
          t->words.w[t->words.n - 2].mwt = 2;
          q = r + al;
          continue;
        }
      }
      if (r < e && t->text[r] == '.' && keeps_period(t, q, r, e)) {
        if (push_token(t, q, r + 1, DYAD__W_ABBR)) return -1;
        q = r + 1;
        continue;
      }
      if (push_word(t, q, r, 0)) return -1;
      q = r;
      continue;
    }
    /* Punctuation and symbols. */
    int a = dyad__text_punct_ascii(c);
    size_t r = q + l;
    uint8_t flags = 0;
    if (a == '+' && q == s && r < e && is_digit((unsigned char)t->text[r])) {
      /* "+852": an international telephone prefix */
      r = scan_word(t, r, e);
      if (push_token(t, q, r, 0)) return -1;
      q = r;
      continue;
    }
    if (c == '.' && q == s && r < e && t->text[r] >= 'a' && t->text[r] <= 'z' && r + 1 < e &&
        !(r + 5 < e && is_wordc((unsigned char)t->text[r + 5]))) {
      /* A file extension on its own: ".doc", ".xls" */
      size_t x = r;
      while (x < e && is_wordc((unsigned char)t->text[x])) x++;
      if (x - r >= 2 && x - r <= 4) {
        if (push_token(t, q, x, 0)) return -1;
        q = x;
        continue;
      }
    }
    if (a == '.' || a == '!' || a == '?') {
      /* "...", "!!!", "?!", ".?", "…" are one token each. */
      while (r < e) {
        size_t l2;
        int b = dyad__text_punct_ascii(cp_at(t, r, e, &l2));
        if (b != '.' && b != '!' && b != '?') break;
        r += l2;
      }
      flags = DYAD__W_TERM;
    } else if (a == '\'' && r < e && dyad__text_punct_ascii(cp_at(t, r, e, NULL)) == '\'') {
      /* '' and curly pairs: one double quote typed as two single ones */
      size_t l2;
      cp_at(t, r, e, &l2);
      r += l2;
      flags = (c == 0x2018 || c == '`') ? DYAD__W_OPEN : (q == s ? DYAD__W_OPEN : DYAD__W_CLOSE);
    } else if (a == '-' || a == '*' || a == '=' || a == '_' || a == '~' || a == '#' ||
               a == '`' || a == '<' || a == '>' || a == '+') {
      /* Runs of one sign: "--", "***", "``", "''" */
      while (r < e) {
        size_t l2;
        uint32_t d = cp_at(t, r, e, &l2);
        if (d != c) break;
        r += l2;
      }
      if (a == '-') flags = DYAD__W_DASH;
      if (a == '\'' || a == '`') flags = r - q > 1 ? (a == '`' ? DYAD__W_OPEN : DYAD__W_CLOSE) : 0;
    } else if (c == 0x2014 || c == 0x2013) {
      flags = DYAD__W_DASH;
    } else if (is_close_char(a) || c == 0x201D || c == 0x2019 || c == 0xBB) {
      flags = DYAD__W_CLOSE;
    } else if (is_open_char(a) || c == 0x201C || c == 0x2018 || c == 0xAB) {
      flags = DYAD__W_OPEN;
    } else if (a == '"' || a == '\'') {
      /* A straight quote opens when nothing precedes it in the chunk. */
      flags = q == s ? DYAD__W_OPEN : DYAD__W_CLOSE;
    }
    /* Combining marks on a symbol stay with it. */
    while (r < e) {
      size_t l2;
      uint32_t d = cp_at(t, r, e, &l2);
      if (d < 0x300 || is_wordc(d) == 0 || dyad__text_is_upper(d) ||
          dyad__text_is_lower(d) || d == 0xFFFD)
        break;
      if (!(d >= 0x300 && d < 0x370) && !(d >= 0x1AB0 && d < 0x1B00) &&
          !(d >= 0x20D0 && d < 0x2100) && !(d >= 0xFE20 && d < 0xFE30))
        break;
      r += l2;
    }
    if (push_token(t, q, r, flags)) return -1;
    q = r;
  }
  return 0;
}

int dyad__tokenize(dyad__text *t, size_t a, size_t b) {
  size_t i = a;
  while (i < b) {
    size_t l;
    uint32_t c = cp_at(t, i, b, &l);
    if (is_space(c)) {
      i += l;
      continue;
    }
    size_t s = i;
    while (i < b) {
      c = cp_at(t, i, b, &l);
      if (is_space(c)) break;
      i += l;
    }
    size_t before = t->words.n;
    if (chunk(t, s, i)) return -1;
    if (t->words.n > before) {
      dyad__word *last = &t->words.w[t->words.n - 1];
      last->space_after = 1;
      /* A hyphen at the end of a line inside a paragraph joins the lines
       * ("cease-\nfire"); it is kept as a hyphen, without space after. */
      if ((last->flags & DYAD__W_DASH) && last->end - last->start == 1 && i < b &&
          memchr(t->text + i, '\n', b - i) != NULL) {
        size_t j = i;
        while (j < b && (t->text[j] == ' ' || t->text[j] == '\t' || t->text[j] == '\r')) j++;
        if (j < b && t->text[j] == '\n' && t->words.n > before + 0 &&
            (t->words.n - before >= 2 || before > 0)) {
          size_t k = j + 1;
          while (k < b && (t->text[k] == ' ' || t->text[k] == '\t')) k++;
          if (k < b && t->text[k] >= 'a' && t->text[k] <= 'z' && t->words.n - before >= 2)
            last->space_after = 0;
        }
      }
    }
  }
  if (t->words.n) {
    /* The last word of the range: space after unless text follows directly. */
    dyad__word *last = &t->words.w[t->words.n - 1];
    if (last->end < t->len) {
      uint32_t c;
      dyad__text_decode(t->text + last->end, t->len - last->end, &c);
      last->space_after = (uint8_t)is_space(c);
    } else {
      last->space_after = 1;
    }
  }
  return 0;
}
