/* text.c -- plain text: one article per file (placeholder until the reader
 * lands; see the Foundation issue). */
#include "core/doc.h"
#include "io/reader.h"

static dyad_status text_next(dyad_reader *r, dyad_doc **out) {
  (void)r;
  (void)out;
  return DYAD_EUNSUPPORTED;
}
const dyad__reader_ops dyad__text_ops = {"text", NULL, text_next, NULL};
