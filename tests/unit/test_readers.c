/* test_readers.c -- the article readers on project-written inputs: field
 * rules, pass-through, bad records (reported, rejected whole, counted,
 * bytes handed to the reject sink untouched) and reading on after them. */
#include <stdint.h>

#include "dyad.h"
#include "test.h"
#include "util/buf.h"

typedef struct {
  dyad__buf diags;   /* every diagnostic, one per line "L<line> <message>" */
  dyad__buf rejects; /* bytes given to the reject sink */
  int errors, warnings;
} sink;

static void on_diag(const dyad_diag *d, void *user) {
  sink *s = user;
  dyad__buf_printf(&s->diags, "L%ld %s%s%s\n", d->line, d->record ? d->record : "",
                   d->record ? ": " : "", d->message);
  if (d->severity == DYAD_DIAG_ERROR) s->errors++;
  if (d->severity == DYAD_DIAG_WARNING) s->warnings++;
}

static int on_reject(const char *data, size_t len, void *user) {
  sink *s = user;
  return dyad__buf_append(&s->rejects, data, len);
}

static void sink_free(sink *s) {
  dyad__buf_free(&s->diags);
  dyad__buf_free(&s->rejects);
}

static const char *diags(const sink *s) { return s->diags.data ? s->diags.data : ""; }
static const char *rejects(const sink *s) { return s->rejects.data ? s->rejects.data : ""; }

static dyad_reader *open_mem(const char *text, dyad_input_format f, sink *s,
                             size_t max_record) {
  dyad_reader_options o = {0};
  o.format = f;
  o.max_record_bytes = max_record;
  o.diag = on_diag;
  o.diag_user = s;
  o.reject = on_reject;
  o.reject_user = s;
  dyad_reader *r = NULL;
  if (dyad_reader_open_memory(text, strlen(text), "mem", &o, &r) != DYAD_OK) return NULL;
  return r;
}

/* ---------------------------------------------------------------- JSONL */

TEST(jsonl_fields_and_passthrough) {
  sink s = {0};
  const char *in =
      "{\"zeta\":1,\"id\":42,\"date\":\"2023-05-01T23:20:30.5+02:00\",\"text\":\"Hi.\","
      "\"alpha\":{\"b\":[1,\"x\"]},\"source\":\"Wire\",\"url\":\"http://e.test/1\","
      "\"title\":\"T\"}\n";
  dyad_reader *r = open_mem(in, DYAD_FORMAT_JSONL, &s, 0);
  dyad_doc *d = NULL;
  CHECK(r && dyad_reader_next(r, &d) == DYAD_OK);
  CHECK_STR(dyad_doc_id(d), "42");
  CHECK_STR(dyad_doc_date(d), "2023-05-01");
  CHECK_STR(dyad_doc_field(d, "source"), "Wire");
  CHECK_STR(dyad_doc_field(d, "url"), "http://e.test/1");
  CHECK_STR(dyad_doc_field(d, "title"), "T");
  CHECK_STR(dyad_doc_field(d, "text"), "Hi.");
  /* unknown fields, in their input order */
  CHECK_STR(dyad_doc_extra_json(d), "{\"zeta\":1,\"alpha\":{\"b\":[1,\"x\"]}}");
  dyad_doc_free(d);
  CHECK(dyad_reader_next(r, &d) == DYAD_END);
  CHECK_INT(s.errors, 0);
  dyad_reader_free(r);
  sink_free(&s);
}

