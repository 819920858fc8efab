#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cli.h"

const char cli_input_help[] =
    "Input options:\n"
    "  --input-format F   jsonl, text, xml (PETRARCH) or conllu; default: by\n"
    "                     file extension (.jsonl .txt .xml .conllu), stdin: jsonl\n"
    "  --id ID            plain text: article id (default: the file name)\n"
    "  --date YYYY-MM-DD  plain text: article date\n"
    "  --source NAME      plain text: article source\n"
    "  --rejects FILE     write every rejected record there, untouched\n"
    "  --max-record BYTES largest record accepted (default 8 MiB)\n"
    "  --quiet            do not print warnings (errors are still printed)\n";

int cli_usage_error(const char *cmd, const char *fmt, const char *arg) {
  fprintf(stderr, "dyad %s: ", cmd);
  fprintf(stderr, fmt, arg);
  fprintf(stderr, "\n(see 'dyad %s --help')\n", cmd);
  return EXIT_USAGE;
}

int cli_opt(const char *arg, const char *name, int argc, char **argv, int *i,
            const char **value) {
  size_t n = strlen(name);
  if (strncmp(arg, name, n)) return 0;
  if (arg[n] == '=') {
    *value = arg + n + 1;
    return 1;
  }
  if (arg[n] != '\0') return 0;
  if (*i + 1 >= argc) return -1;
  *value = argv[++*i];
  return 1;
}

int cli_beam_opt(const char *cmd, int argc, char **argv, int *i, int *beam) {
  const char *v;
  int r = cli_opt(argv[*i], "--beam", argc, argv, i, &v);
  if (r <= 0) {
    if (r < 0) cli_usage_error(cmd, "%s needs a value", "--beam");
    return r;
  }
  char *end;
  unsigned long x = strtoul(v, &end, 10);
  if (*end || !*v || x < 1 || x > 64) {
    cli_usage_error(cmd, "--beam: not a width from 1 to 64: '%s'", v);
    return -1;
  }
  *beam = (int)x;
  return 1;
}

int cli_input_option(cli_input *in, int argc, char **argv, int *i) {
  const char *a = argv[*i], *v = NULL;
  int r;
  if ((r = cli_opt(a, "--input-format", argc, argv, i, &v))) {
    if (r < 0) return -1;
    in->format = dyad_input_format_parse(v);
    if (in->format == DYAD_FORMAT_AUTO) {
      fprintf(stderr, "dyad: unknown input format '%s' (jsonl, text, xml, conllu)\n", v);
      return -1;
    }
    return 1;
  }
  if ((r = cli_opt(a, "--id", argc, argv, i, &v))) { in->text_id = v; return r; }
  if ((r = cli_opt(a, "--date", argc, argv, i, &v))) { in->text_date = v; return r; }
  if ((r = cli_opt(a, "--source", argc, argv, i, &v))) { in->text_source = v; return r; }
  if ((r = cli_opt(a, "--rejects", argc, argv, i, &v))) { in->rejects_path = v; return r; }
  if ((r = cli_opt(a, "--max-record", argc, argv, i, &v))) {
    if (r < 0) return -1;
    char *end;
    unsigned long long n = strtoull(v, &end, 10);
    if (*end || n == 0) {
      fprintf(stderr, "dyad: --max-record takes a positive number of bytes\n");
      return -1;
    }
    in->max_record = (size_t)n;
    return 1;
  }
  if (!strcmp(a, "--quiet") || !strcmp(a, "-q")) {
    in->quiet = 1;
    return 1;
  }
  return 0;
}

typedef struct {
  cli_input *in;
} diag_ctx;

void cli_print_diag(const dyad_diag *d, void *user) {
  cli_input *in = user;
  if (in && d->severity == DYAD_DIAG_WARNING) in->warnings++;
  if (in && in->quiet && d->severity < DYAD_DIAG_ERROR) return;
  char line[1024];
  dyad_diag_format(d, line, sizeof line);
  if (in && in->progress) fputs("\r\033[K", stderr);
  fprintf(stderr, "%s\n", line);
}

