/* Unit tests for src/code: the relation view of a tree (UD v1 and v2),
 * event flags on hand-written parses, and the combination table. */
#include <pthread.h>

#include "code/combine.h"
#include "dict/dict.h"
#include "code/flags.h"
#include "code/tree.h"
#include "test.h"
#include "util/arena.h"

/* One sentence from CoNLL-U rows "FORM LEMMA UPOS XPOS HEAD DEPREL". */
static dyad_doc *parse_doc(const char *conllu) {
  dyad_reader_options o = {0};
  o.format = DYAD_FORMAT_CONLLU;
  dyad_reader *r = NULL;
  dyad_doc *doc = NULL;
  if (dyad_reader_open_memory(conllu, strlen(conllu), "t.conllu", &o, &r) != DYAD_OK) return NULL;
  if (dyad_reader_next(r, &doc) != DYAD_OK) doc = NULL;
  dyad_reader_free(r);
  return doc;
}

static unsigned flags_of(const char *conllu, int verb, int year, int *speaker) {
  dyad_doc *doc = parse_doc(conllu);
  if (!doc) return 0xFFFF;
  dyad__arena a;
  dyad__arena_init(&a);
  dyad__tree t;
  unsigned f = 0xFFFF;
  const char *why;
  if (!dyad__tree_build(&t, dyad_doc_sentence(doc, 0), &a))
    f = dyad__predicate_flags(&t, verb, year, speaker, &why);
  dyad__arena_reset(&a);
  dyad_doc_free(doc);
  return f;
}

#define ROW(i, form, lemma, upos, xpos, head, rel) \
  #i "\t" form "\t" lemma "\t" upos "\t" xpos "\t_\t" #head "\t" rel "\t_\t_\n"

/* Parses one CoNLL-U sentence and builds the coder's tree view of it in a
 * fresh arena; NULL (a failed check) if either step fails.  The caller
 * resets the arena and frees the doc. */
static dyad_doc *tree_of(const char *conllu, dyad__arena *a, dyad__tree *t) {
  dyad_doc *doc = parse_doc(conllu);
  CHECK(doc != NULL);
  if (!doc) return NULL;
  dyad__arena_init(a);
  int built = dyad__tree_build(t, dyad_doc_sentence(doc, 0), a) == 0;
  CHECK(built);
  if (built) return doc;
  dyad__arena_reset(a);
  dyad_doc_free(doc);
  return NULL;
}

TEST(relations_v1_and_v2) {
  /* UD v1 labels, as in the PETRARCH unit tests */
  const char *v1 = ROW(1, "Eriador", "Eriador", "PROPN", "NNP", 3, "nsubjpass")
      ROW(2, "was", "be", "AUX", "VBD", 3, "auxpass") ROW(3, "opposed", "oppose", "VERB", "VBN", 0, "root")
      ROW(4, "by", "by", "ADP", "IN", 5, "case") ROW(5, "Osgiliath", "Osgiliath", "PROPN", "NNP", 3, "nmod")
      ROW(6, "not", "not", "PART", "RB", 3, "neg") "\n";
  dyad_doc *doc = parse_doc(v1);
  CHECK(doc != NULL);
  dyad__arena a;
  dyad__arena_init(&a);
  dyad__tree t;
  CHECK_INT(dyad__tree_build(&t, dyad_doc_sentence(doc, 0), &a), 0);
  CHECK_INT(t.rel[0], DYAD__R_NSUBJ_PASS);
  CHECK_INT(t.rel[1], DYAD__R_AUX_PASS);
  CHECK_INT(t.rel[4], DYAD__R_OBL); /* nmod on a verb is an oblique */
  CHECK_INT(t.rel[5], DYAD__R_NEG);
  char buf[32];
  CHECK_STR(dyad__tree_case(&t, 4, buf, sizeof buf), "by");
  CHECK_INT(t.left[2], 0);
  CHECK_INT(t.right[2], 5);
  dyad__arena_reset(&a);
  dyad_doc_free(doc);
  /* a head out of range and a cycle still give a tree */
  const char *bad = ROW(1, "a", "a", "X", "X", 2, "dep") ROW(2, "b", "b", "X", "X", 1, "dep")
      ROW(3, "c", "c", "X", "X", 0, "root") "\n";
  doc = parse_doc(bad);
  CHECK(doc != NULL);
  dyad__arena_init(&a);
  CHECK_INT(dyad__tree_build(&t, dyad_doc_sentence(doc, 0), &a), 0);
  int roots = 0;
  for (int i = 0; i < t.n; i++) roots += t.head[i] < 0;
  CHECK(roots >= 1);
  for (int i = 0; i < t.n; i++) { /* every walk up ends */
    int h = i, steps = 0;
    while (h >= 0 && steps++ <= t.n) h = t.head[h];
    CHECK(steps <= t.n);
  }
  dyad__arena_reset(&a);
  dyad_doc_free(doc);
}

