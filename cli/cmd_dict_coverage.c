/*
 * cmd_dict_coverage.c -- `dyad dict coverage`: how many capitalized
 * multi-word names of a corpus resolve to an actor, and how fast the
 * longest-actor lookup runs over every token position.
 *
 * A name is a maximal run of two or more tokens that each begin with an
 * upper-case ASCII letter; it resolves when an actor phrase starts at one
 * of its tokens.
 */
#include <ctype.h>
#include <string.h>
#include <time.h>

#include "cli.h"

typedef struct {
  cli_input *in;
  const dyad_dict *d;
  size_t names, resolved, positions, matches;
  double seconds;
} cov_ctx;

static double now(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

static int on_doc(dyad_doc *doc, void *user) {
  cov_ctx *c = user;
  dyad_text_options to = {cli_print_diag, c->in};
  if (dyad_text_segment(doc, &to) != DYAD_OK) {
    dyad_doc_free(doc);
    return 1;
  }
  const char *date = dyad_doc_date(doc);
  for (size_t si = 0; si < dyad_doc_sentence_count(doc); si++) {
    const dyad_sentence *s = dyad_doc_sentence(doc, si);
    c->in->sentences++;
    c->in->tokens += s->ntokens;
    /* Longest actor at every position, timed on its own. */
    unsigned char hit[512];
    size_t n = s->ntokens;
    double t0 = now();
    for (size_t i = 0; i < n; i++) {
      size_t len = dyad_dict_match_actor(c->d, s, i, date, NULL);
      if (i < sizeof hit) hit[i] = len > 0;
      c->matches += len > 0;
    }
    c->seconds += now() - t0;
    c->positions += n;
    for (size_t i = 0; i < n && i < sizeof hit;) {
      size_t j = i;
      while (j < n && j < sizeof hit && isupper((unsigned char)s->tokens[j].form[0])) j++;
      if (j - i >= 2) {
        c->names++;
        for (size_t k = i; k < j; k++)
          if (hit[k]) {
            c->resolved++;
            break;
          }
      }
      i = j > i ? j : i + 1;
    }
  }
  dyad_doc_free(doc);
  return 0;
}

int cmd_dict_coverage(cli_dict *o, cli_input *in, char **files, int nfiles);
int cmd_dict_coverage(cli_dict *o, cli_input *in, char **files, int nfiles) {
  dyad_dict *d = cli_dict_load(o, in, 0);
  if (!d) return EXIT_FATAL;
  cov_ctx c = {in, d, 0, 0, 0, 0, 0};
  int rc = cli_for_each_doc(in, files, nfiles, on_doc, &c);
  printf("names %zu, resolved %zu (%.1f%%)\n", c.names, c.resolved,
         c.names ? 100.0 * (double)c.resolved / (double)c.names : 0.0);
  printf("actor lookups %zu positions, %zu matched, %.3f s, %.0f lookups/s\n", c.positions,
         c.matches, c.seconds, c.seconds > 0 ? (double)c.positions / c.seconds : 0.0);
  dyad_dict_free(d);
  int fin = cli_finish(in, "dict coverage");
  return rc ? rc : fin;
}
