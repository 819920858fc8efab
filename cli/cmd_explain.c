#include <string.h>

#include "coding.h"

static const char help[] =
    "usage: dyad explain [OPTIONS] \"SENTENCE\"\n"
    "\n"
    "Shows how dyad codes a sentence (or a short text): its tokens, tags and\n"
    "tree, each actor and agent phrase found and the dictionary line it came\n"
    "from, each verb, the pattern that matched or why none did, the flags,\n"
    "and the resulting events.  Meant for dictionary maintainers.\n"
    "\n"
    "  --date YYYY-MM-DD  the article date (date-restricted actor codes)\n"
    "\n";

int cmd_explain(int argc, char **argv) {
  coding_setup cs = {0};
  const char *text = NULL, *date = NULL, *v;
  for (int i = 1; i < argc; i++) {
    const char *a = argv[i];
    if (!strcmp(a, "--help") || !strcmp(a, "-h")) {
      coding_print_help(help);
      return EXIT_OK;
    }
    int r = coding_option(&cs, argc, argv, &i);
    if (!r && (r = cli_opt(a, "--date", argc, argv, &i, &v)) > 0) date = v;
    if (r < 0) return cli_usage_error("explain", "option %s needs a valid value", a);
    if (r > 0) continue;
    if (a[0] == '-' && a[1]) return cli_usage_error("explain", "unknown option '%s'", a);
    if (text) return cli_usage_error("explain", "%s", "give the sentence as one argument (quote it)");
    text = a;
  }
  if (!text) return cli_usage_error("explain", "%s", "no sentence given");
  coding_include_all_by_default(&cs); /* explain shows everything it found */
  int rc = coding_load(&cs);
  if (rc) {
    coding_free(&cs);
    return rc;
  }
  dyad_doc *doc = NULL;
  if (dyad_doc_new("explain", date, text, strlen(text), &doc) != DYAD_OK) {
    coding_free(&cs);
    return EXIT_FATAL;
  }
  const dyad_event *ev;
  size_t n;
  dyad_status st = coding_run(&cs, &doc, &ev, &n, 1);
  if (st == DYAD_OK) {
    /* The events as `dyad code` would write them. */
    dyad_code_doc(cs.coder, doc, &ev, &n);
    printf("events (%zu):\n", n);
    for (size_t i = 0; i < n; i++) dyad_event_write(&ev[i], doc, DYAD_OUTPUT_JSONL, cli_write_stdout, NULL);
  } else {
    fprintf(stderr, "dyad explain: %s\n", dyad_strerror(st));
    rc = EXIT_FATAL;
  }
  dyad_doc_free(doc);
  coding_free(&cs);
  return rc;
}