TEST(flags) {
  int sp;
  const char *neg = ROW(1, "Turkey", "Turkey", "PROPN", "NNP", 4, "nsubj")
      ROW(2, "did", "do", "AUX", "VBD", 4, "aux") ROW(3, "not", "not", "PART", "RB", 4, "advmod")
      ROW(4, "meet", "meet", "VERB", "VB", 0, "root") ROW(5, "Iran", "Iran", "PROPN", "NNP", 4, "obj") "\n";
  CHECK_INT(flags_of(neg, 3, 2023, &sp), DYAD__FLAG_NEGATED);
  /* a past year the parser hung on the object: "signed a treaty in 1979" */
  const char *obj_year = ROW(1, "Israel", "Israel", "PROPN", "NNP", 2, "nsubj")
      ROW(2, "signed", "sign", "VERB", "VBD", 0, "root") ROW(3, "treaty", "treaty", "NOUN", "NN", 2, "obj")
      ROW(4, "in", "in", "ADP", "IN", 5, "case") ROW(5, "1979", "1979", "NUM", "CD", 3, "nmod") "\n";
  CHECK_INT(flags_of(obj_year, 1, 2023, &sp), DYAD__FLAG_HISTORICAL);
  CHECK_INT(flags_of(obj_year, 1, 1979, &sp), 0);
  /* "Russia denied that Turkey attacked Syria": a denial, Russia's */
  const char *denied = ROW(1, "Russia", "Russia", "PROPN", "NNP", 2, "nsubj")
      ROW(2, "denied", "deny", "VERB", "VBD", 0, "root") ROW(3, "that", "that", "SCONJ", "IN", 5, "mark")
      ROW(4, "Turkey", "Turkey", "PROPN", "NNP", 5, "nsubj") ROW(5, "attacked", "attack", "VERB", "VBD", 2, "ccomp")
      ROW(6, "Syria", "Syria", "PROPN", "NNP", 5, "obj") "\n";
  CHECK_INT(flags_of(denied, 4, 2023, &sp), DYAD__FLAG_NEGATED | DYAD__FLAG_REPORTED);
  CHECK_INT(sp, 0);
  const char *fut = ROW(1, "Turkey", "Turkey", "PROPN", "NNP", 3, "nsubj")
      ROW(2, "will", "will", "AUX", "MD", 3, "aux") ROW(3, "meet", "meet", "VERB", "VB", 0, "root")
      ROW(4, "Iran", "Iran", "PROPN", "NNP", 3, "obj") "\n";
  CHECK_INT(flags_of(fut, 2, 2023, &sp), DYAD__FLAG_FUTURE);
  const char *hyp = ROW(1, "Turkey", "Turkey", "PROPN", "NNP", 3, "nsubj")
      ROW(2, "could", "could", "AUX", "MD", 3, "aux") ROW(3, "meet", "meet", "VERB", "VB", 0, "root")
      ROW(4, "Iran", "Iran", "PROPN", "NNP", 3, "obj") "\n";
  CHECK_INT(flags_of(hyp, 2, 2023, &sp), DYAD__FLAG_HYPOTHETICAL);
  const char *rep = ROW(1, "Turkey", "Turkey", "PROPN", "NNP", 2, "nsubj")
      ROW(2, "said", "say", "VERB", "VBD", 0, "root") ROW(3, "Syria", "Syria", "PROPN", "NNP", 4, "nsubj")
      ROW(4, "attacked", "attack", "VERB", "VBD", 2, "ccomp") ROW(5, "Iran", "Iran", "PROPN", "NNP", 4, "obj") "\n";
  sp = -2;
  CHECK_INT(flags_of(rep, 3, 2023, &sp), DYAD__FLAG_REPORTED);
  CHECK_INT(sp, 0); /* the speaker is "Turkey" */
  const char *hist = ROW(1, "Russia", "Russia", "PROPN", "NNP", 2, "nsubj")
      ROW(2, "attacked", "attack", "VERB", "VBD", 0, "root") ROW(3, "Syria", "Syria", "PROPN", "NNP", 2, "obj")
      ROW(4, "in", "in", "ADP", "IN", 5, "case") ROW(5, "2015", "2015", "NUM", "CD", 2, "obl") "\n";
  CHECK_INT(flags_of(hist, 1, 2023, &sp), DYAD__FLAG_HISTORICAL);
  CHECK_INT(flags_of(hist, 1, 2015, &sp), 0); /* the article's own year */
  CHECK_INT(flags_of(hist, 1, 0, &sp), 0);    /* no date: years not judged */
  const char *cond = ROW(1, "If", "if", "SCONJ", "IN", 3, "mark")
      ROW(2, "Syria", "Syria", "PROPN", "NNP", 3, "nsubj") ROW(3, "attacks", "attack", "VERB", "VBZ", 0, "root") "\n";
  CHECK_INT(flags_of(cond, 2, 2023, &sp), DYAD__FLAG_HYPOTHETICAL);
}

TEST(combinations) {
  char out[8];
  /* intend (03) + act */
  CHECK_STR(dyad__combine("030", "070", out, NULL, NULL), "033");
  CHECK_STR(dyad__combine("030", "073", out, NULL, NULL), "0333");
  CHECK_STR(dyad__combine("030", "040", out, NULL, NULL), "036");
  CHECK_STR(dyad__combine("030", "045", out, NULL, NULL), "039");
  CHECK_STR(dyad__combine("030", "084", out, NULL, NULL), "0353");
  /* appeal (02), demand (10) */
  CHECK_STR(dyad__combine("020", "046", out, NULL, NULL), "026");
  CHECK_STR(dyad__combine("100", "057", out, NULL, NULL), "107");
  CHECK_STR(dyad__combine("020", "061", out, NULL, NULL), "0211");
  /* reject (12) */
  CHECK_STR(dyad__combine("120", "040", out, NULL, NULL), "125");
  CHECK_STR(dyad__combine("120", "085", out, NULL, NULL), "1244");
  CHECK_STR(dyad__combine("120", "072", out, NULL, NULL), "1222");
  CHECK_STR(dyad__combine("120", "045", out, NULL, NULL), "126");
  /* threaten (13) */
  CHECK_STR(dyad__combine("130", "190", out, NULL, NULL), "138");
  CHECK_STR(dyad__combine("130", "163", out, NULL, NULL), "1312");
  CHECK_STR(dyad__combine("130", "175", out, NULL, NULL), "137");
  /* no combination */
  CHECK(dyad__combine("110", "040", out, NULL, NULL) == NULL);
  CHECK(dyad__combine("120", "190", out, NULL, NULL) == NULL);
  CHECK(dyad__combine("030", "xyz", out, NULL, NULL) == NULL);
  CHECK(dyad__combine_family("130"));
  CHECK(!dyad__combine_family("190"));
}

/* One coder shared by threads: every thread codes its own copy of the
 * same parsed article and must get the same events (the coder and the
 * dictionary are read-only; scratch is per call). */
static const char verbs_txt[] = "--- ATTACK [190] ---\nATTACK\n\n--- MEET [040:040] ---\nMEET {MEETS MET MEETING}\n";
static const char actors_txt[] = "RUSSIA_ [RUS]\nSYRIA_ [SYR]\nTURKEY_ [TUR]\n";
static const char article[] =
    "# newdoc id = a\n"
    ROW(1, "Russia", "Russia", "PROPN", "NNP", 2, "nsubj") ROW(2, "attacked", "attack", "VERB", "VBD", 0, "root")
    ROW(3, "Syria", "Syria", "PROPN", "NNP", 2, "obj") "\n"
    ROW(1, "Turkey", "Turkey", "PROPN", "NNP", 2, "nsubj") ROW(2, "met", "meet", "VERB", "VBD", 0, "root")
    ROW(3, "Russia", "Russia", "PROPN", "NNP", 2, "obj") "\n";

static dyad_coder *shared_coder;

static void *code_many(void *arg) {
  int *bad = arg;
  for (int round = 0; round < 200; round++) {
    dyad_doc *doc = parse_doc(article);
    const dyad_event *ev;
    size_t n = 0;
    if (!doc || dyad_code_doc(shared_coder, doc, &ev, &n) != DYAD_OK || n != 3 ||
        strcmp(ev[0].source, "RUS") || strcmp(ev[0].target, "SYR") || strcmp(ev[0].code, "190") ||
        strcmp(ev[1].source, "TUR") || strcmp(ev[2].source, "RUS") || strcmp(ev[2].code, "040"))
      (*bad)++;
    dyad_doc_free(doc);
  }
  return NULL;
}

TEST(threads_share_a_coder) {
  dyad_dict *d = NULL;
  dyad_dict_options o = {NULL, NULL, 0};
  CHECK_INT(dyad__dict_builder_new(&o, &d), DYAD_OK);
  CHECK_INT(dyad__dict_read(d, DYAD_DICT_VERBS, "verbs", verbs_txt, sizeof verbs_txt - 1), DYAD_OK);
  CHECK_INT(dyad__dict_read(d, DYAD_DICT_ACTORS, "actors", actors_txt, sizeof actors_txt - 1), DYAD_OK);
  CHECK_INT(dyad__dict_finish(d), DYAD_OK);
  CHECK_INT(dyad_coder_new(d, NULL, NULL, &shared_coder), DYAD_OK);
  pthread_t th[4];
  int bad[4] = {0};
  for (int i = 0; i < 4; i++) pthread_create(&th[i], NULL, code_many, &bad[i]);
  for (int i = 0; i < 4; i++) pthread_join(th[i], NULL);
  for (int i = 0; i < 4; i++) CHECK_INT(bad[i], 0);
  dyad_coder_free(shared_coder);
  dyad_dict_free(d);
}

