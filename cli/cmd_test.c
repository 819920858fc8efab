/*
 * cmd_test.c -- `dyad test FILE...`: runs test data files.
 *
 * A file holds cases.  Each case starts with a header line
 *
 *   === KIND NAME [key=value ...]
 *
 * followed by its input, a line "---", and the expected output.  Lines
 * before the first case that start with '#' are comments.  Trailing blank
 * lines of input and expected output are ignored; an empty expected output
 * means "produces nothing" (a sentence that must not be coded, say).
 *
 * Kinds (each prints what it produced, compared line by line):
 *   sentences  one line per sentence; non-sentences as "[kind] text"
 *   tokens     one line per sentence, words separated by spaces; the words
 *              of a multiword token are joined by '+' ("did+n't")
 *   conllu     the full `dyad tokenize` output
 *   dictcheck  the input is a dictionary file (option kind=actors, agents,
 *              verbs, discards, issues or config); prints every diagnostic
 *              of a checked load as "LINE:COL: severity: message"
 *   lookup     one phrase per input line, looked up in the dictionaries
 *              named by dict=FILE (a config or a file; relative to the
 *              source tree) on date=YYYY-MM-DD; prints dyad dict lookup's
 *              lines, with "(none)" for a phrase without a match
 *   read       the input through a reader (format=jsonl|text|xml|conllu,
 *              max-record=N): per record its diagnostics
 *              ("error L<line> [id] message"), then for an accepted one
 *              "doc ID DATE source=S pretokenized=0|1 invalid_utf8=N",
 *              "text ..." (newlines as \n), "extra {...}", and per
 *              sentence "sent ID START-END [parse]" plus, when it has
 *              words, "words form@start-end ..."
 *   spans      one line per sentence, each word as form@start:end (byte
 *              offsets in the input)
 *   folds      one line per sentence, the ASCII folds of its words
 *   relations  the input is tagged and parsed with the default model; each
 *              expected line "deprel(head, dependent)" (word forms, ROOT
 *              for the root) must be among the produced relations, so a
 *              case asserts only the relations it names.  On failure all
 *              produced relations are printed.
 */
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "coding.h"

typedef struct {
  char *data;
  size_t len, cap;
} sbuf;

static void sb_put(sbuf *b, const char *s, size_t n) {
  if (b->len + n + 1 > b->cap) {
    size_t c = b->cap ? b->cap : 256;
    while (c < b->len + n + 1) c *= 2;
    char *p = realloc(b->data, c);
    if (!p) abort();
    b->data = p;
    b->cap = c;
  }
  memcpy(b->data + b->len, s, n);
  b->len += n;
  b->data[b->len] = '\0';
}
static void sb_puts(sbuf *b, const char *s) { sb_put(b, s, strlen(s)); }

typedef struct {
  const char *file;
  long line;
  const char *kind, *name;
  char *opts; /* "key=value key=value" */
  sbuf input, expected;
} test_case;

/* Value of key in the case options, or NULL. */
static const char *case_opt(const test_case *tc, const char *key, char *buf,
                            size_t size) {
  size_t n = strlen(key);
  const char *p = tc->opts;
  while (p && *p) {
    while (*p == ' ') p++;
    const char *e = strchr(p, ' ');
    size_t len = e ? (size_t)(e - p) : strlen(p);
    if (len > n && !strncmp(p, key, n) && p[n] == '=') {
      size_t vl = len - n - 1;
      if (vl >= size) vl = size - 1;
      memcpy(buf, p + n + 1, vl);
      buf[vl] = '\0';
      return buf;
    }
    p = e;
  }
  return NULL;
}

typedef int (*kind_fn)(const test_case *tc, sbuf *out);

static void diag_to_out(const dyad_diag *d, void *user) {
  (void)d;
  (void)user;
}

