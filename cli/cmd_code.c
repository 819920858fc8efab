#include <string.h>
#include <time.h>

#include "coding.h"

static const char help[] =
    "usage: dyad code [OPTIONS] [FILE...]\n"
    "\n"
    "Codes articles into CAMEO events: reads every input format (JSONL, plain\n"
    "text, PETRARCH XML, CoNLL-U; stdin when no FILE), splits, tags and parses\n"
    "them (or uses the parse the input carries), and writes one event per line.\n"
    "Events flagged negated, hypothetical, historical or self (one side the\n"
    "other's own country) are left out unless --include names them.\n"
    "\n"
    "Output options:\n"
    "  --format F         jsonl (default), tsv (PETRARCH-2 columns) or csv\n"
    "  --bench            write no events; print the CPU time of the coding step\n"
    "                     alone (after reading, tokenizing and parsing)\n"
    "\n";

typedef struct {
  coding_setup *cs;
  cli_input *in;
  dyad_output_format fmt;
  size_t events;
  int bench;         /* --bench: time the coding step, write nothing */
  double code_secs;  /* CPU seconds spent in dyad_code_doc */
} code_ctx;

static double cpu_seconds(void) {
  struct timespec ts;
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
  return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

static int on_doc(dyad_doc *doc, void *user) {
  code_ctx *c = user;
  const dyad_event *ev = NULL;
  size_t n = 0;
  dyad_status st = coding_run(c->cs, &doc, &ev, &n, c->bench ? 2 : 0);
  if (st == DYAD_OK && c->bench) {
    /* coding_run prepared the doc (tokens, tags, tree); time the coder. */
    double t0 = cpu_seconds();
    st = dyad_code_doc(c->cs->coder, doc, &ev, &n);
    c->code_secs += cpu_seconds() - t0;
  }
  int stop = 0;
  if (st != DYAD_OK) {
    fprintf(stderr, "dyad code: [%s] %s\n", dyad_doc_id(doc), dyad_strerror(st));
    stop = st == DYAD_ENOMEM || st == DYAD_ENOTFOUND || st == DYAD_ECORRUPT || st == DYAD_EVERSION;
  } else {
    size_t ns = dyad_doc_sentence_count(doc);
    c->in->sentences += ns;
    for (size_t i = 0; i < ns; i++) c->in->tokens += dyad_doc_sentence(doc, i)->ntokens;
    for (size_t i = 0; i < n && !stop && !c->bench; i++)
      stop = dyad_event_write(&ev[i], doc, c->fmt, cli_write_stdout, NULL) != DYAD_OK;
    c->events += n;
  }
  dyad_doc_free(doc);
  return stop;
}

int cmd_code(int argc, char **argv) {
  cli_input in = {0};
  coding_setup cs = {0};
  cs.in = &in;
  code_ctx c = {&cs, &in, DYAD_OUTPUT_JSONL, 0, 0, 0.0};
  char **files = argv + 1;
  int nfiles = 0;
  for (int i = 1; i < argc; i++) {
    const char *a = argv[i], *v;
    if (!strcmp(a, "--help") || !strcmp(a, "-h")) {
      coding_print_help(help);
      fputs(cli_input_help, stdout);
      return EXIT_OK;
    }
    if (!strcmp(a, "--bench")) {
      c.bench = 1;
      continue;
    }
    int r = cli_input_option(&in, argc, argv, &i);
    if (!r) r = coding_option(&cs, argc, argv, &i);
    if (!r && (r = cli_opt(a, "--format", argc, argv, &i, &v)) > 0) {
      if (!strcmp(v, "jsonl") || !strcmp(v, "json")) c.fmt = DYAD_OUTPUT_JSONL;
      else if (!strcmp(v, "tsv")) c.fmt = DYAD_OUTPUT_TSV;
      else if (!strcmp(v, "csv")) c.fmt = DYAD_OUTPUT_CSV;
      else return cli_usage_error("code", "unknown --format '%s' (jsonl, tsv, csv)", v);
    }
    if (r < 0) return cli_usage_error("code", "option %s needs a valid value", a);
    if (r > 0) continue;
    if (a[0] == '-' && a[1]) return cli_usage_error("code", "unknown option '%s'", a);
    files[nfiles++] = argv[i];
  }
  int rc = coding_load(&cs);
  if (rc) {
    coding_free(&cs);
    return rc;
  }
  if (dyad_event_write_header(c.fmt, cli_write_stdout, NULL) != DYAD_OK) rc = EXIT_FATAL;
  if (!rc) rc = cli_for_each_doc(&in, files, nfiles, on_doc, &c);
  fprintf(stderr, "dyad code: %zu event(s)\n", c.events);
  if (c.bench)
    fprintf(stderr, "dyad code: coding step %.3f s CPU for %zu sentences: %.0f sentences/s\n",
            c.code_secs, in.sentences, c.code_secs > 0 ? in.sentences / c.code_secs : 0.0);
  int fin = cli_finish(&in, "code");
  coding_free(&cs);
  return rc ? rc : fin;
}