/* dyad_coder_select: which sentences the coder can get an event from, on
 * tokens alone (the tags and trees below are never looked at). */
TEST(select_needs_two_phrases_or_a_discard) {
  static const char discards[] = "+FOOTBALL_MATCH\n";
  static const char doc_text[] =
      "# newdoc id = s\n"
      ROW(1, "Russia", "_", "_", "_", 0, "root") ROW(2, "attacked", "_", "_", "_", 1, "dep")
      ROW(3, "Syria", "_", "_", "_", 1, "dep") "\n"                /* two actors: yes */
      ROW(1, "Russia", "_", "_", "_", 0, "root") ROW(2, "slept", "_", "_", "_", 1, "dep") "\n"
      ROW(1, "Russia", "_", "_", "_", 0, "root") ROW(2, "lost", "_", "_", "_", 1, "dep")
      ROW(3, "a", "_", "_", "_", 1, "dep") ROW(4, "football", "_", "_", "_", 1, "dep")
      ROW(5, "match", "_", "_", "_", 1, "dep") "\n"               /* a story discard: yes */
      ROW(1, "Nothing", "_", "_", "_", 0, "root") ROW(2, "happened", "_", "_", "_", 1, "dep") "\n";
  dyad_dict *d = NULL;
  dyad_dict_options o = {NULL, NULL, 0};
  CHECK_INT(dyad__dict_builder_new(&o, &d), DYAD_OK);
  CHECK_INT(dyad__dict_read(d, DYAD_DICT_ACTORS, "actors", actors_txt, sizeof actors_txt - 1), DYAD_OK);
  CHECK_INT(dyad__dict_read(d, DYAD_DICT_DISCARDS, "discards", discards, sizeof discards - 1), DYAD_OK);
  CHECK_INT(dyad__dict_finish(d), DYAD_OK);
  dyad_coder *c = NULL;
  CHECK_INT(dyad_coder_new(d, NULL, NULL, &c), DYAD_OK);
  dyad_doc *doc = parse_doc(doc_text);
  CHECK(doc != NULL);
  CHECK_INT(dyad_text_segment(doc, NULL), DYAD_OK); /* folds */
  CHECK_INT(dyad_doc_sentence_count(doc), 4);
  unsigned char need[4] = {9, 9, 9, 9};
  CHECK_INT(dyad_coder_select(c, doc, need), 2);
  CHECK_INT(need[0], 1);
  CHECK_INT(need[1], 0);
  CHECK_INT(need[2], 1);
  CHECK_INT(need[3], 0);
  dyad_doc_free(doc);
  dyad_coder_free(c);
  dyad_dict_free(d);
}

/* A vocative hung from a noun is read as an apposition; under a verb it
 * stays what it is. */
TEST(vocative_under_a_noun) {
  const char *c = ROW(1, "foe", "foe", "NOUN", "NN", 3, "nsubj") ROW(2, "Gondor", "Gondor", "PROPN", "NNP", 1, "vocative")
      ROW(3, "met", "meet", "VERB", "VBD", 0, "root") ROW(4, "Bree", "Bree", "PROPN", "NNP", 3, "vocative") "\n";
  dyad__arena a;
  dyad__tree t;
  dyad_doc *doc = tree_of(c, &a, &t);
  if (!doc) return;
  CHECK_INT(t.rel[1], DYAD__R_APPOS);
  CHECK(t.rel[3] != DYAD__R_APPOS);
  CHECK(dyad__tree_coordinated(&t, 0) == 0);
  dyad__arena_reset(&a);
  dyad_doc_free(doc);
}

/* "X condemned an attack and promised aid": a second object hung on the
 * first verb goes to the conjoined verb between them, when that verb has
 * none; a verb with its own object keeps things as they are. */
TEST(second_object_goes_to_the_conjoined_verb) {
#define HEAD5 ROW(1, "Qatar", "Qatar", "PROPN", "NNP", 2, "nsubj") \
      ROW(2, "condemned", "condemn", "VERB", "VBD", 0, "root") ROW(3, "attacks", "attack", "NOUN", "NNS", 2, "obj") \
      ROW(4, "and", "and", "CCONJ", "CC", 5, "cc") ROW(5, "promised", "promise", "VERB", "VBD", 2, "conj")
  const char *one = HEAD5 ROW(6, "aid", "aid", "NOUN", "NN", 2, "obj") "\n";
  const char *two = HEAD5 ROW(6, "help", "help", "NOUN", "NN", 5, "obj") ROW(7, "aid", "aid", "NOUN", "NN", 2, "obj") "\n";
#undef HEAD5
  dyad_doc *d1 = parse_doc(one), *d2 = parse_doc(two);
  CHECK(d1 != NULL && d2 != NULL);
  if (!d1 || !d2) {
    dyad_doc_free(d1);
    dyad_doc_free(d2);
    return;
  }
  dyad__arena a;
  dyad__arena_init(&a);
  dyad__tree t;
  CHECK_INT(dyad__tree_build(&t, dyad_doc_sentence(d1, 0), &a), 0);
  CHECK_INT(t.head[5], 4);
  CHECK_INT(t.head[2], 1);
  CHECK_INT(t.first_child[4], 3); /* "and", then "aid" */
  CHECK_INT(t.next_sibling[3], 5);
  CHECK_INT(t.right[4], 5);
  CHECK_INT(dyad__tree_build(&t, dyad_doc_sentence(d2, 0), &a), 0);
  CHECK_INT(t.head[6], 1); /* "promised" has an object: left alone */
  dyad__arena_reset(&a);
  dyad_doc_free(d1);
  dyad_doc_free(d2);
}

/* Codes one CoNLL-U document with the small dictionaries above; writes
 * "SRC TGT CODE;" per event into out. */
static const char small_verbs[] = "--- ATTACK [190] ---\nATTACK\n\n--- INDICATE [---] ---\nINDICATE\n\n"
                                  "--- URGE [020] ---\nURGE\n";

static void code_with(const char *verbs, const char *conllu, char *out, size_t size) {
  out[0] = '\0';
  dyad_dict *d = NULL;
  dyad_dict_options o = {NULL, NULL, 0};
  if (dyad__dict_builder_new(&o, &d) ||
      dyad__dict_read(d, DYAD_DICT_VERBS, "verbs", verbs, strlen(verbs)) ||
      dyad__dict_read(d, DYAD_DICT_ACTORS, "actors", actors_txt, sizeof actors_txt - 1) ||
      dyad__dict_finish(d)) {
    snprintf(out, size, "dictionary error");
    dyad_dict_free(d);
    return;
  }
  dyad_coder *c = NULL;
  dyad_doc *doc = parse_doc(conllu);
  const dyad_event *ev;
  size_t n = 0;
  dyad_coder_options co = {0};
  co.include = DYAD_EVENT_HYPOTHETICAL | DYAD_EVENT_NEGATED;
  if (!doc || dyad_coder_new(d, NULL, &co, &c) || dyad_text_segment(doc, NULL) ||
      dyad_code_doc(c, doc, &ev, &n)) {
    snprintf(out, size, "coding error");
  } else {
    size_t len = 0;
    for (size_t i = 0; i < n && len < size; i++)
      len += (size_t)snprintf(out + len, size - len, "%s %s %s;", ev[i].source, ev[i].target,
                              ev[i].code);
  }
  dyad_doc_free(doc);
  dyad_coder_free(c);
  dyad_dict_free(d);
}

