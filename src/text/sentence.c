/*
 * sentence.c -- sentence boundaries inside a paragraph, and the
 * non-sentences that are marked rather than coded.
 *
 * A sentence ends after a terminal token (".", "!", "?", "...") plus any
 * closing quotes and brackets glued to it (`." He`, `.) The`), when the
 * next word can start a sentence.  A period glued to an abbreviation ends a
 * sentence only when the next word is a capitalized word that usually
 * starts sentences ("in the U.S. The ..."), never after a title ("Gen.",
 * "Mr.") or an initial ("John F. Kennedy").  A paragraph end always ends
 * the sentence.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "text/text.h"
#include "util/limits.h"

static const char *wtext(const dyad__text *t, const dyad__word *w, size_t *n) {
  *n = w->end - w->start;
  return t->text + w->start;
}

static int word_is(const dyad__text *t, const dyad__word *w, const char *s) {
  size_t n;
  const char *p = wtext(t, w, &n);
  return n == strlen(s) && !memcmp(p, s, n);
}

static int in_list(const char *p, size_t n, const char *const *list) {
  for (; *list; list++) {
    const char *w = *list;
    size_t i = 0;
    while (i < n && w[i] && w[i] == p[i]) i++; /* p may hold NULs */
    if (i == n && !w[n]) return 1;
  }
  return 0;
}

/* Titles and other abbreviations that precede a name and never end a
 * sentence. */
static const char *const titles[] = {
    "Mr.", "Mrs.", "Ms.", "Dr.", "Prof.", "St.", "Mt.", "Ft.", "Gen.", "Lt.",
    "Col.", "Maj.", "Capt.", "Cmdr.", "Adm.", "Sgt.", "Cpl.", "Pvt.", "Gov.",
    "Sen.", "Rep.", "Reps.", "Rev.", "Hon.", "Pres.", "Supt.", "Amb.",
    "Messrs.", "No.", "Nos.", "Atty.", "Insp.", "Det.", "vs.", "Vs.", "e.g.",
    "i.e.", "cf.", "Fig.", "Vol.", "Op.", "pp.", NULL};

/* Capitalized words that start sentences far more often than they follow
 * an abbreviation inside one. */
static const char *const starters[] = {
    "The", "A", "An", "He", "She", "It", "They", "We", "I", "You", "This",
    "That", "These", "Those", "There", "But", "And", "However", "In", "On",
    "At", "His", "Her", "Its", "Their", "Our", "My", "If", "When", "What",
    "As", "Some", "Many", "Most", "Mr.", "Mrs.", "Ms.", "Dr.", "Under",
    "After", "Before", "Although", "While", "Meanwhile", "Also", "So", "Yet",
    "Analysts", "Officials", "Shares", "Earlier", "Last", "Next", "One",
    "Two", "Three", "For", "Under", "Since", "Still", "Other", "Both", "No",
    "Not", "Please", "Thanks", "Thank", "Here", "Can", "See", "Let", "Call",
    "Do", "Is", "Are", "Will", "Would", "Could", "Should", "How", "Why",
    "Where", "Who", "Which", "Then", "Now", "Today", "Yesterday", "Each",
    "Every", "Any", "All", "Such", "Such", "With", "From", "By", "To", NULL};

/* Words that follow "a.m."/"p.m." or a company suffix inside a sentence. */
static const char *const continuers[] = {
    "EST", "EDT", "CST", "CDT", "MST", "MDT", "PST", "PDT", "GMT", "ET",
    "CT", "PT", "UTC", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday",
    "Saturday", "Sunday", "Eastern", "Central", "Pacific", "Mountain", NULL};

/* Abbreviations after which a capitalized word most often starts a new
 * sentence: a time or a company name is rarely followed by a name. */
static const char *const enders[] = {"a.m.", "p.m.", "Inc.", "Corp.", "Ltd.", "Co.",
                                     "etc.", NULL};