static dyad_doc *make_doc(const test_case *tc) {
  char date[32], id[64];
  dyad_doc *doc = NULL;
  const char *dt = case_opt(tc, "date", date, sizeof date);
  const char *i = case_opt(tc, "id", id, sizeof id);
  if (dyad_doc_new(i ? i : "test", dt, tc->input.data ? tc->input.data : "",
                   tc->input.len, &doc) != DYAD_OK)
    return NULL;
  dyad_text_options to = {diag_to_out, NULL};
  if (dyad_text_segment(doc, &to) != DYAD_OK) {
    dyad_doc_free(doc);
    return NULL;
  }
  return doc;
}

static int kind_sentences(const test_case *tc, sbuf *out) {
  dyad_doc *doc = make_doc(tc);
  if (!doc) return -1;
  for (size_t i = 0; i < dyad_doc_sentence_count(doc); i++) {
    const dyad_sentence *s = dyad_doc_sentence(doc, i);
    if (s->kind != DYAD_SENT_TEXT) {
      sb_puts(out, "[");
      sb_puts(out, dyad_sentence_kind_name(s->kind));
      sb_puts(out, "] ");
    }
    sb_puts(out, s->text);
    sb_puts(out, "\n");
  }
  dyad_doc_free(doc);
  return 0;
}

static int kind_tokens(const test_case *tc, sbuf *out) {
  dyad_doc *doc = make_doc(tc);
  if (!doc) return -1;
  for (size_t i = 0; i < dyad_doc_sentence_count(doc); i++) {
    const dyad_sentence *s = dyad_doc_sentence(doc, i);
    uint32_t mwt_end = 0;
    for (uint32_t k = 0; k < s->ntokens; k++) {
      if (k) sb_puts(out, k < mwt_end ? "+" : " ");
      if (s->tokens[k].mwt > 1) mwt_end = k + s->tokens[k].mwt;
      sb_puts(out, s->tokens[k].form);
    }
    sb_puts(out, "\n");
  }
  dyad_doc_free(doc);
  return 0;
}

static int kind_spans(const test_case *tc, sbuf *out) {
  dyad_doc *doc = make_doc(tc);
  if (!doc) return -1;
  for (size_t i = 0; i < dyad_doc_sentence_count(doc); i++) {
    const dyad_sentence *s = dyad_doc_sentence(doc, i);
    for (uint32_t k = 0; k < s->ntokens; k++) {
      char num[48];
      snprintf(num, sizeof num, "@%u:%u", s->tokens[k].start, s->tokens[k].end);
      if (k) sb_puts(out, " ");
      sb_puts(out, s->tokens[k].form);
      sb_puts(out, num);
    }
    sb_puts(out, "\n");
  }
  dyad_doc_free(doc);
  return 0;
}

static int kind_folds(const test_case *tc, sbuf *out) {
  dyad_doc *doc = make_doc(tc);
  if (!doc) return -1;
  for (size_t i = 0; i < dyad_doc_sentence_count(doc); i++) {
    const dyad_sentence *s = dyad_doc_sentence(doc, i);
    for (uint32_t k = 0; k < s->ntokens; k++) {
      if (k) sb_puts(out, " ");
      sb_puts(out, s->tokens[k].fold);
    }
    sb_puts(out, "\n");
  }
  dyad_doc_free(doc);
  return 0;
}

static int sb_write(const char *data, size_t len, void *user) {
  sb_put(user, data, len);
  return 0;
}

static int kind_conllu(const test_case *tc, sbuf *out) {
  dyad_doc *doc = make_doc(tc);
  if (!doc) return -1;
  dyad_doc_write_conllu(doc, sb_write, out);
  dyad_doc_free(doc);
  return 0;
}

/* events: the input is one article text; options dict=CONFIG (relative to
 * the repository root), date=, include=, petrarch=negation,requests,passive,
 * parse=own.  Prints one line per
 * event: "SOURCE TARGET CODE [flags] [speaker=X]". */
