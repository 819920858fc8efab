/*
 * cmd_validate.c -- `dyad validate FILE.xml`: PETRARCH validation records.
 *
 * The dictionaries come from the file's <Environment> (paths relative to
 * the file).  Every <Sentence> is coded and its events compared, as a set
 * of (source, target, code), with its <EventCoding> elements; a record
 * whose only codings are noevents="True" or error="..." expects none.
 */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "coding.h"

static const char help[] =
    "usage: dyad validate [OPTIONS] FILE.xml\n"
    "\n"
    "Runs a PETRARCH validation file: codes every <Sentence> with the\n"
    "dictionaries named in its <Environment> and compares the events with its\n"
    "<EventCoding> elements.  Prints PASS or FAIL per record (with expected and\n"
    "produced events for failures), then a summary.  All flagged events are\n"
    "kept, as PETRARCH-2 keeps them, unless --include says otherwise, and the\n"
    "act an appeal or demand asks for is part of the request, as in PETRARCH-2\n"
    "(--petrarch-requests is on; --no-petrarch-requests turns it off), and\n"
    "\"in\" introduces the agent of a passive verb, as PETRARCH-2 documents\n"
    "(--petrarch-passive is on; --no-petrarch-passive turns it off).\n"
    "\n"
    "  --min RATE         exit status 4 if fewer than RATE % of the records\n"
    "                     pass exactly (default 0)\n"
    "  --quiet-pass       print only failures\n"
    "  --explain ID       also print the coding trace of record ID\n"
    "  --set-aside FILE   records whose ids FILE lists (one per line, then the\n"
    "                     reason; '#' starts a comment) are still coded and\n"
    "                     printed, marked \"(set aside)\", and a second summary\n"
    "                     gives the rest, to which --min then applies\n"
    "\n";

/* The ids of --set-aside FILE: the first word of each line that is not
 * blank or a comment, with its line, and whether the file has the record. */
typedef struct {
  char *id;
  unsigned line;
  int seen;
} aside_entry;

typedef struct {
  aside_entry *e;
  size_t n;
} aside_list;

static void aside_free(aside_list *l) {
  for (size_t i = 0; i < l->n; i++) free(l->e[i].id);
  free(l->e);
  memset(l, 0, sizeof *l);
}

static int aside_load(const char *path, aside_list *l) {
  FILE *f = fopen(path, "r");
  if (!f) {
    fprintf(stderr, "dyad validate: %s: cannot open\n", path);
    return -1;
  }
  char buf[1024];
  unsigned lineno = 0;
  while (fgets(buf, sizeof buf, f)) {
    lineno++;
    char *p = buf + strspn(buf, " \t");
    size_t k = strcspn(p, " \t\r\n#");
    if (!k) continue;
    aside_entry *e = realloc(l->e, (l->n + 1) * sizeof *e);
    char *dup = malloc(k + 1);
    if (e) l->e = e;
    if (!e || !dup) {
      free(dup);
      fclose(f);
      fprintf(stderr, "dyad validate: out of memory\n");
      return -1;
    }
    memcpy(dup, p, k);
    dup[k] = '\0';
    l->e[l->n++] = (aside_entry){dup, lineno, 0};
  }
  fclose(f);
  return 0;
}

static int aside_has(aside_list *l, const char *id) {
  for (size_t i = 0; i < l->n; i++)
    if (!strcmp(l->e[i].id, id)) return l->e[i].seen = 1;
  return 0;
}

typedef struct {
  char s[64], t[64], c[16];
  int used;
} triple;

static int triple_eq(const triple *a, const triple *b) {
  return !strcmp(a->s, b->s) && !strcmp(a->t, b->t) && !strcmp(a->c, b->c);
}

static void copy(char *dst, size_t size, const char *src) {
  snprintf(dst, size, "%s", src ? src : "");
}