/* First code point of a word. */
static uint32_t first_cp(const dyad__text *t, const dyad__word *w) {
  uint32_t c;
  dyad__text_decode(t->text + w->start, w->end - w->start, &c);
  return c;
}

static int is_digit_cp(uint32_t c) { return c >= '0' && c <= '9'; }

/* Where the sentence ending at a terminal word i ends (after glued closing
 * quotes and brackets and more terminal marks), or 0 if it does not. */
static size_t boundary(const dyad__text *t, size_t i, size_t n) {
  const dyad__word *w = t->words.w;
  size_t j = i + 1;
  while (j < n && (w[j].flags & (DYAD__W_CLOSE | DYAD__W_TERM)) && w[j].start == w[j - 1].end)
    j++;
  if (j >= n) return n;
  const dyad__word *nx = &w[j];
  const dyad__word *tw = &w[i];
  uint32_t c = first_cp(t, nx);
  /* Punctuation that cannot open a sentence stays with this one: ". ,",
   * ". )", an emoticon after the stop. */
  if ((nx->flags & (DYAD__W_EMO | DYAD__W_CLOSE)) ||
      (c < 0x80 && strchr(",;:)]}%", (int)c) && c != 0))
    return 0;
  if (tw->flags & DYAD__W_TERM) {
    size_t len;
    const char *p = wtext(t, tw, &len);
    if (p[0] == '.' && len == 1) {
      /* A period that is not an abbreviation's ends the sentence whatever
       * follows: lower-case starts are common in web text, and the words
       * that take a period inside a sentence are in the abbreviation list. */
      return j;
    }
    if (len >= 2 && p[0] == '.') {
      /* An ellipsis goes on when the text goes on in lower case. */
      return dyad__text_is_lower(c) ? 0 : j;
    }
    if ((unsigned char)p[0] == 0xE2) return dyad__text_is_lower(c) ? 0 : j; /* "…" */
    /* ! and ?: "Yahoo! said" is rarer than "what? no" */
    if (j > i + 1 && (w[j - 1].flags & DYAD__W_CLOSE) && dyad__text_is_lower(c)) return 0;
    return j;
  }
  /* An abbreviation's period. */
  size_t len;
  const char *p = wtext(t, tw, &len);
  if (in_list(p, len, titles)) return 0;
  if (len == 2 && dyad__text_is_upper((unsigned char)p[0])) return 0; /* initial */
  if ((nx->flags & DYAD__W_OPEN) && first_cp(t, nx) != '(') return j;
  if (dyad__text_is_upper(c)) {
    size_t nl;
    const char *np = wtext(t, nx, &nl);
    if (in_list(np, nl, starters)) return j;
    if (in_list(p, len, enders) && !in_list(np, nl, continuers) &&
        !in_list(np, nl, titles) && nl > 1)
      return j;
  }
  return 0;
}

static int all_digits(const dyad__text *t, const dyad__word *w) {
  for (uint32_t i = w->start; i < w->end; i++)
    if (t->text[i] < '0' || t->text[i] > '9') return 0;
  return w->end > w->start;
}

/* "10:30", "9:05:12" */
static int is_time(const dyad__text *t, const dyad__word *w) {
  size_t n;
  const char *p = wtext(t, w, &n);
  int colon = 0;
  for (size_t i = 0; i < n; i++) {
    if (p[i] == ':') colon++;
    else if (p[i] < '0' || p[i] > '9') return 0;
  }
  return colon > 0 && n >= 4;
}

/* "11/28/2000", "3/8/00" */
static int is_date(const dyad__text *t, const dyad__word *w) {
  size_t n;
  const char *p = wtext(t, w, &n);
  int slash = 0;
  for (size_t i = 0; i < n; i++) {
    if (p[i] == '/') slash++;
    else if (p[i] < '0' || p[i] > '9') return 0;
  }
  return slash == 2;
}

