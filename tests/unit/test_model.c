/* test_model.c -- training determinism, model loading errors, annotation
 * of odd input, on a tiny generated treebank (parse_fixture.h). */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <pthread.h>
#include <unistd.h>

#include "dyad.h"
#include "parse_fixture.h"
#include "test.h"

static char tb_path[64], m1_path[64], m2_path[64], m3_path[64];
static unsigned char *model_bytes;
static size_t model_len;

static unsigned char *slurp(const char *path, size_t *len) {
  FILE *fp = fopen(path, "rb");
  if (!fp) return NULL;
  fseek(fp, 0, SEEK_END);
  long n = ftell(fp);
  fseek(fp, 0, SEEK_SET);
  unsigned char *b = malloc(n > 0 ? (size_t)n : 1);
  if (b && fread(b, 1, (size_t)n, fp) != (size_t)n) {
    free(b);
    b = NULL;
  }
  fclose(fp);
  *len = (size_t)n;
  return b;
}

static dyad_status train(const char *out, uint64_t seed) {
  dyad_train_options o = {0};
  o.train_path = tb_path;
  o.seed = seed;
  o.tagger_epochs = 3;
  o.parser_epochs = 3;
  o.min_weight = 1e-4; /* few epochs on easy data: small weights */
  o.parser_min_weight = o.beam_min_weight = 1e-4;
  return dyad_train(&o, out);
}

TEST(training_is_deterministic) {
  CHECK_INT(train(m1_path, 7), DYAD_OK);
  CHECK_INT(train(m2_path, 7), DYAD_OK);
  CHECK_INT(train(m3_path, 8), DYAD_OK);
  size_t a, b, c;
  unsigned char *x = slurp(m1_path, &a), *y = slurp(m2_path, &b), *z = slurp(m3_path, &c);
  CHECK(x && y && z);
  if (x && y) {
    CHECK_INT(a, b);
    CHECK(a == b && !memcmp(x, y, a));
  }
  /* Another seed shuffles differently: the file records it, at least. */
  if (x && z) CHECK(a != c || memcmp(x, z, a));
  model_bytes = x;
  model_len = a;
  free(y);
  free(z);
}

static int ndiag;
static char last_msg[256];
static void count_diag(const dyad_diag *d, void *user) {
  (void)user;
  ndiag++;
  snprintf(last_msg, sizeof last_msg, "%s", d->message);
}

static dyad_status load_copy(const unsigned char *b, size_t n) {
  dyad_model *m = NULL;
  ndiag = 0;
  dyad_status st = dyad_model_load_memory(b, n, count_diag, NULL, &m);
  CHECK(st == DYAD_OK ? m != NULL : m == NULL);
  if (st != DYAD_OK) CHECK(ndiag == 1);
  dyad_model_free(m);
  return st;
}

TEST(load_errors) {
  if (!model_bytes) return;
  unsigned char *b = malloc(model_len);
  CHECK_INT(load_copy(model_bytes, model_len), DYAD_OK);
  /* truncated anywhere */
  CHECK_INT(load_copy(model_bytes, 0), DYAD_ECORRUPT);
  CHECK_INT(load_copy(model_bytes, 7), DYAD_ECORRUPT);
  CHECK_INT(load_copy(model_bytes, 31), DYAD_ECORRUPT);
  CHECK_INT(load_copy(model_bytes, model_len / 2), DYAD_ECORRUPT);
  CHECK_INT(load_copy(model_bytes, model_len - 1), DYAD_ECORRUPT);
  CHECK(strstr(last_msg, "truncated") != NULL);
  /* wrong magic */
  memcpy(b, model_bytes, model_len);
  b[0] = 'X';
  CHECK_INT(load_copy(b, model_len), DYAD_ECORRUPT);
  CHECK(strstr(last_msg, "magic") != NULL);
  /* a future version */
  memcpy(b, model_bytes, model_len);
  b[8] = 99;
  CHECK_INT(load_copy(b, model_len), DYAD_EVERSION);
  CHECK(strstr(last_msg, "version 99") != NULL);
  /* one flipped bit in the payload */
  memcpy(b, model_bytes, model_len);
  b[model_len - 3] ^= 0x10;
  CHECK_INT(load_copy(b, model_len), DYAD_ECORRUPT);
  CHECK(strstr(last_msg, "checksum") != NULL);
  /* a damaged section table entry */
  memcpy(b, model_bytes, model_len);
  b[12] = 200;
  CHECK_INT(load_copy(b, model_len), DYAD_ECORRUPT);
  free(b);
  dyad_model *m = NULL;
  CHECK_INT(dyad_model_load("/nonexistent/dyad.model", NULL, NULL, &m), DYAD_ENOTFOUND);
  CHECK(m == NULL);
  dyad_model_free(NULL);
}

