#include <string.h>

#include "cli.h"

static const char help[] =
    "usage: dyad tokenize [OPTIONS] [FILE...]\n"
    "\n"
    "Splits articles into sentences and tokens and writes CoNLL-U to stdout:\n"
    "# newdoc id, # sent_id, # text, SpaceAfter=No, and each token's byte span in\n"
    "the article text as TokenRange=start:end in MISC.  Non-sentences\n"
    "(datelines, captions) carry a '# kind = ...' comment.  Reads stdin when no\n"
    "FILE is given.\n"
    "\n";

typedef struct {
  cli_input *in;
} tok_ctx;

static int on_doc(dyad_doc *doc, void *user) {
  tok_ctx *c = user;
  dyad_text_options to = {cli_print_diag, c->in};
  int stop = 0;
  if (dyad_text_segment(doc, &to) == DYAD_OK) {
    size_t n = dyad_doc_sentence_count(doc);
    c->in->sentences += n;
    for (size_t i = 0; i < n; i++) c->in->tokens += dyad_doc_sentence(doc, i)->ntokens;
    stop = dyad_doc_write_conllu(doc, cli_write_stdout, NULL) != DYAD_OK;
  } else {
    fprintf(stderr, "dyad tokenize: [%s] out of memory\n", dyad_doc_id(doc));
    stop = 1;
  }
  dyad_doc_free(doc);
  return stop;
}

int cmd_tokenize(int argc, char **argv) {
  cli_input in = {0};
  char **files = argv + 1;
  int nfiles = 0;
  for (int i = 1; i < argc; i++) {
    if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h")) {
      fputs(help, stdout);
      fputs(cli_input_help, stdout);
      return EXIT_OK;
    }
    int r = cli_input_option(&in, argc, argv, &i);
    if (r < 0) return EXIT_USAGE;
    if (r > 0) continue;
    if (argv[i][0] == '-' && argv[i][1]) return cli_usage_error("tokenize", "unknown option '%s'", argv[i]);
    files[nfiles++] = argv[i];
  }
  tok_ctx c = {&in};
  int rc = cli_for_each_doc(&in, files, nfiles, on_doc, &c);
  int fin = cli_finish(&in, "tokenize");
  return rc ? rc : fin;
}