static int is_link(const dyad__text *t, const dyad__word *w) {
  (void)t;
  return (w->flags & DYAD__W_LINK) != 0;
}

/* Header and form fields: "Subject: What is..." stays one sentence. */
static const char *const fields[] = {
    "from", "to", "subject", "re", "date", "sent", "cc", "bcc", "when", "where",
    "time", "email", "e-mail", "edit", "response", "attn", "tel", "fax", "phone",
    "location", "note", "update", "question", "answer", "q", "a", "title", "source",
    "url", "web", "website", "address", "name", "topic", "summary", "warning",
    "important", "p.s", "ps", "by", "reply", "mobile", "cell", "home", "office", NULL};

static int in_fold_list(const dyad__text *t, const dyad__word *w, const char *const *list) {
  size_t n;
  const char *p = wtext(t, w, &n);
  for (; *list; list++) {
    const char *x = *list;
    size_t i = 0;
    while (i < n && x[i] && (p[i] | 32) == x[i]) i++;
    if (i == n && !x[n]) return 1;
  }
  return 0;
}

static const char *const closing_firsts[] = {"thank", "many", "take", "kind", "warm",
                                             "best", "with", "all", "talk", NULL};
static const char *const closing_seconds[] = {"you", "thanks", "care", "regards", "wishes",
                                              "love", "best", "soon", NULL};

/* Words that open a sentence with a comma after them and are not names. */
static const char *const discourse[] = {
    "however", "yes", "no", "well", "so", "now", "also", "thus", "still", "meanwhile",
    "today", "yesterday", "then", "again", "finally", "first", "second", "third",
    "indeed", "instead", "otherwise", "therefore", "moreover", "furthermore",
    "besides", "unfortunately", "fortunately", "hopefully", "actually", "anyway",
    "ok", "okay", "oh", "sure", "honestly", "basically", "personally", "overall",
    "sadly", "similarly", "plus", "later", "recently", "currently", "initially",
    "originally", "ultimately", "obviously", "clearly", "apparently", "surprisingly",
    "interestingly", "importantly", "alternatively", "additionally", "nevertheless",
    "nonetheless", "consequently", "accordingly", "hence", "luckily", "generally",
    "typically", "usually", "normally", "often", "sometimes", "specifically",
    "essentially", "eventually", "next", "lastly", "likewise", "regardless",
    "previously", "separately", "elsewhere", "earlier", "afterwards", "here", "there",
    "but", "and", "or", "if", "when", "while", "although", "though", "because", NULL};

/* Words that start the body of a message after "Name,". */
static const char *const message_starters[] = {
    "Sorry", "Try", "Just", "Hope", "Attached", "Good", "Great", "Congratulations",
    "Welcome", "Sounds", "Looks", "Got", "Did", "Have", "Has", "Had", "Was", "Were",
    "Per", "FYI", "Fyi", "Following", "Below", "Enclosed", "Nice", "Hi", "Hello",
    "Glad", "Happy", "Quick", "Regarding", NULL};

static const char *const closings[] = {
    "Regards", "Thanks", "Sincerely", "Cheers", "Best", "Love", "Cordially",
    "Respectfully", "Hi", "Hello", "Dear", "Hey", "Greetings", NULL};

/* Boundaries that are not marked by a full stop, found in e-mail and web
 * text (tuned on EWT train): after the time of an e-mail header
 * ("11/28/2000 03:43 PM"), before such a date, after a salutation or a
 * closing ("Regards,", "Dear Sara,"), after a short label ending in a colon
 * ("Carol:", "KABUL:"), between a link and a capitalized word.  Returns
 * where the sentence ends, or 0. */