TEST(jsonl_dates) {
  const char *good[] = {"2024-02-29", "20240229", "2024-02-29T00:00Z", "2024-02-29T23:59:59-05:30",
                        "2024-02-29T12:00:00+0100"};
  for (size_t i = 0; i < sizeof good / sizeof *good; i++) {
    char line[200];
    snprintf(line, sizeof line, "{\"date\":\"%s\",\"text\":\"x\"}\n", good[i]);
    sink s = {0};
    dyad_reader *r = open_mem(line, DYAD_FORMAT_JSONL, &s, 0);
    dyad_doc *d = NULL;
    CHECK(dyad_reader_next(r, &d) == DYAD_OK);
    if (d) CHECK_STR(dyad_doc_date(d), "2024-02-29");
    dyad_doc_free(d);
    dyad_reader_free(r);
    sink_free(&s);
  }
  const char *bad[] = {"2023-02-29", "2023-02-30", "2023-13-01", "2023-04-31", "2023-1-1",
                       "2023-01-01T25:00", "2023-01-01T10:00+5", "yesterday"};
  for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
    char line[200];
    snprintf(line, sizeof line, "{\"id\":\"a\",\"date\":\"%s\",\"text\":\"x\"}", bad[i]);
    sink s = {0};
    dyad_reader *r = open_mem(line, DYAD_FORMAT_JSONL, &s, 0);
    dyad_doc *d = NULL;
    CHECK(dyad_reader_next(r, &d) == DYAD_REJECT);
    CHECK(d == NULL);
    CHECK_INT(s.errors, 1);
    CHECK(strstr(diags(&s), "L1 a: ") != NULL);
    /* the rejected line, untouched, plus the newline that ended it */
    char want[220];
    snprintf(want, sizeof want, "%s\n", line);
    CHECK_STR(rejects(&s), want);
    dyad_reader_free(r);
    sink_free(&s);
  }
}

TEST(jsonl_bad_records_and_continue) {
  sink s = {0};
  const char *in =
      "{\"id\":\"ok1\",\"text\":\"One.\"}\n"
      "{\"id\":\"broken\",\"text\":\"no end\"\n"
      "\n"
      "{\"id\":\"notext\"}\n"
      "{\"id\":\"nul\",\"text\":\"a\\u0000b\"}\n"
      "[1,2]\n"
      "{\"id\":\"num\",\"text\":5}\n"
      "{\"id\":\"latin1\",\"text\":\"caf\xe9 ok\"}\n"
      "{\"id\":\"ok2\",\"text\":\"Two.\"}";
  dyad_reader *r = open_mem(in, DYAD_FORMAT_JSONL, &s, 0);
  dyad_doc *d = NULL;
  CHECK(dyad_reader_next(r, &d) == DYAD_OK);
  CHECK_STR(dyad_doc_id(d), "ok1");
  dyad_doc_free(d);
  for (int i = 0; i < 5; i++) CHECK(dyad_reader_next(r, &d) == DYAD_REJECT);
  CHECK(dyad_reader_next(r, &d) == DYAD_OK);
  CHECK_STR(dyad_doc_id(d), "latin1");
  CHECK_STR(dyad_doc_field(d, "text"), "caf\xEF\xBF\xBD ok");
  CHECK_INT(dyad_doc_invalid_utf8(d), 1);
  dyad_doc_free(d);
  CHECK(dyad_reader_next(r, &d) == DYAD_OK);
  CHECK_STR(dyad_doc_id(d), "ok2");
  dyad_doc_free(d);
  CHECK(dyad_reader_next(r, &d) == DYAD_END);
  CHECK_INT(dyad_reader_records(r), 8);
  CHECK_INT(dyad_reader_rejected(r), 5);
  CHECK_INT(s.warnings, 1);
  const char *dg = diags(&s);
  CHECK(strstr(dg, "L2 malformed JSON") != NULL);
  CHECK(strstr(dg, "L4 notext: missing \"text\"") != NULL);
  CHECK(strstr(dg, "L5 nul: field \"text\" contains a NUL") != NULL);
  CHECK(strstr(dg, "L6 record is not a JSON object") != NULL);
  CHECK(strstr(dg, "L7 num: field \"text\" is not a string") != NULL);
  CHECK_STR(rejects(&s),
            "{\"id\":\"broken\",\"text\":\"no end\"\n"
            "{\"id\":\"notext\"}\n"
            "{\"id\":\"nul\",\"text\":\"a\\u0000b\"}\n"
            "[1,2]\n"
            "{\"id\":\"num\",\"text\":5}\n");
  dyad_reader_free(r);
  sink_free(&s);
}

