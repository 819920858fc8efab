/* xml.c -- PETRARCH XML (placeholder until the reader
 * lands; see the Foundation issue). */
#include "core/doc.h"
#include "io/reader.h"

static dyad_status xml_next(dyad_reader *r, dyad_doc **out) {
  (void)r;
  (void)out;
  return DYAD_EUNSUPPORTED;
}
const dyad__reader_ops dyad__xml_ops = {"xml", NULL, xml_next, NULL};
