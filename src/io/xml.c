/*
 * xml.c -- PETRARCH XML: <Sentences> of <Sentence> records, or <Articles>
 * of <Article> records, plus an optional <Environment> naming dictionaries.
 *
 *   bytes --> record scanner (this file) --> one record's bytes --> cleaner
 *             tolerant, streaming:           <Sentence>..</Sentence>   |
 *             memory = largest record                                  v
 *                                      doc <-- tree walk <-- libxml2 (RECOVER)
 *
 * The file as a whole is never handed to an XML parser: several published
 * PETRARCH files are not well-formed, and one broken record must cost that
 * record only.  The scanner knows just enough XML to find record
 * boundaries (comments, CDATA, processing instructions, the record's end
 * tag); each record is then cleaned (invalid UTF-8, control characters,
 * stray '&' and '<' escaped) and parsed by libxml2 in recover mode, without
 * entity expansion or network access, its messages routed to dyad's
 * diagnostic callback.
 *
 * A record that is not closed before the next record starts, before the
 * container closes, or before the end of the input is rejected with its
 * starting line; a record larger than max_record is streamed to the reject
 * sink without being held in memory.
 */
#include <jansson.h>
#include <limits.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xmlerror.h>
#include <stdlib.h>
#include <string.h>

#include "core/doc.h"
#include "io/align.h"
#include "io/reader.h"
#include "util/utf8.h"

enum { OUT, IN_REC, SKIP_REC };                 /* scanner modes */
/* record kinds; a <Config> between records (PETRARCH validation files set
 * options for the records that follow) is read like the <Environment> */
enum { K_SENTENCE, K_ARTICLE, K_ENVIRONMENT, K_CONFIG };
static const char *const kind_name[] = {"Sentence", "Article", "Environment", "Config"};

typedef struct {
  dyad__buf w;      /* window: input not yet consumed */
  size_t pos;       /* scan position in w */
  size_t rec0;      /* start of the current record in w */
  long wline;       /* line number of w.data[0] */
  size_t lc_pos;    /* line_at() cache: w[lc_pos] is on line lc_line */
  long lc_line;
  long rec_line;    /* line where the current record starts */
  int mode, kind, eof;
  dyad__buf clean;  /* the record after cleaning, for libxml2 */
  size_t bad;       /* replacements made while cleaning */
  char **env;       /* <Environment>: key, value, key, value, ... */
  size_t nenv;
  long nrec;
} xml_state;

/* ------------------------------------------------------------------------ */
/* Scanner                                                                   */
/* ------------------------------------------------------------------------ */

static int is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

static long count_lines(const char *s, size_t n) {
  long k = 0;
  for (const char *e = s + n; (s = memchr(s, '\n', (size_t)(e - s))); s++) k++;
  return k;
}

/* Line of w[pos]; counts on from the last answer, since positions asked
 * for only grow between drops (counting from w[0] each time would scan
 * the 64 kB window once per record). */
static long line_at(xml_state *st, size_t pos) {
  if (pos < st->lc_pos) st->lc_pos = 0, st->lc_line = st->wline;
  st->lc_line += count_lines(st->w.data + st->lc_pos, pos - st->lc_pos);
  st->lc_pos = pos;
  return st->lc_line;
}

static void drop(xml_state *st, size_t n) {
  if (!n) return;
  st->wline = line_at(st, n);
  st->lc_pos = 0;
  st->lc_line = st->wline;
  memmove(st->w.data, st->w.data + n, st->w.len - n);
  st->w.len -= n;
  st->w.data[st->w.len] = '\0';
  st->pos -= n;
  st->rec0 = st->rec0 >= n ? st->rec0 - n : 0;
}

/* The id="..." of a record's start tag, for messages about a record
 * libxml2 never sees; NULL if there is none. */
static const char *raw_id(const char *s, size_t n, char *out, size_t size) {
  const char *gt = memchr(s, '>', n);
  size_t end = gt ? (size_t)(gt - s) : n;
  for (size_t i = 2; i + 2 < end; i++) {
    if (s[i] != 'd' || s[i - 1] != 'i' || !is_space(s[i - 2])) continue;
    size_t j = i + 1;
    while (j < end && is_space(s[j])) j++;
    if (j >= end || s[j] != '=') continue;
    j++;
    while (j < end && is_space(s[j])) j++;
    if (j >= end || (s[j] != '"' && s[j] != '\'')) continue;
    char q = s[j++];
    size_t k = j;
    while (k < end && s[k] != q) k++;
    if (k >= end || k - j >= size) return NULL;
    memcpy(out, s + j, k - j);
    out[k - j] = '\0';
    return out;
  }
  return NULL;
}

/* Gets more input into the window, first dropping what is no longer needed
 * (and streaming it to the reject sink for an oversized record).  Returns
 * 1, 0 at the end of the input, -1 on an I/O error or out of memory. */
static int pull(dyad_reader *r, xml_state *st) {
  if (st->eof) return 0;
  if (st->mode == OUT) {
    drop(st, st->pos);
  } else if (st->mode == IN_REC) {
    drop(st, st->rec0);
    if (st->w.len > r->max_record) {
      char id[80];
      dyad__reader_diag(r, DYAD_DIAG_ERROR, st->rec_line,
                        raw_id(st->w.data, st->w.len, id, sizeof id),
                        "<%s> record longer than the limit of %zu bytes (--max-record); "
                        "record skipped",
                        kind_name[st->kind], r->max_record);
      st->mode = SKIP_REC;
    }
  }
  if (st->mode == SKIP_REC) {
    dyad__reader_reject(r, st->w.data, st->pos);
    drop(st, st->pos);
  }
  const char *p;
  size_t n;
  int got = dyad__reader_chunk(r, &p, &n);
  if (got == DYAD__LINE_IO) return -1;
  if (got == DYAD__LINE_EOF) {
    st->eof = 1;
    return 0;
  }
  return dyad__buf_append(&st->w, p, n) ? -1 : 1;
}

/* Makes sure n bytes from pos are in the window if the input has them. */
static int need(dyad_reader *r, xml_state *st, size_t n) {
  while (st->w.len - st->pos < n) {
    int g = pull(r, st);
    if (g <= 0) return g;
  }
  return 1;
}