static void code_string(const char *conllu, char *out, size_t size) {
  code_with(small_verbs, conllu, out, size);
}

/* "Russia indicated it attacked Syria" with "it" read as the object of
 * "indicated" and "attacked" as its xcomp: "it" is still the subject of
 * "attacked", and Russia.  Under a verb of request it is someone else. */
TEST(pronoun_object_of_a_raising_reading) {
  char got[256];
  code_string(ROW(1, "Russia", "Russia", "PROPN", "NNP", 2, "nsubj")
              ROW(2, "indicated", "indicate", "VERB", "VBD", 0, "root")
              ROW(3, "it", "it", "PRON", "PRP", 2, "obj")
              ROW(4, "attacked", "attack", "VERB", "VBN", 2, "xcomp")
              ROW(5, "Syria", "Syria", "PROPN", "NNP", 4, "obj") "\n", got, sizeof got);
  CHECK_STR(got, "RUS SYR 190;");
  code_string(ROW(1, "Russia", "Russia", "PROPN", "NNP", 2, "nsubj")
              ROW(2, "urged", "urge", "VERB", "VBD", 0, "root")
              ROW(3, "it", "it", "PRON", "PRP", 2, "obj")
              ROW(4, "to", "to", "PART", "TO", 5, "mark")
              ROW(5, "attack", "attack", "VERB", "VB", 2, "xcomp")
              ROW(6, "Syria", "Syria", "PROPN", "NNP", 5, "obj") "\n", got, sizeof got);
  CHECK(strstr(got, "RUS SYR 190") == NULL);
}

/* Patterns are ranked by the words they match: a synset phrase of three
 * words beats a one-word synset member, whichever comes first. */
TEST(pattern_score_counts_synset_words) {
  static const char verbs[] =
      "&CURRENCY\n+MONEY\n+FLORIN\n\n&RARECURR\n+AUSTRIAN GOLD FLORIN\n\n"
      "--- GIVE [070] ---\nGIVE\n- * &CURRENCY [071]\n- * &RARECURR [072]\n";
  char got[256];
  code_with(verbs,
            ROW(1, "Russia", "Russia", "PROPN", "NNP", 2, "nsubj")
            ROW(2, "gave", "give", "VERB", "VBD", 0, "root")
            ROW(3, "austrian", "austrian", "ADJ", "JJ", 5, "amod")
            ROW(4, "gold", "gold", "NOUN", "NN", 5, "compound")
            ROW(5, "florin", "florin", "NOUN", "NN", 2, "obj")
            ROW(6, "to", "to", "ADP", "IN", 7, "case")
            ROW(7, "Syria", "Syria", "PROPN", "NNP", 2, "obl") "\n", got, sizeof got);
  CHECK_STR(got, "RUS SYR 072;");
  code_with(verbs,
            ROW(1, "Russia", "Russia", "PROPN", "NNP", 2, "nsubj")
            ROW(2, "gave", "give", "VERB", "VBD", 0, "root")
            ROW(3, "florin", "florin", "NOUN", "NN", 2, "obj")
            ROW(4, "to", "to", "ADP", "IN", 5, "case")
            ROW(5, "Syria", "Syria", "PROPN", "NNP", 2, "obl") "\n", got, sizeof got);
  CHECK_STR(got, "RUS SYR 071;");
}

/* An infinitive answers "(TO QUESTION)" (words to match) but not a bare
 * "(TO +)", which wants a noun phrase: "ordered the army to attack" is
 * no visit. */
TEST(infinitive_is_no_target_phrase) {
  static const char verbs[] =
      "--- ORDER [100] ---\nORDER\n- * (TO +) [042]\n- * (TO ATTACK) [1034]\n\n"
      "--- SEND [100] ---\nSEND\n- * (TO +) [042]\n";
  char got[256];
  code_with(verbs,
            ROW(1, "Russia", "Russia", "PROPN", "NNP", 2, "nsubj")
            ROW(2, "sent", "send", "VERB", "VBD", 0, "root")
            ROW(3, "envoys", "envoy", "NOUN", "NNS", 2, "obj")
            ROW(4, "to", "to", "PART", "TO", 5, "mark")
            ROW(5, "meet", "meet", "VERB", "VB", 2, "advcl")
            ROW(6, "Syria", "Syria", "PROPN", "NNP", 5, "obj") "\n", got, sizeof got);
  CHECK(strstr(got, "042") == NULL);
  code_with(verbs,
            ROW(1, "Russia", "Russia", "PROPN", "NNP", 2, "nsubj")
            ROW(2, "ordered", "order", "VERB", "VBD", 0, "root")
            ROW(3, "Turkey", "Turkey", "PROPN", "NNP", 2, "obj")
            ROW(4, "to", "to", "PART", "TO", 5, "mark")
            ROW(5, "attack", "attack", "VERB", "VB", 2, "xcomp")
            ROW(6, "Syria", "Syria", "PROPN", "NNP", 5, "obj") "\n", got, sizeof got);
  CHECK(strncmp(got, "RUS TUR 1034;", 13) == 0);
}

/* Two subjects of one verb are a flat list only when neither holds a
 * clause: "Russia used rockets, and Turkey said ..." parsed with both
 * nouns under "said" has Turkey as the speaker, not Russia. */
TEST(subject_holding_a_clause_is_no_list) {
  static const char verbs[] = "--- SAY [010] ---\nSAY\n\n--- USE [---] ---\nUSE\n";
  char got[256];
  code_with(verbs,
            ROW(1, "Russia", "Russia", "PROPN", "NNP", 7, "nsubj")
            ROW(2, "used", "use", "VERB", "VBD", 1, "acl")
            ROW(3, "rockets", "rocket", "NOUN", "NNS", 2, "obj")
            ROW(4, ",", ",", "PUNCT", ",", 7, "punct")
            ROW(5, "and", "and", "CCONJ", "CC", 7, "cc")
            ROW(6, "Turkey", "Turkey", "PROPN", "NNP", 7, "nsubj")
            ROW(7, "said", "say", "VERB", "VBD", 0, "root")
            ROW(8, "Syria", "Syria", "PROPN", "NNP", 7, "obj") "\n", got, sizeof got);
  CHECK_STR(got, "TUR SYR 010;");
  /* no clause: "Russia and the evil Turkey said" read flat, both speak */
  code_with(verbs,
            ROW(1, "Russia", "Russia", "PROPN", "NNP", 5, "nsubj")
            ROW(2, "and", "and", "CCONJ", "CC", 5, "cc")
            ROW(3, "the", "the", "DET", "DT", 4, "det")
            ROW(4, "Turkey", "Turkey", "PROPN", "NNP", 5, "nsubj")
            ROW(5, "said", "say", "VERB", "VBD", 0, "root")
            ROW(6, "Syria", "Syria", "PROPN", "NNP", 5, "obj") "\n", got, sizeof got);
  CHECK_STR(got, "RUS SYR 010;TUR SYR 010;");
}

