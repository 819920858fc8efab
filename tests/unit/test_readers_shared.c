/* test_readers_shared.c -- the published PETRARCH XML files read
 * completely (they are not all tidy XML).  Needs ../shared. */
#include <unistd.h>

#include "dyad.h"
#include "test.h"

#define PETR DYAD_SHARED_DIR "/data/petrarch/"

typedef struct {
  size_t docs, pretokenized, with_parse, errors;
} counts;

static void on_diag(const dyad_diag *d, void *user) {
  counts *c = user;
  if (d->severity == DYAD_DIAG_ERROR) c->errors++;
}

static counts read_all(const char *path, const char *want_verbfile) {
  counts c = {0};
  dyad_reader_options o = {0};
  o.diag = on_diag;
  o.diag_user = &c;
  dyad_reader *r = NULL;
  CHECK(dyad_reader_open(path, &o, &r) == DYAD_OK);
  if (!r) return c;
  dyad_doc *d;
  dyad_status st;
  while ((st = dyad_reader_next(r, &d)) == DYAD_OK) {
    c.docs++;
    c.pretokenized += dyad_doc_pretokenized(d) != 0;
    const dyad_sentence *s = dyad_doc_sentence(d, 0);
    c.with_parse += s && s->given_parse != NULL;
    if (c.docs == 1 && want_verbfile) {
      CHECK_STR(dyad_reader_environment(r, "Verbfile"), want_verbfile);
    }
    dyad_doc_free(d);
  }
  CHECK(st == DYAD_END);
  CHECK_INT(dyad_reader_rejected(r), 0);
  CHECK_INT(dyad_reader_records(r), c.docs);
  dyad_reader_free(r);
  return c;
}

TEST(gigaword_sample) {
  counts c = read_all(PETR "GigaWord.sample.PETR.xml", NULL);
  CHECK_INT(c.docs, 76);
  CHECK_INT(c.with_parse, 76);
  CHECK_INT(c.pretokenized, 0); /* Penn Treebank brackets: kept as strings */
  CHECK_INT(c.errors, 0);
}

TEST(unit_tests_petr1) {
  counts c = read_all(PETR "unit-tests-petr1/PETR.UnitTest.records.xml",
                      "PETR.Validate.verbs.txt");
  CHECK_INT(c.docs, 284);
  CHECK_INT(c.with_parse, 284);
  CHECK_INT(c.pretokenized, 0);
}

TEST(unit_tests_ud) {
  counts c = read_all(PETR "unit-tests-ud/PETR.UnitTest.records.ud.xml",
                      "PETR.Validate.verbs.2.0.txt");
  CHECK_INT(c.docs, 284);
  CHECK_INT(c.pretokenized, 284); /* every <Parse> is CoNLL-U */
}

int main(void) {
  if (access(PETR "unit-tests-ud/PETR.UnitTest.records.ud.xml", R_OK))
    SKIP_ALL("../shared/data/petrarch/ not found");
  RUN(gigaword_sample);
  RUN(unit_tests_petr1);
  RUN(unit_tests_ud);
  return test_summary();
}
