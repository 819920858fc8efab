/* annotate.c -- tag, lemmatize and parse every sentence of a doc. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/doc.h"
#include "model/model.h"
#include "util/limits.h"

static void note(const dyad_annotate_options *o, const dyad_doc *doc,
                 const dyad_sentence *s, const char *msg) {
  if (!o || !o->diag) return;
  dyad_diag d = {DYAD_DIAG_WARNING, NULL, 0, 0, s->id && *s->id ? s->id : doc->id, msg};
  o->diag(&d, o->diag_user);
}

/* Copies go to the doc so that it may outlive the model. */
static const char *dup(dyad_doc *doc, const char *s) {
  return dyad__doc_strndup(doc, s, strlen(s));
}

static int label_index(const dyad__labels *l, const char *name) {
  for (uint32_t i = 0; i < l->n; i++)
    if (!strcmp(l->name[i], name)) return (int)i;
  return -1;
}

static int in_tags(const char *x, const char *const *tags) {
  for (int k = 0; tags[k]; k++)
    if (!strcmp(x, tags[k])) return 1;
  return 0;
}

/* Does the sentence have a finite verb (tagged VBD, VBZ, VBP or MD) other
 * than word i? */
static int other_finite(const dyad_model *m, const dyad_sentence *s, const dyad__word *w,
                        uint32_t i) {
  for (uint32_t j = 0; j < s->ntokens; j++) {
    const char *y = m->xpos.name[w[j].xpos];
    if (j != i && (!strcmp(y, "VBD") || !strcmp(y, "VBZ") || !strcmp(y, "VBP") || !strcmp(y, "MD")))
      return 1;
  }
  return 0;
}

/* Does a capitalized word end like a nationality adjective ("European",
 * "Chinese", "British", "Iraqi", "Islamic", "French", "Swiss", "Soviet",
 * "Greek", "Arab")? */
static int demonym(const char *f) {
  static const char *const ends[] = {"an", "ese", "ish", "i", "ic", "ch", "ss", "ot", "et",
                                     "ek", "ab", "ine", "ean", NULL};
  size_t n = strlen(f);
  for (int i = 0; ends[i]; i++) {
    size_t e = strlen(ends[i]);
    if (n > e && !strcmp(f + n - e, ends[i])) return 1;
  }
  return 0;
}

/* Dictionary names the tagger missed become proper nouns (see
 * dyad_annotate_options.names): their tags are fixed for the tagger's
 * passes.  Returns the number fixed. */
static int fix_names(const dyad_model *m, const dyad_sentence *s, const dyad__word *w,
                     uint32_t *fixed, unsigned char *keep, const dyad_annotate_options *o) {
  static const char *const common[] = {"NN", "NNS", "VB", "VBD", "VBG", "VBN", "VBP", "VBZ",
                                       "RB", "IN", "MD", "GW", "FW", "UH", "ADD", "XX",
                                       "NFP", "LS", NULL};
  unsigned char *names = calloc(s->ntokens ? s->ntokens : 1, 1);
  if (!names) return 0; /* a hint only: without it the tags stand */
  int nfixed = 0;
  o->names(o->names_user, s, names);
  int propn = label_index(&m->upos, "PROPN"), nnp = label_index(&m->xpos, "NNP"),
      nnps = label_index(&m->xpos, "NNPS"), verb = label_index(&m->upos, "VERB"),
      vbd = label_index(&m->xpos, "VBD"), vbz = label_index(&m->xpos, "VBZ");
  static const char *const nonverb[] = {"NN", "NNS", "NNP", "JJ", "RB", NULL};
  uint32_t verbtag = verb >= 0 && vbd >= 0 ? 1 + ((uint32_t)verb << 16 | (uint32_t)vbd) : 0;
  int verb_done = 0;
  for (uint32_t i = 0; i < s->ntokens && propn >= 0 && nnp >= 0; i++) {
    const char *f = s->tokens[i].form;
    const char *x = m->xpos.name[w[i].xpos];
    if (names[i] == 3) {
      /* a past form elsewhere: a verb only in a sentence with no other
       * finite verb, and only the first one; from a participle or a noun,
       * not an adjective ("investors opposed to") */
      if (verb_done || !verbtag ||
          !(!strcmp(x, "VBD") || !strcmp(x, "VBN") || !strcmp(x, "NN") || !strcmp(x, "NNS")))
        continue;
      if (other_finite(m, s, w, i)) continue;
      verb_done = 1;
      fixed[i] = verbtag; /* pinned for the second pass too */
      if (strcmp(x, "VBD")) nfixed++;
      continue;
    }
    if (names[i] == 2) {
      /* a past form after a name: a verb, whatever the tagger thought; a
       * participle too where the sentence has no other finite verb ("The
       * United States imposed sanctions" read as "imposed sanctions") */
      int hit = in_tags(x, nonverb);
      if (!hit && !strcmp(x, "VBN")) hit = !other_finite(m, s, w, i);
      if (verbtag && (hit || !strcmp(x, "VBD"))) {
        fixed[i] = verbtag;
        if (hit) nfixed++;
      }
      continue;
    }
    if (names[i] == 5) {
      /* "Sarkozy heads to Beijing": a present-tense verb, from a plural noun */
      if (verb >= 0 && vbz >= 0 && !strcmp(x, "NNS")) {
        fixed[i] = 1 + ((uint32_t)verb << 16 | (uint32_t)vbz);
        nfixed++;
      }
      continue;
    }
    if (names[i] == 4) {
      /* "..., Reuters reports.": a present-tense verb, from a noun */
      if (verb >= 0 && vbz >= 0 && (!strcmp(x, "NNS") || !strcmp(x, "NN") || !strcmp(x, "VBZ"))) {
        fixed[i] = 1 + ((uint32_t)verb << 16 | (uint32_t)vbz);
        if (strcmp(x, "VBZ")) nfixed++;
      }
      continue;
    }
    if (names[i] != 1 || !(f[0] >= 'A' && f[0] <= 'Z')) continue;
    if (keep && !demonym(f)) keep[i] = 1; /* a name after the second pass too */
    /* an adjective stays one where it reads like a nationality ("French",
     * "Iraqi", "Swiss"), not a name taken for one ("Sarkozy heads") */
    if (!in_tags(x, common) && !(!strcmp(x, "JJ") && !demonym(f))) continue;
    int to = !strcmp(x, "NNS") && nnps >= 0 ? nnps : nnp;
    fixed[i] = 1 + ((uint32_t)propn << 16 | (uint32_t)to);
    nfixed++;
  }
  free(names);
  return nfixed;
}