static int kind_events(const test_case *tc, sbuf *out) {
  char dict[512], date[32], inc[128];
  coding_setup cs;
  memset(&cs, 0, sizeof cs);
  if (case_opt(tc, "dict", dict, sizeof dict)) coding_add_dict(&cs, NULL, dict, DYAD_DICT_AUTO);
  if (case_opt(tc, "include", inc, sizeof inc) &&
      dyad_event_flags_parse(inc, &cs.copts.include) != DYAD_OK)
    return -1;
  char pet[64];
  if (case_opt(tc, "petrarch", pet, sizeof pet)) {
    /* petrarch=negation,requests: PETRARCH-2's behaviours (--petrarch-*) */
    cs.copts.petrarch_negation = strstr(pet, "negation") != NULL;
    cs.copts.petrarch_requests = strstr(pet, "requests") != NULL;
    cs.copts.petrarch_passive = strstr(pet, "passive") != NULL;
  }
  cs.parse = PARSE_OWN;
  if (coding_load(&cs) != EXIT_OK) {
    coding_free(&cs);
    return -1;
  }
  dyad_doc *doc = NULL;
  const char *dt = case_opt(tc, "date", date, sizeof date);
  int rc = -1;
  if (dyad_doc_new("test", dt, tc->input.data ? tc->input.data : "", tc->input.len, &doc) ==
      DYAD_OK) {
    const dyad_event *ev;
    size_t n;
    if (coding_run(&cs, &doc, &ev, &n, 0) == DYAD_OK) {
      rc = 0;
      for (size_t i = 0; i < n; i++) {
        char fl[96], line[512];
        dyad_event_flags_string(ev[i].flags, fl, sizeof fl);
        snprintf(line, sizeof line, "%s %s %s%s%s%s%s\n", ev[i].source, ev[i].target, ev[i].code,
                 fl[0] ? " " : "", fl, ev[i].speaker ? " speaker=" : "",
                 ev[i].speaker ? ev[i].speaker : "");
        sb_puts(out, line);
      }
    }
  }
  dyad_doc_free(doc);
  coding_free(&cs);
  return rc;
}

static void diag_collect(const dyad_diag *d, void *user) {
  char line[1024];
  static const char *sev[] = {"note", "warning", "error"};
  snprintf(line, sizeof line, "%ld:%ld: %s: %s\n", d->line, d->column,
           sev[d->severity <= 2 ? d->severity : 2], d->message);
  sb_puts(user, line);
}

static int kind_dictcheck(const test_case *tc, sbuf *out) {
  char kb[32];
  const char *k = case_opt(tc, "kind", kb, sizeof kb);
  dyad_dict_kind kind = DYAD_DICT_AUTO;
  for (int i = DYAD_DICT_ACTORS; i <= DYAD_DICT_CONFIG; i++)
    if (k && !strcmp(k, dyad_dict_kind_name((dyad_dict_kind)i))) kind = (dyad_dict_kind)i;
  if (kind == DYAD_DICT_AUTO) {
    sb_puts(out, "dictcheck: option kind=actors|agents|verbs|discards|issues|config needed\n");
    return -1;
  }
  dyad_dict_options o = {diag_collect, out, 1};
  dyad_dict *d = NULL;
  dyad_status st = dyad_dict_load_memory(kind, "input", tc->input.data ? tc->input.data : "",
                                         tc->input.len, &o, &d);
  if (st != DYAD_OK) {
    sb_puts(out, "load failed: ");
    sb_puts(out, dyad_strerror(st));
    sb_puts(out, "\n");
    return 0;
  }
  dyad_dict_free(d);
  return 0;
}

