/* test_dict.c -- the internal dictionary API the coder uses (src/dict/dict.h),
 * on fixture text written here, the compiled cache, and the ../shared sets. */
#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "dict/build.h"
#include "dict/dict.h"
#include "test.h"

static int diag_count;
static void count_diag(const dyad_diag *d, void *u) {
  (void)d;
  (void)u;
  diag_count++;
}

static dyad_dict *load(dyad_dict_kind kind, const char *text) {
  dyad_dict_options o = {count_diag, NULL, 1};
  dyad_dict *d = NULL;
  diag_count = 0;
  if (dyad_dict_load_memory(kind, "mem", text, strlen(text), &o, &d) != DYAD_OK) return NULL;
  return d;
}

/* Tokens from a space-separated string; folds are left "_" on purpose so
 * the matcher has to fold the forms itself, as with the placeholder
 * tokenizer. */
typedef struct {
  dyad_token t[32];
  char words[32][32];
  size_t n;
} toks;

static void mk(toks *k, const char *s, const char *lemmas) {
  memset(k, 0, sizeof *k);
  char buf[512];
  snprintf(buf, sizeof buf, "%s", s);
  for (char *w = strtok(buf, " "); w && k->n < 32; w = strtok(NULL, " ")) {
    snprintf(k->words[k->n], 32, "%s", w);
    k->t[k->n].form = k->words[k->n];
    k->t[k->n].fold = "_";
    k->t[k->n].lemma = "_";
    k->n++;
  }
  if (lemmas) {
    static char lw[32][32];
    snprintf(buf, sizeof buf, "%s", lemmas);
    size_t i = 0;
    for (char *w = strtok(buf, " "); w && i < k->n; w = strtok(NULL, " "), i++) {
      snprintf(lw[i], 32, "%s", w);
      k->t[i].lemma = lw[i];
    }
  }
}

TEST(dates) {
  CHECK_INT(dyad__dict_parse_date("2023-04-25", 10), 20230425);
  CHECK_INT(dyad__dict_parse_date("20230425", 8), 20230425);
  CHECK_INT(dyad__dict_parse_date("300101", 6), 20300101); /* 00-30: 20xx */
  CHECK_INT(dyad__dict_parse_date("310101", 6), 19310101);
  CHECK_INT(dyad__dict_parse_date("000229", 6), 20000229); /* leap year */
  CHECK_INT(dyad__dict_parse_date("010229", 6), 0);
  CHECK_INT(dyad__dict_parse_date("19000229", 8), 0);      /* not leap */
  CHECK_INT(dyad__dict_parse_date("991301", 6), 0);
  CHECK_INT(dyad__dict_parse_date("9912", 4), 0);
  CHECK_INT(dyad__dict_parse_date("2023-4-25", 9), 0);
}

TEST(plurals) {
  char out[64];
  CHECK(dyad__db_plural("party", 5, out, sizeof out) == 7);
  CHECK_STR(out, "parties");
  dyad__db_plural("boss", 4, out, sizeof out);
  CHECK_STR(out, "bosses");
  dyad__db_plural("envoy", 5, out, sizeof out);
  CHECK_STR(out, "envoys");
  dyad__db_plural("troop", 5, out, sizeof out);
  CHECK_STR(out, "troops");
  dyad__db_plural("church", 6, out, sizeof out);
  CHECK_STR(out, "churches");
  char vf[3][128];
  dyad__db_verb_forms("agree", 5, vf);
  CHECK_STR(vf[0], "agrees");
  CHECK_STR(vf[1], "agreed");
  CHECK_STR(vf[2], "agreeing");
  dyad__db_verb_forms("hope", 4, vf);
  CHECK_STR(vf[2], "hoping");
  dyad__db_verb_forms("deny", 4, vf);
  CHECK_STR(vf[0], "denies");
  CHECK_STR(vf[1], "denied");
  CHECK_STR(vf[2], "denying");
}

TEST(fold) {
  char out[64];
  CHECK(dyad__dict_fold("ERDOĞAN", strlen("ERDOĞAN"), out, sizeof out) == 7);
  CHECK_STR(out, "erdogan");
  CHECK(dyad__dict_fold("ABC", 3, out, 3) == (size_t)-1); /* no room for NUL */
}

