/* cmd_parse.c -- `dyad parse`, `dyad train` and `dyad eval-parse`. */
#include <stdlib.h>
#include <string.h>

#include "cli.h"

/* Loads --model FILE or the default model; prints why on failure. */
static dyad_model *load_model(const char *cmd, const char *path) {
  char buf[4096];
  if (!path) {
    if (dyad_model_default_path(buf, sizeof buf) != DYAD_OK) {
      fprintf(stderr,
              "dyad %s: no model found (set DYAD_MODEL, pass --model FILE, or put "
              "%s in <dyad dir>/../models/)\n",
              cmd, DYAD_DEFAULT_MODEL);
      return NULL;
    }
    path = buf;
  }
  dyad_model *m = NULL;
  dyad_status st = dyad_model_load(path, cli_print_diag, NULL, &m);
  if (st != DYAD_OK) {
    fprintf(stderr, "dyad %s: cannot load model %s: %s\n", cmd, path, dyad_strerror(st));
    return NULL;
  }
  return m;
}

static const char parse_help[] =
    "usage: dyad parse [--model FILE] [OPTIONS] [FILE...]\n"
    "\n"
    "Tags, lemmatizes and parses articles and writes CoNLL-U to stdout (UPOS,\n"
    "XPOS, LEMMA, HEAD, DEPREL; token offsets as TokenRange in MISC).  Raw text\n"
    "and articles are tokenized first; CoNLL-U input keeps its tokens.\n"
    "\n"
    "  --model FILE       the model (default: $DYAD_MODEL, then\n"
    "                     <dyad dir>/../models/" DYAD_DEFAULT_MODEL ",\n"
    "                     then the source tree's models/)\n"
    "  --no-output        annotate but write nothing (benchmarks)\n"
    "  --keep-tags        CoNLL-U input: a sentence whose every word has a\n"
    "                     UPOS and an XPOS the model knows keeps them (and its\n"
    "                     lemmas); only the tree is predicted\n"
    CLI_BEAM_HELP
    "\n";

typedef struct {
  cli_input *in;
  const dyad_model *m;
  int no_output;
  int beam;
  int keep_tags;
} parse_ctx;

static int parse_doc(dyad_doc *doc, void *user) {
  parse_ctx *c = user;
  dyad_text_options to = {cli_print_diag, c->in};
  dyad_annotate_options ao = {.diag = cli_print_diag, .diag_user = c->in, .beam = c->beam,
                              .keep_tags = c->keep_tags};
  int stop = 0;
  dyad_status st = dyad_text_segment(doc, &to);
  if (st == DYAD_OK) st = dyad_annotate(c->m, doc, &ao);
  if (st == DYAD_OK) {
    size_t n = dyad_doc_sentence_count(doc);
    c->in->sentences += n;
    for (size_t i = 0; i < n; i++) c->in->tokens += dyad_doc_sentence(doc, i)->ntokens;
    if (!c->no_output) stop = dyad_doc_write_conllu(doc, cli_write_stdout, NULL) != DYAD_OK;
  } else {
    fprintf(stderr, "dyad parse: [%s] %s\n", dyad_doc_id(doc), dyad_strerror(st));
    stop = 1;
  }
  dyad_doc_free(doc);
  return stop;
}

int cmd_parse(int argc, char **argv) {
  cli_input in = {0};
  char **files = argv + 1;
  int nfiles = 0, no_output = 0, beam = 0, keep_tags = 0;
  const char *model = NULL;
  for (int i = 1; i < argc; i++) {
    const char *v;
    int r;
    if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h")) {
      fputs(parse_help, stdout);
      fputs(cli_input_help, stdout);
      return EXIT_OK;
    }
    if ((r = cli_opt(argv[i], "--model", argc, argv, &i, &v))) {
      if (r < 0) return cli_usage_error("parse", "%s needs a value", "--model");
      model = v;
      continue;
    }
    if (!strcmp(argv[i], "--no-output")) {
      no_output = 1;
      continue;
    }
    if (!strcmp(argv[i], "--keep-tags")) {
      keep_tags = 1;
      continue;
    }
    if ((r = cli_beam_opt("parse", argc, argv, &i, &beam))) {
      if (r < 0) return EXIT_USAGE;
      continue;
    }
    r = cli_input_option(&in, argc, argv, &i);
    if (r < 0) return EXIT_USAGE;
    if (r > 0) continue;
    if (argv[i][0] == '-' && argv[i][1]) return cli_usage_error("parse", "unknown option '%s'", argv[i]);
    files[nfiles++] = argv[i];
  }
  dyad_model *m = load_model("parse", model);
  if (!m) return EXIT_FATAL;
  parse_ctx c = {&in, m, no_output, beam, keep_tags};
  int rc = cli_for_each_doc(&in, files, nfiles, parse_doc, &c);
  int fin = cli_finish(&in, "parse");
  dyad_model_free(m);
  return rc ? rc : fin;
}