/* Moves pos past the next occurrence of pat; 0 at the end of the input
 * (pos at the end), -1 on error. */
static int find(dyad_reader *r, xml_state *st, const char *pat) {
  size_t n = strlen(pat);
  for (;;) {
    const char *w = st->w.data ? st->w.data : "";
    size_t avail = st->w.len - st->pos;
    for (size_t i = 0; i + n <= avail; i++) {
      const char *q = memchr(w + st->pos + i, pat[0], avail - n + 1 - i);
      if (!q) break;
      i = (size_t)(q - (w + st->pos));
      if (!memcmp(q, pat, n)) {
        st->pos += i + n;
        return 1;
      }
    }
    /* Keep a possible beginning of pat at the end of the window. */
    if (avail >= n) st->pos = st->w.len - (n - 1);
    int g = pull(r, st);
    if (g < 0) return -1;
    if (g == 0) {
      st->pos = st->w.len;
      return 0;
    }
  }
}

static int is_name_char(unsigned char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
         c == '_' || c == ':' || c == '-' || c == '.';
}

/* Compares the tag name at s (n bytes available) with name: the name must
 * be followed by a delimiter (or the end of the input). */
static int tag_is(const char *s, size_t n, const char *name) {
  size_t k = strlen(name);
  if (n < k || memcmp(s, name, k)) return 0;
  return n == k || !is_name_char((unsigned char)s[k]);
}

/* Skips the rest of a start tag at pos, honouring quoted attribute values;
 * returns 2 if it was an empty-element tag "/>", 1 if ">", 0 at the end of
 * the input, -1 on error. */
static int skip_start_tag(dyad_reader *r, xml_state *st) {
  char quote = 0;
  for (;;) {
    while (st->pos < st->w.len) {
      char c = st->w.data[st->pos++];
      if (quote) {
        if (c == quote) quote = 0;
      } else if (c == '"' || c == '\'') {
        quote = c;
      } else if (c == '>') {
        return st->pos >= 2 && st->w.data[st->pos - 2] == '/' ? 2 : 1;
      } else if (c == '<') {
        /* A '<' inside a start tag: the tag was never closed. */
        st->pos--;
        return 1;
      }
    }
    int g = pull(r, st);
    if (g <= 0) return g;
  }
}

/* ------------------------------------------------------------------------ */
/* Cleaning a record for libxml2                                             */
/* ------------------------------------------------------------------------ */

static int entity_ok(const char *s, size_t n) {
  static const char *const named[] = {"amp;", "lt;", "gt;", "quot;", "apos;"};
  for (size_t i = 0; i < sizeof named / sizeof *named; i++) {
    size_t k = strlen(named[i]);
    if (n >= k && !memcmp(s, named[i], k)) return 1;
  }
  if (n < 3 || s[0] != '#') return 0;
  size_t i = 1;
  int hex = s[1] == 'x';
  if (hex) i++;
  size_t d0 = i;
  while (i < n && i < 12 &&
         ((s[i] >= '0' && s[i] <= '9') ||
          (hex && ((s[i] >= 'a' && s[i] <= 'f') || (s[i] >= 'A' && s[i] <= 'F')))))
    i++;
  return i > d0 && i < n && s[i] == ';';
}

/* Copies the record into st->clean: invalid UTF-8 and control characters
 * become U+FFFD (counted in st->bad), a '&' that starts no predefined
 * entity or character reference becomes "&amp;" (PETRARCH's own files have
 * "&TIETYPE" style synset names and unescaped ampersands in text), and a
 * '<' that cannot start markup becomes "&lt;".  Comments, CDATA and
 * processing instructions are copied as they are. */
static int clean_record(xml_state *st, const char *s, size_t n) {
  static const char fffd[] = "\xEF\xBF\xBD";
  dyad__buf *o = &st->clean;
  dyad__buf_clear(o);
  st->bad = 0;
  size_t i = 0;
  while (i < n) {
    unsigned char c = (unsigned char)s[i];
    if (c == '<') {
      const char *end = NULL;
      size_t el = 0;
      if (n - i >= 4 && !memcmp(s + i, "<!--", 4)) end = "-->", el = 3;
      else if (n - i >= 9 && !memcmp(s + i, "<![CDATA[", 9)) end = "]]>", el = 3;
      else if (n - i >= 2 && s[i + 1] == '?') end = "?>", el = 2;
      if (end) {
        size_t j = i + 2;
        while (j + el <= n && memcmp(s + j, end, el)) j++;
        j = j + el <= n ? j + el : n;
        size_t b = dyad__utf8_sanitize(s + i, j - i, o);
        if (b == (size_t)-1) return -1;
        st->bad += b;
        i = j;
        continue;
      }
      unsigned char d = i + 1 < n ? (unsigned char)s[i + 1] : ' ';
      int markup = (d >= 'A' && d <= 'Z') || (d >= 'a' && d <= 'z') || d == '_' ||
                   d == ':' || d == '/' || d == '!';
      if (dyad__buf_puts(o, markup ? "<" : "&lt;")) return -1;
      i++;
    } else if (c == '&') {
      if (dyad__buf_puts(o, entity_ok(s + i + 1, n - i - 1) ? "&" : "&amp;")) return -1;
      i++;
    } else if (c < 0x20 && c != '\t' && c != '\n' && c != '\r') {
      if (dyad__buf_append(o, fffd, 3)) return -1;
      st->bad++;
      i++;
    } else if (c < 0x80) {
      if (dyad__buf_putc(o, (char)c)) return -1;
      i++;
    } else {
      size_t k = dyad__utf8_valid_len((const unsigned char *)s + i, n - i);
      if (k) {
        if (dyad__buf_append(o, s + i, k)) return -1;
        i += k;
      } else {
        if (dyad__buf_append(o, fffd, 3)) return -1;
        st->bad++;
        i++;
      }
    }
  }
  return 0;
}

/* ------------------------------------------------------------------------ */
/* libxml2                                                                   */
/* ------------------------------------------------------------------------ */

/* Structured errors are routed here during one record's parse. */
typedef struct {
  dyad_reader *r;
  long line0;
  int count;
} xml_errctx;