TEST(jsonl_record_limit) {
  sink s = {0};
  char in[400];
  char big[201];
  memset(big, 'x', 200);
  big[200] = '\0';
  snprintf(in, sizeof in, "{\"text\":\"%s\"}\n{\"id\":\"small\",\"text\":\"ok\"}\n", big);
  dyad_reader *r = open_mem(in, DYAD_FORMAT_JSONL, &s, 100);
  dyad_doc *d = NULL;
  CHECK(dyad_reader_next(r, &d) == DYAD_REJECT);
  CHECK(dyad_reader_next(r, &d) == DYAD_OK);
  CHECK_STR(dyad_doc_id(d), "small");
  dyad_doc_free(d);
  char want[300];
  snprintf(want, sizeof want, "{\"text\":\"%s\"}\n", big);
  CHECK_STR(rejects(&s), want);
  CHECK(strstr(diags(&s), "L1 record longer than the limit of 100 bytes") != NULL);
  dyad_reader_free(r);
  sink_free(&s);
}

/* -------------------------------------------------------------- CoNLL-U */

static const char conllu_two_docs[] =
    "# newdoc id = d1\n"
    "# sent_id = d1-a\n"
    "# text = Vamos al mar.\n"
    "1\tVamos\tir\tVERB\t_\t_\t0\troot\t_\t_\n"
    "2-3\tal\t_\t_\t_\t_\t_\t_\t_\t_\n"
    "2\ta\ta\tADP\t_\t_\t4\tcase\t_\t_\n"
    "3\tel\tel\tDET\t_\t_\t4\tdet\t_\t_\n"
    "4\tmar\tmar\tNOUN\t_\t_\t1\tobl\t_\tSpaceAfter=No\n"
    "5\t.\t.\tPUNCT\t_\t_\t1\tpunct\t_\t_\n"
    "\n"
    "# sent_id = d1-b\n"
    "1\tSi\tsí\tINTJ\t_\t_\t0\troot\t_\t_\n"
    "\n"
    "# newdoc id = d2\n"
    "# text = Bad head\n"
    "1\tBad\tbad\tADJ\t_\t_\t7\tamod\t_\t_\n"
    "2\thead\thead\tNOUN\t_\t_\t0\troot\t_\t_\n"
    "\n"
    "# text = Fine\n"
    "1\tFine\tfine\tADJ\t_\t_\t0\troot\t_\t_\n"
    "\n";

TEST(conllu_mwt_and_newdoc) {
  sink s = {0};
  dyad_reader *r = open_mem(conllu_two_docs, DYAD_FORMAT_CONLLU, &s, 0);
  dyad_doc *d = NULL;
  CHECK(dyad_reader_next(r, &d) == DYAD_OK);
  CHECK_STR(dyad_doc_id(d), "d1");
  CHECK(dyad_doc_pretokenized(d));
  CHECK_INT(dyad_doc_sentence_count(d), 2);
  CHECK_STR(dyad_doc_field(d, "text"), "Vamos al mar. Si");
  const dyad_sentence *s0 = dyad_doc_sentence(d, 0);
  CHECK_INT(s0->ntokens, 5);
  /* "al" = a + el: the surface has no room for both forms, so each word
   * spans the whole multiword token */
  CHECK_INT(s0->tokens[1].mwt, 2);
  CHECK_INT(s0->tokens[1].start, 6);
  CHECK_INT(s0->tokens[1].end, 8);
  CHECK_INT(s0->tokens[2].start, 6);
  CHECK_INT(s0->tokens[2].end, 8);
  CHECK_INT(s0->tokens[3].start, 9);
  CHECK_INT(s0->tokens[3].end, 12);
  CHECK_INT(s0->tokens[3].space_after, 0);
  CHECK_INT(s0->tokens[4].start, 12);
  CHECK_STR(s0->tokens[2].lemma, "el");
  CHECK_INT(s0->tokens[3].head, 1);
  const dyad_sentence *s1 = dyad_doc_sentence(d, 1);
  CHECK_STR(s1->id, "d1-b");
  CHECK_INT(s1->start, 14);
  CHECK_STR(s1->tokens[0].lemma, "sí");
  dyad_doc_free(d);
  /* d2: its first sentence has a HEAD beyond the sentence and is dropped */
  CHECK(dyad_reader_next(r, &d) == DYAD_OK);
  CHECK_STR(dyad_doc_id(d), "d2");
  CHECK_INT(dyad_doc_sentence_count(d), 1);
  CHECK_STR(dyad_doc_field(d, "text"), "Fine");
  dyad_doc_free(d);
  CHECK(dyad_reader_next(r, &d) == DYAD_END);
  CHECK(strstr(diags(&s), "HEAD out of range") != NULL);
  CHECK_INT(dyad_reader_rejected(r), 1);
  CHECK_STR(rejects(&s),
            "# text = Bad head\n"
            "1\tBad\tbad\tADJ\t_\t_\t7\tamod\t_\t_\n"
            "2\thead\thead\tNOUN\t_\t_\t0\troot\t_\t_\n\n");
  dyad_reader_free(r);
  sink_free(&s);
}

