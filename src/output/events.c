/*
 * events.c -- events as JSONL (jansson, keys in a fixed order), PETRARCH-2
 * TSV and CSV.  The same event always gives the same bytes: keys are
 * written in insertion order and reals with a fixed precision.
 */
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "code/flags.h"
#include "core/doc.h"
#include "util/buf.h"

const char *dyad_event_flags_string(unsigned flags, char *buf, size_t size) {
  return dyad__flags_names(flags, buf, size);
}

dyad_status dyad_event_flags_parse(const char *list, unsigned *flags) {
  return dyad__flags_parse(list, flags) ? DYAD_EINVAL : DYAD_OK;
}

static json_t *span(uint32_t s, uint32_t e) {
  if (s == e) return json_null();
  return json_pack("[II]", (json_int_t)s, (json_int_t)e);
}

static json_t *str_or_null(const char *s) { return s ? json_string(s) : json_null(); }

static dyad_status write_json(const dyad_event *ev, const dyad_doc *doc,
                              dyad_write_fn write, void *user) {
  json_t *o = json_object();
  if (!o) return DYAD_ENOMEM;
  json_object_set_new(o, "event_id", json_string(ev->event_id));
  json_object_set_new(o, "article_id", json_string(ev->article_id));
  json_object_set_new(o, "sentence", json_integer(ev->sentence));
  json_object_set_new(o, "date", json_string(ev->date));
  json_object_set_new(o, "source", json_string(ev->source));
  json_object_set_new(o, "target", json_string(ev->target));
  json_object_set_new(o, "source_text", json_string(ev->source_text));
  json_object_set_new(o, "target_text", json_string(ev->target_text));
  json_object_set_new(o, "code", json_string(ev->code));
  json_object_set_new(o, "root", json_string(ev->root));
  json_object_set_new(o, "quad_class", json_integer(ev->quad_class));
  json_object_set_new(o, "goldstein", json_real(ev->goldstein));
  json_object_set_new(o, "plover", json_string(ev->plover));
  json_object_set_new(o, "verb", json_string(ev->verb));
  json_t *m = ev->matched ? json_loads(ev->matched, 0, NULL) : NULL;
  json_object_set_new(o, "matched", m ? m : json_object());
  json_t *fl = json_array();
  static const char *names[] = {"negated", "hypothetical", "future", "reported", "historical"};
  for (unsigned i = 0; i < 5; i++)
    if (ev->flags & (1u << i)) json_array_append_new(fl, json_string(names[i]));
  json_object_set_new(o, "flags", fl);
  json_object_set_new(o, "speaker", str_or_null(ev->speaker));
  json_object_set_new(o, "issues", json_string(ev->issues ? ev->issues : ""));
  json_t *off = json_object();
  /* characters (code points), for readers slicing the text as a string;
   * byte_offsets keep the byte spans, as dyad tokenize's TokenRange */
  json_object_set_new(off, "source", span(ev->source_cstart, ev->source_cend));
  json_object_set_new(off, "verb", span(ev->verb_cstart, ev->verb_cend));
  json_object_set_new(off, "target", span(ev->target_cstart, ev->target_cend));
  json_object_set_new(o, "offsets", off);
  json_t *boff = json_object();
  json_object_set_new(boff, "source", span(ev->source_start, ev->source_end));
  json_object_set_new(boff, "verb", span(ev->verb_start, ev->verb_end));
  json_object_set_new(boff, "target", span(ev->target_start, ev->target_end));
  json_object_set_new(o, "byte_offsets", boff);
  json_object_set_new(o, "text", json_string(ev->text));
  json_t *art = doc ? json_loads(dyad_doc_extra_json(doc), 0, NULL) : NULL;
  if (!art) art = json_object();
  if (doc) {
    static const char *fields[] = {"title", "source", "url"};
    for (int i = 0; i < 3; i++) {
      const char *v = dyad_doc_field(doc, fields[i]);
      if (v && *v && !json_object_get(art, fields[i])) json_object_set_new(art, fields[i], json_string(v));
    }
  }
  json_object_set_new(o, "article", art);
  char *s = json_dumps(o, JSON_COMPACT | JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(4));
  json_decref(o);
  if (!s) return DYAD_ENOMEM;
  size_t n = strlen(s);
  int bad = write(s, n, user) || write("\n", 1, user);
  free(s);
  return bad ? DYAD_EIO : DYAD_OK;
}

/* TSV and CSV fields must not break the line: tabs and newlines in text
 * become spaces (TSV); CSV quotes fields that need it (RFC 4180). */