/* Every word has a head in range, exactly one word hangs from ROOT, and
 * following heads from any word reaches ROOT (no cycle). */
static int valid_tree(const dyad_sentence *s) {
  uint32_t roots = 0;
  for (uint32_t i = 0; i < s->ntokens; i++) {
    int32_t h = s->tokens[i].head;
    if (h < 0 || h > (int32_t)s->ntokens || h == (int32_t)i + 1) return 0;
    roots += h == 0;
    int32_t x = (int32_t)i + 1;
    for (uint32_t steps = 0; x != 0; steps++) {
      if (steps > s->ntokens) return 0;
      x = s->tokens[x - 1].head;
    }
    if (!strcmp(s->tokens[i].upos, "_") || !strcmp(s->tokens[i].deprel, "_") ||
        !strcmp(s->tokens[i].lemma, "_") || !strcmp(s->tokens[i].xpos, "_"))
      return 0;
  }
  return s->ntokens == 0 || roots == 1;
}

static dyad_doc *conllu_doc(const char *text) {
  dyad_reader_options o = {0};
  o.format = DYAD_FORMAT_CONLLU;
  dyad_reader *r;
  dyad_doc *doc = NULL;
  if (dyad_reader_open_memory(text, strlen(text), "t.conllu", &o, &r)) return NULL;
  if (dyad_reader_next(r, &doc) != DYAD_OK) doc = NULL;
  dyad_reader_free(r);
  return doc;
}

TEST(annotate_odd_sentences) {
  if (!model_bytes) return;
  dyad_model *m = NULL;
  CHECK_INT(dyad_model_load_memory(model_bytes, model_len, NULL, NULL, &m), DYAD_OK);
  if (!m) return;
  /* one word; only punctuation; a sentence the fixture has seen */
  dyad_doc *doc = conllu_doc(
      "# newdoc id = odd\n"
      "1\tYes\t_\t_\t_\t_\t_\t_\t_\t_\n\n"
      "1\t!\t_\t_\t_\t_\t_\t_\t_\t_\n2\t?\t_\t_\t_\t_\t_\t_\t_\t_\n3\t...\t_\t_\t_\t_\t_\t_\t_\t_\n\n"
      "1\tThe\t_\t_\t_\t_\t_\t_\t_\t_\n2\trebels\t_\t_\t_\t_\t_\t_\t_\t_\n"
      "3\tattacked\t_\t_\t_\t_\t_\t_\t_\t_\n4\tthe\t_\t_\t_\t_\t_\t_\t_\t_\n"
      "5\tarmy\t_\t_\t_\t_\t_\t_\t_\t_\n6\t.\t_\t_\t_\t_\t_\t_\t_\t_\n\n");
  CHECK(doc != NULL);
  if (doc) {
    CHECK_INT(dyad_annotate(m, doc, NULL), DYAD_OK);
    CHECK_INT(dyad_doc_sentence_count(doc), 3);
    if (dyad_doc_sentence_count(doc) != 3) {
      dyad_doc_free(doc);
      dyad_model_free(m);
      return;
    }
    for (size_t i = 0; i < dyad_doc_sentence_count(doc); i++)
      CHECK(valid_tree(dyad_doc_sentence(doc, i)));
    const dyad_sentence *s = dyad_doc_sentence(doc, 0);
    CHECK_INT(s->tokens[0].head, 0);
    CHECK_STR(s->tokens[0].deprel, "root");
    /* the fixture's own pattern is learned exactly */
    s = dyad_doc_sentence(doc, 2);
    CHECK_INT(s->tokens[1].head, 3);
    CHECK_STR(s->tokens[1].deprel, "nsubj");
    CHECK_STR(s->tokens[1].lemma, "rebel");
    CHECK_STR(s->tokens[2].lemma, "attack");
    CHECK_INT(s->tokens[4].head, 3);
    CHECK_STR(s->tokens[4].deprel, "obj");
    CHECK_STR(s->tokens[2].upos, "VERB");
    dyad_doc_free(doc);
  }
  /* empty text: no sentence, nothing to do */
  doc = NULL;
  CHECK_INT(dyad_doc_new("empty", NULL, "", 0, &doc), DYAD_OK);
  CHECK_INT(dyad_text_segment(doc, NULL), DYAD_OK);
  CHECK_INT(dyad_annotate(m, doc, NULL), DYAD_OK);
  dyad_doc_free(doc);
  /* a sentence over DYAD_MAX_SENTENCE_WORDS: parsed in pieces, reported.
   * The text layer splits long sentences itself, so the sentence comes
   * pre-tokenized (CoNLL-U), as a given parse would. */
  size_t nw = 1300;
  char *text = malloc(nw * 40 + 64);
  size_t len = (size_t)sprintf(text, "# newdoc id = long\n");
  for (size_t i = 0; i < nw; i++)
    len += (size_t)sprintf(text + len, "%zu\t%s\t_\t_\t_\t_\t_\t_\t_\t_\n", i + 1,
                           i % 3 ? "army" : "the");
  len += (size_t)sprintf(text + len, "\n");
  doc = NULL;
  {
    dyad_reader_options ro = {0};
    ro.format = DYAD_FORMAT_CONLLU;
    dyad_reader *rd = NULL;
    CHECK_INT(dyad_reader_open_memory(text, len, "long.conllu", &ro, &rd), DYAD_OK);
    CHECK_INT(dyad_reader_next(rd, &doc), DYAD_OK);
    dyad_reader_free(rd);
  }
  CHECK(doc != NULL);
  CHECK_INT(dyad_doc_sentence_count(doc), 1);
  CHECK_INT(dyad_text_segment(doc, NULL), DYAD_OK);
  ndiag = 0;
  dyad_annotate_options ao = {.diag = count_diag};
  CHECK_INT(dyad_annotate(m, doc, &ao), DYAD_OK);
  CHECK_INT(ndiag, 1);
  CHECK(strstr(last_msg, "pieces") != NULL);
  size_t words = 0;
  for (size_t i = 0; i < dyad_doc_sentence_count(doc); i++) {
    CHECK(valid_tree(dyad_doc_sentence(doc, i)));
    words += dyad_doc_sentence(doc, i)->ntokens;
  }
  CHECK_INT(words, nw);
  dyad_doc_free(doc);
  free(text);
  dyad_model_free(m);
}

