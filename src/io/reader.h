/*
 * reader.h -- the machinery shared by the article readers.
 *
 *   file/stdin --> 64 kB input buffer --> dyad__reader_getline() --> format
 *                                         (bounded by max_record)     reader
 *
 * Each format (jsonl.c, text.c, xml.c, conllu.c) provides a next() that
 * turns bytes into one dyad_doc, or reports and rejects one record.
 */
#ifndef DYAD_IO_READER_H
#define DYAD_IO_READER_H

#include <stdio.h>

#include "dyad.h"
#include "util/buf.h"

typedef struct dyad__reader_ops {
  const char *name;
  dyad_status (*init)(dyad_reader *r);
  dyad_status (*next)(dyad_reader *r, dyad_doc **out);
  void (*free_state)(dyad_reader *r);
} dyad__reader_ops;

struct dyad_reader {
  FILE *fp;
  int own_fp;
  char *name; /* for messages: the path or "<stdin>" */
  dyad_reader_options opts;
  size_t max_record;
  const char *mem; /* dyad_reader_open_memory: the input, read in place */
  size_t mem_len, mem_pos;
  char *ibuf;
  size_t ipos, ilen;
  int eof, ioerr;
  long line;         /* lines consumed so far (the last line read is `line`) */
  dyad__buf rec;     /* the current line(s) */
  const dyad__reader_ops *ops;
  void *state;
  size_t records, rejected;
};

enum {
  DYAD__LINE_OK = 1,
  DYAD__LINE_EOF = 0,
  DYAD__LINE_TOO_LONG = -1, /* skipped to its end; bytes went to the sink */
  DYAD__LINE_IO = -2
};

/* Reads one line into r->rec (appending when `append` is set), without its
 * '\n' (a trailing '\r' is kept: callers decide).  A line longer than what
 * is left of max_record is skipped to its end; when `stream_reject` is set,
 * what was read (r->rec included) is streamed to the reject sink. */
int dyad__reader_getline(dyad_reader *r, int append, int stream_reject);
/* Reads up to max_record bytes (the rest of the input) into r->rec.
 * Returns DYAD__LINE_OK, DYAD__LINE_TOO_LONG (rest skipped and streamed to
 * the sink after r->rec), or DYAD__LINE_IO. */
int dyad__reader_slurp(dyad_reader *r);
/* Hands out the next raw chunk of input (at most 64 kB, consumed): for
 * readers that find record boundaries themselves (xml.c).  Returns
 * DYAD__LINE_OK, DYAD__LINE_EOF or DYAD__LINE_IO.  Does not count lines. */
int dyad__reader_chunk(dyad_reader *r, const char **data, size_t *len);

#if defined(__GNUC__)
__attribute__((format(printf, 5, 6)))
#endif
void dyad__reader_diag(dyad_reader *r, dyad_severity sev, long line,
                       const char *record, const char *fmt, ...);
void dyad__reader_reject(dyad_reader *r, const char *data, size_t len);

extern const dyad__reader_ops dyad__jsonl_ops, dyad__text_ops, dyad__xml_ops,
    dyad__conllu_ops;

/* Date check shared by the readers: accepts YYYY-MM-DD, YYYYMMDD and full
 * ISO 8601 (YYYY-MM-DDThh:mm[:ss[.f]][Z|+hh:mm]); writes YYYY-MM-DD into
 * out[11].  Returns NULL on success or a static explanation. */
const char *dyad__parse_date(const char *s, size_t len, char out[11]);

#endif