static size_t soft_boundary(const dyad__text *t, size_t from, size_t i, size_t n) {
  const dyad__word *w = t->words.w;
  if (i + 1 >= n) return 0;
  const dyad__word *nx = &w[i + 1];
  size_t len;
  const char *p = wtext(t, &w[i], &len);
  /* The common case, cheaply: none of the patterns below can apply. */
  unsigned char f = (unsigned char)p[0], g = (unsigned char)t->text[nx->start];
  if (len > 2 && i != from && !(w[i].flags & (DYAD__W_LINK | DYAD__W_EMO | DYAD__W_DASH)) &&
      !(g >= '0' && g <= '9'))
    return 0;
  if (len <= 2 && f != 'A' && f != 'P' && f != ',' && f != ':' && f != '-' && f != '>' &&
      f != 'H' && f != 'T' && f != 'R' && f != 'C' && f != 'B' && f != 'S' &&
      !(w[i].flags & DYAD__W_EMO) && !(g >= '0' && g <= '9'))
    return 0;
  uint32_t c = first_cp(t, nx);
  /* The time of an e-mail header ends it, whatever case follows. */
  if (len == 2 && (!memcmp(p, "AM", 2) || !memcmp(p, "PM", 2)) && i > from &&
      is_time(t, &w[i - 1]) && (dyad__text_is_wordchar(c) || c == '<') &&
      !in_list(t->text + nx->start, nx->end - nx->start, continuers))
    return i + 1;
  /* A closing alone before the signature: "Thanks Joe". */
  if (i == from && i + 2 >= n && dyad__text_is_upper(c) && in_list(p, len, closings))
    return i + 1;
  if (is_date(t, nx) && i + 2 < n && is_time(t, &w[i + 2]) && i >= from &&
      (dyad__text_is_upper(first_cp(t, &w[i])) || (len == 1 && p[0] == '>')))
    return i + 1;
  /* An emoticon closes its sentence: "great :) I will". */
  if ((w[i].flags & DYAD__W_EMO) && i > from && dyad__text_is_upper(c)) return i + 1;
  /* "Kay - Can you review", "Harry - are you": a name and a dash open a
   * message. */
  if ((w[i].flags & DYAD__W_DASH) && i == from + 1 && w[i].space_after &&
      dyad__text_is_upper(first_cp(t, &w[from])) && dyad__text_is_wordchar(c))
    return i + 1;
  if (len == 1 && p[0] == ',' && i > from && i <= from + 3) {
    size_t fl;
    const char *fp = wtext(t, &w[from], &fl);
    if (in_list(fp, fl, closings)) return i + 1;
    if (i == from + 2 && in_fold_list(t, &w[from], closing_firsts) &&
        in_fold_list(t, &w[from + 1], closing_seconds))
      return i + 1; /* "Thank you,", "Many thanks,", "Take care," */
    /* A name addressed at the head of a paragraph: "Kyle, Sorry for..." */
    if (i == from + 1 && from == 0 && dyad__text_is_upper(first_cp(t, &w[from])) &&
        !in_fold_list(t, &w[from], discourse)) {
      size_t nl;
      const char *np = wtext(t, nx, &nl);
      if (in_list(np, nl, starters) || in_list(np, nl, message_starters)) return i + 1;
    }
  }
  if (len == 1 && p[0] == ':' && i == from + 1 && dyad__text_is_upper(c) &&
      dyad__text_is_wordchar(first_cp(t, &w[from])) && !in_fold_list(t, &w[from], fields))
    return i + 1;
  if (is_link(t, &w[i]) && (dyad__text_is_upper(c) || is_link(t, nx))) return i + 1;
  return 0;
}