#define MAX_XML_MESSAGES 3 /* per record: the first ones explain the rest */

static void on_xml_error(void *user, xmlErrorPtr e) {
  xml_errctx *c = user;
  if (!e || e->level == XML_ERR_NONE) return;
  if (c->count++ >= MAX_XML_MESSAGES) return;
  char msg[300];
  snprintf(msg, sizeof msg, "%s", e->message ? e->message : "XML error");
  size_t k = strlen(msg);
  while (k && (msg[k - 1] == '\n' || msg[k - 1] == ' ')) msg[--k] = '\0';
  long line = e->line > 0 ? c->line0 + e->line - 1 : c->line0;
  dyad__reader_diag(c->r, DYAD_DIAG_WARNING, line, NULL,
                    "XML: %s (recovered; the record is kept)", msg);
}

#if defined(__GNUC__)
__attribute__((format(printf, 2, 3)))
#endif
static void on_generic_error(void *user, const char *fmt, ...) {
  (void)user;
  (void)fmt;
}

static xmlDocPtr parse_record(dyad_reader *r, xml_state *st, int *nerrors) {
  xml_errctx c = {r, st->rec_line, 0};
  xmlGenericErrorFunc old_generic = xmlGenericError;
  void *old_generic_ctx = xmlGenericErrorContext;
  xmlStructuredErrorFunc old_structured = xmlStructuredError;
  void *old_structured_ctx = xmlStructuredErrorContext;
  xmlSetGenericErrorFunc(NULL, on_generic_error);
  xmlSetStructuredErrorFunc(&c, on_xml_error);
  xmlDocPtr doc = xmlReadMemory(st->clean.data, (int)st->clean.len, r->name, "UTF-8",
                                XML_PARSE_RECOVER | XML_PARSE_NONET | XML_PARSE_NOCDATA);
  xmlSetStructuredErrorFunc(old_structured_ctx, old_structured);
  xmlSetGenericErrorFunc(old_generic_ctx, old_generic);
  if (c.count > MAX_XML_MESSAGES)
    dyad__reader_diag(r, DYAD_DIAG_WARNING, st->rec_line, NULL,
                      "XML: %d more message(s) for this record not shown",
                      c.count - MAX_XML_MESSAGES);
  *nerrors = c.count;
  return doc;
}

static int name_is(xmlNodePtr n, const char *name) {
  return n && n->type == XML_ELEMENT_NODE && !strcmp((const char *)n->name, name);
}

/* First element `name` among the children of n, else among its
 * descendants (recover mode nests elements under an unclosed one), never
 * descending into `stop` elements. */
static xmlNodePtr find_elem(xmlNodePtr n, const char *name, const char *stop) {
  for (xmlNodePtr c = n->children; c; c = c->next)
    if (name_is(c, name)) return c;
  for (xmlNodePtr c = n->children; c; c = c->next) {
    if (c->type != XML_ELEMENT_NODE || (stop && name_is(c, stop))) continue;
    xmlNodePtr f = find_elem(c, name, stop);
    if (f) return f;
  }
  return NULL;
}

/* The text directly inside n (not inside child elements), in a buffer. */
static int own_text(xmlNodePtr n, dyad__buf *out) {
  dyad__buf_clear(out);
  for (xmlNodePtr c = n->children; c; c = c->next)
    if ((c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) && c->content)
      if (dyad__buf_puts(out, (const char *)c->content)) return -1;
  return dyad__buf_append(out, "", 0);
}


static void trim(const char **s, size_t *n) {
  while (*n && is_space(**s)) (*s)++, (*n)--;
  while (*n && is_space((*s)[*n - 1])) (*n)--;
}

static char *attr(xmlNodePtr n, const char *name) {
  return (char *)xmlGetProp(n, (const xmlChar *)name);
}

/* ------------------------------------------------------------------------ */
/* <Parse> in CoNLL-U                                                        */
/* ------------------------------------------------------------------------ */

/* 1 if every non-blank, non-comment line of p has 10 tab-separated
 * columns (and there is at least one); the UD unit tests carry their
 * parses this way, GigaWord and the older tests carry Penn brackets. */
static int looks_conllu(const char *p, size_t n) {
  int lines = 0;
  const char *e = p + n;
  while (p < e) {
    const char *nl = memchr(p, '\n', (size_t)(e - p));
    const char *le = nl ? nl : e;
    const char *a = p, *b = le;
    while (a < b && is_space(*a)) a++;
    if (a < b && *a != '#') {
      int tabs = 0;
      for (const char *q = p; q < le; q++) tabs += *q == '\t';
      if (tabs != 9) return 0;
      lines++;
    }
    p = nl ? nl + 1 : e;
  }
  return lines > 0;
}

typedef struct {
  char *col[10];
} cline;

static int parse_uint(const char *s, long *v) {
  if (!*s) return 0;
  long x = 0;
  for (; *s; s++) {
    if (*s < '0' || *s > '9' || x > 100000000L) return 0;
    x = x * 10 + (*s - '0');
  }
  *v = x;
  return 1;
}

/* Builds the tokens of s from a CoNLL-U <Parse>; returns NULL on success
 * or the reason it could not (the parse is then kept as a string only). */
