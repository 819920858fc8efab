/* main.c -- the dyad command: dispatch to subcommands. */
#include <string.h>

#include "cli.h"

typedef struct {
  const char *name;
  int (*run)(int argc, char **argv);
  const char *summary;
} command;

static const command commands[] = {
    {"code", cmd_code, "code articles into CAMEO events (JSONL, TSV, CSV)"},
    {"explain", cmd_explain, "show how a sentence is coded, step by step"},
    {"validate", cmd_validate, "run a PETRARCH validation file"},
    {"tokenize", cmd_tokenize, "split articles into sentences and tokens (CoNLL-U)"},
    {"parse", cmd_parse, "tag, lemmatize and parse articles (CoNLL-U)"},
    {"train", cmd_train, "train the tagger, lemmatizer and parser on CoNLL-U"},
    {"eval", cmd_eval, "score tokens and sentences against gold CoNLL-U (UD)"},
    {"eval-parse", cmd_eval_parse, "tagging/parsing accuracy against gold CoNLL-U"},
    {"dict", cmd_dict, "check, look up, count and compile dictionaries"},
    {"test", cmd_test, "run test data files (cases with expected output)"},
};

static void usage(FILE *out) {
  fprintf(out,
          "usage: dyad COMMAND [OPTIONS] [FILE...]\n\n"
          "dyad %s: a political event coder.  Commands:\n\n",
          dyad_version());
  for (size_t i = 0; i < sizeof commands / sizeof *commands; i++)
    fprintf(out, "  %-10s %s\n", commands[i].name, commands[i].summary);
  fprintf(out,
          "\n'dyad COMMAND --help' describes each command.  Exit status: 0 success,\n"
          "1 some input rejected, 2 usage error, 3 fatal error, 4 a check failed.\n");
}

int main(int argc, char **argv) {
  if (argc < 2) {
    usage(stderr);
    return EXIT_USAGE;
  }
  if (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h") || !strcmp(argv[1], "help")) {
    usage(stdout);
    return EXIT_OK;
  }
  if (!strcmp(argv[1], "--version")) {
    printf("dyad %s\n", dyad_version());
    return EXIT_OK;
  }
  for (size_t i = 0; i < sizeof commands / sizeof *commands; i++)
    if (!strcmp(argv[1], commands[i].name)) return commands[i].run(argc - 1, argv + 1);
  fprintf(stderr, "dyad: unknown command '%s'\n\n", argv[1]);
  usage(stderr);
  return EXIT_USAGE;
}
