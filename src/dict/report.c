/* report.c -- dyad_dict_lookup and dyad_dict_stats: text for people. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dict/build.h"
#include "util/buf.h"

static dyad_status flush(dyad__buf *b, dyad_write_fn write, void *user) {
  dyad_status st = DYAD_OK;
  if (b->len && write(b->data, b->len, user)) st = DYAD_EIO;
  dyad__buf_clear(b);
  return st;
}

static void where(const dyad_dict *d, dyad__buf *b, uint16_t file, uint32_t line) {
  dyad__buf_printf(b, "%s:%u", dyad__dict_file_name(d, file), line);
}

static void print_entry(const dyad_dict *d, dyad__buf *b, const dyad__dict_entry *e,
                        int32_t date) {
  const char *ph = d->strs + e->phrase;
  switch (e->kind) {
  case DYAD__K_ACTOR: {
    uint32_t line;
    const char *code = dyad__dict_actor_code(d, e->record, date, &line);
    const dyad__actor *a = &d->actors[e->record];
    dyad__buf_printf(b, "actor\t%s\t%s\t", ph, code ? code : "---");
    where(d, b, e->file, e->line);
    dyad__buf_printf(b, "\tactor %s", d->strs + a->root);
    if (code) dyad__buf_printf(b, ", code from line %u", line);
    if (e->flags & DYAD__E_STEM) dyad__buf_puts(b, ", stem");
    break;
  }
  case DYAD__K_AGENT: {
    const dyad__agent *ag = &d->agents[e->record];
    dyad__buf_printf(b, "agent\t%s\t%s%s%s\t", ph, ag->place == DYAD__AGENT_AFTER ? "~" : "",
                     d->strs + ag->code, ag->place == DYAD__AGENT_BEFORE ? "~" : "");
    where(d, b, e->file, e->line);
    if (e->flags & DYAD__E_GENERATED) dyad__buf_puts(b, "\tgenerated form");
    break;
  }
  case DYAD__K_DISCARD:
    dyad__buf_printf(b, "discard\t%s\t%s\t", ph, (e->flags & DYAD__E_STORY) ? "story" : "sentence");
    where(d, b, e->file, e->line);
    if (e->flags & DYAD__E_STEM) dyad__buf_puts(b, "\tstem");
    break;
  case DYAD__K_ISSUE: {
    const dyad__issue *is = &d->issues[e->record];
    if (e->flags & DYAD__E_IGNORE)
      dyad__buf_printf(b, "issue\t%s\t(ignore)\t", ph);
    else
      dyad__buf_printf(b, "issue\t%s\t%s\t", ph, d->strs + is->code);
    where(d, b, e->file, e->line);
    if (is->category != DYAD__NONE) dyad__buf_printf(b, "\tcategory %s", d->strs + is->category);
    break;
  }
  }
  dyad__buf_putc(b, '\n');
}

dyad_status dyad_dict_lookup(const dyad_dict *d, const char *phrase, const char *date,
                             dyad_write_fn write, void *user) {
  if (!d || !phrase || !write) return DYAD_EINVAL;
  int32_t dt = 0;
  if (date && *date) {
    dt = dyad__dict_parse_date(date, strlen(date));
    if (!dt) return DYAD_EINVAL;
  }
  /* Words of the phrase as tokens. */
  dyad_token toks[DYAD__DICT_MAX_WORDS];
  char store[DYAD__DICT_MAX_WORDS][128];
  size_t n = 0;
  for (const char *p = phrase; *p;) {
    while (*p == ' ' || *p == '_' || *p == '\t') p++;
    const char *b = p;
    while (*p && *p != ' ' && *p != '_' && *p != '\t') p++;
    if (p == b) break;
    if (n == DYAD__DICT_MAX_WORDS) return DYAD_ELIMIT;
    size_t fl = dyad__dict_fold(b, (size_t)(p - b), store[n], sizeof store[n]);
    if (fl == (size_t)-1) return DYAD_ELIMIT;
    memset(&toks[n], 0, sizeof toks[n]);
    toks[n].form = toks[n].fold = store[n];
    toks[n].lemma = "_";
    n++;
  }
  dyad__buf b = {0};
  dyad_status st = DYAD_OK;
  size_t found = 0;
  for (size_t i = 0; i < n && st == DYAD_OK; i++) {
    dyad__dict_match m[64];
    size_t k = dyad__dict_match_at(d, toks, n, i, DYAD__K_ALL, 0, m, 64);
    for (size_t j = 0; j < k && j < 64; j++) print_entry(d, &b, &d->entries[m[j].entry], dt);
    found += k;
    dyad__verb_match vm[32];
    k = dyad__dict_verbs_at(d, toks, n, i, 0, vm, 32);
    for (size_t j = 0; j < k && j < 32; j++) {
      const dyad__verb_form *f = &d->verb_forms[vm[j].form];
      const dyad__verb *v = &d->verbs[f->verb];
      const dyad__verb_block *bl = &d->blocks[v->block];
      dyad__buf_printf(&b, "verb\t%s\t%s%s%s\t", v->phrase == DYAD__NONE ? "" : d->strs + v->phrase,
                       dyad__dict_verb_code(d, f->verb), v->code2 != DYAD__NONE ? ":" : "",
                       v->code2 != DYAD__NONE ? d->strs + v->code2 : "");
      where(d, &b, v->file, v->line);
      dyad__buf_printf(&b, "\tblock %s (line %u), %u patterns%s\n", d->strs + bl->desc, bl->line,
                       bl->npats, f->base ? "" : ", inflected form");
    }
    found += k;
    for (uint32_t s = 0; s < d->n_synsets; s++) {
      size_t len = dyad__dict_synset_match(d, s, toks, n, i, 0);
      if (!len) continue;
      const dyad__synset *sy = &d->synsets[s];
      dyad__buf_printf(&b, "synset\t");
      for (size_t w = i; w < i + len; w++) dyad__buf_printf(&b, "%s%s", w > i ? " " : "", toks[w].fold);
      dyad__buf_printf(&b, "\t%s\t", d->strs + sy->name);
      where(d, &b, sy->file, sy->line);
      dyad__buf_putc(&b, '\n');
      found++;
    }
    st = flush(&b, write, user);
  }
  dyad__buf_free(&b);
  if (st == DYAD_OK && !found) st = DYAD_ENOTFOUND;
  return st;
}