static const char *conllu_tokens(dyad_doc *doc, dyad_sentence *s, const char *p,
                                 size_t n, size_t *misaligned) {
  char *copy = malloc(n + 1);
  if (!copy) return "out of memory";
  memcpy(copy, p, n);
  copy[n] = '\0';
  size_t cap = 1;
  for (size_t i = 0; i < n; i++) cap += copy[i] == '\n';
  cline *L = calloc(cap, sizeof *L);
  const char **surface = calloc(cap, sizeof *surface);
  const char *why = NULL;
  if (!L || !surface) why = "out of memory";
  uint32_t nw = 0;
  const char *pending_surface = NULL;
  long mwt_a = 0, mwt_b = 0;
  uint16_t *mwt = calloc(cap, sizeof *mwt);
  if (!mwt) why = "out of memory";
  for (char *line = copy; !why && line;) {
    char *nl = strchr(line, '\n');
    if (nl) *nl = '\0';
    size_t len = strlen(line);
    if (len && line[len - 1] == '\r') line[--len] = '\0';
    char *a = line;
    while (*a == ' ' || *a == '\t') a++;
    if (*a && *a != '#') {
      char *f[10] = {0};
      int k = 0;
      for (char *q = line;; q++) {
        if (k < 10 && (q == line || q[-1] == '\0')) f[k++] = q;
        if (*q == '\t') *q = '\0';
        else if (!*q) break;
      }
      long id, b;
      if (k != 10) {
        why = "a line without 10 columns";
        break;
      }
      char *dash = strchr(f[0], '-');
      if (strchr(f[0], '.')) {
        /* empty node of an enhanced graph: not a word */
      } else if (dash) {
        *dash = '\0';
        if (!parse_uint(f[0], &id) || !parse_uint(dash + 1, &b) || b <= id ||
            id != (long)nw + 1)
          why = "bad multiword token range";
        else if (b - id >= 0xFFFF) {
          why = "bad multiword token range";
        } else {
          mwt_a = id;
          mwt_b = b;
          pending_surface = f[1];
        }
      } else if (!parse_uint(f[0], &id) || id != (long)nw + 1) {
        why = "word IDs are not 1, 2, 3, ... (one sentence per <Sentence>)";
      } else if (!*f[1]) {
        why = "empty FORM";
      } else {
        for (int c = 0; c < 10; c++) L[nw].col[c] = f[c];
        if (id == mwt_a && pending_surface) {
          surface[nw] = pending_surface;
          mwt[nw] = (uint16_t)(mwt_b - mwt_a + 1);
          pending_surface = NULL;
        }
        nw++;
      }
    }
    line = nl ? nl + 1 : NULL;
  }
  if (!why && !nw) why = "no words";
  if (!why && nw > 0xFFFFu) why = "too many words";
  for (uint32_t i = 0; !why && i < nw; i++)
    if (mwt[i] && i + mwt[i] > nw) why = "multiword token range beyond the last word";
  for (uint32_t i = 0; !why && i < nw; i++) {
    long h;
    if (strcmp(L[i].col[6], "_") && (!parse_uint(L[i].col[6], &h) || h > (long)nw))
      why = "HEAD is not a word of the sentence";
  }
  dyad_token *tok = why ? NULL : dyad__doc_alloc_tokens(doc, s, nw);
  if (!why && !tok) why = "out of memory";
  for (uint32_t i = 0; !why && i < nw; i++) {
    dyad_token *t = &tok[i];
    const char **dst[] = {NULL,     &t->form,  &t->lemma, &t->upos,   &t->xpos,
                          &t->feats, NULL,     &t->deprel, NULL,      &t->misc};
    for (int c = 0; c < 10; c++) {
      if (!dst[c]) continue;
      *dst[c] = dyad__doc_strndup(doc, L[i].col[c], strlen(L[i].col[c]));
      if (!*dst[c]) why = "out of memory";
    }
    long h = -1;
    if (strcmp(L[i].col[6], "_")) parse_uint(L[i].col[6], &h);
    t->head = (int32_t)h;
    t->mwt = mwt[i];
    const char *m = L[i].col[9];
    t->space_after = strstr(m, "SpaceAfter=No") == NULL;
  }
  if (!why) {
    *misaligned = dyad__align_tokens(doc->text, s->start, s->end, tok, nw, surface);
    /* Spaces after words follow the text unless MISC said otherwise. */
    for (uint32_t i = 0; i + 1 < nw; i++)
      if (tok[i].space_after && tok[i].end == tok[i + 1].start && tok[i].end > tok[i].start)
        tok[i].space_after = 0;
  } else if (tok) {
    s->tokens = NULL;
    s->ntokens = 0;
  }
  free(mwt);
  free(surface);
  free(L);
  free(copy);
  return why;
}

/* Text rebuilt from a parse, for records whose <Text> is empty (PETRARCH
 * codes from the <Parse> alone; GigaWord.sample.PETR.xml has such
 * records): the leaves of a bracketed tree or the FORMs of CoNLL-U words,
 * separated by spaces. */
static int text_from_parse(const char *p, size_t n, dyad__buf *out) {
  static const char *const unesc[][2] = {{"-LRB-", "("}, {"-RRB-", ")"}, {"-LCB-", "{"},
                                         {"-RCB-", "}"}, {"-LSB-", "["}, {"-RSB-", "]"},
                                         {"``", "\""},   {"''", "\""}};
  dyad__buf_clear(out);
  if (looks_conllu(p, n)) {
    const char *e = p + n;
    while (p < e) {
      const char *nl = memchr(p, '\n', (size_t)(e - p));
      const char *le = nl ? nl : e;
      const char *t1 = memchr(p, '\t', (size_t)(le - p));
      const char *t2 = t1 ? memchr(t1 + 1, '\t', (size_t)(le - t1 - 1)) : NULL;
      int word = t2 && p < t1 && *p != '#';
      for (const char *q = p; word && q < t1; q++) word = *q >= '0' && *q <= '9';
      if (word) {
        if (out->len && dyad__buf_putc(out, ' ')) return -1;
        if (dyad__buf_append(out, t1 + 1, (size_t)(t2 - t1 - 1))) return -1;
      }
      p = nl ? nl + 1 : e;
    }
    return dyad__buf_append(out, "", 0);
  }
  /* "(TAG leaf)": a leaf follows a label and is not itself a bracket. */
  for (size_t i = 0; i < n; i++) {
    if (p[i] != '(') continue;
    size_t j = i + 1;
    while (j < n && !is_space(p[j]) && p[j] != '(' && p[j] != ')') j++;
    if (j == i + 1 || j >= n || !is_space(p[j])) continue;
    while (j < n && is_space(p[j])) j++;
    size_t k = j;
    while (k < n && p[k] != ')' && p[k] != '(' && !is_space(p[k])) k++;
    if (k == j || k >= n || p[k] != ')') continue;
    const char *leaf = p + j;
    size_t ln = k - j;
    for (size_t u = 0; u < sizeof unesc / sizeof *unesc; u++)
      if (ln == strlen(unesc[u][0]) && !memcmp(leaf, unesc[u][0], ln)) {
        leaf = unesc[u][1];
        ln = strlen(leaf);
      }
    if (out->len && dyad__buf_putc(out, ' ')) return -1;
    if (dyad__buf_append(out, leaf, ln)) return -1;
    i = k;
  }
  return dyad__buf_append(out, "", 0);
}

