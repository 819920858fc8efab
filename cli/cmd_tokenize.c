#include <string.h>
#include <time.h>

#include "cli.h"

static const char help[] =
    "usage: dyad tokenize [OPTIONS] [FILE...]\n"
    "\n"
    "Splits articles into sentences and tokens and writes CoNLL-U to stdout:\n"
    "# newdoc id, # sent_id, # text, SpaceAfter=No, and each token's byte span in\n"
    "the article text as TokenRange=start:end in MISC.  Non-sentences\n"
    "(datelines, captions) carry a '# kind = ...' comment.  Reads stdin when no\n"
    "FILE is given.\n"
    "\n"
    "  --bench            segment only, write nothing; print MB/s, sentences/s\n"
    "                     and tokens/s of the text layer to stderr\n"
    "\n";

typedef struct {
  cli_input *in;
  int bench;
  double seconds; /* time spent in dyad_text_segment */
  size_t text_bytes;
} tok_ctx;

static double now(void) {
  struct timespec ts;
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
  return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static int on_doc(dyad_doc *doc, void *user) {
  tok_ctx *c = user;
  dyad_text_options to = {cli_print_diag, c->in};
  int stop = 0;
  double t0 = c->bench ? now() : 0;
  dyad_status st = dyad_text_segment(doc, &to);
  if (c->bench) {
    size_t len;
    dyad_doc_text(doc, &len);
    c->seconds += now() - t0;
    c->text_bytes += len;
  }
  if (st == DYAD_OK) {
    size_t n = dyad_doc_sentence_count(doc);
    c->in->sentences += n;
    for (size_t i = 0; i < n; i++) c->in->tokens += dyad_doc_sentence(doc, i)->ntokens;
    if (!c->bench) stop = dyad_doc_write_conllu(doc, cli_write_stdout, NULL) != DYAD_OK;
  } else {
    fprintf(stderr, "dyad tokenize: [%s] out of memory\n", dyad_doc_id(doc));
    stop = 1;
  }
  dyad_doc_free(doc);
  return stop;
}

int cmd_tokenize(int argc, char **argv) {
  cli_input in = {0};
  int bench = 0;
  char **files = argv + 1;
  int nfiles = 0;
  for (int i = 1; i < argc; i++) {
    if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h")) {
      fputs(help, stdout);
      fputs(cli_input_help, stdout);
      return EXIT_OK;
    }
    if (!strcmp(argv[i], "--bench")) {
      bench = 1;
      continue;
    }
    int r = cli_input_option(&in, argc, argv, &i);
    if (r < 0) return EXIT_USAGE;
    if (r > 0) continue;
    if (argv[i][0] == '-' && argv[i][1]) return cli_usage_error("tokenize", "unknown option '%s'", argv[i]);
    files[nfiles++] = argv[i];
  }
  tok_ctx c = {&in, bench, 0, 0};
  double t0 = now();
  int rc = cli_for_each_doc(&in, files, nfiles, on_doc, &c);
  if (bench) {
    double all = now() - t0, s = c.seconds > 0 ? c.seconds : 1e-9;
    fprintf(stderr,
            "dyad tokenize --bench: %zu bytes of text; text layer %.3f s: %.1f MB/s, "
            "%.0f sentences/s, %.0f tokens/s; whole run (reading JSON too) %.3f s: %.1f MB/s\n",
            c.text_bytes, c.seconds, (double)c.text_bytes / s / 1e6, (double)in.sentences / s,
            (double)in.tokens / s, all, (double)c.text_bytes / (all > 0 ? all : 1e-9) / 1e6);
  }
  int fin = cli_finish(&in, "tokenize");
  return rc ? rc : fin;
}
