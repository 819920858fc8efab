/* fuzz_cameo.c -- the CAMEO code table reader on arbitrary bytes. */
#include <stdint.h>
#include <string.h>

#include "dyad.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  dyad_cameo *t = NULL;
  if (dyad_cameo_load_memory("fuzz", (const char *)data, size, NULL, NULL, &t) != DYAD_OK) return 0;
  static const char *codes[] = {"01", "050", "0874", "x", ""};
  for (size_t i = 0; i < 5; i++) {
    const dyad_cameo_code *c = dyad_cameo_find(t, codes[i]);
    if (c && (strlen(c->root) != 2 || c->quad_class < 1 || c->quad_class > 4)) __builtin_trap();
  }
  dyad_cameo_free(t);
  return 0;
}