/* Makes a sentence of the doc from words [from, to) of t->words. */
static dyad_sentence *emit_sentence(dyad__text *t, size_t from, size_t to, uint32_t para,
                                    dyad_sentence_kind kind) {
  dyad_doc *doc = t->doc;
  dyad_sentence *s = dyad__doc_add_sentence(doc);
  if (!s) return NULL;
  const dyad__word *w = t->words.w;
  s->start = w[from].start;
  s->end = w[to - 1].end;
  s->paragraph = para;
  s->kind = kind;
  /* "<doc id>-<n>", n 1-based; formatted by hand (snprintf showed in
   * profiles at 250k sentences/s). */
  const char *did = doc->id[0] ? doc->id : "s";
  size_t dl = strlen(did);
  char num[24], *q = num + sizeof num;
  size_t v = doc->nsents;
  do {
    *--q = (char)('0' + v % 10);
    v /= 10;
  } while (v);
  size_t nl = (size_t)(num + sizeof num - q);
  char *id = dyad__arena_alloc(&doc->arena, dl + nl + 2);
  if (!id) return NULL;
  memcpy(id, did, dl);
  id[dl] = '-';
  memcpy(id + dl + 1, q, nl);
  id[dl + 1 + nl] = '\0';
  s->id = id;
  s->text = dyad__text_normalize(t, t->text + s->start, s->end - s->start, 1);
  if (!s->id || !s->text) return NULL;
  if (dyad__fill_tokens(t, s, from, to)) return NULL;
  return s;
}

int dyad__fill_tokens(dyad__text *t, dyad_sentence *s, size_t from, size_t to) {
  dyad_token *k = dyad__doc_alloc_tokens(t->doc, s, (uint32_t)(to - from));
  if (!k) return -1;
  for (size_t i = from; i < to; i++) {
    const dyad__word *w = &t->words.w[i];
    dyad_token *x = &k[i - from];
    x->start = w->start;
    x->end = w->end;
    x->mwt = (w->mwt > 1 && i + w->mwt <= to) ? w->mwt : 0;
    x->space_after = w->space_after;
    const unsigned char *u = (const unsigned char *)t->text + w->start;
    size_t n = w->end - w->start, j;
    int upper = 0;
    for (j = 0; j < n && u[j] < 0x80; j++) upper |= u[j] >= 'A' && u[j] <= 'Z';
    if (j == n) {
      /* ASCII, nearly every token of wire copy: the form is the slice and
       * the fold its lower case, made here in one pass. */
      char *f = dyad__arena_alloc(&t->doc->arena, upper ? 2 * (n + 1) : n + 1);
      if (!f) return -1;
      memcpy(f, u, n);
      f[n] = '\0';
      x->form = x->fold = f;
      if (upper) {
        char *g = f + n + 1;
        for (j = 0; j < n; j++) g[j] = (char)(u[j] >= 'A' && u[j] <= 'Z' ? u[j] + 32 : u[j]);
        g[n] = '\0';
        x->fold = g;
      }
      continue;
    }
    x->form = dyad__text_normalize(t, t->text + w->start, w->end - w->start, 0);
    if (!x->form) return -1;
    x->fold = dyad__text_fold(t, x->form);
    if (!x->fold) return -1;
  }
  return 0;
}

static int all_caps_word(const dyad__text *t, const dyad__word *w) {
  int letters = 0;
  for (uint32_t i = w->start; i < w->end;) {
    uint32_t c;
    i += (uint32_t)dyad__text_decode(t->text + i, w->end - i, &c);
    if (dyad__text_is_lower(c)) return 0;
    if (dyad__text_is_upper(c)) letters++;
    else if (c != '.' && c != '-' && c != '\'') return 0;
  }
  return letters > 0;
}

static const char *const months[] = {
    "Jan", "Jan.", "January", "Feb", "Feb.", "February", "Mar", "March", "Mar.",
    "Apr", "April", "Apr.", "May", "Jun", "Jun.", "June", "Jul", "Jul.", "July",
    "Aug", "Aug.", "August", "Sept", "Sept.", "Sep", "Sep.", "September", "Oct",
    "Oct.", "October", "Nov", "Nov.", "November", "Dec", "Dec.", "December", NULL};

/* Length in words of a dateline at the start of words [0, n): "MOSCOW
 * (Reuters) -", "WASHINGTON, March 3 -", "ST. LOUIS, Mo. (AP) --";
 * 0 if there is none. */