dyad_status dyad_dict_stats(const dyad_dict *d, dyad_write_fn write, void *user) {
  if (!d || !write) return DYAD_EINVAL;
  dyad__buf b = {0};
  dyad__buf_printf(&b, "%-9s %8s %8s %8s %7s %8s  %s\n", "kind", "lines", "records", "entries",
                   "errors", "warnings", "file");
  for (uint32_t f = 0; f < d->n_files; f++) {
    const dyad__dict_file *fi = &d->files[f];
    dyad__buf_printf(&b, "%-9s %8u %8u %8u %7u %8u  %s\n", dyad_dict_kind_name((dyad_dict_kind)fi->kind),
                     fi->lines, fi->records, fi->entries, fi->errors, fi->warnings,
                     d->strs + fi->path);
  }
  size_t stems = 0, gen = 0;
  for (uint32_t e = 0; e < d->n_entries; e++) {
    stems += (d->entries[e].flags & DYAD__E_STEM) != 0;
    gen += (d->entries[e].flags & DYAD__E_GENERATED) != 0;
  }
  dyad__buf_printf(&b,
                   "\nactors %u (dated codes %u), agents %u, discards and phrases in the trie %u "
                   "(stems %zu, generated %zu)\n"
                   "synsets %u (phrases %u), verb blocks %u, verbs %u (forms %u), patterns %u "
                   "(elements %u), transformations %u, issues %u\n"
                   "words %u, trie nodes %u, string pool %u bytes; %zu errors, %zu warnings\n",
                   d->n_actors, d->n_dated, d->n_agents, d->n_entries, stems, gen, d->n_synsets,
                   d->n_synset_phrases, d->n_blocks, d->n_verbs, d->n_verb_forms, d->n_patterns,
                   d->n_pelems, d->n_transforms, d->n_issues, d->n_words, d->n_nodes, d->n_strs,
                   d->errors, d->warnings);
  dyad_status st = flush(&b, write, user);
  dyad__buf_free(&b);
  return st;
}

size_t dyad_dict_match_actor(const dyad_dict *d, const dyad_sentence *s, size_t i,
                             const char *date, const char **code) {
  if (code) *code = NULL;
  if (!d || !s || i >= s->ntokens) return 0;
  dyad__dict_match m;
  size_t k = dyad__dict_match_at(d, s->tokens, s->ntokens, i, DYAD__K_ACTOR,
                                 DYAD__MATCH_LONGEST, &m, 1);
  if (!k) return 0;
  if (code) {
    int32_t dt = date ? dyad__dict_parse_date(date, strlen(date)) : 0;
    *code = dyad__dict_actor_code(d, d->entries[m.entry].record, dt, NULL);
  }
  return m.end - m.start;
}