/* ------------------------------------------------------------------------ */
/* Records into docs                                                         */
/* ------------------------------------------------------------------------ */

/* Adds the <EventCoding> elements under n to the array. */
static int add_events(json_t *events, xmlNodePtr n, const char *sent_id, int *noevents) {
  for (xmlNodePtr c = n->children; c; c = c->next) {
    if (c->type != XML_ELEMENT_NODE) continue;
    if (name_is(c, "Sentence") || name_is(c, "Text") || name_is(c, "Parse")) continue;
    if (!name_is(c, "EventCoding")) {
      if (add_events(events, c, sent_id, noevents)) return -1;
      continue;
    }
    json_t *ev = json_object();
    if (!ev) return -1;
    if (sent_id) json_object_set_new(ev, "sentence", json_string(sent_id));
    int only_noevents = 1;
    for (xmlAttrPtr a = c->properties; a; a = a->next) {
      xmlChar *v = xmlNodeListGetString(c->doc, a->children, 1);
      const char *name = (const char *)a->name, *val = v ? (const char *)v : "";
      const char *key = !strcmp(name, "sourcecode")   ? "source"
                        : !strcmp(name, "targetcode") ? "target"
                        : !strcmp(name, "eventcode")  ? "code"
                                                      : name;
      if (!strcmp(name, "noevents")) {
        if (!strcmp(val, "True") || !strcmp(val, "true") || !strcmp(val, "1"))
          *noevents = 1;
      } else {
        only_noevents = 0;
        json_t *js = json_string(val);
        if (js) json_object_set_new(ev, key, js);
      }
      xmlFree(v);
    }
    if (only_noevents) json_decref(ev);
    else if (json_array_append_new(events, ev)) return -1;
  }
  return 0;
}

/* Attributes of n not in `skip` go into obj, in order. */
static void other_attrs(json_t *obj, xmlNodePtr n, const char *const *skip) {
  for (xmlAttrPtr a = n->properties; a; a = a->next) {
    int known = 0;
    for (const char *const *k = skip; *k; k++) known |= !strcmp(*k, (const char *)a->name);
    if (known) continue;
    xmlChar *v = xmlNodeListGetString(n->doc, a->children, 1);
    json_t *js = json_string(v ? (const char *)v : "");
    if (js) json_object_set_new(obj, (const char *)a->name, js);
    xmlFree(v);
  }
}

/* One line, whitespace runs collapsed: dyad_sentence.text. */
static char *one_line(dyad_doc *doc, const char *s, size_t n) {
  char *o = dyad__doc_strndup(doc, s, n);
  if (!o) return NULL;
  size_t k = 0;
  for (size_t i = 0; i < n; i++) {
    if (is_space(s[i])) {
      if (k && o[k - 1] != ' ') o[k++] = ' ';
    } else {
      o[k++] = s[i];
    }
  }
  while (k && o[k - 1] == ' ') k--;
  o[k] = '\0';
  return o;
}

typedef struct {
  xmlNodePtr node;
  size_t start, end;
  char *id;
} sent_src;

/* Makes the sentences of doc (text already set) from the given spans. */
static dyad_status add_sentences(dyad_reader *r, xml_state *st, dyad_doc *doc,
                                 const sent_src *ss, size_t n) {
  for (size_t i = 0; i < n; i++) {
    dyad_sentence *s = dyad__doc_add_sentence(doc);
    if (!s) return DYAD_ENOMEM;
    s->start = (uint32_t)ss[i].start;
    s->end = (uint32_t)ss[i].end;
    s->id = dyad__doc_strndup(doc, ss[i].id, strlen(ss[i].id));
    s->text = one_line(doc, doc->text + ss[i].start, ss[i].end - ss[i].start);
    if (!s->id || !s->text) return DYAD_ENOMEM;
    xmlNodePtr parse = find_elem(ss[i].node, "Parse", "Sentence");
    if (!parse) continue;
    xmlChar *pc = xmlNodeGetContent(parse);
    const char *p = pc ? (const char *)pc : "";
    size_t pn = strlen(p);
    trim(&p, &pn);
    if (pn) {
      s->given_parse = dyad__doc_strndup(doc, p, pn);
      if (!s->given_parse) {
        xmlFree(pc);
        return DYAD_ENOMEM;
      }
      if (looks_conllu(p, pn)) {
        size_t mis = 0;
        const char *why = conllu_tokens(doc, s, p, pn, &mis);
        if (why)
          dyad__reader_diag(r, DYAD_DIAG_WARNING, st->rec_line, s->id,
                            "CoNLL-U <Parse> not used for tokens: %s", why);
        if (mis)
          dyad__reader_diag(r, DYAD_DIAG_WARNING, st->rec_line, s->id,
                            "%zu word(s) of the <Parse> do not match the <Text>; their "
                            "offsets are approximate",
                            mis);
      }
    }
    xmlFree(pc);
  }
  /* Pre-tokenized only when every sentence came with its words; otherwise
   * the text layer tokenizes the sentences that have none (tokens NULL)
   * and keeps the given ones. */
  int all = n > 0;
  for (size_t i = 0; i < doc->nsents; i++) all = all && doc->sents[i].tokens != NULL;
  doc->pretokenized = all;
  return DYAD_OK;
}

static dyad_status record_reject(dyad_reader *r, xml_state *st, const char *id,
                                 const char *raw, size_t n, const char *why) {
  dyad__reader_diag(r, DYAD_DIAG_ERROR, st->rec_line, id, "<%s> record: %s; record skipped",
                    kind_name[st->kind], why);
  dyad__reader_reject(r, raw, n);
  /* One record per line group in the rejects file. */
  if (n && raw[n - 1] != '\n') dyad__reader_reject(r, "\n", 1);
  return DYAD_REJECT;
}

static const char *const sentence_attrs[] = {"id", "date", "source", NULL};