static int kind_lookup(const test_case *tc, sbuf *out) {
  char path[512], date[32];
  if (!case_opt(tc, "dict", path, sizeof path)) {
    sb_puts(out, "lookup: option dict=FILE needed\n");
    return -1;
  }
  const char *dt = case_opt(tc, "date", date, sizeof date);
  dyad_dict_options o = {diag_collect, out, 0};
  dyad_dict_file f = {path, DYAD_DICT_AUTO};
  dyad_dict *d = NULL;
  if (dyad_dict_load_files(&f, 1, &o, &d) != DYAD_OK) return -1;
  out->len = 0; /* the fixtures' warnings are tested by dictcheck cases */
  out->data[0] = '\0';
  const char *p = tc->input.data ? tc->input.data : "";
  while (*p) {
    const char *nl = strchr(p, '\n');
    size_t n = nl ? (size_t)(nl - p) : strlen(p);
    char phrase[512];
    if (n >= sizeof phrase) n = sizeof phrase - 1;
    memcpy(phrase, p, n);
    phrase[n] = '\0';
    if (n && dyad_dict_lookup(d, phrase, dt, sb_write, out) == DYAD_ENOTFOUND) sb_puts(out, "(none)\n");
    p += n + (nl != NULL);
  }
  dyad_dict_free(d);
  return 0;
}

static void read_diag(const dyad_diag *d, void *user) {
  sbuf *out = user;
  char line[32];
  sb_puts(out, d->severity == DYAD_DIAG_ERROR     ? "error"
               : d->severity == DYAD_DIAG_WARNING ? "warning"
                                                  : "note");
  snprintf(line, sizeof line, " L%ld ", d->line);
  sb_puts(out, line);
  if (d->record) {
    sb_puts(out, "[");
    sb_puts(out, d->record);
    sb_puts(out, "] ");
  }
  sb_puts(out, d->message);
  sb_puts(out, "\n");
}

static void put_escaped(sbuf *out, const char *s) {
  for (; *s; s++) {
    if (*s == '\n') sb_puts(out, "\\n");
    else sb_put(out, s, 1);
  }
}

static int kind_read(const test_case *tc, sbuf *out) {
  char fmt[16], lim[24];
  dyad_reader_options o = {0};
  o.format = dyad_input_format_parse(case_opt(tc, "format", fmt, sizeof fmt));
  if (case_opt(tc, "max-record", lim, sizeof lim)) o.max_record_bytes = strtoul(lim, NULL, 10);
  o.diag = read_diag;
  o.diag_user = out;
  /* The case input lost its last newline; records need it back. */
  sbuf in = {0};
  sb_put(&in, tc->input.data ? tc->input.data : "", tc->input.len);
  sb_puts(&in, "\n");
  dyad_reader *r = NULL;
  if (dyad_reader_open_memory(in.data, in.len, "case", &o, &r) != DYAD_OK) {
    free(in.data);
    return 0; /* the diagnostic says why */
  }
  dyad_doc *doc;
  dyad_status st;
  while ((st = dyad_reader_next(r, &doc)) == DYAD_OK || st == DYAD_REJECT) {
    if (!doc) continue;
    char num[64];
    sb_puts(out, "doc ");
    sb_puts(out, dyad_doc_id(doc));
    sb_puts(out, " ");
    sb_puts(out, *dyad_doc_date(doc) ? dyad_doc_date(doc) : "-");
    sb_puts(out, " source=");
    sb_puts(out, dyad_doc_field(doc, "source"));
    snprintf(num, sizeof num, " pretokenized=%d invalid_utf8=%zu\n",
             dyad_doc_pretokenized(doc), dyad_doc_invalid_utf8(doc));
    sb_puts(out, num);
    sb_puts(out, "text ");
    put_escaped(out, dyad_doc_field(doc, "text"));
    sb_puts(out, "\nextra ");
    sb_puts(out, dyad_doc_extra_json(doc));
    sb_puts(out, "\n");
    for (size_t i = 0; i < dyad_doc_sentence_count(doc); i++) {
      const dyad_sentence *s = dyad_doc_sentence(doc, i);
      snprintf(num, sizeof num, " %u-%u", s->start, s->end);
      sb_puts(out, "sent ");
      sb_puts(out, s->id);
      sb_puts(out, num);
      if (s->given_parse) sb_puts(out, " parse");
      sb_puts(out, "\n");
      if (!s->ntokens) continue;
      sb_puts(out, "words");
      for (uint32_t k = 0; k < s->ntokens; k++) {
        snprintf(num, sizeof num, "@%u-%u", s->tokens[k].start, s->tokens[k].end);
        sb_puts(out, " ");
        sb_puts(out, s->tokens[k].form);
        sb_puts(out, num);
      }
      sb_puts(out, "\n");
    }
    dyad_doc_free(doc);
  }
  dyad_reader_free(r);
  free(in.data);
  return st == DYAD_END ? 0 : -1;
}