/* FNV-1a 64, as the model file's checksum. */
static uint64_t fnv64(const unsigned char *p, size_t n) {
  uint64_t h = 0xcbf29ce484222325ull;
  for (size_t i = 0; i < n; i++) h = (h ^ p[i]) * 0x100000001b3ull;
  return h;
}

/* Every beam width gives trees; the width stored in the model is checked;
 * a greedy-trained model (beam 1) parses too. */
TEST(beam_widths) {
  if (!model_bytes) return;
  dyad_model *m = NULL;
  CHECK_INT(dyad_model_load_memory(model_bytes, model_len, NULL, NULL, &m), DYAD_OK);
  if (!m) return;
  CHECK(strstr(dyad_model_info(m), "\nbeam=16\n") != NULL);
  static const char text[] =
      "The rebels attacked the army in Kabul . Police arrested two men on Sunday .";
  int32_t heads[3][32];
  static const int widths[3] = {1, 2, 64};
  for (int k = 0; k < 3; k++) {
    dyad_doc *doc = NULL;
    CHECK_INT(dyad_doc_new("b", NULL, text, sizeof text - 1, &doc), DYAD_OK);
    CHECK_INT(dyad_text_segment(doc, NULL), DYAD_OK);
    dyad_annotate_options ao = {.beam = widths[k]};
    CHECK_INT(dyad_annotate(m, doc, &ao), DYAD_OK);
    for (size_t i = 0; i < dyad_doc_sentence_count(doc); i++)
      CHECK(valid_tree(dyad_doc_sentence(doc, i)));
    const dyad_sentence *s = dyad_doc_sentence(doc, 0);
    for (uint32_t i = 0; i < s->ntokens && i < 32; i++) heads[k][i] = s->tokens[i].head;
    dyad_doc_free(doc);
  }
  /* the fixture's pattern is easy: every width finds it */
  CHECK(!memcmp(heads[0], heads[1], 7 * sizeof(int32_t)));
  CHECK(!memcmp(heads[0], heads[2], 7 * sizeof(int32_t)));
  dyad_model_free(m);
  /* beam=0 in the meta (checksum made right) is refused */
  unsigned char *b = malloc(model_len);
  memcpy(b, model_bytes, model_len);
  unsigned char *p = NULL;
  for (size_t i = 0; i + 8 <= model_len && !p; i++)
    if (!memcmp(b + i, "\nbeam=16", 8)) p = b + i;
  CHECK(p != NULL);
  if (p) {
    p[6] = p[7] = '0'; /* beam=00 */
    uint64_t h = fnv64(b + 32, model_len - 32);
    for (int i = 0; i < 8; i++) b[16 + i] = (unsigned char)(h >> (8 * i));
    CHECK_INT(load_copy(b, model_len), DYAD_ECORRUPT);
    CHECK(strstr(last_msg, "beam") != NULL);
  }
  free(b);
  /* a greedy parser (dynamic oracle) */
  dyad_train_options o = {0};
  o.train_path = tb_path;
  o.tagger_epochs = 2;
  o.parser_epochs = 2;
  o.min_weight = o.parser_min_weight = 1e-4;
  o.beam = 1;
  CHECK_INT(dyad_train(&o, m3_path), DYAD_OK);
  m = NULL;
  CHECK_INT(dyad_model_load(m3_path, NULL, NULL, &m), DYAD_OK);
  if (!m) return;
  CHECK(strstr(dyad_model_info(m), "\nbeam=1\n") != NULL);
  dyad_doc *doc = NULL;
  CHECK_INT(dyad_doc_new("g", NULL, text, sizeof text - 1, &doc), DYAD_OK);
  CHECK_INT(dyad_text_segment(doc, NULL), DYAD_OK);
  CHECK_INT(dyad_annotate(m, doc, NULL), DYAD_OK);
  for (size_t i = 0; i < dyad_doc_sentence_count(doc); i++)
    CHECK(valid_tree(dyad_doc_sentence(doc, i)));
  dyad_doc_free(doc);
  dyad_model_free(m);
}

