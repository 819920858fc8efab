/* test_text.c -- the text layer: normalization, folding, offsets, paragraphs. */
#include <string.h>

#include "dyad.h"
#include "test.h"
#include "core/doc.h"
#include "text/text.h"
#include "util/limits.h"

static int ndiags, nwarnings;
static char last_diag[512];
static void on_diag(const dyad_diag *d, void *u) {
  (void)u;
  ndiags++;
  if (d->severity == DYAD_DIAG_WARNING) nwarnings++;
  snprintf(last_diag, sizeof last_diag, "%ld:%ld %s", d->line, d->column, d->message);
}

static dyad_doc *seg(const char *text, size_t len) {
  dyad_doc *doc = NULL;
  if (dyad_doc_new("t", NULL, text, len, &doc) != DYAD_OK) return NULL;
  dyad_text_options o = {on_diag, NULL};
  if (dyad_text_segment(doc, &o) != DYAD_OK) {
    dyad_doc_free(doc);
    return NULL;
  }
  return doc;
}

/* A scratch dyad__text for calling the normalizer directly. */
static dyad__text scratch(dyad_doc *doc) {
  dyad__text t;
  memset(&t, 0, sizeof t);
  t.doc = doc;
  return t;
}

TEST(normalize_quotes_dashes_spaces) {
  dyad_doc *doc;
  CHECK(dyad_doc_new("n", NULL, "", 0, &doc) == DYAD_OK);
  dyad__text t = scratch(doc);
  const char *s = "\xE2\x80\x9CHi\xE2\x80\x9D \xE2\x80\x98x\xE2\x80\x99 a\xE2\x80\x94" "b c\xE2\x80\x93" "d";
  CHECK_STR(dyad__text_normalize(&t, s, strlen(s), 0), "\"Hi\" 'x' a--b c-d");
  /* NBSP, thin space, newline and tab collapse to one space in sentence text. */
  const char *w = " a\xC2\xA0\xC2\xA0" "b\xE2\x80\x89" "c\n\td ";
  CHECK_STR(dyad__text_normalize(&t, w, strlen(w), 1), "a b c d");
  /* The ellipsis character becomes three periods; soft hyphen disappears. */
  const char *e = "so\xE2\x80\xA6 in\xC2\xAD" "side";
  CHECK_STR(dyad__text_normalize(&t, e, strlen(e), 0), "so... inside");
  dyad__buf_free(&t.buf);
  dyad_doc_free(doc);
}

TEST(normalize_nfc) {
  dyad_doc *doc;
  CHECK(dyad_doc_new("n", NULL, "", 0, &doc) == DYAD_OK);
  dyad__text t = scratch(doc);
  /* e + COMBINING ACUTE ACCENT composes to U+00E9. */
  const char *d = "Cafe\xCC\x81";
  CHECK_STR(dyad__text_normalize(&t, d, strlen(d), 0), "Caf\xC3\xA9");
  /* Invalid bytes become U+FFFD. */
  const char *bad = "a\xFF" "b";
  CHECK_STR(dyad__text_normalize(&t, bad, 3, 0), "a\xEF\xBF\xBD" "b");
  dyad__buf_free(&t.buf);
  dyad_doc_free(doc);
}

TEST(fold) {
  dyad_doc *doc;
  CHECK(dyad_doc_new("n", NULL, "", 0, &doc) == DYAD_OK);
  dyad__text t = scratch(doc);
  CHECK_STR(dyad__text_fold(&t, "Erdo\xC4\x9F" "an"), "erdogan");
  CHECK_STR(dyad__text_fold(&t, "T\xC3\xBCrkiye"), "turkiye");
  CHECK_STR(dyad__text_fold(&t, "\xC5\x81\xC3\xB3\x64\xC5\xBA"), "lodz");
  CHECK_STR(dyad__text_fold(&t, "\xC3\x98rsted"), "orsted");
  CHECK_STR(dyad__text_fold(&t, "Stra\xC3\x9F" "e"), "strasse");
  CHECK_STR(dyad__text_fold(&t, "U.S."), "u.s.");
  /* Already folded ASCII is returned as is. */
  const char *same = "plain";
  CHECK(dyad__text_fold(&t, same) == same);
  dyad__buf_free(&t.buf);
  dyad_doc_free(doc);
}