TEST(conllu_per_sentence_and_columns) {
  sink s = {0};
  const char *in =
      "# text = A b\n"
      "1\tA\ta\tDET\t_\t_\t2\tdet\t_\t_\n"
      "2\tb\tb\tNOUN\t_\t_\t0\troot\t_\t_\n"
      "\n"
      "1\tNine\tnine\tNUM\t_\t_\t0\troot\t_\n"
      "\n"
      "1\tLast\tlast\tADJ\t_\t_\tX\troot\t_\t_\n"
      "\n"
      "1\tC\tc\tNOUN\t_\t_\t0\troot\t_\t_\n";
  dyad_reader *r = open_mem(in, DYAD_FORMAT_CONLLU, &s, 0);
  dyad_doc *d = NULL;
  CHECK(dyad_reader_next(r, &d) == DYAD_OK);
  CHECK_STR(dyad_doc_field(d, "text"), "A b");
  CHECK_INT(dyad_doc_sentence_count(d), 1);
  dyad_doc_free(d);
  CHECK(dyad_reader_next(r, &d) == DYAD_OK);
  CHECK_STR(dyad_doc_field(d, "text"), "C");
  CHECK_INT(dyad_doc_sentence(d, 0)->tokens[0].start, 0);
  CHECK_INT(dyad_doc_sentence(d, 0)->tokens[0].end, 1);
  dyad_doc_free(d);
  CHECK(dyad_reader_next(r, &d) == DYAD_END);
  CHECK_INT(dyad_reader_rejected(r), 2);
  CHECK(strstr(diags(&s), "L5 malformed CoNLL-U sentence: 9 columns instead of 10") != NULL);
  CHECK(strstr(diags(&s), "L7 malformed CoNLL-U sentence: HEAD is not a number") != NULL);
  dyad_reader_free(r);
  sink_free(&s);
}

/* ------------------------------------------------------------------ XML */

static const char xml_sentences[] =
    "<?xml version='1.0' encoding='utf-8'?>\n"               /* 1 */
    "<Validation>\n"                                          /* 2 */
    "<!-- notes with <Sentence> and </Sentence> inside -->\n" /* 3 */
    "<Environment>\n"                                         /* 4 */
    "  <Verbfile>my.verbs.txt</Verbfile>\n"
    "  <Actorfile> my.actors.txt </Actorfile>\n"
    "  <Config option=\"stop_on_error\" value=\"True\"></Config>\n"
    "</Environment>\n"                                        /* 8 */
    "<Sentences>\n"                                           /* 9 */
    "<Sentence date = \"20230105\" id =\"W_1\" source = \"WIRE\" sentence = \"True\" place=\"X\">\n"
    "<!-- a comment -->\n"
    "<EventCoding sourcecode=\"ARN\" targetcode=\"GON\" eventcode=\"050\" plover=\"CONSULT\"/>\n"
    "<EventCoding sourcecode=\"GON\" targetcode=\"ARN\" eventcode=\"051\"></EventCoding>\n"
    "<Text>\n"
    "  Ann & Bo met the\n"
    "  envoys of 3 < 4 states.  \n"
    "</Text>\n"
    "<Parse>\n(ROOT (S (NP (NNP Ann))))\n</Parse>\n"
    "</Sentence>\n"                                           /* 21 */
    "<Sentence date=\"20230106\" id=\"W_2\" sentence=\"true\">\n"
    "<EventCoding noevents=\"True\" />\n"
    "<Text>Gondor &amp; Arnor talk.</Text>\n"
    "<Parse>\n"
    "1\tGondor\tGondor\tPROPN\tNNP\t_\t4\tnsubj\t_\t_\n"
    "2\t&amp;\t&amp;\tCCONJ\tCC\t_\t3\tcc\t_\t_\n"
    "3\tArnor\tArnor\tPROPN\tNNP\t_\t1\tconj\t_\t_\n"
    "4\ttalk\ttalk\tVERB\tVBP\t_\t0\troot\t_\t_\n"
    "5\t.\t.\tPUNCT\t.\t_\t4\tpunct\t_\t_\n"
    "</Parse>\n"
    "</Sentence>\n"
    "</Sentences>\n"
    "</Validation>\n";