static const char actors[] =
    "NORTHLAND_ [NLD]\n"
    "+NORTH_LAND_\n"
    "SYRIA [SYR]\n"
    "NORTHLAND_ARMY_ [NLDMIL]\n"
    "ANNA_VOSS_\n"
    "\t[NLDGOV 20000101-20041231]\n"
    "\t[NLDOPP >20050101]\n";

TEST(actor_matching) {
  dyad_dict *d = load(DYAD_DICT_ACTORS, actors);
  CHECK(d != NULL);
  if (!d) return;
  CHECK_INT(diag_count, 0);
  toks k;
  mk(&k, "The Northland army met Syrian and North Land envoys", NULL);
  dyad__dict_match m[8];
  /* Longest at "Northland army". */
  size_t n = dyad__dict_match_at(d, k.t, k.n, 1, DYAD__K_ALL, 0, m, 8);
  CHECK_INT(n, 2);
  CHECK_INT(m[0].start, 1);
  CHECK_INT(m[0].end, 3);
  CHECK_STR(d->strs + d->entries[m[0].entry].phrase, "NORTHLAND_ARMY_");
  CHECK_INT(m[1].end, 2);
  n = dyad__dict_match_at(d, k.t, k.n, 1, DYAD__K_ALL, DYAD__MATCH_LONGEST, m, 8);
  CHECK_INT(n, 1);
  /* Stem: "Syrian" begins with "syria" (no trailing '_'). */
  n = dyad__dict_match_at(d, k.t, k.n, 4, DYAD__K_ACTOR, 0, m, 8);
  CHECK_INT(n, 1);
  CHECK(n && (d->entries[m[0].entry].flags & DYAD__E_STEM));
  /* A blank and an underscore both separate words. */
  n = dyad__dict_match_at(d, k.t, k.n, 6, DYAD__K_ACTOR, 0, m, 8);
  CHECK_INT(n, 1);
  CHECK(n && (d->entries[m[0].entry].flags & DYAD__E_SYNONYM));
  /* No match at "The", and none for agents there. */
  CHECK_INT(dyad__dict_match_at(d, k.t, k.n, 0, DYAD__K_ALL, 0, m, 8), 0);
  CHECK_INT(dyad__dict_match_at(d, k.t, k.n, 1, DYAD__K_AGENT, 0, m, 8), 0);
  /* Exact words only for NORTHLAND_: "Northlanders" does not match. */
  mk(&k, "Northlanders", NULL);
  CHECK_INT(dyad__dict_match_at(d, k.t, k.n, 0, DYAD__K_ALL, 0, m, 8), 0);
  /* Dated codes and provenance. */
  mk(&k, "Anna Voss", NULL);
  n = dyad__dict_match_at(d, k.t, k.n, 0, DYAD__K_ACTOR, 0, m, 8);
  CHECK_INT(n, 1);
  if (n) {
    const dyad__dict_entry *e = &d->entries[m[0].entry];
    uint32_t line = 0;
    CHECK_STR(dyad__dict_actor_code(d, e->record, 20040101, &line), "NLDGOV");
    CHECK_INT(line, 6);
    CHECK_STR(dyad__dict_actor_code(d, e->record, 20050101, &line), "NLDOPP");
    CHECK_INT(line, 7);
    CHECK(dyad__dict_actor_code(d, e->record, 19991231, NULL) == NULL);
    CHECK_STR(dyad__dict_file_name(d, e->file), "mem");
    CHECK_INT(e->line, 5);
  }
  dyad_dict_free(d);
}

static const char verbs[] =
    "&CURRENCY\n"
    "+DOLLAR\n"
    "+HARD_CASH_\n"
    "--- PLEDGE [050] ---\n"
    "PLEDGE\n"
    "+HAND_OVER {+HANDS_OVER +HANDED_OVER} [070]\n"
    "WIRE_+TAP\n"
    "TOUR [042:043]\n"
    "- * &CURRENCY [071]  # PLEDGE\n"
    "- $ * (TO {FLOOD VICTIMS}) [073:074]\n"
    "- * (AGAINST) + [:112]\n"
    "~ a (a b PLEDGE) SAY = a b 057\n";