/* dyad_annotate_options.keep_tags: the sentence's own tags, if every
 * token has a UPOS and an XPOS the model knows; its lemmas stay unless
 * missing ("_"), when they are computed from the form and the XPOS.
 * Returns 1 (kept), 0 (tag the sentence) or -1 (out of memory). */
static int given_tags(const dyad_model *m, dyad_doc *doc, dyad_sentence *s, dyad__word *w) {
  /* (the tagger overwrites the tags set here if one is unknown) */
  for (uint32_t i = 0; i < s->ntokens; i++) {
    const dyad_token *t = &s->tokens[i];
    int u = t->upos ? label_index(&m->upos, t->upos) : -1;
    int x = u >= 0 && t->xpos ? label_index(&m->xpos, t->xpos) : -1;
    if (x < 0) return 0;
    dyad__word_set_tags(&w[i], &m->upos, &m->xpos, (uint32_t)u, (uint32_t)x);
  }
  for (uint32_t i = 0; i < s->ntokens; i++) {
    dyad_token *t = &s->tokens[i];
    if (!t->lemma || !strcmp(t->lemma, "_")) {
      char buf[512];
      t->lemma = dup(doc, strlen(t->form) + 64 <= sizeof buf
                              ? dyad__lemmatize(m, t->form, t->xpos, buf, sizeof buf)
                              : t->form);
      if (!t->lemma) return -1;
    }
  }
  return 1;
}