/* One model, two threads annotating at once, same results as alone. */
typedef struct {
  const dyad_model *m;
  int32_t heads[64];
  int ok;
} thread_job;

static void *annotate_many(void *arg) {
  thread_job *j = arg;
  static const char text[] = "The rebels attacked the army in Kabul .";
  j->ok = 1;
  for (int round = 0; round < 200 && j->ok; round++) {
    dyad_doc *doc = NULL;
    if (dyad_doc_new("t", NULL, text, sizeof text - 1, &doc) || dyad_text_segment(doc, NULL) ||
        dyad_annotate(j->m, doc, NULL)) {
      j->ok = 0;
    } else {
      const dyad_sentence *s = dyad_doc_sentence(doc, 0);
      for (uint32_t i = 0; i < s->ntokens && i < 64; i++) {
        if (round == 0) j->heads[i] = s->tokens[i].head;
        else if (j->heads[i] != s->tokens[i].head) j->ok = 0;
      }
    }
    dyad_doc_free(doc);
  }
  return NULL;
}

TEST(shared_model_threads) {
  if (!model_bytes) return;
  dyad_model *m = NULL;
  CHECK_INT(dyad_model_load_memory(model_bytes, model_len, NULL, NULL, &m), DYAD_OK);
  if (!m) return;
  thread_job a = {m, {0}, 0}, b = {m, {0}, 0};
  pthread_t ta, tb;
  CHECK(pthread_create(&ta, NULL, annotate_many, &a) == 0);
  CHECK(pthread_create(&tb, NULL, annotate_many, &b) == 0);
  pthread_join(ta, NULL);
  pthread_join(tb, NULL);
  CHECK(a.ok && b.ok);
  CHECK(!memcmp(a.heads, b.heads, sizeof a.heads));
  dyad_model_free(m);
}

typedef struct {
  char *d;
  size_t n;
} sbuf;

static int sb_write(const char *data, size_t len, void *user) {
  sbuf *b = user;
  char *p = realloc(b->d, b->n + len + 1);
  if (!p) return 1;
  memcpy(p + b->n, data, len);
  b->n += len;
  p[b->n] = '\0';
  b->d = p;
  return 0;
}

/* Read, write, read again: every column survives. */
TEST(conllu_round_trip) {
  const char *in =
      "# sent_id = a1\n# text = Envoys met, then left.\n"
      "1\tEnvoys\tenvoy\tNOUN\tNNS\tNumber=Plur\t2\tnsubj\t_\t_\n"
      "2\tmet\tmeet\tVERB\tVBD\tTense=Past\t0\troot\t_\tSpaceAfter=No\n"
      "3\t,\t,\tPUNCT\t,\t_\t5\tpunct\t_\t_\n"
      "4\tthen\tthen\tADV\tRB\t_\t5\tadvmod\t_\t_\n"
      "5\tleft\tleave\tVERB\tVBD\tTense=Past\t2\tconj\t_\tSpaceAfter=No\n"
      "6\t.\t.\tPUNCT\t.\t_\t2\tpunct\t_\t_\n\n";
  dyad_doc *a = conllu_doc(in);
  CHECK(a != NULL);
  if (!a) return;
  sbuf out = {NULL, 0};
  CHECK_INT(dyad_doc_write_conllu(a, sb_write, &out), DYAD_OK);
  dyad_doc *b = out.d ? conllu_doc(out.d) : NULL;
  CHECK(b != NULL);
  if (b) {
    CHECK_INT(dyad_doc_sentence_count(b), 1);
    const dyad_sentence *x = dyad_doc_sentence(a, 0), *y = dyad_doc_sentence(b, 0);
    CHECK_STR(y->id, "a1");
    CHECK_INT(y->ntokens, 6);
    for (uint32_t i = 0; i < x->ntokens && i < y->ntokens; i++) {
      CHECK_STR(y->tokens[i].form, x->tokens[i].form);
      CHECK_STR(y->tokens[i].lemma, x->tokens[i].lemma);
      CHECK_STR(y->tokens[i].upos, x->tokens[i].upos);
      CHECK_STR(y->tokens[i].xpos, x->tokens[i].xpos);
      CHECK_STR(y->tokens[i].feats, x->tokens[i].feats);
      CHECK_STR(y->tokens[i].deprel, x->tokens[i].deprel);
      CHECK_INT(y->tokens[i].head, x->tokens[i].head);
      CHECK_INT(y->tokens[i].space_after, x->tokens[i].space_after);
    }
    /* the values themselves, from the text above */
    CHECK_STR(y->tokens[4].lemma, "leave");
    CHECK_INT(y->tokens[4].head, 2);
    CHECK_INT(y->tokens[1].space_after, 0);
    dyad_doc_free(b);
  }
  free(out.d);
  dyad_doc_free(a);
}

