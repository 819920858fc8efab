/*
 * fuzz_reader.h -- what the reader fuzz targets share: read arbitrary bytes
 * in one input format, then run the text layer and the CoNLL-U writer on
 * every document the reader accepted.  A small record limit makes the
 * oversized-record paths reachable.
 */
#ifndef DYAD_FUZZ_READER_H
#define DYAD_FUZZ_READER_H

#include <stdint.h>

#include "dyad.h"

static int fuzz_discard(const char *d, size_t n, void *u) {
  (void)d;
  (void)n;
  (void)u;
  return 0;
}

static void fuzz_ignore(const dyad_diag *d, void *u) {
  (void)d;
  (void)u;
}

static void fuzz_segment_and_write(dyad_doc *doc) {
  dyad_text_segment(doc, NULL);
  dyad_doc_write_conllu(doc, fuzz_discard, NULL);
}

/* Reads the bytes in one format and hands every accepted doc to each_doc
 * (which must not free it). */
static inline int fuzz_reader_each(const uint8_t *data, size_t size, dyad_input_format format,
                                   size_t max_record, void (*each_doc)(dyad_doc *doc)) {
  dyad_reader_options o = {0};
  o.format = format;
  o.max_record_bytes = max_record;
  o.diag = fuzz_ignore;
  o.reject = fuzz_discard;
  dyad_reader *r;
  if (dyad_reader_open_memory((const char *)data, size, "fuzz", &o, &r)) return 0;
  dyad_doc *doc;
  dyad_status st;
  while ((st = dyad_reader_next(r, &doc)) == DYAD_OK || st == DYAD_REJECT) {
    if (format == DYAD_FORMAT_XML) dyad_reader_environment(r, "Verbfile");
    if (doc) {
      each_doc(doc);
      dyad_doc_free(doc);
    }
  }
  dyad_reader_free(r);
  return 0;
}

static inline int fuzz_reader(const uint8_t *data, size_t size, dyad_input_format format,
                              size_t max_record) {
  return fuzz_reader_each(data, size, format, max_record, fuzz_segment_and_write);
}

#endif