static dyad_status annotate_sentence(const dyad_model *m, dyad_doc *doc,
                                     dyad_sentence *s, const dyad_annotate_options *o) {
  uint32_t n = s->ntokens;
  if (n == 0) return DYAD_OK;
  dyad__word *w = malloc(((size_t)n + 1) * sizeof *w);
  const char **forms = malloc((size_t)n * sizeof *forms);
  int32_t *head = malloc(((size_t)n + 1) * sizeof *head);
  uint8_t *label = malloc((size_t)n + 1);
  uint64_t *right = malloc((size_t)n * sizeof *right);
  uint32_t *fixed = malloc((size_t)n * sizeof *fixed);
  unsigned char *keep = malloc((size_t)n);
  dyad_status st = DYAD_OK;
  if (!w || !forms || !head || !label || !right || !fixed || !keep) {
    st = DYAD_ENOMEM;
    goto out;
  }
  memset(w, 0, sizeof *w);
  for (uint32_t i = 0; i < n; i++) forms[i] = s->tokens[i].form;
  dyad__words_prepare(w + 1, forms, n);
  int given = o && o->keep_tags ? given_tags(m, doc, s, w + 1) : 0;
  if (given < 0) {
    st = DYAD_ENOMEM;
    goto out;
  }
  if (given) goto parse;
  dyad__scorer tag = {&m->tagger, NULL, m->tagger.nclasses, NULL, NULL};
  for (uint32_t i = 0; i < n; i++) {
    const char *e = dyad__strmap_get(&m->tagdict, forms[i], strlen(forms[i]));
    unsigned u, x;
    fixed[i] = 0;
    if (e && sscanf(e, "%u %u", &u, &x) == 2 && u < m->upos.n && x < m->xpos.n)
      fixed[i] = 1 + (u << 16 | x);
  }
  tag.fixed = fixed;
  dyad__scorer tag2 = {&m->tagger2, NULL, m->tagger2.nclasses, NULL, fixed};
  dyad__tag(&tag, m->upos.n, &m->upos, &m->xpos, w + 1, n, NULL, NULL, NULL);
  /* Names the tagger missed are fixed, and the first pass run again so
   * that their neighbours see them ("Calenardhon welcomed"). */
  memset(keep, 0, n);
  if (o && o->names && fix_names(m, s, w + 1, fixed, keep, o))
    dyad__tag(&tag, m->upos.n, &m->upos, &m->xpos, w + 1, n, NULL, NULL, NULL);
  for (uint32_t i = 1; i <= n; i++) right[i - 1] = w[i].xpos_h;
  dyad__tag(&tag2, m->upos.n, &m->upos, &m->xpos, w + 1, n, right, NULL, NULL);
  /* A dictionary name the second pass made an adjective is a name again
   * ("before Sarkozy heads"), unless it reads like a nationality. */
  int pn = label_index(&m->upos, "PROPN"), nnp = label_index(&m->xpos, "NNP");
  for (uint32_t i = 0; i < n && pn >= 0 && nnp >= 0; i++) {
    if (!keep[i] || strcmp(m->xpos.name[w[i + 1].xpos], "JJ")) continue;
    dyad__word_set_tags(&w[i + 1], &m->upos, &m->xpos, (uint32_t)pn, (uint32_t)nnp);
  }
  for (uint32_t i = 0; i < n; i++) {
    dyad_token *t = &s->tokens[i];
    const char *xp = m->xpos.name[w[i + 1].xpos];
    /* Features given with the input would not match the new tags. */
    t->feats = dyad__underscore;
    t->upos = dup(doc, m->upos.name[w[i + 1].upos]);
    t->xpos = dup(doc, xp);
    char buf[512];
    const char *lem = strlen(t->form) + 64 <= sizeof buf
                          ? dyad__lemmatize(m, t->form, xp, buf, sizeof buf)
                          : t->form;
    t->lemma = dup(doc, lem);
    if (!t->lemma || !t->upos || !t->xpos) {
      st = DYAD_ENOMEM;
      goto out;
    }
  }
parse:;
  dyad__scorer par = {NULL, NULL, DYAD__NMOVES, &m->parser, NULL};
  dyad__scorer lab = {&m->labeler, NULL, m->deprel.n, NULL, NULL};
  uint32_t beam = o && o->beam > 0 ? (uint32_t)o->beam : m->beam;
  if (beam > DYAD_MAX_BEAM) beam = DYAD_MAX_BEAM;
  if (beam > 1 && m->parserb.nslots) par.pd = &m->parserb;
  /* Pieces of at most DYAD_MAX_SENTENCE_WORDS words; the root of each
   * later piece hangs from the root of the first. */
  int32_t first_root = 0;
  if (n > DYAD_MAX_SENTENCE_WORDS) {
    char msg[160];
    snprintf(msg, sizeof msg,
             "sentence of %u words parsed in pieces of %u (DYAD_MAX_SENTENCE_WORDS)",
             n, DYAD_MAX_SENTENCE_WORDS);
    note(o, doc, s, msg);
  }
  for (uint32_t off = 0; off < n; off += DYAD_MAX_SENTENCE_WORDS) {
    uint32_t len = n - off < DYAD_MAX_SENTENCE_WORDS ? n - off : DYAD_MAX_SENTENCE_WORDS;
    /* The piece sees its words as 1..len: w + off has w[off] in slot 0. */
    if (dyad__parse(m, &par, &lab, w + off, len, head + off, label + off, beam, NULL, NULL)) {
      st = DYAD_ENOMEM;
      goto out;
    }
    for (uint32_t k = 1; k <= len; k++) {
      int32_t h = head[off + k];
      if (h == 0) {
        if (off == 0) {
          first_root = (int32_t)k;
        } else {
          head[off + k] = first_root;
          label[off + k] = (uint8_t)m->dep_label;
          for (uint32_t q = 0; q < m->deprel.n; q++)
            if (!strcmp(m->deprel.name[q], "parataxis")) label[off + k] = (uint8_t)q;
        }
      } else {
        head[off + k] = h + (int32_t)off;
      }
    }
  }
  for (uint32_t i = 0; i < n; i++) {
    s->tokens[i].head = head[i + 1];
    s->tokens[i].deprel = dup(doc, m->deprel.name[label[i + 1]]);
    if (!s->tokens[i].deprel) st = DYAD_ENOMEM;
  }
out:
  free(w);
  free(forms);
  free(head);
  free(label);
  free(right);
  free(fixed);
  free(keep);
  return st;
}

dyad_status dyad_annotate(const dyad_model *m, dyad_doc *doc,
                          const dyad_annotate_options *opts) {
  if (!m || !doc) return DYAD_EINVAL;
  for (size_t i = 0; i < doc->nsents; i++) {
    if (opts && opts->only && !opts->only[i]) continue;
    dyad_status st = annotate_sentence(m, doc, &doc->sents[i], opts);
    if (st != DYAD_OK) return st;
  }
  return DYAD_OK;
}
