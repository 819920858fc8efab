/*
 * cmd_dict.c -- `dyad dict check|lookup|stats|compile|coverage`, and the
 * dictionary options every command that codes or looks up shares
 * (cli_dict_option / cli_dict_load).
 */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cli.h"

const char cli_dict_help[] =
    "Dictionary options (default: data/dict/dyad.ini, found through $DYAD_DATA,\n"
    "<executable>/../data/, or the source tree):\n"
    "  --config FILE      a PETR_config.ini-style file: its [Dictionaries] section\n"
    "                     names the files, relative to the config's directory\n"
    "  --dict FILE        a dictionary file (repeatable); the kind is guessed from\n"
    "                     the name or the content; a compiled cache is recognized\n"
    "  --actors FILE, --agents FILE, --verbs FILE, --discards FILE, --issues FILE\n"
    "                     a file of that kind (repeatable)\n";

int cli_dict_option(cli_dict *o, int argc, char **argv, int *i) {
  static const struct {
    const char *opt;
    dyad_dict_kind kind;
  } opts[] = {{"--config", DYAD_DICT_CONFIG}, {"--dict", DYAD_DICT_AUTO},
              {"--actors", DYAD_DICT_ACTORS}, {"--agents", DYAD_DICT_AGENTS},
              {"--verbs", DYAD_DICT_VERBS},   {"--discards", DYAD_DICT_DISCARDS},
              {"--issues", DYAD_DICT_ISSUES}};
  for (size_t k = 0; k < sizeof opts / sizeof *opts; k++) {
    const char *v;
    int r = cli_opt(argv[*i], opts[k].opt, argc, argv, i, &v);
    if (r < 0) {
      fprintf(stderr, "dyad: %s needs a file\n", opts[k].opt);
      return -1;
    }
    if (!r) continue;
    if (o->nfiles == sizeof o->files / sizeof *o->files) {
      fprintf(stderr, "dyad: too many dictionary files\n");
      return -1;
    }
    o->files[o->nfiles].path = v;
    o->files[o->nfiles].kind = opts[k].kind;
    o->nfiles++;
    return 1;
  }
  return 0;
}

/* Outside `dyad dict check`, the warnings of a dictionary (Phoenix has 147)
 * would bury the output of every run: they are counted and summarized in
 * one line, errors are still printed one by one. */
static void diag_errors_only(const dyad_diag *d, void *user) {
  if (d->severity == DYAD_DIAG_WARNING) return;
  cli_print_diag(d, user);
}

dyad_dict *cli_dict_load(cli_dict *o, cli_input *in, int check) {
  dyad_dict_options opt = {check ? cli_print_diag : diag_errors_only, in, check};
  dyad_dict *d = NULL;
  dyad_status st;
  if (o->nfiles) st = dyad_dict_load_files(o->files, o->nfiles, &opt, &d);
  else st = dyad_dict_load_default(&opt, &d);
  if (st != DYAD_OK) {
    fprintf(stderr, "dyad: cannot load the dictionaries: %s\n", dyad_strerror(st));
    return NULL;
  }
  if (!check && (dyad_dict_warnings(d) || dyad_dict_errors(d)) && !(in && in->quiet))
    fprintf(stderr, "dyad: dictionaries loaded with %zu errors and %zu warnings "
                    "('dyad dict check' lists them)\n",
            dyad_dict_errors(d), dyad_dict_warnings(d));
  return d;
}

static const char help[] =
    "usage: dyad dict SUBCOMMAND [OPTIONS]\n"
    "\n"
    "  check [FILE...] [--codes codes.tsv]\n"
    "                        load the dictionaries with every consistency check and\n"
    "                        report each problem as file:line:column; event codes\n"
    "                        are checked against the CAMEO table (--codes, else\n"
    "                        data/cameo/codes.tsv if present); exit 4 if there are\n"
    "                        errors (warnings alone: exit 0)\n"
    "  lookup PHRASE [--date YYYY-MM-DD]\n"
    "                        the entries matching PHRASE (actors, agents, verbs,\n"
    "                        synsets, discards, issues), the code that applies on\n"
    "                        the date, and where each comes from (file:line)\n"
    "  stats                 counts per file and kind\n"
    "  compile [CONFIG] -o FILE\n"
    "                        write a compiled cache (load it with --dict FILE)\n"
    "  coverage [INPUT...]   share of capitalized multi-word names in the articles\n"
    "                        (JSONL...) that resolve to an actor\n"
    "\n"
    "FILE arguments of check/compile are like --dict FILE (a .ini is a config).\n"
    "Options: -q/--quiet (no warnings), --date D (lookup).\n\n";