static dyad_status build_doc(dyad_reader *r, xml_state *st, xmlDocPtr x,
                             const char *raw, size_t rawn, dyad_doc **out) {
  xmlNodePtr root = xmlDocGetRootElement(x);
  if (!root || !name_is(root, kind_name[st->kind]))
    return record_reject(r, st, NULL, raw, rawn, "not readable as XML");
  char *aid = attr(root, "id"), *adate = attr(root, "date"), *asrc = attr(root, "source");
  char gen[64];
  snprintf(gen, sizeof gen, "line-%ld", st->rec_line);
  const char *id = aid && *aid ? aid : gen;
  dyad_status res = DYAD_OK;
  dyad_doc *doc = NULL;
  json_t *extra = NULL;
  sent_src *ss = NULL;
  dyad__buf text = {0}, tmp = {0};
  char date[11] = "";
  const char *why = NULL;
  if (!adate) why = "no date attribute (PETRARCH requires one)";
  else if ((why = dyad__parse_date(adate, strlen(adate), date))) {
  }
  if (why) {
    res = record_reject(r, st, id, raw, rawn, why);
    goto done;
  }
  doc = dyad__doc_create();
  extra = json_object();
  if (!doc || !extra) {
    res = DYAD_ENOMEM;
    goto done;
  }
  /* Sentences: the record itself, or an article's <Sentence> children. */
  size_t nss = 0, css = 0;
  if (st->kind == K_SENTENCE) {
    css = 1;
  } else {
    /* Count candidate sentences first. */
    for (xmlNodePtr n = root->children; n; n = n->next) {
      if (name_is(n, "Sentence")) css++;
      if (name_is(n, "Sentences"))
        for (xmlNodePtr m = n->children; m; m = m->next) css += name_is(m, "Sentence");
    }
  }
  ss = calloc(css ? css : 1, sizeof *ss);
  if (!ss) {
    res = DYAD_ENOMEM;
    goto done;
  }
  int noevents = 0;
  json_t *events = json_array();
  if (!events) {
    res = DYAD_ENOMEM;
    goto done;
  }
  json_object_set_new(extra, "expected_events", events);
  if (st->kind == K_SENTENCE) {
    xmlNodePtr t = find_elem(root, "Text", NULL);
    dyad__buf_clear(&tmp);
    if (t && own_text(t, &tmp)) {
      res = DYAD_ENOMEM;
      goto done;
    }
    const char *p = tmp.data ? tmp.data : "";
    size_t pn = tmp.len;
    trim(&p, &pn);
    xmlNodePtr parse = pn ? NULL : find_elem(root, "Parse", NULL);
    if (parse) {
      xmlChar *pc = xmlNodeGetContent(parse);
      int e = text_from_parse(pc ? (const char *)pc : "", pc ? strlen((const char *)pc) : 0,
                              &tmp);
      xmlFree(pc);
      if (e) {
        res = DYAD_ENOMEM;
        goto done;
      }
      p = tmp.data;
      pn = tmp.len;
      if (pn)
        dyad__reader_diag(r, DYAD_DIAG_WARNING, st->rec_line, id, "%s",
                          "empty <Text>: the text is rebuilt from the words of the <Parse>");
    }
    if (!pn) {
      res = record_reject(r, st, id, raw, rawn,
                          t ? "empty <Text> (and no words in a <Parse>)" : "no <Text>");
      goto done;
    }
    if (dyad__buf_append(&text, p, pn)) {
      res = DYAD_ENOMEM;
      goto done;
    }
    ss[0].node = root;
    ss[0].start = 0;
    ss[0].end = pn;
    ss[0].id = (char *)id;
    nss = 1;
    if (add_events(events, root, NULL, &noevents)) {
      res = DYAD_ENOMEM;
      goto done;
    }
  } else {
    for (xmlNodePtr n = root->children; n; n = n->next) {
      xmlNodePtr first = name_is(n, "Sentence") ? n : name_is(n, "Sentences") ? n->children : NULL;
      for (xmlNodePtr m = first; m; m = name_is(n, "Sentences") ? m->next : NULL) {
        if (!name_is(m, "Sentence")) continue;
        xmlNodePtr t = find_elem(m, "Text", NULL);
        if (t && own_text(t, &tmp)) {
          res = DYAD_ENOMEM;
          goto done;
        }
        const char *p = t ? tmp.data : "";
        size_t pn = t ? tmp.len : 0;
        trim(&p, &pn);
        if (!pn) {
          dyad__reader_diag(r, DYAD_DIAG_WARNING, st->rec_line, id,
                            "<Sentence> %zu of the article has no text; skipped", nss + 1);
          continue;
        }
        if (text.len && dyad__buf_putc(&text, ' ')) {
          res = DYAD_ENOMEM;
          goto done;
        }
        ss[nss].node = m;
        ss[nss].start = text.len;
        if (dyad__buf_append(&text, p, pn)) {
          res = DYAD_ENOMEM;
          goto done;
        }
        ss[nss].end = text.len;
        char *sid = attr(m, "id");
        char sgen[96];
        snprintf(sgen, sizeof sgen, "%s-%zu", id, nss + 1);
        ss[nss].id = strdup(sid && *sid ? sid : sgen);
        xmlFree(sid);
        if (!ss[nss].id) {
          res = DYAD_ENOMEM;
          goto done;
        }
        if (add_events(events, m, ss[nss].id, &noevents)) {
          res = DYAD_ENOMEM;
          goto done;
        }
        nss++;
      }
    }
    xmlNodePtr t = find_elem(root, "Text", "Sentence");
    if (t && own_text(t, &tmp)) {
      res = DYAD_ENOMEM;
      goto done;
    }
    const char *p = t ? tmp.data : "";
    size_t pn = t ? tmp.len : 0;
    trim(&p, &pn);
    if (nss && pn)
      dyad__reader_diag(r, DYAD_DIAG_NOTE, st->rec_line, id, "%s",
                        "the article's own <Text> is not used: its <Sentence> children "
                        "give the text");
    if (!nss) {
      if (!pn) {
        res = record_reject(r, st, id, raw, rawn, t ? "empty <Text>" : "no <Text>");
        goto done;
      }
      if (dyad__buf_append(&text, p, pn)) {
        res = DYAD_ENOMEM;
        goto done;
      }
    }
    if (add_events(events, root, NULL, &noevents)) {
      res = DYAD_ENOMEM;
      goto done;
    }
  }
  if (dyad__doc_set(doc, "id", id, strlen(id)) ||
      dyad__doc_set(doc, "date", date, 10) ||
      dyad__doc_set(doc, "source", asrc ? asrc : "", asrc ? strlen(asrc) : 0) ||
      dyad__doc_set(doc, "text", text.data, text.len)) {
    res = DYAD_ENOMEM;
    goto done;
  }
  /* Expected events only when the record states some: a record without
   * <EventCoding> says nothing about what should be coded. */
  if (json_array_size(events) == 0 && !noevents)
    json_object_del(extra, "expected_events");
  else
    json_object_set_new(extra, "noevents", json_boolean(noevents));
  other_attrs(extra, root, sentence_attrs);
  if (json_object_size(extra)) {
    char *dump = json_dumps(extra, JSON_COMPACT | JSON_PRESERVE_ORDER);
    if (!dump || dyad__doc_set(doc, "extra", dump, strlen(dump))) res = DYAD_ENOMEM;
    free(dump);
    if (res) goto done;
  }
  if ((res = add_sentences(r, st, doc, ss, nss))) goto done;
  doc->invalid_utf8 = st->bad;
  if (st->bad)
    dyad__reader_diag(r, DYAD_DIAG_WARNING, st->rec_line, id,
                      "%zu invalid UTF-8 sequence(s) or control character(s) replaced "
                      "by U+FFFD",
                      st->bad);
  *out = doc;
  doc = NULL;
done:
  if (ss && st->kind == K_ARTICLE)
    for (size_t i = 0; i < nss; i++) free(ss[i].id);
  free(ss);
  dyad_doc_free(doc);
  json_decref(extra);
  dyad__buf_free(&text);
  dyad__buf_free(&tmp);
  xmlFree(aid);
  xmlFree(adate);
  xmlFree(asrc);
  return res;
}