/* Every token's original slice, normalized, equals its form; spans are
 * ordered and inside the text. */
static void check_offsets(const char *text, size_t len) {
  dyad_doc *doc = seg(text, len);
  CHECK(doc != NULL);
  if (!doc) return;
  dyad__text t = scratch(doc);
  uint32_t prev = 0;
  for (size_t i = 0; i < dyad_doc_sentence_count(doc); i++) {
    const dyad_sentence *s = dyad_doc_sentence(doc, i);
    CHECK(s->ntokens > 0);
    for (uint32_t k = 0; k < s->ntokens; k++) {
      const dyad_token *x = &s->tokens[k];
      CHECK(x->start < x->end);
      CHECK(x->end <= len);
      CHECK(x->start >= prev);
      prev = x->end;
      const char *n = dyad__text_normalize(&t, text + x->start, x->end - x->start, 0);
      CHECK_STR(x->form, n);
    }
  }
  dyad__buf_free(&t.buf);
  dyad_doc_free(doc);
}

TEST(offsets_invariant) {
  const char *u = "Mr. Erdo\xC4\x9F" "an\xE2\x80\x99s party didn\xE2\x80\x99t win\xE2\x80\xA6 "
                  "\xE2\x80\x9Creally\xE2\x80\x9D.";
  check_offsets(u, strlen(u));
  const char *wrapped = "The minister said the\ncease-\nfire would hold.\n    A second paragraph\nfollows here.";
  check_offsets(wrapped, strlen(wrapped));
  const char bad[] = "caf\xE9 na\xEFve \xFF\xFE ok.";
  check_offsets(bad, sizeof bad - 1);
}

TEST(offsets_exact_mwt) {
  const char *s = "I can't go.";
  dyad_doc *doc = seg(s, strlen(s));
  CHECK(doc != NULL);
  const dyad_sentence *x = dyad_doc_sentence(doc, 0);
  CHECK_INT(x->ntokens, 5);
  CHECK_INT(x->tokens[1].mwt, 2);
  CHECK_INT(x->tokens[1].start, 2);
  CHECK_INT(x->tokens[1].end, 4);   /* ca */
  CHECK_INT(x->tokens[2].start, 4);
  CHECK_INT(x->tokens[2].end, 7);   /* n't */
  CHECK_STR(x->tokens[2].form, "n't");
  CHECK_INT(x->tokens[3].space_after, 0); /* "go" then "." */
  dyad_doc_free(doc);
}

TEST(paragraphs) {
  dyad__para *p;
  size_t n;
  /* Blank lines and indented lines start paragraphs; wrapped lines join. */
  const char *t1 = "Title line\n\nThe first paragraph is wrapped across\n"
                   "two lines of about the same length here.\n"
                   "    The second starts with an indent and goes on\n"
                   "over a second line of the paragraph too.";
  CHECK(dyad__paragraphs(t1, strlen(t1), &p, &n) == 0);
  CHECK_INT(n, 3);
  if (n == 3) {
    CHECK_INT(p[0].start, 0);
    CHECK_INT(p[0].end, 10);
    CHECK_INT(p[0].blank_after, 1);
    CHECK_INT(p[1].nlines, 2);
    CHECK_INT(p[2].nlines, 2);
    CHECK(!strncmp(t1 + p[2].start, "The second", 10));
  }
  free(p);
  /* Whitespace only: no paragraph. */
  CHECK(dyad__paragraphs(" \n\t\n", 4, &p, &n) == 0);
  CHECK_INT(n, 0);
  free(p);
  /* Text indented as a whole keeps its wrapped lines together. */
  const char *t2 = "    A block quote that is indented as a whole and wrapped\n"
                   "    at the usual width of a wire story goes on here.";
  CHECK(dyad__paragraphs(t2, strlen(t2), &p, &n) == 0);
  CHECK_INT(n, 1);
  free(p);
}

