/* segment.c -- placeholder: whitespace tokens, one sentence per doc, until
 * the text layer lands (Foundation issue). */
#include <string.h>

#include "core/doc.h"

dyad_status dyad_text_segment(dyad_doc *doc, const dyad_text_options *opts) {
  (void)opts;
  if (doc->pretokenized || doc->nsents) return DYAD_OK;
  uint32_t n = 0;
  for (size_t i = 0; i < doc->text_len; i++)
    if (doc->text[i] != ' ' && doc->text[i] != '\n' &&
        (i == 0 || doc->text[i - 1] == ' ' || doc->text[i - 1] == '\n'))
      n++;
  dyad_sentence *s = dyad__doc_add_sentence(doc);
  if (!s) return DYAD_ENOMEM;
  dyad_token *t = dyad__doc_alloc_tokens(doc, s, n);
  if (!t) return DYAD_ENOMEM;
  uint32_t k = 0;
  for (size_t i = 0; i < doc->text_len;) {
    while (i < doc->text_len && (doc->text[i] == ' ' || doc->text[i] == '\n')) i++;
    size_t b = i;
    while (i < doc->text_len && doc->text[i] != ' ' && doc->text[i] != '\n') i++;
    if (i > b) {
      t[k].start = (uint32_t)b;
      t[k].end = (uint32_t)i;
      t[k].form = dyad__doc_strndup(doc, doc->text + b, i - b);
      k++;
    }
  }
  s->id = doc->id;
  s->text = doc->text;
  s->end = (uint32_t)doc->text_len;
  return DYAD_OK;
}
