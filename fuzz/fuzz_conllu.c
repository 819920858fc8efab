/* fuzz_conllu.c -- the CoNLL-U reader on arbitrary bytes, then the
 * text layer and the CoNLL-U writer on what it accepted (fuzz_reader.h). */
#include "fuzz_reader.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  return fuzz_reader(data, size, DYAD_FORMAT_CONLLU, 65536);
}