TEST(xml_sentence_records) {
  sink s = {0};
  dyad_reader *r = open_mem(xml_sentences, DYAD_FORMAT_XML, &s, 0);
  dyad_doc *d = NULL;
  CHECK(dyad_reader_next(r, &d) == DYAD_OK);
  CHECK_STR(dyad_reader_environment(r, "Verbfile"), "my.verbs.txt");
  CHECK_STR(dyad_reader_environment(r, "Actorfile"), "my.actors.txt");
  CHECK_STR(dyad_reader_environment(r, "Config:stop_on_error"), "True");
  CHECK(dyad_reader_environment(r, "Agentfile") == NULL);
  CHECK_STR(dyad_doc_id(d), "W_1");
  CHECK_STR(dyad_doc_date(d), "2023-01-05");
  CHECK_STR(dyad_doc_field(d, "source"), "WIRE");
  CHECK_STR(dyad_doc_field(d, "text"), "Ann & Bo met the\n  envoys of 3 < 4 states.");
  CHECK_STR(dyad_doc_extra_json(d),
            "{\"expected_events\":[{\"source\":\"ARN\",\"target\":\"GON\",\"code\":\"050\","
            "\"plover\":\"CONSULT\"},{\"source\":\"GON\",\"target\":\"ARN\",\"code\":\"051\"}],"
            "\"noevents\":false,\"sentence\":\"True\",\"place\":\"X\"}");
  CHECK(!dyad_doc_pretokenized(d));
  CHECK_INT(dyad_doc_sentence_count(d), 1);
  const dyad_sentence *s0 = dyad_doc_sentence(d, 0);
  CHECK_INT(s0->start, 0);
  CHECK_INT(s0->end, strlen("Ann & Bo met the\n  envoys of 3 < 4 states."));
  CHECK(s0->tokens == NULL && s0->ntokens == 0);
  CHECK_STR(s0->given_parse, "(ROOT (S (NP (NNP Ann))))");
  CHECK_STR(s0->text, "Ann & Bo met the envoys of 3 < 4 states.");
  dyad_doc_free(d);

  CHECK(dyad_reader_next(r, &d) == DYAD_OK);
  CHECK_STR(dyad_doc_id(d), "W_2");
  CHECK_STR(dyad_doc_field(d, "source"), "");
  CHECK_STR(dyad_doc_extra_json(d), "{\"expected_events\":[],\"noevents\":true,\"sentence\":\"true\"}");
  CHECK(dyad_doc_pretokenized(d));
  s0 = dyad_doc_sentence(d, 0);
  CHECK_INT(s0->ntokens, 5);
  if (s0->ntokens == 5) {
    CHECK_STR(s0->tokens[1].form, "&");
    CHECK_INT(s0->tokens[1].start, 7);
    CHECK_INT(s0->tokens[1].end, 8);
    CHECK_INT(s0->tokens[3].start, 15);
    CHECK_INT(s0->tokens[3].end, 19);
    CHECK_INT(s0->tokens[3].space_after, 0);
    CHECK_INT(s0->tokens[4].start, 19);
    CHECK_INT(s0->tokens[0].head, 4);
    CHECK_STR(s0->tokens[0].upos, "PROPN");
    CHECK_STR(s0->tokens[0].xpos, "NNP");
    CHECK_STR(s0->tokens[3].deprel, "root");
  }
  dyad_doc_free(d);
  CHECK(dyad_reader_next(r, &d) == DYAD_END);
  CHECK_INT(s.errors, 0);
  dyad_reader_free(r);
  sink_free(&s);
}