static size_t dateline(const dyad__text *t, size_t n) {
  const dyad__word *w = t->words.w;
  size_t i = 0;
  while (i < n && i < 5 && all_caps_word(t, &w[i])) i++;
  if (i == 0) return 0;
  if (w[0].end - w[0].start < 2 && i == 1) return 0;
  if (i < n && word_is(t, &w[i], ",")) {
    i++;
    /* State or country ("Mo.", "Ill.") and/or a date ("March 3"). */
    size_t k;
    const char *p = wtext(t, &w[i < n ? i : n - 1], &k);
    if (i < n && !in_list(p, k, months) && dyad__text_is_upper(first_cp(t, &w[i])) &&
        w[i].end - w[i].start <= 12)
      i++;
    if (i < n && word_is(t, &w[i], ",")) i++;
    p = wtext(t, &w[i < n ? i : n - 1], &k);
    if (i < n && in_list(p, k, months)) {
      i++;
      if (i < n && is_digit_cp(first_cp(t, &w[i]))) i++;
    }
  }
  if (i < n && word_is(t, &w[i], "(")) {
    size_t j = i + 1;
    while (j < n && j < i + 4 && !word_is(t, &w[j], ")")) j++;
    if (j < n && word_is(t, &w[j], ")") && j > i + 1) i = j + 1;
  }
  if (i < n && (w[i].flags & DYAD__W_DASH) && i + 1 < n) return i + 1;
  return 0;
}

/* "(Photo: Reuters)", "Photo by ...", "REUTERS/Name", "Name / Agency". */
static int caption(const dyad__text *t, size_t from, size_t to) {
  const dyad__word *w = t->words.w;
  size_t b = from;
  if (word_is(t, &w[b], "(") && to - from >= 3) b++;
  size_t n;
  const char *p = wtext(t, &w[b], &n);
  if ((n == 5 && (!memcmp(p, "Photo", 5) || !memcmp(p, "PHOTO", 5))) ||
      (n == 6 && !memcmp(p, "Photos", 6)) || (n == 4 && !memcmp(p, "File", 4) && b > from)) {
    if (b + 1 < to && (word_is(t, &w[b + 1], ":") || word_is(t, &w[b + 1], "by") ||
                       word_is(t, &w[b + 1], "credit")))
      return 1;
  }
  /* A short line of capitalized words with an agency after a slash. */
  if (to - from > 12) return 0;
  size_t slash = 0;
  for (size_t i = from; i < to; i++) {
    if (word_is(t, &w[i], "/")) slash = i;
    else if (w[i].flags & DYAD__W_TERM) return 0;
  }
  if (!slash || slash == from || slash + 1 >= to) return 0;
  for (size_t i = from; i < to; i++)
    if (i != slash && !dyad__text_is_upper(first_cp(t, &w[i])) && !word_is(t, &w[i], "(") &&
        !word_is(t, &w[i], ")") && !word_is(t, &w[i], ","))
      return 0;
  return 1;
}

static int emit(dyad__text *t, size_t from, size_t to, uint32_t para,
                dyad_sentence_kind kind) {
  /* Sentences longer than the limit are cut there, and reported. */
  while (to - from > DYAD_MAX_SENTENCE_WORDS) {
    size_t cut = from + DYAD_MAX_SENTENCE_WORDS;
    /* Never inside a multiword token. */
    for (size_t k = cut > 3 ? cut - 3 : 0; k < cut; k++)
      if (k >= from && t->words.w[k].mwt > 1 && k + t->words.w[k].mwt > cut) cut = k;
    dyad__text_diag(t, DYAD_DIAG_WARNING, t->words.w[from].start,
                    "sentence longer than %u words split", DYAD_MAX_SENTENCE_WORDS);
    if (!emit_sentence(t, from, cut, para, kind)) return -1;
    from = cut;
  }
  if (kind == DYAD_SENT_TEXT && caption(t, from, to)) kind = DYAD_SENT_CAPTION;
  return emit_sentence(t, from, to, para, kind) ? 0 : -1;
}

