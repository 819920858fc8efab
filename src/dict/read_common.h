/*
 * read_common.h -- line cleaning shared by the dictionary readers:
 * comments, XML-style comment lines, invalid UTF-8.
 */
#ifndef DYAD_DICT_READ_COMMON_H
#define DYAD_DICT_READ_COMMON_H

#include "dict/build.h"
#include "util/buf.h"

enum {
  DYAD__COMMENT_HASH = 1, /* '#' starts a comment */
  DYAD__COMMENT_SEMI = 2  /* ';' starts a comment (TABARI actor files) */
};

typedef struct dyad__cleanline {
  const char *s, *e;   /* the line without its comment */
  const char *comment; /* text after the comment mark, or NULL */
  const char *comment_end;
  dyad__buf fixed;     /* the line with invalid bytes replaced */
} dyad__cleanline;

/* Prepares one line: an invalid UTF-8 byte is reported (warning, with its
 * column) and replaced by U+FFFD; "<!-- ... -->" lines and comments are
 * dropped.  Returns 0 when nothing is left (blank or comment only).  The
 * caller frees cl->fixed with dyad__buf_free at the end. */
int dyad__clean_line(dyad_dict *d, dyad__cleanline *cl, const char *s, const char *e,
                     long line, unsigned comments);
/* Warns about characters that cannot be part of a token in a phrase. */
void dyad__check_phrase_chars(dyad_dict *d, const char *ls, const char *s,
                              const char *e, long line);

#endif
