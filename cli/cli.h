/*
 * cli.h -- helpers shared by the dyad subcommands.  The CLI is a thin client
 * of include/dyad.h: nothing here reaches into the library's internals.
 *
 * Exit codes (documented in the README):
 *   0  success, nothing rejected
 *   1  the run completed but some input records were rejected
 *   2  usage error (unknown option, missing argument)
 *   3  fatal error (cannot write output, cannot load a model or dictionary)
 *   4  a check failed (dyad test, dyad eval/validate below threshold,
 *      dyad dict check found errors)
 */
#ifndef DYAD_CLI_H
#define DYAD_CLI_H

#include <stdio.h>

#include "dyad.h"

enum { EXIT_OK = 0, EXIT_REJECTED = 1, EXIT_USAGE = 2, EXIT_FATAL = 3, EXIT_CHECK = 4 };

typedef struct cli_input {
  dyad_input_format format;
  const char *text_id, *text_date, *text_source;
  const char *rejects_path;
  FILE *rejects;
  size_t max_record;
  int quiet;          /* --quiet: no warnings, errors still shown */
  int progress;       /* stderr is a terminal */
  /* counters for the closing summary */
  size_t files, records, rejected, failed_files, warnings;
  size_t docs, sentences, tokens, bytes;
} cli_input;

/* Recognizes the input options shared by every command that reads
 * articles; returns 1 if argv[*i] was one (and advances *i past its value),
 * 0 if not, -1 on a usage error (already printed). */
int cli_input_option(cli_input *in, int argc, char **argv, int *i);
extern const char cli_input_help[];

typedef int (*cli_doc_fn)(dyad_doc *doc, void *user); /* non-zero stops */
/* Reads every file (stdin when nfiles == 0) and calls fn for each doc, which
 * fn owns.  Returns 0, or EXIT_FATAL if fn asked to stop. */
int cli_for_each_doc(cli_input *in, char **files, int nfiles, cli_doc_fn fn,
                     void *user);
/* Prints "dyad CMD: N records, N rejected, ..." and returns the exit code. */
int cli_finish(cli_input *in, const char *cmd);
void cli_progress(cli_input *in, int final);

void cli_print_diag(const dyad_diag *d, void *user);
int cli_write_stdout(const char *data, size_t len, void *user);
/* Matches --name and --name=value; sets *value. */
int cli_opt(const char *arg, const char *name, int argc, char **argv, int *i,
            const char **value);
int cli_usage_error(const char *cmd, const char *fmt, const char *arg);
/* --beam N (1..DYAD_MAX_BEAM): 1 matched (sets *beam), 0 not this option,
 * -1 bad value (message printed: exit with EXIT_USAGE). */
int cli_beam_opt(const char *cmd, int argc, char **argv, int *i, int *beam);
#define CLI_BEAM_HELP                                                         \
  "  --beam N           parser beam width: 1 is greedy (fastest); default:\n" \
  "                     the model's (dyad train --beam)\n"

/* Dictionary options shared by the commands that code or look up. */
typedef struct cli_dict {
  dyad_dict_file files[64];
  size_t nfiles;
} cli_dict;
/* Like cli_input_option, for --config/--dict/--actors/... */
int cli_dict_option(cli_dict *o, int argc, char **argv, int *i);
/* Loads the named dictionaries, or the default set; NULL (reported) on
 * failure.  `check` runs the consistency checks of dyad dict check. */
dyad_dict *cli_dict_load(cli_dict *o, cli_input *in, int check);
extern const char cli_dict_help[];

/* Subcommands. */
int cmd_tokenize(int argc, char **argv);
int cmd_test(int argc, char **argv);
int cmd_dict(int argc, char **argv);
int cmd_code(int argc, char **argv);
int cmd_explain(int argc, char **argv);
int cmd_validate(int argc, char **argv);
int cmd_parse(int argc, char **argv);
int cmd_train(int argc, char **argv);
int cmd_eval_parse(int argc, char **argv);
int cmd_eval(int argc, char **argv);

#endif