/* <Environment>: element name -> its text; <Config option=".." value="..">
 * -> "Config:option" -> value.  A <Config> of its own (between records)
 * adds its one option; a later value of a key hides the earlier one. */
static dyad_status read_environment(dyad_reader *r, xml_state *st, xmlDocPtr x) {
  xmlNodePtr root = xmlDocGetRootElement(x);
  if (!root) return DYAD_OK;
  int alone = name_is(root, "Config");
  for (xmlNodePtr c = alone ? root : root->children; c; c = alone ? NULL : c->next) {
    if (c->type != XML_ELEMENT_NODE) continue;
    char *key = NULL, *val = NULL;
    if (name_is(c, "Config")) {
      char *o = attr(c, "option"), *v = attr(c, "value");
      if (o) {
        size_t n = strlen(o) + 8;
        key = malloc(n);
        if (key) snprintf(key, n, "Config:%s", o);
        val = strdup(v ? v : "");
      }
      xmlFree(o);
      xmlFree(v);
      if (!o) continue;
    } else {
      xmlChar *t = xmlNodeGetContent(c);
      const char *p = t ? (const char *)t : "";
      size_t n = strlen(p);
      trim(&p, &n);
      key = strdup((const char *)c->name);
      val = malloc(n + 1);
      if (val) {
        memcpy(val, p, n);
        val[n] = '\0';
      }
      xmlFree(t);
    }
    char **e = realloc(st->env, (st->nenv + 2) * sizeof *e);
    if (!key || !val || !e) {
      free(key);
      free(val);
      if (e) st->env = e;
      return DYAD_ENOMEM;
    }
    st->env = e;
    e[st->nenv++] = key;
    e[st->nenv++] = val;
  }
  (void)r;
  return DYAD_OK;
}

/* ------------------------------------------------------------------------ */
/* The reader                                                                */
/* ------------------------------------------------------------------------ */

static dyad_status xml_init(dyad_reader *r) {
  xml_state *st = calloc(1, sizeof *st);
  if (!st) return DYAD_ENOMEM;
  st->wline = st->lc_line = 1;
  r->state = st;
  xmlInitParser();
  return DYAD_OK;
}

static void xml_free(dyad_reader *r) {
  xml_state *st = r->state;
  if (!st) return;
  dyad__buf_free(&st->w);
  dyad__buf_free(&st->clean);
  for (size_t i = 0; i < st->nenv; i++) free(st->env[i]);
  free(st->env);
  free(st);
}

/* The current record ends at `end` (exclusive): parse it and make a doc,
 * or keep the environment.  Returns DYAD_OK with *out set, DYAD_REJECT,
 * or -100 when there is no doc to return (environment). */
#define NO_DOC ((dyad_status)-100)

static dyad_status finish_record(dyad_reader *r, xml_state *st, size_t end, int closed,
                                 dyad_doc **out) {
  int mode = st->mode;
  st->mode = OUT;
  const char *raw = st->w.data + st->rec0;
  size_t rawn = end - st->rec0;
  st->pos = end;
  r->line = line_at(st, end);
  if (mode == IN_REC && rawn > r->max_record) {
    /* The whole record fit in the window: the limit still applies. */
    char id[80];
    dyad__reader_diag(r, DYAD_DIAG_ERROR, st->rec_line, raw_id(raw, rawn, id, sizeof id),
                      "<%s> record longer than the limit of %zu bytes (--max-record); "
                      "record skipped",
                      kind_name[st->kind], r->max_record);
    dyad__reader_reject(r, raw, rawn);
    if (raw[rawn - 1] != '\n') dyad__reader_reject(r, "\n", 1);
    return DYAD_REJECT;
  }
  if (mode == SKIP_REC) {
    dyad__reader_reject(r, st->w.data, end);
    if (end && st->w.data[end - 1] != '\n') dyad__reader_reject(r, "\n", 1);
    return DYAD_REJECT;
  }
  if (!closed) {
    char where[64];
    if (end >= st->w.len && st->eof) snprintf(where, sizeof where, "the end of the input");
    else snprintf(where, sizeof where, "line %ld", r->line);
    char why[128];
    snprintf(why, sizeof why, "not closed (no </%s>) before %s", kind_name[st->kind], where);
    if (st->kind == K_ENVIRONMENT || st->kind == K_CONFIG) {
      dyad__reader_diag(r, DYAD_DIAG_WARNING, st->rec_line, NULL, "<%s> %s; ignored",
                        kind_name[st->kind], why);
      return NO_DOC;
    }
    char id[80];
    return record_reject(r, st, raw_id(raw, rawn, id, sizeof id), raw, rawn, why);
  }
  if (clean_record(st, raw, rawn)) return DYAD_ENOMEM;
  if (st->clean.len > INT_MAX) /* libxml2 takes an int length */
    return record_reject(r, st, NULL, raw, rawn, "record too large for the XML parser");
  int nerr = 0;
  xmlDocPtr x = parse_record(r, st, &nerr);
  dyad_status res;
  if (st->kind == K_ENVIRONMENT || st->kind == K_CONFIG) {
    res = x ? read_environment(r, st, x) : DYAD_OK;
    if (res == DYAD_OK) res = NO_DOC;
  } else if (!x) {
    res = record_reject(r, st, NULL, raw, rawn, "not readable as XML");
  } else {
    res = build_doc(r, st, x, raw, rawn, out);
  }
  xmlFreeDoc(x);
  return res;
}