TEST(xml_article_records) {
  sink s = {0};
  const char *in =
      "<Articles>\n"
      "<Article date=\"2024-03-01\" id=\"art1\" source=\"AGENCY\">\n"
      "<Text>Whole story text.</Text>\n"
      "<Sentences>\n"
      "<Sentence id=\"art1-a\"><Text>First one.</Text>"
      "<EventCoding sourcecode=\"A\" targetcode=\"B\" eventcode=\"010\"/>"
      "<Parse>1\tFirst\tfirst\tADJ\tJJ\t_\t2\tamod\t_\t_\n"
      "2\tone\tone\tNOUN\tNN\t_\t0\troot\t_\tSpaceAfter=No\n"
      "3\t.\t.\tPUNCT\t.\t_\t2\tpunct\t_\t_</Parse></Sentence>\n"
      "<Sentence><Text>\n  Second\n  one.\n</Text><Parse>(S (NN x))</Parse></Sentence>\n"
      "</Sentences>\n"
      "</Article>\n"
      "<Article date=\"20240302\" id=\"art2\"><Text>\nPlain article.\n\nTwo paragraphs.\n</Text></Article>\n"
      "<Article date=\"20240303\" id=\"art3\"></Article>\n"
      "</Articles>\n";
  dyad_reader *r = open_mem(in, DYAD_FORMAT_XML, &s, 0);
  dyad_doc *d = NULL;
  CHECK(dyad_reader_next(r, &d) == DYAD_OK);
  CHECK_STR(dyad_doc_id(d), "art1");
  CHECK_STR(dyad_doc_date(d), "2024-03-01");
  CHECK_STR(dyad_doc_field(d, "text"), "First one. Second\n  one.");
  CHECK_INT(dyad_doc_sentence_count(d), 2);
  CHECK_STR(dyad_doc_sentence(d, 0)->id, "art1-a");
  CHECK_STR(dyad_doc_sentence(d, 1)->id, "art1-2");
  CHECK_INT(dyad_doc_sentence(d, 1)->start, 11);
  CHECK_STR(dyad_doc_sentence(d, 1)->given_parse, "(S (NN x))");
  /* one sentence came with words, the other did not: not pre-tokenized as
   * a whole, the given words kept */
  CHECK(!dyad_doc_pretokenized(d));
  CHECK_INT(dyad_doc_sentence(d, 0)->ntokens, 3);
  CHECK(dyad_doc_sentence(d, 1)->tokens == NULL);
  if (dyad_doc_sentence(d, 0)->ntokens == 3) {
    CHECK_INT(dyad_doc_sentence(d, 0)->tokens[2].start, 9);
    CHECK_INT(dyad_doc_sentence(d, 0)->tokens[2].end, 10);
  }
  CHECK_STR(dyad_doc_extra_json(d),
            "{\"expected_events\":[{\"sentence\":\"art1-a\",\"source\":\"A\",\"target\":\"B\","
            "\"code\":\"010\"}],\"noevents\":false}");
  dyad_doc_free(d);
  CHECK(dyad_reader_next(r, &d) == DYAD_OK);
  CHECK_STR(dyad_doc_id(d), "art2");
  CHECK_STR(dyad_doc_field(d, "text"), "Plain article.\n\nTwo paragraphs.");
  CHECK_INT(dyad_doc_sentence_count(d), 0);
  CHECK_STR(dyad_doc_extra_json(d), "{}");
  dyad_doc_free(d);
  CHECK(dyad_reader_next(r, &d) == DYAD_REJECT);
  CHECK(dyad_reader_next(r, &d) == DYAD_END);
  CHECK(strstr(diags(&s), "art3: <Article> record: no <Text>") != NULL);
  CHECK_STR(rejects(&s), "<Article date=\"20240303\" id=\"art3\"></Article>\n");
  dyad_reader_free(r);
  sink_free(&s);
}