/* Builds a dictionary from the texts (agents may be NULL), marks the
 * names of each sentence of the CoNLL-U text with dyad_coder_names and
 * checks the first four marks of sentence i against want[4 * i ...]. */
static void check_names(const char *verbs, const char *actors, const char *agents,
                        const char *doc_text, const unsigned char *want, size_t nsent) {
  dyad_dict *d = NULL;
  dyad_dict_options o = {NULL, NULL, 0};
  CHECK_INT(dyad__dict_builder_new(&o, &d), DYAD_OK);
  CHECK_INT(dyad__dict_read(d, DYAD_DICT_VERBS, "verbs", verbs, strlen(verbs)), DYAD_OK);
  CHECK_INT(dyad__dict_read(d, DYAD_DICT_ACTORS, "actors", actors, strlen(actors)), DYAD_OK);
  if (agents)
    CHECK_INT(dyad__dict_read(d, DYAD_DICT_AGENTS, "agents", agents, strlen(agents)), DYAD_OK);
  CHECK_INT(dyad__dict_finish(d), DYAD_OK);
  dyad_coder *c = NULL;
  CHECK_INT(dyad_coder_new(d, NULL, NULL, &c), DYAD_OK);
  dyad_doc *doc = parse_doc(doc_text);
  CHECK(doc != NULL);
  if (doc && c) {
    CHECK_INT(dyad_text_segment(doc, NULL), DYAD_OK); /* folds */
    CHECK_INT(dyad_doc_sentence_count(doc), nsent);
    for (size_t si = 0; si < nsent && si < dyad_doc_sentence_count(doc); si++) {
      const dyad_sentence *s = dyad_doc_sentence(doc, si);
      unsigned char names[8] = {0};
      dyad_coder_names(c, s, names);
      for (uint32_t i = 0; i < s->ntokens && i < 4; i++) CHECK_INT(names[i], want[4 * si + i]);
    }
  }
  dyad_doc_free(doc);
  dyad_coder_free(c);
  dyad_dict_free(d);
}

/* dyad_coder_names: 1 on actor phrases, 2 on a past form of a dictionary
 * verb right after one ("Turkey spoke"), 3 on one elsewhere; not on its
 * base form or the forms in -s and -ing, nor on a capitalized word. */
TEST(names_mark_past_verbs_after_names) {
  static const char verbs[] = "--- SPEAK [010] ---\nSPEAK {SPEAKS SPOKE SPOKEN SPEAKING}\n\n"
                              "--- CLASH [190] ---\nCLASH\n\n--- CARRY [---] ---\nCARRY\n";
  static const char doc_text[] =
      "# newdoc id = n\n"
      ROW(1, "Turkey", "_", "_", "_", 0, "root") ROW(2, "spoke", "_", "_", "_", 1, "dep")
      ROW(3, "by", "_", "_", "_", 1, "dep") ROW(4, "phone", "_", "_", "_", 1, "dep") "\n"
      ROW(1, "Turkey", "_", "_", "_", 0, "root") ROW(2, "speaks", "_", "_", "_", 1, "dep") "\n"
      ROW(1, "Turkey", "_", "_", "_", 0, "root") ROW(2, "speak", "_", "_", "_", 1, "dep") "\n"
      ROW(1, "the", "_", "_", "_", 0, "root") ROW(2, "spoke", "_", "_", "_", 1, "dep") "\n"
      ROW(1, "minister", "_", "_", "_", 0, "root") ROW(2, "spoke", "_", "_", "_", 1, "dep") "\n"
      /* regular pasts the dictionary does not list */
      ROW(1, "Turkey", "_", "_", "_", 0, "root") ROW(2, "clashed", "_", "_", "_", 1, "dep")
      ROW(3, "minister", "_", "_", "_", 1, "dep") ROW(4, "carried", "_", "_", "_", 1, "dep") "\n";
  /* 3 elsewhere, "the spoke" too: annotate only makes it a verb in a
   * sentence with no other finite verb */
  static const unsigned char want[6 * 4] = {1, 2, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0,
                                            0, 3, 0, 0, 0, 3, 0, 0, 1, 2, 0, 3};
  check_names(verbs, actors_txt, "MINISTER [~GOV]\n", doc_text, want, 6);
}

/* dyad_coder_names: 5 on a form in -s of a dictionary verb right after a
 * name that opens the sentence or a clause, when a preposition, a
 * determiner or a name follows ("Russia departs from Syria", "before
 * Turkey heads to Syria"); not after a name inside a phrase ("the Russia
 * talks"), not after a nationality-like word, not before a verb. */
TEST(names_mark_present_verbs_after_opening_names) {
  static const char verbs[] = "--- DEPART [040] ---\nDEPART\n\n--- HEAD [---] ---\nHEAD\n\n"
                              "--- TALK [040] ---\nTALK\n";
  static const char actors[] = "RUSSIA_ [RUS]\nSYRIA_ [SYR]\nTURKEY_ [TUR]\nJAPANESE_ [JPN]\n";
  static const char doc_text[] =
      "# newdoc id = p\n"
      ROW(1, "Russia", "_", "_", "_", 0, "root") ROW(2, "departs", "_", "_", "_", 1, "dep")
      ROW(3, "from", "_", "_", "_", 1, "dep") ROW(4, "Syria", "_", "_", "_", 1, "dep") "\n"
      ROW(1, "before", "_", "_", "_", 0, "root") ROW(2, "Turkey", "_", "_", "_", 1, "dep")
      ROW(3, "heads", "_", "_", "_", 1, "dep") ROW(4, "to", "_", "_", "_", 1, "dep") "\n"
      ROW(1, "the", "_", "_", "_", 0, "root") ROW(2, "Russia", "_", "_", "_", 1, "dep")
      ROW(3, "talks", "_", "_", "_", 1, "dep") ROW(4, "with", "_", "_", "_", 1, "dep") "\n"
      ROW(1, "Japanese", "_", "_", "_", 0, "root") ROW(2, "talks", "_", "_", "_", 1, "dep")
      ROW(3, "with", "_", "_", "_", 1, "dep") ROW(4, "Syria", "_", "_", "_", 1, "dep") "\n"
      ROW(1, "Russia", "_", "_", "_", 0, "root") ROW(2, "talks", "_", "_", "_", 1, "dep")
      ROW(3, "resumed", "_", "_", "_", 1, "dep") ROW(4, "today", "_", "_", "_", 1, "dep") "\n";
  static const unsigned char want[5 * 4] = {1, 5, 0, 1, 0, 1, 5, 0, 0, 1,
                                            0, 0, 1, 0, 0, 1, 1, 0, 0, 0};
  check_names(verbs, actors, NULL, doc_text, want, 5);
}

/* "spoke by phone with Putin" with the partner hung on "phone": the "with"
 * phrase of the verb's oblique is the target; not one below a temporal
 * oblique ("said after talks with Syria"). */