/* dyad_annotate_options.names: a capitalized word marked as a name that
 * the tagger called a common noun, verb, adverb or function word comes out
 * PROPN/NNP(S); every other word marked keeps the tag it had. */
static void mark_capitalized(void *user, const dyad_sentence *s, unsigned char *names) {
  (void)user;
  for (uint32_t i = 0; i < s->ntokens; i++) names[i] = s->tokens[i].form[0] >= 'A' && s->tokens[i].form[0] <= 'Z';
}

/* Annotates text twice with the test model, without and with the hint
 * callback; runs check(plain, hinted) on the first sentences. */
static void annotate_with(dyad_model *m, const char *text,
                          void (*hint)(void *, const dyad_sentence *, unsigned char *),
                          void (*check)(const dyad_sentence *, const dyad_sentence *));

static void annotate_twice(const char *text,
                           void (*hint)(void *, const dyad_sentence *, unsigned char *),
                           void (*check)(const dyad_sentence *, const dyad_sentence *)) {
  if (!model_bytes) return;
  dyad_model *m = NULL;
  CHECK_INT(dyad_model_load_memory(model_bytes, model_len, NULL, NULL, &m), DYAD_OK);
  if (m) annotate_with(m, text, hint, check);
}

/* The same with the committed model (the test model has no VBZ). */
static void annotate_twice_full(const char *text,
                                void (*hint)(void *, const dyad_sentence *, unsigned char *),
                                void (*check)(const dyad_sentence *, const dyad_sentence *)) {
  dyad_model *m = NULL;
  CHECK_INT(dyad_model_load(DYAD_SOURCE_DIR "/models/dyad-en-ewt.model", NULL, NULL, &m),
            DYAD_OK);
  if (m) annotate_with(m, text, hint, check);
}

static void annotate_with(dyad_model *m, const char *text,
                          void (*hint)(void *, const dyad_sentence *, unsigned char *),
                          void (*check)(const dyad_sentence *, const dyad_sentence *)) {
  dyad_doc *plain = conllu_doc(text), *hinted = conllu_doc(text);
  CHECK(plain && hinted);
  if (plain && hinted) {
    CHECK_INT(dyad_annotate(m, plain, NULL), DYAD_OK);
    dyad_annotate_options o = {.names = hint};
    CHECK_INT(dyad_annotate(m, hinted, &o), DYAD_OK);
    const dyad_sentence *b = dyad_doc_sentence(hinted, 0);
    check(dyad_doc_sentence(plain, 0), b);
    CHECK(valid_tree(b));
  }
  dyad_doc_free(plain);
  dyad_doc_free(hinted);
  dyad_model_free(m);
}

static void check_name_hints(const dyad_sentence *a, const dyad_sentence *b) {
  static const char *const common[] = {"NN", "NNS", "VB", "VBD", "VBG", "VBN", "VBP", "VBZ",
                                       "RB", "IN", "MD", "GW", "FW", "UH", "ADD", "XX",
                                       "NFP", "LS", NULL};
  int changed = 0;
  for (uint32_t i = 0; i < a->ntokens; i++) {
    int was_common = 0;
    for (int k = 0; common[k]; k++) was_common |= !strcmp(a->tokens[i].xpos, common[k]);
    if (was_common) {
      changed++;
      CHECK_STR(b->tokens[i].upos, "PROPN");
      CHECK(!strcmp(b->tokens[i].xpos, "NNP") || !strcmp(b->tokens[i].xpos, "NNPS"));
    }
  }
  CHECK(changed > 0); /* "In" at least is a function word */
}