static const char train_help[] =
    "usage: dyad train --out FILE [OPTIONS] TRAIN.conllu\n"
    "\n"
    "Trains the tagger (UPOS, XPOS), lemmatizer and parser on a CoNLL-U treebank\n"
    "and writes one model file.  Deterministic: same data, options and seed give\n"
    "the same bytes.  Progress goes to stderr.\n"
    "\n"
    "  --out FILE          where to write the model (required)\n"
    "  --dev FILE          CoNLL-U to evaluate the written model on\n"
    "  --seed N            shuffling and exploration seed (default 1)\n"
    "  --tagger-epochs N   (default 10)\n"
    "  --parser-epochs N   (default 15)\n"
    "  --beam N            parser beam width for training, and the model's\n"
    "                      default for parsing (default 16).  N > 1: the model\n"
    "                      gets a greedy table (dynamic oracle, for --beam 1)\n"
    "                      and a beam-trained table; 1: the greedy one only\n"
    "  --max-sentences N   train on the first N sentences only\n"
    "  --min-weight W      leave out features whose weights all stay below W\n"
    "                      (default 1.0; smaller: larger model)\n"
    "  --parser-min-weight W  the same for the greedy parser's table (default 1.5)\n"
    "  --beam-min-weight W  the same for the beam parser's table (default 2.0)\n"
    "  --quiet             no progress notes\n";

static void print_eval(const char *what, const dyad_eval_counts *c) {
  double w = c->words ? (double)c->words : 1.0;
  printf("%s: %zu sentences, %zu words\n", what, c->sentences, c->words);
  printf("  UPOS   %6.2f\n  XPOS   %6.2f\n  Lemma  %6.2f\n  UAS    %6.2f\n"
         "  LAS    %6.2f\n  LAS-main %4.2f  (labels without subtype)\n",
         100 * c->upos / w, 100 * c->xpos / w, 100 * c->lemma / w, 100 * c->uas / w,
         100 * c->las / w, 100 * c->las_main / w);
}

typedef struct {
  cli_input *in;
  const dyad_model *m;
  dyad_eval_counts c;
  int beam;
  int keep_tags;
} eval_ctx;

static int eval_doc(dyad_doc *doc, void *user) {
  eval_ctx *e = user;
  dyad_annotate_options ao = {.diag = cli_print_diag, .diag_user = e->in, .beam = e->beam,
                              .keep_tags = e->keep_tags};
  dyad_status st = dyad_eval_doc(e->m, doc, &e->c, &ao);
  dyad_doc_free(doc);
  if (st != DYAD_OK) fprintf(stderr, "dyad eval-parse: %s\n", dyad_strerror(st));
  return st != DYAD_OK;
}

static int eval_file(const char *cmd, const dyad_model *m, const char *path, int beam,
                     int keep_tags, dyad_eval_counts *out) {
  cli_input in = {0};
  in.format = DYAD_FORMAT_CONLLU;
  in.quiet = 1;
  eval_ctx e = {&in, m, {0}, beam, keep_tags};
  char *files[] = {(char *)path};
  int rc = cli_for_each_doc(&in, files, 1, eval_doc, &e);
  if (!rc && (in.failed_files || in.rejected)) {
    fprintf(stderr, "dyad %s: %s: %zu record(s) rejected%s\n", cmd, path, in.rejected,
            in.failed_files ? ", file unreadable" : "");
    rc = in.failed_files ? EXIT_FATAL : 0;
  }
  *out = e.c;
  return rc;
}