static void put_tsv(dyad__buf *b, const char *s) {
  for (; s && *s; s++) dyad__buf_putc(b, (*s == '\t' || *s == '\n' || *s == '\r') ? ' ' : *s);
}

static void put_csv(dyad__buf *b, const char *s) {
  if (!s) s = "";
  if (!strpbrk(s, ",\"\n\r")) {
    dyad__buf_puts(b, s);
    return;
  }
  dyad__buf_putc(b, '"');
  for (; *s; s++) {
    if (*s == '"') dyad__buf_putc(b, '"');
    dyad__buf_putc(b, *s);
  }
  dyad__buf_putc(b, '"');
}

static const char *csv_cols[] = {
    "event_id", "article_id", "sentence", "date", "source", "target", "code",
    "root", "quad_class", "goldstein", "plover", "flags", "speaker",
    "source_text", "verb", "target_text", "issues", "text"};

dyad_status dyad_event_write_header(dyad_output_format fmt, dyad_write_fn write,
                                    void *user) {
  if (fmt != DYAD_OUTPUT_CSV) return DYAD_OK;
  dyad__buf b = {0};
  for (size_t i = 0; i < sizeof csv_cols / sizeof *csv_cols; i++) {
    if (i) dyad__buf_putc(&b, ',');
    dyad__buf_puts(&b, csv_cols[i]);
  }
  dyad__buf_putc(&b, '\n');
  int bad = !b.data || write(b.data, b.len, user);
  dyad__buf_free(&b);
  return bad ? DYAD_EIO : DYAD_OK;
}

dyad_status dyad_event_write(const dyad_event *ev, const dyad_doc *doc,
                             dyad_output_format fmt, dyad_write_fn write,
                             void *user) {
  if (fmt == DYAD_OUTPUT_JSONL) return write_json(ev, doc, write, user);
  dyad__buf b = {0};
  char flags[96], num[64];
  dyad__flags_names(ev->flags, flags, sizeof flags);
  if (fmt == DYAD_OUTPUT_TSV) {
    /* PETRARCH-2: date (YYYYMMDD), source, target, code, issues, ids, url,
     * story source; dyad appends its event id. */
    char date[9] = "";
    if (ev->date && strlen(ev->date) == 10) {
      memcpy(date, ev->date, 4);
      memcpy(date + 4, ev->date + 5, 2);
      memcpy(date + 6, ev->date + 8, 2);
      date[8] = '\0';
    }
    dyad__buf_puts(&b, date);
    dyad__buf_putc(&b, '\t');
    put_tsv(&b, ev->source);
    dyad__buf_putc(&b, '\t');
    put_tsv(&b, ev->target);
    dyad__buf_putc(&b, '\t');
    put_tsv(&b, ev->code);
    dyad__buf_putc(&b, '\t');
    put_tsv(&b, ev->issues);
    dyad__buf_putc(&b, '\t');
    put_tsv(&b, ev->article_id);
    dyad__buf_printf(&b, "-%u\t", ev->sentence);
    put_tsv(&b, doc ? dyad_doc_field(doc, "url") : "");
    dyad__buf_putc(&b, '\t');
    put_tsv(&b, doc ? dyad_doc_field(doc, "source") : "");
    dyad__buf_putc(&b, '\t');
    put_tsv(&b, ev->event_id);
    dyad__buf_putc(&b, '\n');
  } else {
    const char *vals[sizeof csv_cols / sizeof *csv_cols];
    char sent[16], quad[8];
    snprintf(sent, sizeof sent, "%u", ev->sentence);
    snprintf(quad, sizeof quad, "%d", ev->quad_class);
    snprintf(num, sizeof num, "%.1f", ev->goldstein);
    const char *v[] = {ev->event_id, ev->article_id, sent, ev->date, ev->source,
                       ev->target, ev->code, ev->root, quad, num, ev->plover,
                       flags, ev->speaker ? ev->speaker : "", ev->source_text,
                       ev->verb, ev->target_text, ev->issues ? ev->issues : "",
                       ev->text};
    memcpy(vals, v, sizeof vals);
    for (size_t i = 0; i < sizeof vals / sizeof *vals; i++) {
      if (i) dyad__buf_putc(&b, ',');
      put_csv(&b, vals[i]);
    }
    dyad__buf_putc(&b, '\n');
  }
  int bad = !b.data || write(b.data, b.len, user);
  dyad__buf_free(&b);
  return bad ? DYAD_EIO : DYAD_OK;
}