TEST(annotate_name_hints) {
  annotate_twice("# newdoc id = names\n"
                 "1\tZorblat\t_\t_\t_\t_\t_\t_\t_\t_\n2\tAttacked\t_\t_\t_\t_\t_\t_\t_\t_\n"
                 "3\tThe\t_\t_\t_\t_\t_\t_\t_\t_\n4\tRebels\t_\t_\t_\t_\t_\t_\t_\t_\n"
                 "5\tIn\t_\t_\t_\t_\t_\t_\t_\t_\n6\tQuxville\t_\t_\t_\t_\t_\t_\t_\t_\n\n",
                 mark_capitalized, check_name_hints);
}

static void mark_verbs(void *user, const dyad_sentence *s, unsigned char *names) {
  (void)user;
  for (uint32_t i = 0; i < s->ntokens; i++) names[i] = 2;
}

static void check_verb_hints(const dyad_sentence *a, const dyad_sentence *b) {
  /* the tiny model tags "rebels" as a noun; "the" and "in" keep theirs */
  CHECK(!strcmp(a->tokens[1].xpos, "NNS") || !strcmp(a->tokens[1].xpos, "NN"));
  CHECK_STR(b->tokens[1].upos, "VERB");
  CHECK_STR(b->tokens[1].xpos, "VBD");
  CHECK_STR(b->tokens[0].xpos, a->tokens[0].xpos);
  CHECK_STR(b->tokens[2].xpos, a->tokens[2].xpos);
}

/* names[i] = 2: a past verb form after a name; if the tagger called it a
 * noun, an adjective or an adverb it becomes VERB/VBD, other tags stay. */
TEST(annotate_verb_hints) {
  annotate_twice("# newdoc id = verbs\n"
                 "1\tthe\t_\t_\t_\t_\t_\t_\t_\t_\n2\trebels\t_\t_\t_\t_\t_\t_\t_\t_\n"
                 "3\tin\t_\t_\t_\t_\t_\t_\t_\t_\n4\tkabul\t_\t_\t_\t_\t_\t_\t_\t_\n\n",
                 mark_verbs, check_verb_hints);
}

/* Marks the last word before the final punctuation (4) or the word after
 * the first one (5), as dyad_coder_names would in these sentences. */
static void mark_attribution(void *user, const dyad_sentence *s, unsigned char *names) {
  (void)user;
  names[s->ntokens - 2] = 4;
}

static void check_attribution_hints(const dyad_sentence *a, const dyad_sentence *b) {
  /* "reports" after "Reuters" is a noun to the model; hinted, a verb, and
   * "Reuters" keeps its tag */
  CHECK_STR(a->tokens[8].xpos, "NNS");
  CHECK_STR(b->tokens[8].upos, "VERB");
  CHECK_STR(b->tokens[8].xpos, "VBZ");
  CHECK_STR(b->tokens[7].xpos, a->tokens[7].xpos);
}

/* A CoNLL-U document of one sentence with the space-separated words and
 * nothing else (the annotator fills the rest); NULL if it does not fit. */
static const char *bare_conllu(char *buf, size_t size, const char *id, const char *words) {
  size_t len = (size_t)snprintf(buf, size, "# newdoc id = %s\n", id);
  unsigned k = 0;
  for (const char *w = words; *w && len < size;) {
    size_t n = strcspn(w, " ");
    len += (size_t)snprintf(buf + len, size - len, "%u\t%.*s\t_\t_\t_\t_\t_\t_\t_\t_\n", ++k,
                            (int)n, w);
    w += n;
    while (*w == ' ') w++;
  }
  if (len + 2 > size) return NULL;
  buf[len++] = '\n';
  buf[len] = '\0';
  return buf;
}

/* names[i] = 4: a sentence-final verb of speech ("..., Reuters reports."):
 * from a noun it becomes VERB/VBZ. */
TEST(annotate_attribution_hints) {
  char buf[1024];
  const char *doc = bare_conllu(buf, sizeof buf, "attribution",
                                "Russian troops shelled Islamic State militants , Reuters reports .");
  CHECK(doc != NULL);
  if (doc) annotate_twice_full(doc, mark_attribution, check_attribution_hints);
}

static void mark_present(void *user, const dyad_sentence *s, unsigned char *names) {
  (void)user;
  (void)s;
  names[1] = 1; /* the name */
  names[2] = 5;
}