/* An abbreviation that ends a sentence gives its period to the sentence, as
 * EWT writes it ("in the U.S" + "."): word i is cut in two. */
static int split_period(dyad__text *t, size_t i) {
  dyad__words *v = &t->words;
  if (v->n == v->cap) {
    size_t cap = v->cap * 2;
    dyad__word *p = realloc(v->w, cap * sizeof *p);
    if (!p) return -1;
    v->w = p;
    v->cap = cap;
  }
  memmove(&v->w[i + 2], &v->w[i + 1], (v->n - i - 1) * sizeof *v->w);
  v->n++;
  dyad__word *a = &v->w[i], *b = &v->w[i + 1];
  *b = *a;
  a->end--;
  a->space_after = 0;
  a->flags &= (uint8_t)~DYAD__W_ABBR;
  b->start = a->end;
  b->flags = DYAD__W_TERM;
  return 0;
}

/* The "REUTER" sign-off that ends Reuters-21578 stories, alone on the last
 * line or glued to the last line of text. */
static int signoff(const dyad__text *t, const dyad__word *w) {
  return word_is(t, w, "REUTER") || word_is(t, w, "Reuter") || word_is(t, w, "REUTERS");
}

int dyad__sentences(dyad__text *t, uint32_t para, int first, int headline, int last) {
  size_t n = t->words.n;
  if (!n) return 0;
  if (last && signoff(t, &t->words.w[n - 1])) {
    /* Segment the rest (which may insert words), then the sign-off as a
     * non-sentence of its own, put back after them. */
    dyad__word sign = t->words.w[n - 1];
    t->words.n = n - 1;
    if (n > 1 && dyad__sentences(t, para, first, headline, 0)) return -1;
    size_t k = t->words.n;
    if (k == t->words.cap) {
      dyad__word *p = realloc(t->words.w, (k + 1) * sizeof *p);
      if (!p) return -1;
      t->words.w = p;
      t->words.cap = k + 1;
    }
    t->words.w[k] = sign;
    t->words.n = k + 1;
    return emit_sentence(t, k, k + 1, para, DYAD_SENT_OTHER) ? 0 : -1;
  }
  if (headline) return emit(t, 0, n, para, DYAD_SENT_HEADLINE);
  size_t from = 0;
  if (first) {
    size_t d = dateline(t, n);
    if (d) {
      if (emit(t, 0, d, para, DYAD_SENT_DATELINE)) return -1;
      from = d;
    }
  }
  for (size_t i = from; i < n; i++) {
    const dyad__word *w = &t->words.w[i];
    size_t b = 0;
    if (w->flags & (DYAD__W_TERM | DYAD__W_ABBR)) {
      b = boundary(t, i, n);
      /* "2." alone is a list item's number, not a sentence. */
      if (b && i == from + 1 && all_digits(t, &t->words.w[from])) b = 0;
    } else {
      b = soft_boundary(t, from, i, n);
    }
    if (!b || b >= n) continue;
    if (w->flags & DYAD__W_ABBR) {
      if (split_period(t, i)) return -1;
      n++;
      b++;
    }
    if (emit(t, from, b, para, DYAD_SENT_TEXT)) return -1;
    from = b;
    i = b - 1;
  }
  size_t end = n;
  while (end > from && (t->words.w[end - 1].flags & DYAD__W_CLOSE)) end--;
  if (end > from && (t->words.w[end - 1].flags & DYAD__W_ABBR) && end - 1 > from) {
    if (split_period(t, end - 1)) return -1;
    n++;
  }
  if (from < n && emit(t, from, n, para, DYAD_SENT_TEXT)) return -1;
  return 0;
}