TEST(verbs_and_patterns) {
  dyad_dict *d = load(DYAD_DICT_VERBS, verbs);
  CHECK(d != NULL);
  if (!d) return;
  CHECK_INT(diag_count, 0);
  CHECK_INT(d->n_blocks, 1);
  CHECK_INT(d->n_verbs, 4);
  CHECK_INT(d->n_patterns, 3);
  CHECK_INT(d->n_transforms, 1);
  /* By lemma. */
  uint32_t v[4];
  CHECK_INT(dyad__dict_verbs_by_lemma(d, "Pledge", v, 4), 1);
  CHECK_STR(dyad__dict_verb_code(d, v[0]), "050");
  CHECK(dyad__dict_verb_code2(d, v[0]) == NULL);
  CHECK_INT(dyad__dict_verbs_by_lemma(d, "tour", v, 4), 1);
  CHECK_STR(dyad__dict_verb_code(d, v[0]), "042");
  CHECK_STR(dyad__dict_verb_code2(d, v[0]), "043");
  /* Multi-word verb by form, with its post word. */
  toks k;
  mk(&k, "they handed over the money", NULL);
  dyad__verb_match vm[4];
  size_t n = dyad__dict_verbs_at(d, k.t, k.n, 1, 0, vm, 4);
  CHECK_INT(n, 1);
  if (n) {
    CHECK_INT(vm[0].start, 1);
    CHECK_INT(vm[0].end, 3);
    CHECK_STR(dyad__dict_verb_code(d, d->verb_forms[vm[0].form].verb), "070");
  }
  mk(&k, "they handed the money over", NULL);
  CHECK_INT(dyad__dict_verbs_at(d, k.t, k.n, 1, 0, vm, 4), 0);
  /* Pre word: WIRE_+TAP, regular forms generated: +S, +ED, +ING without
   * consonant doubling (the documented rule), so "tapped" is found through
   * its lemma only. */
  mk(&k, "police wire taps phones", NULL);
  CHECK_INT(dyad__dict_verbs_at(d, k.t, k.n, 2, 0, vm, 4), 1);
  mk(&k, "police wire tapped phones", "police wire tap phone");
  CHECK_INT(dyad__dict_verbs_at(d, k.t, k.n, 2, 0, vm, 4), 0);
  CHECK_INT(dyad__dict_verbs_at(d, k.t, k.n, 2, DYAD__MATCH_LEMMA, vm, 4), 1);
  CHECK_INT(vm[0].start, 1);
  mk(&k, "police tapped phones", "police tap phone");
  CHECK_INT(dyad__dict_verbs_at(d, k.t, k.n, 1, DYAD__MATCH_LEMMA, vm, 4), 0);
  /* Pattern structure. */
  const dyad__pattern *p = &d->patterns[1];
  CHECK_INT(p->nelems, 2);
  CHECK_STR(d->strs + p->code, "073");
  CHECK_STR(d->strs + p->code2, "074");
  CHECK_INT(p->paired, 1);
  CHECK_INT(p->line, 10);
  const dyad__pattern_elem *e = &d->pelems[p->elem_first];
  CHECK_INT(e[0].kind, DYAD__PE_SOURCE);
  CHECK_INT(e[0].side, DYAD__SIDE_PRE);
  CHECK_INT(e[1].kind, DYAD__PE_PREP);
  CHECK_INT(e[1].side, DYAD__SIDE_POST);
  CHECK_STR(dyad__dict_word(d, e[1].value), "to");
  CHECK_INT(e[1].nsub, 1);
  const dyad__pattern_elem *ph = &d->pelems[e[1].sub];
  CHECK_INT(ph->kind, DYAD__PE_PHRASE);
  CHECK_INT(ph->nsub, 2);
  CHECK_STR(dyad__dict_word(d, d->pelems[ph->sub + 1].value), "victims");
  p = &d->patterns[0];
  CHECK_STR(d->strs + p->comment, "PLEDGE");
  CHECK_INT(d->pelems[p->elem_first].kind, DYAD__PE_SYNSET);
  CHECK_STR(d->strs + d->synsets[d->pelems[p->elem_first].value].name, "&CURRENCY");
  p = &d->patterns[2];
  CHECK(p->code == DYAD__NONE);
  CHECK_STR(d->strs + p->code2, "112");
  CHECK_INT(d->pelems[p->elem_first].nsub, 0);
  CHECK_INT(d->pelems[p->elem_first + 1].kind, DYAD__PE_TARGET);
  /* Synsets: plural generated for DOLLAR, not for HARD_CASH_. */
  uint32_t s = dyad__dict_synset_find(d, "&CURRENCY");
  CHECK(s != DYAD__NONE);
  mk(&k, "dollars hard cash hard cashes", NULL);
  CHECK_INT(dyad__dict_synset_match(d, s, k.t, k.n, 0, 0), 1);
  CHECK_INT(dyad__dict_synset_match(d, s, k.t, k.n, 1, 0), 2);
  CHECK_INT(dyad__dict_synset_match(d, s, k.t, k.n, 3, 0), 0);
  /* Transformation. */
  const dyad__transform *t = &d->transforms[0];
  CHECK_STR(d->strs + t->in_verb, "PLEDGE");
  CHECK_STR(d->strs + t->verb, "SAY");
  CHECK_STR(d->strs + t->out_code, "057");
  dyad_dict_free(d);
}