static dyad_model *test_model;
static int test_model_failed;

static int kind_relations(const test_case *tc, sbuf *out) {
  if (!test_model && !test_model_failed) {
    char path[4096];
    if (dyad_model_default_path(path, sizeof path) != DYAD_OK ||
        dyad_model_load(path, NULL, NULL, &test_model) != DYAD_OK)
      test_model_failed = 1;
  }
  if (!test_model) {
    sb_puts(out, "(no model: see dyad parse --help)\n");
    return -1;
  }
  dyad_doc *doc = make_doc(tc);
  if (!doc) return -1;
  if (dyad_annotate(test_model, doc, NULL) != DYAD_OK) {
    dyad_doc_free(doc);
    return -1;
  }
  sbuf got = {0};
  sb_puts(&got, "\n");
  for (size_t i = 0; i < dyad_doc_sentence_count(doc); i++) {
    const dyad_sentence *s = dyad_doc_sentence(doc, i);
    for (uint32_t k = 0; k < s->ntokens; k++) {
      const dyad_token *t = &s->tokens[k];
      const char *h = t->head > 0 && (uint32_t)t->head <= s->ntokens
                          ? s->tokens[t->head - 1].form
                          : "ROOT";
      sb_puts(&got, t->deprel);
      sb_puts(&got, "(");
      sb_puts(&got, h);
      sb_puts(&got, ", ");
      sb_puts(&got, t->form);
      sb_puts(&got, ")\n");
    }
  }
  dyad_doc_free(doc);
  /* Subset check: echo the expected lines that were produced; if one is
   * missing, print everything produced so the diff shows why. */
  const char *e = tc->expected.data ? tc->expected.data : "";
  int missing = 0;
  sbuf echo = {0};
  sb_puts(&echo, "");
  while (*e) {
    const char *nl = strchr(e, '\n');
    size_t len = nl ? (size_t)(nl - e) : strlen(e);
    char *line = malloc(len + 3);
    line[0] = '\n';
    memcpy(line + 1, e, len);
    line[len + 1] = '\n';
    line[len + 2] = '\0';
    if (len && strstr(got.data, line)) sb_put(&echo, e, len + 1 - (nl ? 0 : 1));
    else if (len) missing = 1;
    if (!nl) sb_puts(&echo, "");
    free(line);
    e = nl ? nl + 1 : e + len;
  }
  if (missing) sb_put(out, got.data + 1, got.len - 1);
  else sb_put(out, echo.data, echo.len);
  free(got.data);
  free(echo.data);
  return 0;
}

static const struct {
  const char *name;
  kind_fn fn;
} kinds[] = {
    {"events", kind_events},
    {"dictcheck", kind_dictcheck},
    {"lookup", kind_lookup},
    {"read", kind_read},
    {"relations", kind_relations},
    {"sentences", kind_sentences},
    {"tokens", kind_tokens},
    {"conllu", kind_conllu},
    {"spans", kind_spans},
    {"folds", kind_folds},
};

