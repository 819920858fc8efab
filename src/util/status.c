#include <stdio.h>
#include <string.h>

#include "dyad.h"

const char *dyad_version(void) { return DYAD_VERSION; }

const char *dyad_strerror(dyad_status status) {
  switch (status) {
#define DYAD__STATUS_TEXT(name, value, text) \
  case DYAD_##name:                          \
    return text;
    DYAD_STATUS_MAP(DYAD__STATUS_TEXT)
#undef DYAD__STATUS_TEXT
  }
  return "unknown status";
}

size_t dyad_diag_format(const dyad_diag *d, char *buf, size_t size) {
  static const char *sev[] = {"note", "warning", "error"};
  const char *s = (unsigned)d->severity <= 2 ? sev[d->severity] : "error";
  char where[64] = "";
  if (d->line > 0 && d->column > 0)
    snprintf(where, sizeof where, ":%ld:%ld", d->line, d->column);
  else if (d->line > 0)
    snprintf(where, sizeof where, ":%ld", d->line);
  int n = snprintf(buf, size, "%s%s: %s: %s%s%s%s", d->file ? d->file : "dyad",
                   where, s, d->record ? "[" : "", d->record ? d->record : "",
                   d->record ? "] " : "", d->message ? d->message : "");
  return n < 0 ? 0 : (size_t)n;
}
