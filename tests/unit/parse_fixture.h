/*
 * parse_fixture.h -- a small generated treebank for the model tests.
 *
 * Sentences are built from word lists by a fixed recipe, with their gold
 * tags, lemmas and trees written by hand below, so the tests never need
 * ../shared and never copy treebank text.
 */
#ifndef DYAD_PARSE_FIXTURE_H
#define DYAD_PARSE_FIXTURE_H

#include <stdio.h>
#include <string.h>

static const char *const fx_subj[][2] = {
    {"police", "police"},   {"rebels", "rebel"},     {"soldiers", "soldier"},
    {"ministers", "minister"}, {"protesters", "protester"}, {"officials", "official"}};
static const char *const fx_verb[][2] = {
    {"attacked", "attack"}, {"met", "meet"},     {"criticized", "criticize"},
    {"visited", "visit"},   {"accused", "accuse"}, {"praised", "praise"}};
static const char *const fx_obj[][2] = {
    {"embassy", "embassy"}, {"army", "army"}, {"government", "government"},
    {"village", "village"}, {"leader", "leader"}};
static const char *const fx_place[] = {"Cairo", "Kabul", "Lagos", "Quito"};

/* Writes sentence k of the fixture as CoNLL-U:
 *   even k: "The S V the O ."
 *   odd k:  "The S V the O in P ." */
static void fx_sentence(FILE *fp, unsigned k) {
  const char *const *s = fx_subj[k % 6], *const *v = fx_verb[(k / 6) % 6];
  const char *const *o = fx_obj[(k / 36) % 5];
  const char *p = fx_place[k % 4];
  fprintf(fp, "# sent_id = fx-%u\n", k);
  fprintf(fp, "1\tThe\tthe\tDET\tDT\t_\t2\tdet\t_\t_\n");
  fprintf(fp, "2\t%s\t%s\tNOUN\tNNS\t_\t3\tnsubj\t_\t_\n", s[0], s[1]);
  fprintf(fp, "3\t%s\t%s\tVERB\tVBD\t_\t0\troot\t_\t_\n", v[0], v[1]);
  fprintf(fp, "4\tthe\tthe\tDET\tDT\t_\t5\tdet\t_\t_\n");
  fprintf(fp, "5\t%s\t%s\tNOUN\tNN\t_\t3\tobj\t_\t%s\n", o[0], o[1],
          k % 2 ? "_" : "SpaceAfter=No");
  if (k % 2) {
    fprintf(fp, "6\tin\tin\tADP\tIN\t_\t7\tcase\t_\t_\n");
    fprintf(fp, "7\t%s\t%s\tPROPN\tNNP\t_\t3\tobl\t_\tSpaceAfter=No\n", p, p);
    fprintf(fp, "8\t.\t.\tPUNCT\t.\t_\t3\tpunct\t_\t_\n\n");
  } else {
    fprintf(fp, "6\t.\t.\tPUNCT\t.\t_\t3\tpunct\t_\t_\n\n");
  }
}

/* Writes n sentences to path; returns 0 on success. */
static int fx_write(const char *path, unsigned n) {
  FILE *fp = fopen(path, "w");
  if (!fp) return -1;
  for (unsigned k = 0; k < n; k++) fx_sentence(fp, k);
  return fclose(fp);
}

#endif