static void check_present_hints(const dyad_sentence *a, const dyad_sentence *b) {
  CHECK_STR(a->tokens[2].xpos, "NNS"); /* the case the hint is for */
  CHECK_STR(b->tokens[2].upos, "VERB");
  CHECK_STR(b->tokens[2].xpos, "VBZ");
  CHECK_STR(b->tokens[0].xpos, a->tokens[0].xpos);
}

/* names[i] = 5: a verb in -s after a name ("before Sarkozy heads to
 * Beijing"): from a plural noun it becomes VERB/VBZ. */
TEST(annotate_present_hints) {
  char buf[1024];
  const char *doc = bare_conllu(buf, sizeof buf, "present", "before Sarkozy heads to Beijing .");
  CHECK(doc != NULL);
  if (doc) annotate_twice_full(doc, mark_present, check_present_hints);
}

static void mark_agent_verbs(void *user, const dyad_sentence *s, unsigned char *names) {
  (void)user;
  for (uint32_t i = 0; i < s->ntokens; i++) names[i] = 3;
}

static void check_agent_verb_hints(const dyad_sentence *a, const dyad_sentence *b) {
  /* no finite verb: the first participle or noun marked becomes the verb,
   * and only that one */
  int finite = 0;
  for (uint32_t i = 0; i < a->ntokens; i++)
    finite |= !strcmp(a->tokens[i].xpos, "VBD") || !strcmp(a->tokens[i].xpos, "VBZ") ||
              !strcmp(a->tokens[i].xpos, "VBP") || !strcmp(a->tokens[i].xpos, "MD");
  CHECK(!finite);
  CHECK(!strcmp(a->tokens[1].xpos, "NNS") || !strcmp(a->tokens[1].xpos, "NN"));
  CHECK_STR(b->tokens[1].xpos, "VBD");
  CHECK_STR(b->tokens[0].xpos, a->tokens[0].xpos);
  if (strcmp(a->tokens[3].xpos, "VBD")) CHECK(strcmp(b->tokens[3].xpos, "VBD") != 0);
}

static void check_agent_verb_hints_finite(const dyad_sentence *a, const dyad_sentence *b) {
  /* "attacked" is the finite verb: nothing changes */
  CHECK_STR(a->tokens[2].xpos, "VBD");
  for (uint32_t i = 0; i < a->ntokens; i++) CHECK_STR(b->tokens[i].xpos, a->tokens[i].xpos);
}

/* names[i] = 3: a past form after an agent, a verb only where the sentence
 * has no finite verb. */
TEST(annotate_agent_verb_hints) {
  annotate_twice("# newdoc id = v3\n"
                 "1\tthe\t_\t_\t_\t_\t_\t_\t_\t_\n2\trebels\t_\t_\t_\t_\t_\t_\t_\t_\n"
                 "3\tin\t_\t_\t_\t_\t_\t_\t_\t_\n4\tkabul\t_\t_\t_\t_\t_\t_\t_\t_\n\n",
                 mark_agent_verbs, check_agent_verb_hints);
  annotate_twice("# newdoc id = v3f\n"
                 "1\tthe\t_\t_\t_\t_\t_\t_\t_\t_\n2\trebels\t_\t_\t_\t_\t_\t_\t_\t_\n"
                 "3\tattacked\t_\t_\t_\t_\t_\t_\t_\t_\n4\tthe\t_\t_\t_\t_\t_\t_\t_\t_\n"
                 "5\tarmy\t_\t_\t_\t_\t_\t_\t_\t_\n\n",
                 mark_agent_verbs, check_agent_verb_hints_finite);
}

/* A word marked Typo=Yes carries the lemma of the word meant ("collages"
 * -> "college"); the lemmatizer must not learn that as a suffix rule, or
 * "villages" becomes "villege". */