static int sub_check(cli_dict *o, cli_input *in, const char *codes) {
  dyad_dict *d = cli_dict_load(o, in, 1);
  if (!d) return EXIT_FATAL;
  size_t e = dyad_dict_errors(d), w = dyad_dict_warnings(d);
  /* Event codes against the CAMEO table: --codes FILE, else the data
   * directory's cameo/codes.tsv when there is one. */
  char def[4096];
  if (codes || dyad_data_path("cameo/codes.tsv", def, sizeof def) == DYAD_OK) {
    dyad_cameo *t = NULL;
    if (dyad_cameo_load(codes ? codes : def, cli_print_diag, in, &t) != DYAD_OK) {
      dyad_dict_free(d);
      return EXIT_FATAL;
    }
    w += dyad_dict_check_codes(d, t, cli_print_diag, in);
    dyad_cameo_free(t);
  }
  fprintf(stderr, "dyad dict check: %zu errors, %zu warnings\n", e, w);
  dyad_dict_free(d);
  return e ? EXIT_CHECK : EXIT_OK;
}

static int sub_lookup(cli_dict *o, cli_input *in, const char *phrase, const char *date) {
  if (date && *date) {
    /* Validate before loading: a typo should not cost a load. */
    int y, m, dd;
    char tail;
    if (sscanf(date, "%4d-%2d-%2d%c", &y, &m, &dd, &tail) != 3 && strlen(date) != 8) {
      fprintf(stderr, "dyad dict lookup: --date takes YYYY-MM-DD, not '%s'\n", date);
      return EXIT_USAGE;
    }
  }
  dyad_dict *d = cli_dict_load(o, in, 0);
  if (!d) return EXIT_FATAL;
  dyad_status st = dyad_dict_lookup(d, phrase, date, cli_write_stdout, NULL);
  dyad_dict_free(d);
  if (st == DYAD_ENOTFOUND) {
    fprintf(stderr, "dyad dict lookup: no entry matches '%s'\n", phrase);
    return EXIT_REJECTED;
  }
  if (st == DYAD_EINVAL) {
    fprintf(stderr, "dyad dict lookup: bad date '%s'\n", date);
    return EXIT_USAGE;
  }
  if (st == DYAD_ELIMIT) {
    fprintf(stderr, "dyad dict lookup: phrase too long (at most 64 words of 128 bytes)\n");
    return EXIT_USAGE;
  }
  if (st != DYAD_OK) fprintf(stderr, "dyad dict lookup: %s\n", dyad_strerror(st));
  return st == DYAD_OK ? EXIT_OK : EXIT_FATAL;
}

