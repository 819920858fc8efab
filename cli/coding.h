/*
 * coding.h -- what `dyad code`, `dyad explain` and `dyad validate` share:
 * dictionary, model and coder options, and the per-doc pipeline
 * (segment -> annotate -> code).
 */
#ifndef DYAD_CLI_CODING_H
#define DYAD_CLI_CODING_H

#include "cli.h"

typedef enum { PARSE_AUTO = 0, PARSE_GIVEN, PARSE_OWN } parse_mode;

typedef struct coding_setup {
  cli_dict dicts;           /* --config, --dict, --actors, ... */
  char env_paths[8][4096];  /* dictionaries named by a validation file */
  const char *codes_path;   /* --codes FILE */
  const char *model_path;   /* --model FILE */
  parse_mode parse;
  dyad_coder_options copts;
  int include_given;        /* --include was given */
  int parse_all;            /* --parse-all: annotate sentences the coder skips */
  int beam;                 /* --beam N: parser beam width (0: the model's) */
  /* loaded */
  dyad_dict *dict;
  dyad_cameo *codes;
  dyad_model *model;
  dyad_coder *coder;
  cli_input *in;            /* for diagnostics counting (may be NULL) */
} coding_setup;

extern const char coding_help[];
/* Prints the command's own help, then the dictionary and coding options. */
void coding_print_help(const char *command_help);
/* Keeps every flagged event unless --include said otherwise (explain and
 * validate show everything, as PETRARCH-2 codes everything). */
void coding_include_all_by_default(coding_setup *cs);
/* 1 if argv[*i] was a coding option, 0 if not, -1 on a usage error. */
int coding_option(coding_setup *cs, int argc, char **argv, int *i);
/* Adds a dictionary file of a known kind, relative to dir (validation
 * files name theirs relative to themselves).  0, or -1 if too many. */
int coding_add_dict(coding_setup *cs, const char *dir, const char *path, dyad_dict_kind kind);
/* Loads dictionaries (config, files, or the defaults), the code table and
 * builds the coder.  The model is loaded on first use.  EXIT_OK or
 * EXIT_FATAL (reported). */
int coding_load(coding_setup *cs);
/* Segments, annotates (unless the parse is given) and codes the doc; may
 * replace *doc by a re-tokenized copy (--parse own on pre-parsed input).
 * mode: 0 code, 1 write the explain trace, 2 prepare only (no coding). */
dyad_status coding_run(coding_setup *cs, dyad_doc **doc, const dyad_event **ev,
                       size_t *n, int mode);
void coding_free(coding_setup *cs);

#endif