int cli_write_stdout(const char *data, size_t len, void *user) {
  (void)user;
  return fwrite(data, 1, len, stdout) != len;
}

static int reject_sink(const char *data, size_t len, void *user) {
  cli_input *in = user;
  if (!in->rejects) return 0;
  return fwrite(data, 1, len, in->rejects) != len;
}

static double now_seconds(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

static double progress_start, progress_last;

void cli_progress(cli_input *in, int final) {
  if (!in->progress) return;
  double t = now_seconds();
  if (!final && t - progress_last < 0.5) return;
  progress_last = t;
  double el = t - progress_start;
  fprintf(stderr, "\r\033[K%zu articles, %zu sentences, %.1f MB, %.0f sentences/s%s",
          in->docs, in->sentences, in->bytes / 1e6,
          el > 0 ? in->sentences / el : 0.0, final ? "\n" : "");
  fflush(stderr);
}

int cli_for_each_doc(cli_input *in, char **files, int nfiles, cli_doc_fn fn,
                     void *user) {
  in->progress = isatty(2) && !in->quiet;
  progress_start = progress_last = now_seconds();
  if (in->rejects_path && !in->rejects) {
    in->rejects = fopen(in->rejects_path, "wb");
    if (!in->rejects) {
      fprintf(stderr, "dyad: cannot write --rejects %s: %s\n", in->rejects_path,
              strerror(errno));
      return EXIT_FATAL;
    }
  }
  char *stdin_only[] = {"-"};
  if (nfiles == 0) {
    files = stdin_only;
    nfiles = 1;
  }
  for (int f = 0; f < nfiles; f++) {
    dyad_reader_options ro = {0};
    ro.format = in->format;
    ro.text_date = in->text_date;
    ro.text_source = in->text_source;
    ro.text_id = in->text_id;
    ro.max_record_bytes = in->max_record;
    ro.diag = cli_print_diag;
    ro.diag_user = in;
    ro.reject = reject_sink;
    ro.reject_user = in;
    dyad_reader *r = NULL;
    in->files++;
    dyad_status st = dyad_reader_open(files[f], &ro, &r);
    /* A bad option value (--date) is reported by the reader; stop there. */
    if (st == DYAD_EINVAL) return EXIT_USAGE;
    if (st != DYAD_OK) {
      if (st != DYAD_EIO)
        fprintf(stderr, "%s: error: %s\n", files[f], dyad_strerror(st));
      in->failed_files++;
      continue;
    }
    for (;;) {
      dyad_doc *doc = NULL;
      st = dyad_reader_next(r, &doc);
      if (st == DYAD_END) break;
      if (st == DYAD_REJECT) continue;
      if (st != DYAD_OK) {
        fprintf(stderr, "%s: error: %s; the rest of this input is skipped\n",
                files[f], dyad_strerror(st));
        in->failed_files++;
        break;
      }
      size_t len;
      dyad_doc_text(doc, &len);
      in->docs++;
      in->bytes += len;
      if (fn(doc, user)) {
        in->records += dyad_reader_records(r);
        in->rejected += dyad_reader_rejected(r);
        dyad_reader_free(r);
        return EXIT_FATAL;
      }
      cli_progress(in, 0);
    }
    in->records += dyad_reader_records(r);
    in->rejected += dyad_reader_rejected(r);
    dyad_reader_free(r);
  }
  cli_progress(in, 1);
  return 0;
}

int cli_finish(cli_input *in, const char *cmd) {
  if (in->rejects) fclose(in->rejects);
  in->rejects = NULL;
  if (fflush(stdout) || ferror(stdout)) {
    fprintf(stderr, "dyad %s: error writing the output\n", cmd);
    return EXIT_FATAL;
  }
  fprintf(stderr,
          "dyad %s: %zu record(s) read, %zu rejected, %zu warning(s); "
          "%zu article(s), %zu sentence(s), %zu token(s)%s\n",
          cmd, in->records, in->rejected, in->warnings, in->docs, in->sentences,
          in->tokens, in->failed_files ? "; some input could not be read" : "");
  if (in->failed_files || in->rejected) return EXIT_REJECTED;
  return EXIT_OK;
}