static dyad_status xml_next(dyad_reader *r, dyad_doc **out) {
  xml_state *st = r->state;
  for (;;) {
    if (!st->w.data && dyad__buf_append(&st->w, "", 0)) return DYAD_ENOMEM;
    const char *w = st->w.data;
    const char *lt = memchr(w + st->pos, '<', st->w.len - st->pos);
    if (!lt) {
      st->pos = st->w.len;
      int g = pull(r, st);
      if (g < 0) return DYAD_EIO;
      if (g > 0) continue;
      if (st->mode == OUT) return DYAD_END;
      dyad_status s = finish_record(r, st, st->w.len, 0, out);
      if (s == NO_DOC) continue;
      return s;
    }
    st->pos = (size_t)(lt - w);
    if (need(r, st, 48) < 0) return DYAD_EIO;
    w = st->w.data;
    const char *p = w + st->pos;
    size_t avail = st->w.len - st->pos;
    const char *skip_to = NULL;
    size_t skip_from = 0;
    if (avail >= 4 && !memcmp(p, "<!--", 4)) skip_to = "-->", skip_from = 4;
    else if (avail >= 9 && !memcmp(p, "<![CDATA[", 9)) skip_to = "]]>", skip_from = 9;
    else if (avail >= 2 && p[1] == '?') skip_to = "?>", skip_from = 2;
    else if (avail >= 2 && p[1] == '!') skip_to = ">", skip_from = 2;
    if (skip_to) {
      st->pos += skip_from;
      int f = find(r, st, skip_to);
      if (f < 0) return DYAD_EIO;
      continue;
    }
    int closing = avail >= 2 && p[1] == '/';
    const char *name = p + 1 + closing;
    size_t nn = avail - 1 - (size_t)closing;
    if (st->mode == OUT) {
      int kind = -1;
      if (!closing) {
        if (tag_is(name, nn, "Sentence")) kind = K_SENTENCE;
        else if (tag_is(name, nn, "Article")) kind = K_ARTICLE;
        else if (tag_is(name, nn, "Environment")) kind = K_ENVIRONMENT;
        else if (tag_is(name, nn, "Config")) kind = K_CONFIG;
      }
      if (kind < 0) {
        /* Text outside any record would vanish: say so. */
        if (!closing && (tag_is(name, nn, "Text") || tag_is(name, nn, "sentence") ||
                         tag_is(name, nn, "article") || tag_is(name, nn, "SENTENCE"))) {
          int k = 0;
          while ((size_t)k < nn && k < 16 && is_name_char((unsigned char)name[k])) k++;
          dyad__reader_diag(r, DYAD_DIAG_WARNING, line_at(st, st->pos), NULL,
                            "<%.*s> outside any <Sentence> or <Article> record "
                            "(element names are case-sensitive); ignored",
                            k, name);
        }
        st->pos++;
        continue;
      }
      st->mode = IN_REC;
      st->kind = kind;
      st->rec0 = st->pos;
      st->rec_line = line_at(st, st->pos);
      st->pos++;
      int t = skip_start_tag(r, st);
      if (t < 0) return DYAD_EIO;
      if (t == 2) {
        dyad_status s = finish_record(r, st, st->pos, 1, out);
        if (s == NO_DOC) continue;
        return s;
      }
      continue;
    }
    /* Inside a record. */
    const char *self = kind_name[st->kind];
    if (closing && tag_is(name, nn, self)) {
      int f = find(r, st, ">");
      if (f < 0) return DYAD_EIO;
      dyad_status s = finish_record(r, st, st->pos, 1, out);
      if (s == NO_DOC) continue;
      return s;
    }
    int breaks;
    if (closing)
      breaks = (st->kind == K_SENTENCE &&
                (tag_is(name, nn, "Sentences") || tag_is(name, nn, "Article") ||
                 tag_is(name, nn, "Articles"))) ||
               (st->kind == K_ARTICLE && tag_is(name, nn, "Articles")) ||
               (st->kind == K_ENVIRONMENT &&
                (tag_is(name, nn, "Sentences") || tag_is(name, nn, "Articles")));
    else
      breaks = tag_is(name, nn, "Article") ||
               (st->kind != K_ARTICLE && tag_is(name, nn, "Sentence")) ||
               (st->kind == K_ENVIRONMENT &&
                (tag_is(name, nn, "Sentences") || tag_is(name, nn, "Articles")));
    if (breaks) {
      dyad_status s = finish_record(r, st, st->pos, 0, out);
      if (s == NO_DOC) continue;
      return s;
    }
    st->pos++;
  }
}

const char *dyad_reader_environment(const dyad_reader *r, const char *key) {
  if (!r || !key || r->ops != &dyad__xml_ops || !r->state) return NULL;
  const xml_state *st = r->state;
  for (size_t i = st->nenv; i >= 2; i -= 2)
    if (!strcmp(st->env[i - 2], key)) return st->env[i - 1];
  return NULL;
}

const dyad__reader_ops dyad__xml_ops = {"xml", xml_init, xml_next, xml_free};
