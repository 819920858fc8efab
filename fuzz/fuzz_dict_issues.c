/* fuzz_dict_issues.c -- the issues dictionary reader on arbitrary bytes. */
#include "fuzz_dict_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  fuzz_dict(DYAD_DICT_ISSUES, data, size);
  return 0;
}
