/* conllu_write.c -- a document as CoNLL-U, offsets in MISC (TokenRange). */
#include <stdio.h>
#include <string.h>

#include "core/doc.h"
#include "util/buf.h"

/* Given MISC minus the items dyad recomputes (SpaceAfter, TokenRange). */
static void put_misc(dyad__buf *b, const char *misc, int space_after,
                     uint32_t start, uint32_t end, int with_range) {
  size_t before = b->len;
  if (misc && strcmp(misc, "_")) {
    const char *p = misc;
    while (*p) {
      const char *e = strchr(p, '|');
      size_t n = e ? (size_t)(e - p) : strlen(p);
      if (!(n >= 11 && !strncmp(p, "SpaceAfter=", 11)) &&
          !(n >= 11 && !strncmp(p, "TokenRange=", 11)) && n) {
        if (b->len > before) dyad__buf_putc(b, '|');
        dyad__buf_append(b, p, n);
      }
      if (!e) break;
      p = e + 1;
    }
  }
  if (!space_after) {
    if (b->len > before) dyad__buf_putc(b, '|');
    dyad__buf_puts(b, "SpaceAfter=No");
  }
  if (with_range) {
    if (b->len > before) dyad__buf_putc(b, '|');
    dyad__buf_printf(b, "TokenRange=%u:%u", start, end);
  }
  if (b->len == before) dyad__buf_putc(b, '_');
}

/* Comment values must stay on one line. */
static void put_oneline(dyad__buf *b, const char *s) {
  for (; *s; s++) dyad__buf_putc(b, (*s == '\n' || *s == '\r') ? ' ' : *s);
}

dyad_status dyad_doc_write_conllu(const dyad_doc *doc, dyad_write_fn write,
                                  void *user) {
  dyad__buf b = {0};
  dyad_status st = DYAD_OK;
  for (size_t si = 0; si < doc->nsents && st == DYAD_OK; si++) {
    const dyad_sentence *s = &doc->sents[si];
    dyad__buf_clear(&b);
    if (si == 0) {
      dyad__buf_puts(&b, "# newdoc id = ");
      put_oneline(&b, doc->id);
      dyad__buf_putc(&b, '\n');
    }
    dyad__buf_puts(&b, "# sent_id = ");
    put_oneline(&b, s->id);
    dyad__buf_puts(&b, "\n# text = ");
    put_oneline(&b, s->text);
    dyad__buf_putc(&b, '\n');
    if (s->kind != DYAD_SENT_TEXT)
      dyad__buf_printf(&b, "# kind = %s\n", dyad_sentence_kind_name(s->kind));
    uint32_t mwt_end = 0; /* words before this index belong to the open MWT */
    for (uint32_t i = 0; i < s->ntokens; i++) {
      const dyad_token *t = &s->tokens[i];
      if (t->mwt > 1 && i + t->mwt <= s->ntokens) {
        const dyad_token *last = &s->tokens[i + t->mwt - 1];
        dyad__buf_printf(&b, "%u-%u\t", i + 1, i + t->mwt);
        if (last->end > t->start && last->end <= doc->text_len)
          dyad__buf_append(&b, doc->text + t->start, last->end - t->start);
        else
          for (uint32_t j = i; j < i + t->mwt; j++) dyad__buf_puts(&b, s->tokens[j].form);
        dyad__buf_puts(&b, "\t_\t_\t_\t_\t_\t_\t_\t");
        put_misc(&b, NULL, last->space_after, t->start, last->end, 1);
        dyad__buf_putc(&b, '\n');
      }
      if (t->mwt > 1) mwt_end = i + t->mwt;
      int in_mwt = i < mwt_end;
      char head[16] = "_";
      if (t->head >= 0) snprintf(head, sizeof head, "%d", t->head);
      dyad__buf_printf(&b, "%u\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t_\t", i + 1, t->form,
                       t->lemma, t->upos, t->xpos, t->feats, head, t->deprel);
      put_misc(&b, t->misc, in_mwt ? 1 : t->space_after, t->start, t->end, 1);
      dyad__buf_putc(&b, '\n');
    }
    dyad__buf_putc(&b, '\n');
    if (!b.data) { st = DYAD_ENOMEM; break; }
    if (write(b.data, b.len, user)) st = DYAD_EIO;
  }
  dyad__buf_free(&b);
  return st;
}
