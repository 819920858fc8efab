/*
 * fuzz_model.c -- the model loader on arbitrary bytes.
 *
 * Each input is loaded twice: as given (almost always stopped by the
 * checksum), and with the header's length and checksum recomputed, so that
 * mutations reach the section and table checks behind the checksum.  A
 * model that loads is used to annotate a sentence, which walks every table.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "dyad.h"
#include "model/hash.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void use(const dyad_model *m) {
  static const char text[] = "Rebels attacked the embassy in Kabul on Sunday , police said .";
  dyad_doc *doc = NULL;
  if (dyad_doc_new("fuzz", NULL, text, sizeof text - 1, &doc) != DYAD_OK) return;
  /* the model's default width, greedy (table "parser") and a beam ("parserb") */
  dyad_annotate_options o1 = {.beam = 1}, o2 = {.beam = 2};
  if (dyad_text_segment(doc, NULL) == DYAD_OK && dyad_annotate(m, doc, NULL) == DYAD_OK &&
      dyad_annotate(m, doc, &o1) == DYAD_OK)
    dyad_annotate(m, doc, &o2);
  dyad_doc_free(doc);
}

static void try_load(const uint8_t *data, size_t size) {
  dyad_model *m = NULL;
  if (dyad_model_load_memory(data, size, NULL, NULL, &m) == DYAD_OK) use(m);
  dyad_model_free(m);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  try_load(data, size);
  if (size < 32) return 0;
  uint8_t *copy = malloc(size);
  if (!copy) return 0;
  memcpy(copy, data, size);
  uint64_t len = size, sum = dyad__fnv64(copy + 32, size - 32);
  for (int i = 0; i < 8; i++) {
    copy[24 + i] = (uint8_t)(len >> (8 * i));
    copy[16 + i] = (uint8_t)(sum >> (8 * i));
  }
  try_load(copy, size);
  free(copy);
  return 0;
}