TEST(xml_tolerance_and_bad_records) {
  sink s = {0};
  const char *in =
      "<Sentences>\n"                                                       /* 1 */
      "<Sentence date=\"20230230\" id=\"baddate\"><Text>x</Text></Sentence>\n" /* 2 */
      "<Sentence id=\"nodate\"><Text>x</Text></Sentence>\n"                 /* 3 */
      "<Sentence date=\"20230101\" id=\"open\">\n"                          /* 4 */
      "<Text>never closed</Text>\n"                                         /* 5 */
      "<Sentence date='20230102' id='ok' >\n"                               /* 6 */
      "<Text>AT&T and R&D say \"hi\" &nbsp; &#x41;&#66;\x01 caf\xe9</Text>\n"
      "<Parse>unclosed parse\n"
      "</Sentence >\n"                                                      /* 9 */
      "<Sentence date=\"20230103\" id=\"tail\"><Text>cut";
  dyad_reader *r = open_mem(in, DYAD_FORMAT_XML, &s, 0);
  dyad_doc *d = NULL;
  CHECK(dyad_reader_next(r, &d) == DYAD_REJECT);
  CHECK(dyad_reader_next(r, &d) == DYAD_REJECT);
  CHECK(dyad_reader_next(r, &d) == DYAD_REJECT);
  CHECK(dyad_reader_next(r, &d) == DYAD_OK);
  CHECK_STR(dyad_doc_id(d), "ok");
  CHECK_STR(dyad_doc_date(d), "2023-01-02");
  CHECK_STR(dyad_doc_field(d, "text"),
            "AT&T and R&D say \"hi\" &nbsp; AB\xEF\xBF\xBD caf\xEF\xBF\xBD");
  CHECK_INT(dyad_doc_invalid_utf8(d), 2);
  dyad_doc_free(d);
  CHECK(dyad_reader_next(r, &d) == DYAD_REJECT);
  CHECK(dyad_reader_next(r, &d) == DYAD_END);
  CHECK_INT(dyad_reader_records(r), 5);
  CHECK_INT(dyad_reader_rejected(r), 4);
  const char *dg = diags(&s);
  CHECK(strstr(dg, "L2 baddate: <Sentence> record: impossible date") != NULL);
  CHECK(strstr(dg, "L3 nodate: <Sentence> record: no date attribute") != NULL);
  CHECK(strstr(dg, "L4 open: <Sentence> record: not closed (no </Sentence>) before line 6") != NULL);
  CHECK(strstr(dg, "L10 tail: <Sentence> record: not closed (no </Sentence>) before the end") !=
        NULL);
  CHECK_STR(rejects(&s),
            "<Sentence date=\"20230230\" id=\"baddate\"><Text>x</Text></Sentence>\n"
            "<Sentence id=\"nodate\"><Text>x</Text></Sentence>\n"
            "<Sentence date=\"20230101\" id=\"open\">\n<Text>never closed</Text>\n"
            "<Sentence date=\"20230103\" id=\"tail\"><Text>cut\n");
  dyad_reader_free(r);
  sink_free(&s);
}

TEST(xml_record_limit_streams) {
  sink s = {0};
  dyad__buf in = {0};
  dyad__buf_puts(&in, "<Sentences>\n<Sentence date=\"20230101\" id=\"big\"><Text>");
  for (int i = 0; i < 20000; i++) dyad__buf_puts(&in, "word ");
  dyad__buf_puts(&in, "</Text></Sentence>\n<Sentence date=\"20230101\" id=\"small\">"
                      "<Text>ok</Text></Sentence></Sentences>\n");
  dyad_reader *r = open_mem(in.data, DYAD_FORMAT_XML, &s, 1000);
  dyad_doc *d = NULL;
  CHECK(dyad_reader_next(r, &d) == DYAD_REJECT);
  CHECK(dyad_reader_next(r, &d) == DYAD_OK);
  CHECK_STR(dyad_doc_id(d), "small");
  dyad_doc_free(d);
  CHECK(dyad_reader_next(r, &d) == DYAD_END);
  CHECK(strstr(diags(&s), "L2 big: <Sentence> record longer than the limit of 1000 bytes") != NULL);
  /* the whole oversized record went to the sink, byte for byte */
  const char *b0 = strstr(in.data, "<Sentence date");
  const char *b1 = strstr(in.data, "\n<Sentence date=\"20230101\" id=\"small\"");
  CHECK_INT(s.rejects.len, (size_t)(b1 - b0) + 1);
  CHECK(s.rejects.len > 0 && !memcmp(s.rejects.data, b0, (size_t)(b1 - b0)));
  dyad_reader_free(r);
  dyad__buf_free(&in);
  sink_free(&s);
}

