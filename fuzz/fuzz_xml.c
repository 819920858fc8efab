/* fuzz_xml.c -- the PETRARCH XML reader (record scanner, cleaner, libxml2) on arbitrary bytes, then the
 * text layer and the CoNLL-U writer on what it accepted (fuzz_reader.h). */
#include "fuzz_reader.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  return fuzz_reader(data, size, DYAD_FORMAT_XML, 4096);
}