TEST(cache_roundtrip) {
  dyad_dict *d = load(DYAD_DICT_ACTORS, actors);
  CHECK(d != NULL);
  if (!d) return;
  char path[] = "/tmp/dyad-test-cacheXXXXXX";
  int fd = mkstemp(path);
  CHECK(fd >= 0);
  if (fd < 0) return;
  close(fd);
  CHECK_INT(dyad_dict_compile(d, path), DYAD_OK);
  dyad_dict *c = NULL;
  dyad_dict_options o = {count_diag, NULL, 0};
  CHECK_INT(dyad_dict_load_cache(path, &o, &c), DYAD_OK);
  if (c) {
    toks k;
    mk(&k, "Northland army", NULL);
    dyad__dict_match m[4];
    CHECK_INT(dyad__dict_match_at(c, k.t, k.n, 0, DYAD__K_ALL, 0, m, 4), 2);
    CHECK_STR(c->strs + c->entries[m[0].entry].phrase, "NORTHLAND_ARMY_");
    CHECK_INT(c->n_entries, d->n_entries);
    dyad_dict_free(c);
  }
  /* A flipped byte is caught by the checksum. */
  FILE *fp = fopen(path, "r+b");
  if (fp) {
    fseek(fp, 200, SEEK_SET);
    int ch = fgetc(fp);
    fseek(fp, 200, SEEK_SET);
    fputc(ch ^ 0x55, fp);
    fclose(fp);
  }
  diag_count = 0;
  c = NULL;
  CHECK_INT(dyad_dict_load_cache(path, &o, &c), DYAD_ECORRUPT);
  CHECK(c == NULL);
  CHECK_INT(diag_count, 1);
  /* A text file is not a cache. */
  CHECK_INT(dyad_dict_load_cache("tests/fixtures/dict/actors.txt", &o, &c), DYAD_EFORMAT);
  unlink(path);
  dyad_dict_free(d);
}

TEST(fixture_config) {
  dyad_dict *d = NULL;
  dyad_dict_options o = {count_diag, NULL, 1};
  diag_count = 0;
  CHECK_INT(dyad_dict_load_config("tests/fixtures/dict/fixture.ini", &o, &d), DYAD_OK);
  CHECK_INT(diag_count, 0);
  if (!d) return;
  CHECK_INT(d->n_files, 5);
  CHECK_INT(d->n_actors, 6);
  CHECK_INT(d->n_agents, 9);
  CHECK_INT(d->n_blocks, 2);
  CHECK_INT(d->n_patterns, 5);
  CHECK_INT(d->n_synsets, 2);
  CHECK_INT(d->n_issues, 4);
  dyad_dict_free(d);
  CHECK_INT(dyad_dict_kind_guess("tests/fixtures/dict/fixture.ini"), DYAD_DICT_CONFIG);
  CHECK_INT(dyad_dict_kind_guess("tests/fixtures/dict/agents.txt"), DYAD_DICT_AGENTS);
}