TEST(xml_outside_records_warned) {
  sink s = {0};
  const char *in = "<Sentences>\n<sentence date=\"20240101\"><Text>lost</Text></sentence>\n"
                   "</Sentences>\n";
  dyad_reader *r = open_mem(in, DYAD_FORMAT_XML, &s, 0);
  dyad_doc *d = NULL;
  CHECK(dyad_reader_next(r, &d) == DYAD_END);
  CHECK_INT(s.warnings, 2);
  CHECK(strstr(diags(&s), "L2 <sentence> outside any <Sentence> or <Article> record") != NULL);
  CHECK(strstr(diags(&s), "L2 <Text> outside any") != NULL);
  dyad_reader_free(r);
  sink_free(&s);
}

/* ----------------------------------------------------------- plain text */

TEST(text_reader) {
  sink s = {0};
  dyad_reader_options o = {0};
  o.format = DYAD_FORMAT_TEXT;
  o.text_date = "20240425";
  o.text_source = "Desk";
  o.diag = on_diag;
  o.diag_user = &s;
  const char *t = "ANKARA, April 25 -\nTalks went on.\n";
  dyad_reader *r = NULL;
  CHECK(dyad_reader_open_memory(t, strlen(t), "dir/story-1.txt", &o, &r) == DYAD_OK);
  dyad_doc *d = NULL;
  CHECK(dyad_reader_next(r, &d) == DYAD_OK);
  CHECK_STR(dyad_doc_id(d), "story-1.txt");
  CHECK_STR(dyad_doc_date(d), "2024-04-25");
  CHECK_STR(dyad_doc_field(d, "source"), "Desk");
  CHECK_STR(dyad_doc_field(d, "text"), t);
  dyad_doc_free(d);
  CHECK(dyad_reader_next(r, &d) == DYAD_END);
  dyad_reader_free(r);

  o.text_id = "given";
  const char nul[] = "a\0b\xff";
  CHECK(dyad_reader_open_memory(nul, 4, "x.txt", &o, &r) == DYAD_OK);
  CHECK(dyad_reader_next(r, &d) == DYAD_OK);
  CHECK_STR(dyad_doc_id(d), "given");
  CHECK_STR(dyad_doc_field(d, "text"), "a\xEF\xBF\xBD" "b\xEF\xBF\xBD");
  CHECK_INT(dyad_doc_invalid_utf8(d), 2);
  dyad_doc_free(d);
  dyad_reader_free(r);

  CHECK(dyad_reader_open_memory(" \n\t\n", 4, "blank.txt", &o, &r) == DYAD_OK);
  CHECK(dyad_reader_next(r, &d) == DYAD_REJECT);
  CHECK(strstr(diags(&s), "given: file holds only whitespace") != NULL);
  dyad_reader_free(r);

  o.text_date = "2023-02-29";
  CHECK(dyad_reader_open_memory("x", 1, "x.txt", &o, &r) == DYAD_EINVAL);
  CHECK(strstr(diags(&s), "invalid --date '2023-02-29'") != NULL);
  sink_free(&s);
}

TEST(format_guess) {
  CHECK_INT(dyad_input_format_guess("a/b.jsonl"), DYAD_FORMAT_JSONL);
  CHECK_INT(dyad_input_format_guess("b.ndjson"), DYAD_FORMAT_JSONL);
  CHECK_INT(dyad_input_format_guess("b.txt"), DYAD_FORMAT_TEXT);
  CHECK_INT(dyad_input_format_guess("b.xml"), DYAD_FORMAT_XML);
  CHECK_INT(dyad_input_format_guess("b.conllu"), DYAD_FORMAT_CONLLU);
  CHECK_INT(dyad_input_format_guess("dir.x/story"), DYAD_FORMAT_TEXT);
  CHECK_INT(dyad_input_format_guess(NULL), DYAD_FORMAT_JSONL);
}

int main(void) {
  RUN(jsonl_fields_and_passthrough);
  RUN(jsonl_dates);
  RUN(jsonl_bad_records_and_continue);
  RUN(jsonl_record_limit);
  RUN(conllu_mwt_and_newdoc);
  RUN(conllu_per_sentence_and_columns);
  RUN(xml_sentence_records);
  RUN(xml_article_records);
  RUN(xml_tolerance_and_bad_records);
  RUN(xml_record_limit_streams);
  RUN(xml_outside_records_warned);
  RUN(text_reader);
  RUN(format_guess);
  return test_summary();
}