TEST(paragraph_index) {
  const char *s = "One. Two.\n\nThree.";
  dyad_doc *doc = seg(s, strlen(s));
  CHECK(doc != NULL);
  CHECK_INT(dyad_doc_sentence_count(doc), 3);
  CHECK_INT(dyad_doc_sentence(doc, 0)->paragraph, 0);
  CHECK_INT(dyad_doc_sentence(doc, 1)->paragraph, 0);
  CHECK_INT(dyad_doc_sentence(doc, 2)->paragraph, 1);
  dyad_doc_free(doc);
}

TEST(invalid_utf8_counted_and_reported) {
  ndiags = 0;
  const char s[] = "ab\xFF" "cd \xC3 ok";
  dyad_doc *doc = seg(s, sizeof s - 1);
  CHECK(doc != NULL);
  CHECK_INT(dyad_doc_invalid_utf8(doc), 2);
  CHECK_INT(ndiags, 1);
  CHECK(strstr(last_diag, "1:3 ") == last_diag);
  dyad_doc_free(doc);
}

TEST(long_sentence_split_reported) {
  size_t n = DYAD_MAX_SENTENCE_WORDS + 10;
  char *s = malloc(n * 2 + 1);
  for (size_t i = 0; i < n; i++) {
    s[2 * i] = 'a';
    s[2 * i + 1] = ' ';
  }
  s[2 * n] = '\0';
  nwarnings = 0;
  dyad_doc *doc = seg(s, 2 * n);
  CHECK(doc != NULL);
  CHECK_INT(dyad_doc_sentence_count(doc), 2);
  CHECK_INT(dyad_doc_sentence(doc, 0)->ntokens, DYAD_MAX_SENTENCE_WORDS);
  CHECK_INT(dyad_doc_sentence(doc, 1)->ntokens, 10);
  CHECK_INT(nwarnings, 1);
  dyad_doc_free(doc);
  free(s);
}

TEST(given_sentences_not_resegmented) {
  /* A doc with sentence spans but no tokens (as the XML reader makes them)
   * is tokenized inside each span, without re-segmenting. */
  const char *s = "Mr. A left. Mr. B came.";
  dyad_doc *doc = NULL;
  CHECK(dyad_doc_new("x", NULL, s, strlen(s), &doc) == DYAD_OK);
  dyad_sentence *one = dyad__doc_add_sentence(doc);
  one->start = 0;
  one->end = (uint32_t)strlen(s);
  CHECK(dyad_text_segment(doc, NULL) == DYAD_OK);
  CHECK_INT(dyad_doc_sentence_count(doc), 1);
  CHECK_INT(dyad_doc_sentence(doc, 0)->ntokens, 8);
  CHECK_STR(dyad_doc_sentence(doc, 0)->text, "Mr. A left. Mr. B came.");
  /* Twice is harmless. */
  CHECK(dyad_text_segment(doc, NULL) == DYAD_OK);
  CHECK_INT(dyad_doc_sentence_count(doc), 1);
  dyad_doc_free(doc);
}

