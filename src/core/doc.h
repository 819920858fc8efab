/*
 * doc.h -- the internals of dyad_doc, shared by the readers (io/), the text
 * layer (text/), the tagger and parser, and the coder.
 *
 * A doc owns one arena: every string and token array hangs off it, and
 * dyad_doc_free() releases all of it at once.  The sentence array itself is
 * malloc'ed because it grows while a reader or the segmenter appends.
 */
#ifndef DYAD_CORE_DOC_H
#define DYAD_CORE_DOC_H

#include "dyad.h"
#include "util/arena.h"

struct dyad_doc {
  dyad__arena arena;
  const char *id, *date, *source, *url, *title;
  const char *text; /* original bytes as read (NUL-terminated) */
  size_t text_len;
  const char *extra_json; /* "{}" if none */
  dyad_sentence *sents;
  size_t nsents, cap;
  int pretokenized;
  size_t invalid_utf8;
  dyad_event *events; /* coder output (malloc), freed with the doc */
  size_t cursor_byte, cursor_char; /* coder: characters before cursor_byte */
  size_t nevents, cap_events;
};

/* An empty doc: every field "", extra_json "{}".  NULL if out of memory. */
dyad_doc *dyad__doc_create(void);
/* Copies value into the doc.  name: id, date, source, url, title or text;
 * returns DYAD_EINVAL for other names. */
dyad_status dyad__doc_set(dyad_doc *doc, const char *name, const char *value,
                          size_t len);
/* Appends a zeroed sentence (kind TEXT) and returns it, NULL on OOM.  The
 * pointer is valid until the next append. */
dyad_sentence *dyad__doc_add_sentence(dyad_doc *doc);
/* Allocates n tokens for s in the doc's arena; all strings set to "_",
 * head -1.  Returns the array or NULL on OOM. */
dyad_token *dyad__doc_alloc_tokens(dyad_doc *doc, dyad_sentence *s, uint32_t n);
/* Removes all sentences (for re-segmentation). */
void dyad__doc_clear_sentences(dyad_doc *doc);
char *dyad__doc_strndup(dyad_doc *doc, const char *s, size_t len);

/* The shared "_" string; compare by pointer or strcmp. */
extern const char dyad__underscore[];

#endif
