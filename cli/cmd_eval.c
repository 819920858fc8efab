/*
 * cmd_eval.c -- `dyad eval GOLD.conllu`: rebuilds each gold document's raw
 * text (the CoNLL 2018 convention: sentences of a paragraph joined by a
 * space, paragraphs by a blank line), runs dyad on it and scores the result
 * against the gold with the CoNLL 2018 shared task alignment.
 */
#include <stdlib.h>
#include <string.h>

#include "cli.h"

static const char help[] =
    "usage: dyad eval [OPTIONS] GOLD.conllu...\n"
    "\n"
    "Rebuilds the raw text of every gold document from its '# text' lines\n"
    "(sentences joined by a space, '# newpar' paragraphs by a blank line, as\n"
    "the CoNLL 2018 shared task raw text), segments and tokenizes it, and\n"
    "prints precision, recall and F1 of Tokens, Sentences and Words (and of\n"
    "the annotations dyad produced) aligned as conll18_ud_eval.py does.\n"
    "With a model (the default one, or --model), dyad's tokens are also\n"
    "tagged and parsed (UPOS, XPOS, Lemmas, UAS, LAS rows on aligned words),\n"
    "and the gold tokens are annotated too: the closing lines give the same\n"
    "figures with gold tokenization (as `dyad eval-parse`).\n"
    "\n"
    "Options:\n"
    "  --model FILE         tagger/parser model (default: see dyad parse --help)\n"
    "  --no-parse           tokenization figures only\n"
    "  --beam N             parser beam width (1: greedy; default: the model's)\n"
    "  --system FILE        also write dyad's CoNLL-U output to FILE\n"
    "  --thresholds FILE    check F1 against the lines 'KEY METRIC MIN_F1' of FILE\n"
    "  --key KEY            the KEY of those lines to check (default: ewt-dev)\n"
    "  --quiet              no warnings\n"
    "Exit status 4 when a metric is below its threshold.\n";

typedef struct {
  dyad_eval *ev;
  FILE *sys_out;
  cli_input *in;
  int failed;
  const dyad_model *model;  /* NULL: tokenization only */
  dyad_eval_counts goldtok; /* annotation of the gold tokens */
  int beam;
} eval_ctx;

static int write_file(const char *data, size_t len, void *user) {
  return fwrite(data, 1, len, (FILE *)user) != len;
}

static int on_doc(dyad_doc *gold, void *user) {
  eval_ctx *c = user;
  dyad_text_options to = {cli_print_diag, c->in};
  size_t len;
  const char *text = dyad_doc_text(gold, &len);
  dyad_doc *sys = NULL;
  int stop = 0;
  dyad_annotate_options ao = {.diag = cli_print_diag, .diag_user = c->in, .beam = c->beam};
  if (dyad_text_segment(gold, &to) != DYAD_OK ||
      dyad_doc_new(dyad_doc_id(gold), NULL, text, len, &sys) != DYAD_OK ||
      dyad_text_segment(sys, &to) != DYAD_OK ||
      (c->model && dyad_annotate(c->model, sys, &ao) != DYAD_OK) ||
      dyad_eval_add(c->ev, gold, sys) != DYAD_OK ||
      /* last: annotating the gold tokens overwrites the gold columns */
      (c->model && dyad_eval_doc(c->model, gold, &c->goldtok, &ao) != DYAD_OK)) {
    fprintf(stderr, "dyad eval: [%s] out of memory\n", dyad_doc_id(gold));
    stop = 1;
  } else {
    size_t n = dyad_doc_sentence_count(sys);
    c->in->sentences += n;
    for (size_t i = 0; i < n; i++) c->in->tokens += dyad_doc_sentence(sys, i)->ntokens;
    if (c->sys_out && dyad_doc_write_conllu(sys, write_file, c->sys_out) != DYAD_OK) stop = 1;
  }
  dyad_doc_free(sys);
  dyad_doc_free(gold);
  return stop;
}

static double pct(size_t a, size_t b) { return b ? 100.0 * (double)a / (double)b : 0.0; }

static double f1(const dyad_eval_metric *m) {
  size_t d = m->gold + m->system;
  return d ? 200.0 * (double)m->correct / (double)d : 0.0;
}

/* Checks the lines "KEY METRIC MIN_F1" of the thresholds file. */
static int check(const dyad_eval *ev, const char *path, const char *key) {
  FILE *fp = fopen(path, "r");
  if (!fp) {
    fprintf(stderr, "dyad eval: cannot open %s\n", path);
    return -1;
  }
  char line[512];
  int bad = 0, checked = 0;
  while (fgets(line, sizeof line, fp)) {
    char k[128], metric[64];
    double min;
    if (line[0] == '#' || sscanf(line, "%127s %63s %lf", k, metric, &min) != 3) continue;
    if (strcmp(k, key)) continue;
    const dyad_eval_metric *m = NULL;
    for (size_t i = 0; i < dyad_eval_metric_count(ev); i++)
      if (!strcmp(dyad_eval_metric_get(ev, i)->name, metric)) m = dyad_eval_metric_get(ev, i);
    if (!m) {
      fprintf(stderr, "dyad eval: %s: unknown metric '%s'\n", path, metric);
      bad++;
      continue;
    }
    checked++;
    double f = f1(m);
    if (f < min) {
      printf("FAIL %s F1 %.2f below the threshold %.2f (%s)\n", metric, f, min, key);
      bad++;
    } else {
      printf("ok   %s F1 %.2f >= %.2f (%s)\n", metric, f, min, key);
    }
  }
  fclose(fp);
  if (!checked) {
    fprintf(stderr, "dyad eval: no threshold for '%s' in %s\n", key, path);
    return -1;
  }
  return bad;
}