static void trim_trailing_blank(sbuf *b) {
  while (b->len && (b->data[b->len - 1] == '\n' || b->data[b->len - 1] == ' ' ||
                    b->data[b->len - 1] == '\r'))
    b->data[--b->len] = '\0';
}

static int run_case(test_case *tc, int verbose) {
  trim_trailing_blank(&tc->input);
  trim_trailing_blank(&tc->expected);
  kind_fn fn = NULL;
  for (size_t i = 0; i < sizeof kinds / sizeof *kinds; i++)
    if (!strcmp(kinds[i].name, tc->kind)) fn = kinds[i].fn;
  if (!fn) {
    printf("FAIL %s:%ld %s: unknown test kind '%s'\n", tc->file, tc->line, tc->name, tc->kind);
    return 0;
  }
  sbuf got = {0};
  sb_puts(&got, "");
  int ok = fn(tc, &got) == 0;
  trim_trailing_blank(&got);
  const char *exp = tc->expected.data ? tc->expected.data : "";
  ok = ok && !strcmp(got.data, exp);
  if (!ok) {
    printf("FAIL %s:%ld %s %s\n--- expected\n%s\n--- got\n%s\n---\n", tc->file, tc->line,
           tc->kind, tc->name, exp, got.data);
  } else if (verbose) {
    printf("ok   %s:%ld %s %s\n", tc->file, tc->line, tc->kind, tc->name);
  }
  free(got.data);
  return ok;
}

static const char help[] =
    "usage: dyad test [-v] FILE...\n\n"
    "Runs test data files: cases of input and expected output (see\n"
    "tests/data/README.md).  Prints each failing case with the expected and\n"
    "produced output, then 'N passed, N failed'.  Exit status 4 if any failed.\n";

int cmd_test(int argc, char **argv) {
  int verbose = 0, passed = 0, failed = 0;
  for (int i = 1; i < argc; i++) {
    if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h")) {
      fputs(help, stdout);
      return EXIT_OK;
    }
    if (!strcmp(argv[i], "-v")) {
      verbose = 1;
      continue;
    }
    FILE *fp = fopen(argv[i], "rb");
    if (!fp) {
      fprintf(stderr, "dyad test: cannot open %s\n", argv[i]);
      failed++;
      continue;
    }
    char *line = NULL;
    size_t cap = 0;
    ssize_t n;
    long lineno = 0;
    test_case tc = {0};
    int in_case = 0, in_expected = 0;
    char *hdr = NULL;
    while ((n = getline(&line, &cap, fp)) >= 0) {
      lineno++;
      if (!strncmp(line, "=== ", 4)) {
        if (in_case) {
          if (run_case(&tc, verbose)) passed++; else failed++;
          free(tc.input.data); free(tc.expected.data); free(hdr);
        }
        memset(&tc, 0, sizeof tc);
        hdr = strdup(line + 4);
        hdr[strcspn(hdr, "\r\n")] = '\0';
        tc.file = argv[i];
        tc.line = lineno;
        tc.kind = strtok(hdr, " ");
        tc.name = strtok(NULL, " ");
        tc.opts = strtok(NULL, "");
        if (!tc.kind) tc.kind = "";
        if (!tc.name) tc.name = "";
        in_case = 1;
        in_expected = 0;
        continue;
      }
      if (!in_case) continue;
      if (!in_expected && (!strcmp(line, "---\n") || !strcmp(line, "---"))) {
        in_expected = 1;
        continue;
      }
      sb_put(in_expected ? &tc.expected : &tc.input, line, (size_t)n);
    }
    if (in_case) {
      if (run_case(&tc, verbose)) passed++; else failed++;
      free(tc.input.data); free(tc.expected.data); free(hdr);
    }
    free(line);
    fclose(fp);
  }
  dyad_model_free(test_model);
  test_model = NULL;
  printf("dyad test: %d passed, %d failed\n", passed, failed);
  return failed ? EXIT_CHECK : EXIT_OK;
}