TEST(partner_below_an_oblique) {
  static const char verbs[] = "--- SPEAK [010] ---\nSPEAK {SPEAKS SPOKE SPOKEN SPEAKING}\n"
                              "- * (BY PHONE) [041]\n";
  char got[256];
  code_with(verbs,
            ROW(1, "Turkey", "Turkey", "PROPN", "NNP", 2, "nsubj")
            ROW(2, "spoke", "speak", "VERB", "VBD", 0, "root")
            ROW(3, "by", "by", "ADP", "IN", 4, "case")
            ROW(4, "phone", "phone", "NOUN", "NN", 2, "obl")
            ROW(5, "with", "with", "ADP", "IN", 6, "case")
            ROW(6, "Russia", "Russia", "PROPN", "NNP", 4, "nmod") "\n", got, sizeof got);
  CHECK_STR(got, "TUR RUS 041;");
  code_with(verbs,
            ROW(1, "Turkey", "Turkey", "PROPN", "NNP", 2, "nsubj")
            ROW(2, "spoke", "speak", "VERB", "VBD", 0, "root")
            ROW(3, "after", "after", "ADP", "IN", 4, "case")
            ROW(4, "talks", "talk", "NOUN", "NNS", 2, "obl")
            ROW(5, "with", "with", "ADP", "IN", 6, "case")
            ROW(6, "Russia", "Russia", "PROPN", "NNP", 4, "nmod") "\n", got, sizeof got);
  CHECK_STR(got, "");
}

/* A meeting of a list in a modifier of the subject is reciprocal ("the
 * ministers of Russia and Turkey met in Syria"); a relative pronoun that
 * stands for a list is no list of its own. */
TEST(meeting_of_a_list_below_the_subject) {
  static const char verbs[] = "--- MEET [040] ---\nMEET {MEETS MET MEETING}\n";
  char got[256];
  code_with(verbs,
            ROW(1, "ministers", "minister", "NOUN", "NNS", 6, "nsubj")
            ROW(2, "of", "of", "ADP", "IN", 3, "case")
            ROW(3, "Russia", "Russia", "PROPN", "NNP", 1, "nmod")
            ROW(4, "and", "and", "CCONJ", "CC", 5, "cc")
            ROW(5, "Turkey", "Turkey", "PROPN", "NNP", 3, "conj")
            ROW(6, "met", "meet", "VERB", "VBD", 0, "root")
            ROW(7, "in", "in", "ADP", "IN", 8, "case")
            ROW(8, "Syria", "Syria", "PROPN", "NNP", 6, "obl") "\n", got, sizeof got);
  CHECK_STR(got, "RUS TUR 040;TUR RUS 040;");
  code_with(verbs,
            ROW(1, "Russia", "Russia", "PROPN", "NNP", 0, "root")
            ROW(2, "and", "and", "CCONJ", "CC", 3, "cc")
            ROW(3, "Turkey", "Turkey", "PROPN", "NNP", 1, "conj")
            ROW(4, "which", "which", "PRON", "WDT", 5, "nsubj")
            ROW(5, "met", "meet", "VERB", "VBD", 1, "acl:relcl")
            ROW(6, "in", "in", "ADP", "IN", 7, "case")
            ROW(7, "Syria", "Syria", "PROPN", "NNP", 5, "obl") "\n", got, sizeof got);
  CHECK(strstr(got, "RUS TUR") == NULL);
}

/* "Russia accused Turkey of attacking Syria": the gerund's subject is the
 * accused, and its event is the accuser's allegation (reported). */
TEST(accusation_clause) {
  static const char verbs[] = "--- ACCUSE [112] ---\nACCUSE\n\n--- ATTACK [190] ---\nATTACK\n";
  char got[256];
  code_with(verbs,
            ROW(1, "Russia", "Russia", "PROPN", "NNP", 2, "nsubj")
            ROW(2, "accused", "accuse", "VERB", "VBD", 0, "root")
            ROW(3, "Turkey", "Turkey", "PROPN", "NNP", 2, "obj")
            ROW(4, "of", "of", "SCONJ", "IN", 5, "mark")
            ROW(5, "attacking", "attack", "VERB", "VBG", 2, "advcl")
            ROW(6, "Syria", "Syria", "PROPN", "NNP", 5, "obj") "\n", got, sizeof got);
  CHECK_STR(got, "RUS TUR 112;TUR SYR 190;");
  dyad__arena a;
  dyad__tree t;
  dyad_doc *doc = tree_of(ROW(1, "Russia", "Russia", "PROPN", "NNP", 2, "nsubj")
                            ROW(2, "blamed", "blam", "VERB", "VBD", 0, "root")
                            ROW(3, "Turkey", "Turkey", "PROPN", "NNP", 2, "obj")
                            ROW(4, "for", "for", "SCONJ", "IN", 5, "mark")
                            ROW(5, "attacking", "attack", "VERB", "VBG", 2, "advcl") "\n", &a, &t);
  if (!doc) return;
  CHECK(dyad__accusation_clause(&t, 4)); /* "blamed" with a wrong lemma */
  int sp = -1;
  const char *why = "";
  unsigned f = dyad__predicate_flags(&t, 4, 2024, &sp, &why);
  CHECK(f & DYAD__FLAG_REPORTED);
  CHECK_INT(sp, 0);
  dyad__arena_reset(&a);
  dyad_doc_free(doc);
}

/* Coordinated subjects agreeing to restore relations with no other party
 * act on each other; the agreement's complement is the event, not also
 * the "agree" itself; a purely material code is not mutual. */
TEST(mutual_agreement) {
  static const char verbs[] = "--- AGREE [030] ---\nAGREE\n\n"
                              "--- RESTORE [---] ---\nRESTORE\n- * RELATIONS [054]\n\n"
                              "--- INCREASE [061] ---\nINCREASE\n";
  char got[256];
  code_with(verbs,
            ROW(1, "Russia", "Russia", "PROPN", "NNP", 4, "nsubj")
            ROW(2, "and", "and", "CCONJ", "CC", 3, "cc")
            ROW(3, "Turkey", "Turkey", "PROPN", "NNP", 1, "conj")
            ROW(4, "agreed", "agree", "VERB", "VBD", 0, "root")
            ROW(5, "to", "to", "PART", "TO", 6, "mark")
            ROW(6, "restore", "restore", "VERB", "VB", 4, "xcomp")
            ROW(7, "relations", "relation", "NOUN", "NNS", 6, "obj") "\n", got, sizeof got);
  CHECK(strstr(got, "RUS TUR 0") != NULL && strstr(got, "TUR RUS 0") != NULL);
  CHECK(strstr(got, " 030;") == NULL); /* "agree" alone is not coded too */
  code_with(verbs,
            ROW(1, "Russia", "Russia", "PROPN", "NNP", 4, "nsubj")
            ROW(2, "and", "and", "CCONJ", "CC", 3, "cc")
            ROW(3, "Turkey", "Turkey", "PROPN", "NNP", 1, "conj")
            ROW(4, "increased", "increase", "VERB", "VBD", 0, "root")
            ROW(5, "output", "output", "NOUN", "NN", 4, "obj") "\n", got, sizeof got);
  CHECK_STR(got, "");
}

/* A hostile act names its target with "against", ahead of other phrases
 * of the verb; an object naming an actor itself still comes first. */
