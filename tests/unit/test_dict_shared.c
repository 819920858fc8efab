/* test_dict_shared.c -- loading the PETRARCH dictionary sets of ../shared
 * (Phoenix + CAMEO.2.0, the validation set); skipped when absent. */
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "dict/dict.h"
#include "test.h"

static int diag_count;
static void count_diag(const dyad_diag *d, void *u) {
  (void)d;
  (void)u;
  diag_count++;
}

static void mk1(dyad_token *t, const char **w, size_t n) {
  memset(t, 0, n * sizeof *t);
  for (size_t i = 0; i < n; i++) {
    t[i].form = w[i];
    t[i].fold = "_";
    t[i].lemma = "_";
  }
}

static const char *shared(const char *rel, char *buf, size_t n) {
  snprintf(buf, n, "%s/%s", DYAD_SHARED_DIR, rel);
  return access(buf, R_OK) == 0 ? buf : NULL;
}

TEST(phoenix) {
  char path[1024];
  if (!shared("data/petrarch/dictionaries/phoenix.ini", path, sizeof path)) {
    printf("skipped: ../shared/data/petrarch/dictionaries/phoenix.ini not found\n");
    return;
  }
  dyad_dict *d = NULL;
  dyad_dict_options o = {count_diag, NULL, 0};
  diag_count = 0;
  CHECK_INT(dyad_dict_load_config(path, &o, &d), DYAD_OK);
  if (!d) return;
  /* Counts checked against the files: 397 "---" verb blocks and 4668 "- "
   * pattern lines in CAMEO.2.0.txt, of which 9 are reported and skipped;
   * 8 "~" transformations; 2244 agent lines with a code. */
  CHECK_INT(d->n_blocks, 397);
  CHECK_INT(d->n_patterns, 4668 - 9);
  CHECK_INT(d->n_transforms, 8);
  CHECK_INT(d->n_agents, 2244);
  CHECK_INT(d->n_files, 7);
  CHECK_INT(dyad_dict_errors(d), 11);
  const char *w[] = {"Hamid", "Karzai"};
  dyad_token t[2];
  mk1(t, w, 2);
  dyad__dict_match m[4];
  CHECK(dyad__dict_match_at(d, t, 2, 0, DYAD__K_ACTOR, DYAD__MATCH_LONGEST, m, 4) >= 1);
  dyad_dict_free(d);
}

TEST(validate_set) {
  char a[1024], g[1024], v[1024], x[1024];
  if (!shared("data/petrarch/unit-tests-ud/PETR.Validate.verbs.2.0.txt", v, sizeof v) ||
      !shared("data/petrarch/unit-tests-ud/PETR.Validate.actors.txt", a, sizeof a) ||
      !shared("data/petrarch/unit-tests-ud/PETR.Validate.agents.txt", g, sizeof g) ||
      !shared("data/petrarch/unit-tests-ud/PETR.Validate.discards.txt", x, sizeof x)) {
    printf("skipped: ../shared/data/petrarch/unit-tests-ud not found\n");
    return;
  }
  dyad_dict_file f[] = {{v, DYAD_DICT_AUTO}, {a, DYAD_DICT_AUTO}, {g, DYAD_DICT_AUTO},
                        {x, DYAD_DICT_AUTO}};
  dyad_dict *d = NULL;
  dyad_dict_options o = {count_diag, NULL, 0};
  CHECK_INT(dyad_dict_load_files(f, 4, &o, &d), DYAD_OK);
  if (!d) return;
  CHECK_INT(d->files[0].kind, DYAD_DICT_VERBS);
  CHECK_INT(d->files[3].kind, DYAD_DICT_DISCARDS);
  dyad_dict_free(d);
  /* The PETRARCH-1 verbs are refused, not misread. */
  if (shared("data/petrarch/unit-tests-petr1/PETR.Validate.verbs.txt", v, sizeof v)) {
    dyad_dict_file f1 = {v, DYAD_DICT_VERBS};
    diag_count = 0;
    CHECK_INT(dyad_dict_load_files(&f1, 1, &o, &d), DYAD_EUNSUPPORTED);
    CHECK_INT(diag_count, 1);
  }
}

int main(void) {
  char path[1024];
  if (!shared("data/petrarch/dictionaries/phoenix.ini", path, sizeof path))
    SKIP_ALL("../shared/data/petrarch/dictionaries/phoenix.ini not found");
  RUN(phoenix);
  RUN(validate_set);
  return test_summary();
}