static int train_diag_quiet;
static void train_diag(const dyad_diag *d, void *user) {
  (void)user;
  if (train_diag_quiet && d->severity < DYAD_DIAG_ERROR) return;
  cli_print_diag(d, NULL);
}

int cmd_train(int argc, char **argv) {
  dyad_train_options o = {0};
  const char *out = NULL, *dev = NULL;
  o.diag = train_diag;
  for (int i = 1; i < argc; i++) {
    const char *v;
    int r;
    if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h")) {
      fputs(train_help, stdout);
      return EXIT_OK;
    }
    if (!strcmp(argv[i], "--quiet") || !strcmp(argv[i], "-q")) {
      train_diag_quiet = 1;
      continue;
    }
    if ((r = cli_opt(argv[i], "--out", argc, argv, &i, &v))) { if (r < 0) goto missing; out = v; continue; }
    if ((r = cli_opt(argv[i], "--dev", argc, argv, &i, &v))) { if (r < 0) goto missing; dev = v; continue; }
    if ((r = cli_opt(argv[i], "--min-weight", argc, argv, &i, &v))) {
      if (r < 0) goto missing;
      char *end;
      o.min_weight = strtod(v, &end);
      if (*end || !*v || o.min_weight < 0) return cli_usage_error("train", "not a weight: '%s'", v);
      continue;
    }
    static const char *const wopt[] = {"--parser-min-weight", "--beam-min-weight"};
    double *wdst[] = {&o.parser_min_weight, &o.beam_min_weight};
    int wmatched = 0;
    for (int k = 0; k < 2 && !wmatched; k++) {
      if ((r = cli_opt(argv[i], wopt[k], argc, argv, &i, &v))) {
        if (r < 0) goto missing;
        char *end;
        *wdst[k] = strtod(v, &end);
        if (*end || !*v || *wdst[k] < 0) return cli_usage_error("train", "not a weight: '%s'", v);
        wmatched = 1;
      }
    }
    if (wmatched) continue;
    if ((r = cli_beam_opt("train", argc, argv, &i, &o.beam))) {
      if (r < 0) return EXIT_USAGE;
      continue;
    }
    static const char *const num[] = {"--seed", "--tagger-epochs", "--parser-epochs",
                                      "--max-sentences"};
    int matched = 0;
    for (int k = 0; k < 4 && !matched; k++) {
      if ((r = cli_opt(argv[i], num[k], argc, argv, &i, &v))) {
        if (r < 0) goto missing;
        char *end;
        unsigned long long x = strtoull(v, &end, 10);
        if (*end || !*v) return cli_usage_error("train", "not a number: '%s'", v);
        if (k == 0) o.seed = x;
        if (k == 1) o.tagger_epochs = (int)x;
        if (k == 2) o.parser_epochs = (int)x;
        if (k == 3) o.max_sentences = (size_t)x;
        matched = 1;
      }
    }
    if (matched) continue;
    if (argv[i][0] == '-' && argv[i][1]) return cli_usage_error("train", "unknown option '%s'", argv[i]);
    if (o.train_path) return cli_usage_error("train", "one training file only ('%s')", argv[i]);
    o.train_path = argv[i];
  }
  if (!o.train_path) return cli_usage_error("train", "%s", "no training file given");
  if (!out) return cli_usage_error("train", "%s", "--out FILE is required");
  o.dev_path = dev;
  dyad_status st = dyad_train(&o, out);
  if (st != DYAD_OK) {
    fprintf(stderr, "dyad train: %s\n", dyad_strerror(st));
    return EXIT_FATAL;
  }
  if (dev) {
    dyad_model *m = load_model("train", out);
    if (!m) return EXIT_FATAL;
    dyad_eval_counts c;
    int rc = eval_file("train", m, dev, 0, 0, &c);
    dyad_model_free(m);
    if (rc) return rc;
    print_eval(dev, &c);
  }
  return EXIT_OK;
  missing:
  return cli_usage_error("train", "option '%s' needs a value", argv[argc - 1]);
}