int cmd_eval(int argc, char **argv) {
  cli_input in = {0};
  char **files = argv + 1;
  int nfiles = 0;
  const char *sys_path = NULL, *thresholds = NULL, *key = "ewt-dev", *model_path = NULL;
  int no_parse = 0, beam = 0;
  for (int i = 1; i < argc; i++) {
    const char *v;
    int r;
    if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h")) {
      fputs(help, stdout);
      return EXIT_OK;
    }
    if (!strcmp(argv[i], "--quiet")) {
      in.quiet = 1;
      continue;
    }
    if ((r = cli_opt(argv[i], "--system", argc, argv, &i, &v))) {
      if (r < 0) return cli_usage_error("eval", "%s needs a value", "--system");
      sys_path = v;
      continue;
    }
    if ((r = cli_opt(argv[i], "--thresholds", argc, argv, &i, &v))) {
      if (r < 0) return cli_usage_error("eval", "%s needs a value", "--thresholds");
      thresholds = v;
      continue;
    }
    if ((r = cli_opt(argv[i], "--model", argc, argv, &i, &v))) {
      if (r < 0) return cli_usage_error("eval", "%s needs a value", "--model");
      model_path = v;
      continue;
    }
    if (!strcmp(argv[i], "--no-parse")) {
      no_parse = 1;
      continue;
    }
    if ((r = cli_beam_opt("eval", argc, argv, &i, &beam))) {
      if (r < 0) return EXIT_USAGE;
      continue;
    }
    if ((r = cli_opt(argv[i], "--key", argc, argv, &i, &v))) {
      if (r < 0) return cli_usage_error("eval", "%s needs a value", "--key");
      key = v;
      continue;
    }
    if (argv[i][0] == '-' && argv[i][1]) return cli_usage_error("eval", "unknown option '%s'", argv[i]);
    files[nfiles++] = argv[i];
  }
  if (!nfiles) return cli_usage_error("eval", "%s", "missing GOLD.conllu");
  in.format = DYAD_FORMAT_CONLLU;
  eval_ctx c = {NULL, NULL, &in, 0, NULL, {0}, beam};
  dyad_model *model = NULL;
  if (!no_parse) {
    char buf[4096];
    const char *mp = model_path;
    if (!mp && dyad_model_default_path(buf, sizeof buf) == DYAD_OK) mp = buf;
    if (mp && dyad_model_load(mp, cli_print_diag, NULL, &model) != DYAD_OK) {
      fprintf(stderr, "dyad eval: cannot load model %s\n", mp);
      return EXIT_FATAL;
    }
    if (!mp) fprintf(stderr, "dyad eval: no model found; tokenization figures only\n");
    c.model = model;
  }
  if (dyad_eval_new(&c.ev) != DYAD_OK) {
    dyad_model_free(model);
    return EXIT_FATAL;
  }
  if (sys_path && !(c.sys_out = fopen(sys_path, "w"))) {
    fprintf(stderr, "dyad eval: cannot write %s\n", sys_path);
    dyad_eval_free(c.ev);
    dyad_model_free(model);
    return EXIT_FATAL;
  }
  int rc = cli_for_each_doc(&in, files, nfiles, on_doc, &c);
  if (c.sys_out && fclose(c.sys_out)) rc = EXIT_FATAL;
  printf("%-10s | %9s | %9s | %9s | %8s | %8s | %8s\n", "Metric", "Precision", "Recall",
         "F1 Score", "Gold", "System", "Correct");
  printf("-----------+-----------+-----------+-----------+----------+----------+---------\n");
  for (size_t i = 0; i < dyad_eval_metric_count(c.ev); i++) {
    const dyad_eval_metric *m = dyad_eval_metric_get(c.ev, i);
    if (!m->present) continue;
    printf("%-10s | %9.2f | %9.2f | %9.2f | %8zu | %8zu | %8zu\n", m->name,
           pct(m->correct, m->system), pct(m->correct, m->gold), f1(m), m->gold, m->system,
           m->correct);
  }
  if (c.model && c.goldtok.words) {
    const dyad_eval_counts *g = &c.goldtok;
    printf("\nWith gold tokenization (%zu words): UPOS %.2f  XPOS %.2f  Lemmas %.2f  "
           "UAS %.2f  LAS %.2f (LAS without subtypes %.2f)\n",
           g->words, pct(g->upos, g->words), pct(g->xpos, g->words), pct(g->lemma, g->words),
           pct(g->uas, g->words), pct(g->las, g->words), pct(g->las_main, g->words));
  }
  fflush(stdout);
  int fin = cli_finish(&in, "eval");
  if (!rc && thresholds) {
    int bad = check(c.ev, thresholds, key);
    if (bad < 0) rc = EXIT_FATAL;
    else if (bad > 0) rc = EXIT_CHECK;
  }
  dyad_eval_free(c.ev);
  dyad_model_free(model);
  return rc ? rc : fin;
}
