#include "core/doc.h"

#include <stdlib.h>
#include <string.h>

const char dyad__underscore[] = "_";

dyad_doc *dyad__doc_create(void) {
  dyad_doc *doc = calloc(1, sizeof *doc);
  if (!doc) return NULL;
  dyad__arena_init(&doc->arena);
  doc->id = doc->date = doc->source = doc->url = doc->title = doc->text = "";
  doc->extra_json = "{}";
  return doc;
}

char *dyad__doc_strndup(dyad_doc *doc, const char *s, size_t len) {
  return dyad__arena_strndup(&doc->arena, s, len);
}

dyad_status dyad__doc_set(dyad_doc *doc, const char *name, const char *value,
                          size_t len) {
  const char **slot = NULL;
  if (!strcmp(name, "id")) slot = &doc->id;
  else if (!strcmp(name, "date")) slot = &doc->date;
  else if (!strcmp(name, "source")) slot = &doc->source;
  else if (!strcmp(name, "url")) slot = &doc->url;
  else if (!strcmp(name, "title")) slot = &doc->title;
  else if (!strcmp(name, "text")) slot = &doc->text;
  else if (!strcmp(name, "extra")) slot = &doc->extra_json;
  else return DYAD_EINVAL;
  char *copy = dyad__doc_strndup(doc, value, len);
  if (!copy) return DYAD_ENOMEM;
  *slot = copy;
  if (slot == &doc->text) doc->text_len = len;
  return DYAD_OK;
}

dyad_sentence *dyad__doc_add_sentence(dyad_doc *doc) {
  if (doc->nsents == doc->cap) {
    size_t cap = doc->cap ? doc->cap * 2 : 16;
    dyad_sentence *p = realloc(doc->sents, cap * sizeof *p);
    if (!p) return NULL;
    doc->sents = p;
    doc->cap = cap;
  }
  dyad_sentence *s = &doc->sents[doc->nsents++];
  memset(s, 0, sizeof *s);
  s->id = s->text = "";
  return s;
}

dyad_token *dyad__doc_alloc_tokens(dyad_doc *doc, dyad_sentence *s, uint32_t n) {
  dyad_token *t = dyad__arena_alloc(&doc->arena, (size_t)(n ? n : 1) * sizeof *t);
  if (!t) return NULL;
  for (uint32_t i = 0; i < n; i++) {
    t[i].form = t[i].fold = t[i].lemma = t[i].upos = t[i].xpos = t[i].feats =
        t[i].deprel = t[i].misc = dyad__underscore;
    t[i].head = -1;
    t[i].space_after = 1;
  }
  s->tokens = t;
  s->ntokens = n;
  return t;
}

void dyad__doc_clear_sentences(dyad_doc *doc) { doc->nsents = 0; }

void dyad_doc_free(dyad_doc *doc) {
  if (!doc) return;
  dyad__arena_reset(&doc->arena);
  free(doc->sents);
  free(doc->events);
  free(doc);
}

dyad_status dyad_doc_new(const char *id, const char *date, const char *text,
                         size_t len, dyad_doc **out) {
  *out = NULL;
  if (!text) return DYAD_EINVAL;
  dyad_doc *doc = dyad__doc_create();
  if (!doc) return DYAD_ENOMEM;
  if ((id && dyad__doc_set(doc, "id", id, strlen(id))) ||
      (date && dyad__doc_set(doc, "date", date, strlen(date))) ||
      dyad__doc_set(doc, "text", text, len)) {
    dyad_doc_free(doc);
    return DYAD_ENOMEM;
  }
  *out = doc;
  return DYAD_OK;
}

const char *dyad_doc_id(const dyad_doc *doc) { return doc->id; }
const char *dyad_doc_date(const dyad_doc *doc) { return doc->date; }
const char *dyad_doc_text(const dyad_doc *doc, size_t *len) {
  if (len) *len = doc->text_len;
  return doc->text;
}
const char *dyad_doc_extra_json(const dyad_doc *doc) { return doc->extra_json; }
size_t dyad_doc_sentence_count(const dyad_doc *doc) { return doc->nsents; }
const dyad_sentence *dyad_doc_sentence(const dyad_doc *doc, size_t i) {
  return i < doc->nsents ? &doc->sents[i] : NULL;
}
int dyad_doc_pretokenized(const dyad_doc *doc) { return doc->pretokenized; }
size_t dyad_doc_invalid_utf8(const dyad_doc *doc) { return doc->invalid_utf8; }

const char *dyad_doc_field(const dyad_doc *doc, const char *name) {
  if (!strcmp(name, "id")) return doc->id;
  if (!strcmp(name, "date")) return doc->date;
  if (!strcmp(name, "source")) return doc->source;
  if (!strcmp(name, "url")) return doc->url;
  if (!strcmp(name, "title")) return doc->title;
  if (!strcmp(name, "text")) return doc->text;
  return NULL;
}

const char *dyad_sentence_kind_name(dyad_sentence_kind kind) {
  switch (kind) {
    case DYAD_SENT_TEXT: return "text";
    case DYAD_SENT_HEADLINE: return "headline";
    case DYAD_SENT_DATELINE: return "dateline";
    case DYAD_SENT_CAPTION: return "caption";
    case DYAD_SENT_OTHER: return "other";
  }
  return "other";
}

dyad_status dyad_doc_copy_fields(const dyad_doc *doc, dyad_doc **out) {
  static const char *names[] = {"id", "date", "source", "url", "title", "extra"};
  const char *vals[] = {doc->id, doc->date, doc->source, doc->url, doc->title, doc->extra_json};
  *out = NULL;
  dyad_doc *d = dyad__doc_create();
  if (!d) return DYAD_ENOMEM;
  for (int i = 0; i < 6; i++)
    if (dyad__doc_set(d, names[i], vals[i], strlen(vals[i]))) {
      dyad_doc_free(d);
      return DYAD_ENOMEM;
    }
  if (dyad__doc_set(d, "text", doc->text, doc->text_len)) {
    dyad_doc_free(d);
    return DYAD_ENOMEM;
  }
  d->invalid_utf8 = doc->invalid_utf8;
  *out = d;
  return DYAD_OK;
}