static const char eval_help[] =
    "usage: dyad eval-parse [--model FILE] [--beam N] [--gold-tags] [--thresholds FILE]\n"
    "                       GOLD.conllu\n"
    "\n"
    "Annotates the gold file's own tokens and prints UPOS, XPOS, lemma accuracy,\n"
    "UAS and LAS (LAS with full labels; LAS-main ignores subtypes, as CoNLL 2018).\n"
    "With --thresholds, each line 'parse.<upos|xpos|lemma|uas|las> MIN' is a\n"
    "minimum ('parse-beamN.<figure>' lines with --beam N); exit status 4 if a\n"
    "figure falls below.  --gold-tags parses with the gold file's own UPOS, XPOS\n"
    "and lemmas (the parser's share of the errors; UPOS, XPOS and lemma then\n"
    "read 100).\n"
    "\n"
    CLI_BEAM_HELP;

int cmd_eval_parse(int argc, char **argv) {
  const char *model = NULL, *gold = NULL, *thr = NULL;
  int beam = 0, gold_tags = 0;
  for (int i = 1; i < argc; i++) {
    const char *v;
    int r;
    if (!strcmp(argv[i], "--gold-tags")) {
      gold_tags = 1;
      continue;
    }
    if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h")) {
      fputs(eval_help, stdout);
      return EXIT_OK;
    }
    if ((r = cli_opt(argv[i], "--model", argc, argv, &i, &v))) {
      if (r < 0) return cli_usage_error("eval-parse", "%s needs a value", "--model");
      model = v;
      continue;
    }
    if ((r = cli_opt(argv[i], "--thresholds", argc, argv, &i, &v))) {
      if (r < 0) return cli_usage_error("eval-parse", "%s needs a value", "--thresholds");
      thr = v;
      continue;
    }
    if ((r = cli_beam_opt("eval-parse", argc, argv, &i, &beam))) {
      if (r < 0) return EXIT_USAGE;
      continue;
    }
    if (argv[i][0] == '-' && argv[i][1]) return cli_usage_error("eval-parse", "unknown option '%s'", argv[i]);
    if (gold) return cli_usage_error("eval-parse", "one gold file only ('%s')", argv[i]);
    gold = argv[i];
  }
  if (!gold) return cli_usage_error("eval-parse", "%s", "no gold file given");
  dyad_model *m = load_model("eval-parse", model);
  if (!m) return EXIT_FATAL;
  dyad_eval_counts c;
  int rc = eval_file("eval-parse", m, gold, beam, gold_tags, &c);
  dyad_model_free(m);
  if (rc) return rc;
  print_eval(gold, &c);
  if (!c.words) {
    fprintf(stderr, "dyad eval-parse: %s: no words to evaluate\n", gold);
    return EXIT_CHECK;
  }
  if (!thr) return EXIT_OK;
  FILE *fp = fopen(thr, "r");
  if (!fp) {
    fprintf(stderr, "dyad eval-parse: cannot read %s\n", thr);
    return EXIT_FATAL;
  }
  char line[512];
  int bad = 0;
  double w = (double)c.words;
  /* "parse.FIGURE" lines hold for the model's default width, and
   * "parse-beamN.FIGURE" lines for --beam N. */
  char prefix[32];
  if (beam) snprintf(prefix, sizeof prefix, "parse-beam%d.", beam);
  else snprintf(prefix, sizeof prefix, "parse.");
  size_t pl = strlen(prefix);
  while (fgets(line, sizeof line, fp)) {
    char key[64];
    double min;
    if (line[0] == '#' || sscanf(line, "%63s %lf", key, &min) != 2) continue;
    if (strncmp(key, prefix, pl)) continue;
    const char *k = key + pl;
    double got;
    if (!strcmp(k, "upos")) got = 100 * c.upos / w;
    else if (!strcmp(k, "xpos")) got = 100 * c.xpos / w;
    else if (!strcmp(k, "lemma")) got = 100 * c.lemma / w;
    else if (!strcmp(k, "uas")) got = 100 * c.uas / w;
    else if (!strcmp(k, "las")) got = 100 * c.las / w;
    else {
      fprintf(stderr, "dyad eval-parse: %s: unknown figure '%s'\n", thr, key);
      bad = 1;
      continue;
    }
    if (got < min) {
      printf("BELOW THRESHOLD %s: %.2f < %.2f\n", key, got, min);
      bad = 1;
    }
  }
  fclose(fp);
  return bad ? EXIT_CHECK : EXIT_OK;
}