TEST(against_names_the_target) {
  static const char verbs[] = "--- IMPOSE [163] ---\nIMPOSE\n";
  char got[256];
  code_with(verbs,
            ROW(1, "Russia", "Russia", "PROPN", "NNP", 2, "nsubj")
            ROW(2, "imposed", "impose", "VERB", "VBD", 0, "root")
            ROW(3, "bans", "ban", "NOUN", "NNS", 2, "obj")
            ROW(4, "on", "on", "ADP", "IN", 5, "case")
            ROW(5, "travel", "travel", "NOUN", "NN", 3, "nmod")
            ROW(6, "to", "to", "ADP", "IN", 7, "case")
            ROW(7, "Turkey", "Turkey", "PROPN", "NNP", 5, "nmod")
            ROW(8, "against", "against", "ADP", "IN", 9, "case")
            ROW(9, "Syria", "Syria", "PROPN", "NNP", 5, "nmod") "\n", got, sizeof got);
  CHECK_STR(got, "RUS SYR 163;");
  code_with(verbs,
            ROW(1, "Russia", "Russia", "PROPN", "NNP", 2, "nsubj")
            ROW(2, "imposed", "impose", "VERB", "VBD", 0, "root")
            ROW(3, "Turkey", "Turkey", "PROPN", "NNP", 2, "iobj")
            ROW(4, "bans", "ban", "NOUN", "NNS", 2, "obj")
            ROW(5, "against", "against", "ADP", "IN", 6, "case")
            ROW(6, "Syria", "Syria", "PROPN", "NNP", 4, "nmod") "\n", got, sizeof got);
  CHECK_STR(got, "RUS TUR 163;");
}

/* A dictionary name split by the parser is made one phrase again. */
TEST(name_made_a_constituent) {
  dyad__arena a;
  dyad__tree t;
  dyad_doc *doc = tree_of(ROW(1, "Japan", "Japan", "PROPN", "NNP", 5, "nsubj")
                            ROW(2, "and", "and", "CCONJ", "CC", 3, "cc")
                            ROW(3, "South", "South", "PROPN", "NNP", 1, "conj")
                            ROW(4, "Korea", "Korea", "PROPN", "NNP", 1, "flat")
                            ROW(5, "met", "meet", "VERB", "VBD", 0, "root") "\n", &a, &t);
  if (!doc) return;
  CHECK_INT(dyad__tree_make_constituent(&t, 2, 4), 1);
  CHECK_INT(t.head[3], 2);
  CHECK_INT(t.rel[3], DYAD__R_FLAT);
  CHECK_INT(t.head[2], 0); /* "South" keeps its place as the conjunct */
  CHECK_INT(t.right[2], 3);
  CHECK_INT(dyad__tree_make_constituent(&t, 2, 4), 0); /* already one phrase */
  dyad__arena_reset(&a);
  dyad_doc_free(doc);
}

/* "abandon improved relations" read with "improved" as a predicate and
 * "relations" as its bare oblique: the noun is the object. */
TEST(participle_with_a_bare_oblique_is_a_modifier) {
  dyad__arena a;
  dyad__tree t;
  dyad_doc *doc = tree_of(ROW(1, "Arnor", "Arnor", "PROPN", "NNP", 2, "nsubj")
                            ROW(2, "abandoned", "abandon", "VERB", "VBD", 0, "root")
                            ROW(3, "improved", "improved", "VERB", "JJ", 2, "xcomp")
                            ROW(4, "economic", "economic", "ADJ", "JJ", 5, "amod")
                            ROW(5, "relations", "relation", "NOUN", "NNS", 3, "obl") "\n", &a, &t);
  if (!doc) return;
  CHECK_INT(t.head[4], 1);
  CHECK_INT(t.rel[4], DYAD__R_OBJ);
  CHECK_INT(t.head[2], 4);
  CHECK_INT(t.rel[2], DYAD__R_AMOD);
  dyad__arena_reset(&a);
  dyad_doc_free(doc);
}

/* "hosted Chinese leader Xi Jinping" with the name as a bare oblique next
 * to the object: the name is the object's apposition. */
TEST(name_next_to_its_title) {
  dyad__arena a;
  dyad__tree t;
  dyad_doc *doc = tree_of(ROW(1, "Russia", "Russia", "PROPN", "NNP", 2, "nsubj")
                            ROW(2, "hosted", "host", "VERB", "VBD", 0, "root")
                            ROW(3, "leader", "leader", "NOUN", "NN", 2, "obj")
                            ROW(4, "Xi", "Xi", "PROPN", "NNP", 2, "obl")
                            ROW(5, "Jinping", "Jinping", "PROPN", "NNP", 4, "flat") "\n", &a, &t);
  if (!doc) return;
  CHECK_INT(t.head[3], 2);
  CHECK_INT(t.rel[3], DYAD__R_APPOS);
  dyad__arena_reset(&a);
  dyad_doc_free(doc);
}

/* "Mali's junta ordered" with "Mali" and "junta" both subjects: the noun
 * with the possessive "'s" is the possessor of the next one. */
TEST(possessor_read_as_a_subject) {
  dyad__arena a;
  dyad__tree t;
  dyad_doc *doc = tree_of(ROW(1, "Mali", "Mali", "PROPN", "NNP", 4, "nsubj")
                            ROW(2, "'s", "'s", "PART", "POS", 1, "case")
                            ROW(3, "junta", "junta", "NOUN", "NN", 4, "nsubj")
                            ROW(4, "ordered", "order", "VERB", "VBD", 0, "root") "\n", &a, &t);
  if (!doc) return;
  CHECK_INT(t.head[0], 2);
  CHECK_INT(t.rel[0], DYAD__R_POSS);
  CHECK_INT(t.head[2], 3);
  dyad__arena_reset(&a);
  dyad_doc_free(doc);
}

/* "..., Reuters reports." with "Reuters" hung on the object before the
 * comma: the words between the comma and the final verb of speech are its
 * subject; a final verb that has a subject keeps its parse. */
