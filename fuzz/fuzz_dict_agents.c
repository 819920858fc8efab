/* fuzz_dict_agents.c -- the agents dictionary reader on arbitrary bytes. */
#include "fuzz_dict_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  fuzz_dict(DYAD_DICT_AGENTS, data, size);
  return 0;
}