TEST(lemma_rules_skip_typos) {
  char tp[64], mp[64];
  snprintf(tp, sizeof tp, "/tmp/dyad-test-typo-%ld.conllu", (long)getpid());
  snprintf(mp, sizeof mp, "/tmp/dyad-test-typo-%ld.model", (long)getpid());
  FILE *fp = fopen(tp, "w");
  CHECK(fp != NULL);
  if (!fp) return;
  /* form, lemma, UPOS, XPOS, FEATS; "Nov" -> "November" is one word only */
  static const char *const nouns[6][5] = {
      {"collages", "college", "NOUN", "NNS", "Number=Plur|Typo=Yes"},
      {"cottages", "cottage", "NOUN", "NNS", "Number=Plur"},
      {"images", "image", "NOUN", "NNS", "Number=Plur"},
      {"Nov", "November", "PROPN", "NNP", "Abbr=Yes|Number=Sing"},
      {"Paris", "Paris", "PROPN", "NNP", "Number=Sing"},
      {"London", "London", "PROPN", "NNP", "Number=Sing"}};
  for (int i = 0; i < 120; i++) {
    const char *const *w = nouns[i % 6];
    fprintf(fp,
            "# sent_id = t%d\n"
            "1\tThe\tthe\tDET\tDT\t_\t2\tdet\t_\t_\n"
            "2\t%s\t%s\t%s\t%s\t%s\t4\tnsubj:pass\t_\t_\n"
            "3\twere\tbe\tAUX\tVBD\t_\t4\taux:pass\t_\t_\n"
            "4\tclosed\tclose\tVERB\tVBN\t_\t0\troot\t_\t_\n"
            "5\t.\t.\tPUNCT\t.\t_\t4\tpunct\t_\t_\n\n",
            i, w[0], w[1], w[2], w[3], w[4]);
  }
  fclose(fp);
  dyad_train_options o = {0};
  o.train_path = tp;
  o.tagger_epochs = 2;
  o.parser_epochs = 1;
  o.beam = 1;
  o.min_weight = o.parser_min_weight = 1e-4;
  CHECK_INT(dyad_train(&o, mp), DYAD_OK);
  dyad_model *m = NULL;
  CHECK_INT(dyad_model_load(mp, NULL, NULL, &m), DYAD_OK);
  if (m) {
    dyad_doc *doc = conllu_doc(
        "1\tThe\t_\t_\t_\t_\t_\t_\t_\t_\n2\tvillages\t_\t_\t_\t_\t_\t_\t_\t_\n"
        "3\twere\t_\t_\t_\t_\t_\t_\t_\t_\n4\tclosed\t_\t_\t_\t_\t_\t_\t_\t_\n"
        "5\t.\t_\t_\t_\t_\t_\t_\t_\t_\n\n");
    CHECK(doc != NULL);
    if (doc) {
      CHECK_INT(dyad_annotate(m, doc, NULL), DYAD_OK);
      const dyad_sentence *s = dyad_doc_sentence(doc, 0);
      CHECK_STR(s->tokens[1].xpos, "NNS");
      CHECK_STR(s->tokens[1].lemma, "village");
      dyad_doc_free(doc);
    }
    /* a rule one word taught ("Nov" -> append "ember") is not applied to
     * another word: "Lavrov" stays "Lavrov"; "Nov" itself still works */
    doc = conllu_doc(
        "1\tThe\t_\t_\t_\t_\t_\t_\t_\t_\n2\tLavrov\t_\t_\t_\t_\t_\t_\t_\t_\n"
        "3\tand\t_\t_\t_\t_\t_\t_\t_\t_\n4\tNov\t_\t_\t_\t_\t_\t_\t_\t_\n"
        "5\twere\t_\t_\t_\t_\t_\t_\t_\t_\n6\tclosed\t_\t_\t_\t_\t_\t_\t_\t_\n\n");
    CHECK(doc != NULL);
    if (doc) {
      CHECK_INT(dyad_annotate(m, doc, NULL), DYAD_OK);
      const dyad_sentence *s = dyad_doc_sentence(doc, 0);
      CHECK_STR(s->tokens[1].xpos, "NNP");
      CHECK_STR(s->tokens[1].lemma, "Lavrov");
      if (!strcmp(s->tokens[3].xpos, "NNP")) CHECK_STR(s->tokens[3].lemma, "November");
      dyad_doc_free(doc);
    }
    dyad_model_free(m);
  }
  unlink(tp);
  unlink(mp);
}

int main(void) {
  snprintf(tb_path, sizeof tb_path, "/tmp/dyad-test-tb-%ld.conllu", (long)getpid());
  snprintf(m1_path, sizeof m1_path, "/tmp/dyad-test-m1-%ld.model", (long)getpid());
  snprintf(m2_path, sizeof m2_path, "/tmp/dyad-test-m2-%ld.model", (long)getpid());
  snprintf(m3_path, sizeof m3_path, "/tmp/dyad-test-m3-%ld.model", (long)getpid());
  if (fx_write(tb_path, 240)) {
    printf("cannot write %s\n", tb_path);
    return 1;
  }
  RUN(training_is_deterministic);
  RUN(load_errors);
  RUN(annotate_odd_sentences);
  RUN(annotate_name_hints);
  RUN(annotate_verb_hints);
  RUN(annotate_attribution_hints);
  RUN(annotate_present_hints);
  RUN(annotate_agent_verb_hints);
  RUN(beam_widths);
  RUN(conllu_round_trip);
  RUN(shared_model_threads);
  RUN(lemma_rules_skip_typos);
  unlink(tb_path);
  unlink(m1_path);
  unlink(m2_path);
  unlink(m3_path);
  free(model_bytes);
  return test_summary();
}