TEST(final_attribution_gets_its_subject) {
  dyad__arena a;
  dyad__tree t;
  dyad_doc *doc = tree_of(ROW(1, "Iran", "Iran", "PROPN", "NNP", 2, "nsubj")
                            ROW(2, "tested", "test", "VERB", "VBD", 0, "root")
                            ROW(3, "missiles", "missile", "NOUN", "NNS", 2, "obj")
                            ROW(4, ",", ",", "PUNCT", ",", 6, "punct")
                            ROW(5, "Reuters", "Reuters", "PROPN", "NNP", 3, "conj")
                            ROW(6, "reports", "report", "VERB", "VBZ", 2, "parataxis")
                            ROW(7, ".", ".", "PUNCT", ".", 2, "punct") "\n", &a, &t);
  if (!doc) return;
  CHECK_INT(t.head[4], 5);
  CHECK_INT(t.rel[4], DYAD__R_NSUBJ);
  CHECK_INT(t.head[2], 1); /* the object stays */
  dyad__arena_reset(&a);
  dyad_doc_free(doc);
  doc = tree_of(ROW(1, "Iran", "Iran", "PROPN", "NNP", 2, "nsubj")
                  ROW(2, "tested", "test", "VERB", "VBD", 0, "root")
                  ROW(3, "missiles", "missile", "NOUN", "NNS", 2, "obj")
                  ROW(4, ",", ",", "PUNCT", ",", 7, "punct")
                  ROW(5, "which", "which", "PRON", "WDT", 3, "conj")
                  ROW(6, "Tehran", "Tehran", "PROPN", "NNP", 7, "nsubj")
                  ROW(7, "says", "say", "VERB", "VBZ", 3, "acl:relcl") "\n", &a, &t);
  if (!doc) return;
  CHECK_INT(t.head[4], 2); /* a relative clause, no attribution: nothing moves */
  CHECK_INT(t.rel[4], DYAD__R_CONJ);
  dyad__arena_reset(&a);
  dyad_doc_free(doc);
  /* "..., US Deputy Secretary of Energy Jeffrey Kupfer said here
   * Wednesday." with the title hung on the verb before the comma */
  doc = tree_of(ROW(1, "Brazil", "Brazil", "PROPN", "NNP", 2, "nsubj")
                  ROW(2, "promoted", "promote", "VERB", "VBD", 0, "root")
                  ROW(3, "biofuels", "biofuel", "NOUN", "NNS", 2, "obj")
                  ROW(4, ",", ",", "PUNCT", ",", 6, "punct")
                  ROW(5, "US", "US", "PROPN", "NNP", 6, "compound")
                  ROW(6, "Deputy", "Deputy", "PROPN", "NNP", 2, "obl")
                  ROW(7, "Secretary", "Secretary", "PROPN", "NNP", 2, "obl")
                  ROW(8, "Jeffrey", "Jeffrey", "PROPN", "NNP", 9, "compound")
                  ROW(9, "Kupfer", "Kupfer", "PROPN", "NNP", 10, "nsubj")
                  ROW(10, "said", "say", "VERB", "VBD", 2, "conj")
                  ROW(11, "Wednesday", "Wednesday", "PROPN", "NNP", 10, "obl")
                  ROW(12, ".", ".", "PUNCT", ".", 2, "punct") "\n", &a, &t);
  if (!doc) return;
  CHECK_INT(t.head[5], 8); /* "Deputy" and "Secretary" join the subject's phrase */
  CHECK_INT(t.head[6], 8);
  CHECK_INT(t.head[8], 9);
  CHECK_INT(t.rel[8], DYAD__R_NSUBJ);
  CHECK_INT(t.left[9], 3); /* with the comma, which hangs on "Deputy" */
  dyad__arena_reset(&a);
  dyad_doc_free(doc);
}

/* "comes a day before Sarkozy heads to Beijing" with "before Sarkozy" an
 * oblique and "heads" a clause without a subject: the noun is the
 * clause's subject, the preposition its conjunction. */
TEST(subordinate_clause_read_as_an_oblique) {
  dyad__arena a;
  dyad__tree t;
  dyad_doc *doc = tree_of(ROW(1, "It", "it", "PRON", "PRP", 2, "nsubj")
                            ROW(2, "comes", "come", "VERB", "VBZ", 0, "root")
                            ROW(3, "before", "before", "ADP", "IN", 4, "case")
                            ROW(4, "Sarkozy", "Sarkozy", "PROPN", "NNP", 2, "obl")
                            ROW(5, "heads", "head", "VERB", "VBZ", 2, "advcl")
                            ROW(6, "to", "to", "ADP", "IN", 7, "case")
                            ROW(7, "Beijing", "Beijing", "PROPN", "NNP", 5, "obl") "\n", &a, &t);
  if (!doc) return;
  CHECK_INT(t.head[3], 4);
  CHECK_INT(t.rel[3], DYAD__R_NSUBJ);
  CHECK_INT(t.head[2], 4);
  CHECK_INT(t.rel[2], DYAD__R_MARK);
  dyad__arena_reset(&a);
  dyad_doc_free(doc);
  /* "in Paris" is no clause's subject */
  doc = tree_of(ROW(1, "It", "it", "PRON", "PRP", 2, "nsubj")
                  ROW(2, "comes", "come", "VERB", "VBZ", 0, "root")
                  ROW(3, "in", "in", "ADP", "IN", 4, "case")
                  ROW(4, "Paris", "Paris", "PROPN", "NNP", 2, "obl")
                  ROW(5, "heading", "head", "VERB", "VBG", 2, "advcl") "\n", &a, &t);
  if (!doc) return;
  CHECK_INT(t.head[3], 1);
  CHECK_INT(t.rel[3], DYAD__R_OBL);
  dyad__arena_reset(&a);
  dyad_doc_free(doc);
}

/* "British Foreign Secretary Geoffrey Howe backed" with the opening
 * adjective read as a clause of the verb: it modifies the subject whose
 * phrase begins right after it. */
TEST(opening_adjective_read_as_a_clause) {
  dyad__arena a;
  dyad__tree t;
  dyad_doc *doc = tree_of(ROW(1, "British", "British", "ADJ", "JJ", 5, "advcl")
                            ROW(2, "Foreign", "foreign", "ADJ", "JJ", 3, "amod")
                            ROW(3, "Secretary", "Secretary", "PROPN", "NNP", 4, "compound")
                            ROW(4, "Howe", "Howe", "PROPN", "NNP", 5, "nsubj")
                            ROW(5, "backed", "back", "VERB", "VBD", 0, "root")
                            ROW(6, "Israel", "Israel", "PROPN", "NNP", 5, "obj") "\n", &a, &t);
  if (!doc) return;
  CHECK_INT(t.head[0], 3);
  CHECK_INT(t.rel[0], DYAD__R_AMOD);
  dyad__arena_reset(&a);
  dyad_doc_free(doc);
  /* "Angry, the minister left": an adjective with a dependent of its own
   * (the comma) stays a clause */
  doc = tree_of(ROW(1, "Angry", "angry", "ADJ", "JJ", 5, "advcl")
                  ROW(2, ",", ",", "PUNCT", ",", 1, "punct")
                  ROW(3, "the", "the", "DET", "DT", 4, "det")
                  ROW(4, "minister", "minister", "NOUN", "NN", 5, "nsubj")
                  ROW(5, "left", "leave", "VERB", "VBD", 0, "root") "\n", &a, &t);
  if (!doc) return;
  CHECK_INT(t.head[0], 4);
  CHECK_INT(t.rel[0], DYAD__R_ADVCL);
  dyad__arena_reset(&a);
  dyad_doc_free(doc);
}

int main(void) {
  RUN(subordinate_clause_read_as_an_oblique);
  RUN(final_attribution_gets_its_subject);
  RUN(vocative_under_a_noun);
  RUN(possessor_read_as_a_subject);
  RUN(name_next_to_its_title);
  RUN(participle_with_a_bare_oblique_is_a_modifier);
  RUN(name_made_a_constituent);
  RUN(against_names_the_target);
  RUN(mutual_agreement);
  RUN(accusation_clause);
  RUN(meeting_of_a_list_below_the_subject);
  RUN(names_mark_past_verbs_after_names);
  RUN(names_mark_present_verbs_after_opening_names);
  RUN(opening_adjective_read_as_a_clause);
  RUN(partner_below_an_oblique);
  RUN(subject_holding_a_clause_is_no_list);
  RUN(infinitive_is_no_target_phrase);
  RUN(pattern_score_counts_synset_words);
  RUN(pronoun_object_of_a_raising_reading);
  RUN(second_object_goes_to_the_conjoined_verb);
  RUN(select_needs_two_phrases_or_a_discard);
  RUN(threads_share_a_coder);
  RUN(relations_v1_and_v2);
  RUN(flags);
  RUN(combinations);
  return test_summary();
}