TEST(cameo_table) {
  dyad_cameo *t = NULL;
  CHECK_INT(dyad_cameo_load("tests/fixtures/dict/codes.tsv", count_diag, NULL, &t), DYAD_OK);
  if (!t) return;
  CHECK_INT(dyad_cameo_count(t), 8);
  const dyad_cameo_code *c = dyad_cameo_find(t, "051");
  CHECK(c != NULL);
  if (c) {
    CHECK_STR(c->name, "Praise or endorse");
    CHECK_STR(c->root, "05");
    CHECK_STR(c->plover, "CONSULT");
    CHECK_INT(c->quad_class, 1);
    CHECK(c->goldstein > 3.39 && c->goldstein < 3.41);
    CHECK_INT(c->line, 5);
  }
  CHECK(dyad_cameo_find(t, "0510") == NULL);
  CHECK(dyad_cameo_find(t, "058") == NULL);
  CHECK(dyad_cameo_find(t, "01") != NULL);
  /* Codes of the fixture verbs missing from the table: 0874 (WITHDRAW
   * pattern), 072 (second half of [:072]). */
  dyad_dict *d = NULL;
  dyad_dict_options o = {NULL, NULL, 0};
  CHECK_INT(dyad_dict_load_config("tests/fixtures/dict/fixture.ini", &o, &d), DYAD_OK);
  diag_count = 0;
  CHECK_INT(dyad_dict_check_codes(d, t, count_diag, NULL), 2);
  CHECK_INT(diag_count, 2);
  dyad_dict_free(d);
  dyad_cameo_free(t);
  /* Bad rows are reported and skipped; a wrong header refuses the file. */
  static const char bad[] = "code\tname\tgoldstein\tquad_class\tplover\n"
                            "12\tA\t1.0\t5\tX\n"
                            "1x\tB\t1.0\t1\tX\n"
                            "13\tC\t11\t1\tX\n"
                            "14\tD\t-2\t3\t\n";
  diag_count = 0;
  CHECK_INT(dyad_cameo_load_memory("bad", bad, sizeof bad - 1, count_diag, NULL, &t), DYAD_OK);
  CHECK_INT(diag_count, 3);
  CHECK_INT(dyad_cameo_count(t), 1);
  dyad_cameo_free(t);
  CHECK_INT(dyad_cameo_load_memory("bad", "code\tname\n", 10, count_diag, NULL, &t), DYAD_EFORMAT);
}

/* One dictionary, four threads: every thread must see the same matches as
 * a lone caller (the matcher keeps no state in the dictionary). */
typedef struct {
  const dyad_dict *d;
  const toks *k;
  size_t hits;
} thread_arg;

static void *match_loop(void *p) {
  thread_arg *a = p;
  dyad__dict_match m[8];
  for (int r = 0; r < 2000; r++)
    for (size_t i = 0; i < a->k->n; i++)
      a->hits += dyad__dict_match_at(a->d, a->k->t, a->k->n, i, DYAD__K_ALL, 0, m, 8);
  return NULL;
}

TEST(threads_share_a_dict) {
  dyad_dict *d = load(DYAD_DICT_ACTORS, actors);
  CHECK(d != NULL);
  if (!d) return;
  toks k;
  mk(&k, "The Northland army met Syrians and North Land envoys and Anna Voss", NULL);
  thread_arg one = {d, &k, 0};
  match_loop(&one);
  pthread_t th[4];
  thread_arg args[4];
  for (int i = 0; i < 4; i++) {
    args[i] = (thread_arg){d, &k, 0};
    CHECK(pthread_create(&th[i], NULL, match_loop, &args[i]) == 0);
  }
  for (int i = 0; i < 4; i++) {
    pthread_join(th[i], NULL);
    CHECK_INT(args[i].hits, one.hits);
  }
  CHECK_INT(one.hits, 2000 * 5);
  dyad_dict_free(d);
}

int main(void) {
  RUN(threads_share_a_dict);
  RUN(cameo_table);
  RUN(dates);
  RUN(plurals);
  RUN(fold);
  RUN(actor_matching);
  RUN(verbs_and_patterns);
  RUN(cache_roundtrip);
  RUN(fixture_config);
  return test_summary();
}
