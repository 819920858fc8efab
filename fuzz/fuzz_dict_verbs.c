/* fuzz_dict_verbs.c -- the verbs dictionary reader on arbitrary bytes. */
#include "fuzz_dict_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  fuzz_dict(DYAD_DICT_VERBS, data, size);
  return 0;
}
