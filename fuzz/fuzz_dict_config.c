/* fuzz_dict_config.c -- the [Dictionaries] config parser on arbitrary bytes.
 * The files it names are not opened: a fuzzer must not read /dev/zero. */
#include <stdint.h>
#include <string.h>

#include "dict/build.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static dyad_status named(dyad_dict_kind kind, const char *path, size_t plen, const char *key,
                         long line, void *user) {
  (void)user;
  if (kind == DYAD_DICT_AUTO || !plen || !key || line < 1 || memchr(path, '\n', plen))
    __builtin_trap();
  return DYAD_OK;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  size_t warnings = 0;
  dyad__dict_config_parse(NULL, "fuzz", (const char *)data, size, &warnings, named, NULL);
  return 0;
}