TEST(given_long_sentence_split) {
  size_t n = DYAD_MAX_SENTENCE_WORDS + 5;
  char *s = malloc(n * 2 + 1);
  for (size_t i = 0; i < n; i++) {
    s[2 * i] = 'b';
    s[2 * i + 1] = ' ';
  }
  s[2 * n] = '\0';
  dyad_doc *doc = NULL;
  CHECK(dyad_doc_new("g", NULL, s, 2 * n, &doc) == DYAD_OK);
  dyad_sentence *one = dyad__doc_add_sentence(doc);
  one->start = 0;
  one->end = (uint32_t)(2 * n);
  one->id = "S7";
  nwarnings = 0;
  dyad_text_options o = {on_diag, NULL};
  CHECK(dyad_text_segment(doc, &o) == DYAD_OK);
  CHECK_INT(nwarnings, 1);
  CHECK_INT(dyad_doc_sentence_count(doc), 2);
  CHECK_STR(dyad_doc_sentence(doc, 0)->id, "S7");
  CHECK_STR(dyad_doc_sentence(doc, 1)->id, "S7.2");
  CHECK_INT(dyad_doc_sentence(doc, 0)->ntokens, DYAD_MAX_SENTENCE_WORDS);
  CHECK_INT(dyad_doc_sentence(doc, 1)->ntokens, 5);
  CHECK_INT(dyad_doc_sentence(doc, 1)->start, 2 * DYAD_MAX_SENTENCE_WORDS);
  dyad_doc_free(doc);
  free(s);
}

TEST(empty_and_space_only) {
  dyad_doc *doc = seg("", 0);
  CHECK(doc != NULL);
  CHECK_INT(dyad_doc_sentence_count(doc), 0);
  dyad_doc_free(doc);
  doc = seg(" \n\n\t ", 5);
  CHECK(doc != NULL);
  CHECK_INT(dyad_doc_sentence_count(doc), 0);
  dyad_doc_free(doc);
}

TEST(pretokenized_only_folds) {
  /* CoNLL-U input keeps its sentences and tokens; the text layer only adds
   * the folds (from the normalized form). */
  const char *in = "# newdoc id = d\n# text = \xC3\x96" "calan\xE2\x80\x99s men\n"
                   "1-2\t\xC3\x96" "calan\xE2\x80\x99s\t_\t_\t_\t_\t_\t_\t_\t_\n"
                   "1\t\xC3\x96" "calan\t_\t_\t_\t_\t_\t_\t_\t_\n"
                   "2\t\xE2\x80\x99s\t_\t_\t_\t_\t_\t_\t_\t_\n"
                   "3\tmen\t_\t_\t_\t_\t_\t_\t_\t_\n\n";
  dyad_reader_options o;
  memset(&o, 0, sizeof o);
  o.format = DYAD_FORMAT_CONLLU;
  dyad_reader *r;
  CHECK(dyad_reader_open_memory(in, strlen(in), "t.conllu", &o, &r) == DYAD_OK);
  dyad_doc *doc = NULL;
  CHECK(dyad_reader_next(r, &doc) == DYAD_OK);
  if (doc) {
    CHECK(dyad_text_segment(doc, NULL) == DYAD_OK);
    CHECK_INT(dyad_doc_sentence_count(doc), 1);
    const dyad_sentence *s = dyad_doc_sentence(doc, 0);
    CHECK_INT(s->ntokens, 3);
    CHECK_STR(s->tokens[0].form, "\xC3\x96" "calan"); /* forms untouched */
    CHECK_STR(s->tokens[0].fold, "ocalan");
    CHECK_STR(s->tokens[1].fold, "'s");
    CHECK_STR(s->tokens[2].fold, "men");
    dyad_doc_free(doc);
  }
  dyad_reader_free(r);
}

int main(void) {
  RUN(normalize_quotes_dashes_spaces);
  RUN(normalize_nfc);
  RUN(fold);
  RUN(offsets_invariant);
  RUN(offsets_exact_mwt);
  RUN(paragraphs);
  RUN(paragraph_index);
  RUN(invalid_utf8_counted_and_reported);
  RUN(long_sentence_split_reported);
  RUN(given_sentences_not_resegmented);
  RUN(empty_and_space_only);
  RUN(given_long_sentence_split);
  RUN(pretokenized_only_folds);
  return test_summary();
}