int cmd_validate(int argc, char **argv) {
  coding_setup cs = {0};
  cli_input in = {0};
  cs.in = &in;
  const char *file = NULL, *v;
  double min_rate = 0;
  int quiet_pass = 0;
  const char *explain_id = NULL, *aside_path = NULL;
  aside_list aside = {0};
  cs.copts.petrarch_requests = 1;
  cs.copts.petrarch_passive = 1;
  for (int i = 1; i < argc; i++) {
    const char *a = argv[i];
    if (!strcmp(a, "--help") || !strcmp(a, "-h")) {
      coding_print_help(help);
      return EXIT_OK;
    }
    int r = coding_option(&cs, argc, argv, &i);
    if (!r && (r = cli_opt(a, "--min", argc, argv, &i, &v)) > 0) min_rate = atof(v);
    if (!r && !strcmp(a, "--quiet-pass")) quiet_pass = r = 1;
    if (!r && (r = cli_opt(a, "--explain", argc, argv, &i, &v)) > 0) explain_id = v;
    if (!r && (r = cli_opt(a, "--set-aside", argc, argv, &i, &v)) > 0) aside_path = v;
    if (r < 0) return cli_usage_error("validate", "option %s needs a valid value", a);
    if (r > 0) continue;
    if (a[0] == '-' && a[1]) return cli_usage_error("validate", "unknown option '%s'", a);
    if (file) return cli_usage_error("validate", "%s", "one validation file at a time");
    file = a;
  }
  if (!file) return cli_usage_error("validate", "%s", "no validation file given");
  if (aside_path && aside_load(aside_path, &aside) < 0) {
    aside_free(&aside);
    return EXIT_USAGE;
  }
  coding_include_all_by_default(&cs);
  dyad_reader_options ro = {0};
  ro.format = DYAD_FORMAT_XML;
  ro.diag = cli_print_diag;
  ro.diag_user = &in;
  dyad_reader *r = NULL;
  if (dyad_reader_open(file, &ro, &r) != DYAD_OK) {
    aside_free(&aside);
    return EXIT_FATAL;
  }
  dyad_doc *doc = NULL;
  dyad_status st = dyad_reader_next(r, &doc);
  /* Dictionaries from the <Environment>, relative to the file. */
  char base[4096];
  snprintf(base, sizeof base, "%s", file);
  char *slash = strrchr(base, '/');
  if (slash) *slash = '\0';
  else snprintf(base, sizeof base, ".");
  if (!cs.dicts.nfiles) {
    static const struct {
      const char *key;
      dyad_dict_kind kind;
    } keys[] = {{"Verbfile", DYAD_DICT_VERBS},
                {"Actorfile", DYAD_DICT_ACTORS},
                {"Agentfile", DYAD_DICT_AGENTS},
                {"Discardfile", DYAD_DICT_DISCARDS},
                {"Issuefile", DYAD_DICT_ISSUES}};
    for (size_t k = 0; k < sizeof keys / sizeof *keys; k++) {
      const char *p = dyad_reader_environment(r, keys[k].key);
      if (p && *p) coding_add_dict(&cs, base, p, keys[k].kind);
    }
  }
  int rc = coding_load(&cs);
  /* A <Config option="require_dyad" value="false"> before records asks
   * for PETRARCH's events with one side null: a second coder gives them. */
  dyad_coder *main_coder = cs.coder, *lone_coder = NULL;
  if (!rc) {
    dyad_coder_options lo = cs.copts;
    lo.lone_events = 1;
    if (dyad_coder_new(cs.dict, cs.codes, &lo, &lone_coder) != DYAD_OK) rc = EXIT_FATAL;
  }
  size_t records = 0, exact = 0, missing = 0, extra = 0, expected_total = 0;
  size_t aside_records = 0, aside_exact = 0;
  while (!rc && (st == DYAD_OK || st == DYAD_REJECT)) {
    if (st == DYAD_OK) {
      records++;
      triple exp[64], got[256];
      size_t ne = 0, ng = 0;
      json_t *x = json_loads(dyad_doc_extra_json(doc), 0, NULL);
      json_t *arr = x ? json_object_get(x, "expected_events") : NULL;
      size_t i;
      json_t *e;
      json_array_foreach(arr, i, e) {
        json_t *c = json_object_get(e, "code");
        if (!json_is_string(c) || ne == 64) continue;
        copy(exp[ne].s, sizeof exp[ne].s, json_string_value(json_object_get(e, "source")));
        copy(exp[ne].t, sizeof exp[ne].t, json_string_value(json_object_get(e, "target")));
        copy(exp[ne].c, sizeof exp[ne].c, json_string_value(c));
        exp[ne++].used = 0;
      }
      json_decref(x);
      char id[128];
      copy(id, sizeof id, dyad_doc_id(doc));
      const char *rd = dyad_reader_environment(r, "Config:require_dyad");
      cs.coder = rd && !strcasecmp(rd, "false") ? lone_coder : main_coder;
      const dyad_event *ev = NULL;
      size_t n = 0;
      if (explain_id && !strcmp(explain_id, id)) {
        coding_run(&cs, &doc, &ev, &n, 1);
        fflush(stdout);
      }
      st = coding_run(&cs, &doc, &ev, &n, 0);
      for (size_t k = 0; k < n && ng < 256; k++) {
        copy(got[ng].s, sizeof got[ng].s, ev[k].source);
        copy(got[ng].t, sizeof got[ng].t, ev[k].target);
        copy(got[ng].c, sizeof got[ng].c, ev[k].code);
        got[ng++].used = 0;
      }
      size_t miss = 0, ext = 0;
      for (size_t a = 0; a < ne; a++) {
        int found = 0;
        for (size_t b = 0; b < ng && !found; b++)
          if (!got[b].used && triple_eq(&exp[a], &got[b])) got[b].used = found = 1;
        if (!found) miss++;
      }
      for (size_t b = 0; b < ng; b++)
        if (!got[b].used) ext++;
      expected_total += ne;
      missing += miss;
      extra += ext;
      int pass = st == DYAD_OK && !miss && !ext;
      int set_aside = aside_has(&aside, id);
      if (pass) exact++;
      if (set_aside) {
        aside_records++;
        if (pass) aside_exact++;
      }
      if (!pass || !quiet_pass) {
        printf("%s %s%s\n", pass ? "PASS" : "FAIL", id, set_aside ? " (set aside)" : "");
        if (!pass) {
          printf("  expected:");
          if (!ne) printf(" (no event)");
          for (size_t a = 0; a < ne; a++) printf(" %s-%s-%s", exp[a].s, exp[a].t, exp[a].c);
          printf("\n  produced:");
          if (!ng) printf(" (no event)");
          for (size_t b = 0; b < ng; b++) printf(" %s-%s-%s", got[b].s, got[b].t, got[b].c);
          printf("\n");
          if (dyad_doc_sentence_count(doc)) printf("  text: %s\n", dyad_doc_sentence(doc, 0)->text);
        }
      }
      dyad_doc_free(doc);
      doc = NULL;
    }
    st = dyad_reader_next(r, &doc);
  }
  dyad_doc_free(doc);
  in.records = dyad_reader_records(r);
  in.rejected = dyad_reader_rejected(r);
  dyad_reader_free(r);
  cs.coder = main_coder;
  dyad_coder_free(lone_coder);
  coding_free(&cs);
  if (rc) {
    aside_free(&aside);
    return rc;
  }
  double rate = records ? 100.0 * (double)exact / (double)records : 0.0;
  printf("dyad validate: %zu records, %zu exact (%.1f%%), %zu of %zu expected events "
         "missing, %zu extra events\n",
         records, exact, rate, missing, expected_total, extra);
  if (aside_path) {
    for (size_t k = 0; k < aside.n; k++)
      if (!aside.e[k].seen)
        fprintf(stderr, "%s:%u: warning: no record '%s' in %s\n", aside_path, aside.e[k].line,
                aside.e[k].id, file);
    size_t rest = records - aside_records, rest_exact = exact - aside_exact;
    rate = rest ? 100.0 * (double)rest_exact / (double)rest : 0.0;
    printf("dyad validate: %zu records set aside (%s), %zu of them exact; the other %zu: "
           "%zu exact (%.1f%%)\n",
           aside_records, aside_path, aside_exact, rest, rest_exact, rate);
  }
  aside_free(&aside);
  if (rate < min_rate) {
    fprintf(stderr, "dyad validate: %.1f%% exact is below --min %.1f%%\n", rate, min_rate);
    return EXIT_CHECK;
  }
  return in.rejected ? EXIT_REJECTED : EXIT_OK;
}