static double seconds(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

static int sub_stats(cli_dict *o, cli_input *in) {
  double t0 = seconds();
  dyad_dict *d = cli_dict_load(o, in, 0);
  if (!d) return EXIT_FATAL;
  fprintf(stderr, "dyad dict stats: loaded in %.1f ms\n", (seconds() - t0) * 1e3);
  dyad_status st = dyad_dict_stats(d, cli_write_stdout, NULL);
  dyad_dict_free(d);
  return st == DYAD_OK ? EXIT_OK : EXIT_FATAL;
}

static int sub_compile(cli_dict *o, cli_input *in, const char *outpath) {
  if (!outpath) return cli_usage_error("dict compile", "%s", "-o FILE is required");
  dyad_dict *d = cli_dict_load(o, in, 0);
  if (!d) return EXIT_FATAL;
  dyad_status st = dyad_dict_compile(d, outpath);
  dyad_dict_free(d);
  if (st != DYAD_OK) {
    fprintf(stderr, "dyad dict compile: cannot write %s: %s\n", outpath, dyad_strerror(st));
    return EXIT_FATAL;
  }
  return EXIT_OK;
}

int cmd_dict_coverage(cli_dict *o, cli_input *in, char **files, int nfiles);

int cmd_dict(int argc, char **argv) {
  if (argc < 2 || !strcmp(argv[1], "--help") || !strcmp(argv[1], "-h")) {
    fputs(help, argc < 2 ? stderr : stdout);
    fputs(cli_dict_help, argc < 2 ? stderr : stdout);
    return argc < 2 ? EXIT_USAGE : EXIT_OK;
  }
  const char *sub = argv[1];
  cli_dict o;
  memset(&o, 0, sizeof o);
  cli_input in;
  memset(&in, 0, sizeof in);
  const char *date = NULL, *outpath = NULL, *phrase = NULL, *codes = NULL;
  char **args = calloc((size_t)argc, sizeof *args);
  int nargs = 0;
  if (!args) return EXIT_FATAL;
  for (int i = 2; i < argc; i++) {
    const char *v;
    if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h")) {
      /* every subcommand's options are on the one help page */
      fputs(help, stdout);
      fputs(cli_dict_help, stdout);
      free(args);
      return EXIT_OK;
    }
    int r = cli_dict_option(&o, argc, argv, &i);
    if (r < 0) {
      free(args);
      return EXIT_USAGE;
    }
    if (r) continue;
    if (!strcmp(sub, "coverage")) {
      r = cli_input_option(&in, argc, argv, &i);
      if (r < 0) {
        free(args);
        return EXIT_USAGE;
      }
      if (r) continue;
    }
    if ((r = cli_opt(argv[i], "--date", argc, argv, &i, &v))) {
      date = r > 0 ? v : NULL;
      continue;
    }
    if ((r = cli_opt(argv[i], "--codes", argc, argv, &i, &v))) {
      codes = r > 0 ? v : NULL;
      continue;
    }
    if ((r = cli_opt(argv[i], "-o", argc, argv, &i, &v))) {
      outpath = r > 0 ? v : NULL;
      continue;
    }
    if (!strcmp(argv[i], "-q") || !strcmp(argv[i], "--quiet")) {
      in.quiet = 1;
      continue;
    }
    if (argv[i][0] == '-' && argv[i][1]) {
      free(args);
      return cli_usage_error("dict", "unknown option '%s'", argv[i]);
    }
    args[nargs++] = argv[i];
  }
  int rc;
  if (!strcmp(sub, "check") || !strcmp(sub, "compile") || !strcmp(sub, "stats")) {
    for (int k = 0; k < nargs; k++) {
      if (o.nfiles == sizeof o.files / sizeof *o.files) break;
      o.files[o.nfiles].path = args[k];
      o.files[o.nfiles].kind = DYAD_DICT_AUTO;
      o.nfiles++;
    }
    rc = !strcmp(sub, "check") ? sub_check(&o, &in, codes)
         : !strcmp(sub, "stats") ? sub_stats(&o, &in)
                                 : sub_compile(&o, &in, outpath);
  } else if (!strcmp(sub, "lookup")) {
    if (nargs < 1) {
      free(args);
      return cli_usage_error("dict lookup", "%s", "a PHRASE is required");
    }
    /* Several words not quoted are one phrase. */
    size_t len = 0;
    for (int k = 0; k < nargs; k++) len += strlen(args[k]) + 1;
    char *p = malloc(len + 1);
    if (!p) {
      free(args);
      return EXIT_FATAL;
    }
    p[0] = '\0';
    for (int k = 0; k < nargs; k++) {
      if (k) strcat(p, " ");
      strcat(p, args[k]);
    }
    phrase = p;
    rc = sub_lookup(&o, &in, phrase, date);
    free(p);
  } else if (!strcmp(sub, "coverage")) {
    rc = cmd_dict_coverage(&o, &in, args, nargs);
  } else {
    rc = cli_usage_error("dict", "unknown subcommand '%s'", sub);
  }
  free(args);
  return rc;
}
