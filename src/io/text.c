/*
 * text.c -- plain text: one article per file.
 *
 * The whole file is the article text, bytes as they are (the text layer
 * finds paragraphs, datelines and sentences).  The article fields come from
 * the reader options: id (default: the file name without its directory, the
 * extension kept, so "a.txt" and "a.md" stay distinct), date (checked when
 * the reader opens: a bad --date is the caller's mistake, not the file's)
 * and source.
 *
 * Invalid UTF-8 and NUL bytes are replaced by U+FFFD and counted, because a
 * NUL would cut every C string made from the text and a stray Latin-1 byte
 * should not cost the whole article.
 */
#include <stdlib.h>
#include <string.h>

#include "core/doc.h"
#include "io/reader.h"
#include "util/utf8.h"

typedef struct {
  int done;
  char date[11];
  dyad__buf clean;
} text_state;

static dyad_status text_init(dyad_reader *r) {
  text_state *st = calloc(1, sizeof *st);
  if (!st) return DYAD_ENOMEM;
  r->state = st;
  const char *d = r->opts.text_date;
  if (d && *d) {
    const char *why = dyad__parse_date(d, strlen(d), st->date);
    if (why) {
      dyad__reader_diag(r, DYAD_DIAG_ERROR, 0, NULL, "invalid --date '%.40s': %s", d,
                        why);
      return DYAD_EINVAL;
    }
  }
  return DYAD_OK;
}

static void text_free(dyad_reader *r) {
  text_state *st = r->state;
  if (!st) return;
  dyad__buf_free(&st->clean);
  free(st);
}

static int is_blank(const char *s, size_t n) {
  for (size_t i = 0; i < n; i++)
    if (s[i] != ' ' && s[i] != '\t' && s[i] != '\r' && s[i] != '\n' && s[i] != '\f')
      return 0;
  return 1;
}

/* Sanitized copy of s in out with NULs replaced too; returns the number of
 * replacements or (size_t)-1 when out of memory. */
static size_t clean_text(const char *s, size_t n, dyad__buf *out) {
  static const char fffd[] = "\xEF\xBF\xBD";
  size_t bad = 0, i = 0;
  while (i < n) {
    const char *z = memchr(s + i, '\0', n - i);
    size_t m = z ? (size_t)(z - (s + i)) : n - i;
    size_t b = dyad__utf8_sanitize(s + i, m, out);
    if (b == (size_t)-1) return b;
    bad += b;
    i += m;
    if (z) {
      if (dyad__buf_append(out, fffd, 3)) return (size_t)-1;
      bad++;
      i++;
    }
  }
  if (!out->data && dyad__buf_append(out, "", 0)) return (size_t)-1;
  return bad;
}

static const char *base_name(const char *path) {
  const char *slash = strrchr(path, '/');
  return slash ? slash + 1 : path;
}

static dyad_status text_next(dyad_reader *r, dyad_doc **out) {
  text_state *st = r->state;
  if (st->done) return DYAD_END;
  st->done = 1;
  const char *id = r->opts.text_id && *r->opts.text_id ? r->opts.text_id
                   : !strcmp(r->name, "<stdin>")       ? "stdin"
                                                       : base_name(r->name);
  int got = dyad__reader_slurp(r);
  if (got == DYAD__LINE_IO) {
    dyad__reader_diag(r, DYAD_DIAG_ERROR, 0, id, "%s", "read error");
    return DYAD_EIO;
  }
  if (got == DYAD__LINE_TOO_LONG) {
    dyad__reader_diag(r, DYAD_DIAG_ERROR, 0, id,
                      "file longer than the record limit of %zu bytes (--max-record); "
                      "article skipped",
                      r->max_record);
    return DYAD_REJECT;
  }
  if (is_blank(r->rec.data, r->rec.len)) {
    dyad__reader_diag(r, DYAD_DIAG_ERROR, 0, id, "%s",
                      r->rec.len ? "file holds only whitespace; article skipped"
                                 : "empty file; article skipped");
    dyad__reader_reject(r, r->rec.data, r->rec.len);
    return DYAD_REJECT;
  }
  /* Count the lines so that later messages about this input make sense. */
  for (size_t i = 0; i < r->rec.len; i++) r->line += r->rec.data[i] == '\n';
  dyad__buf_clear(&st->clean);
  size_t bad = clean_text(r->rec.data, r->rec.len, &st->clean);
  if (bad == (size_t)-1) return DYAD_ENOMEM;
  dyad_doc *doc = dyad__doc_create();
  if (!doc) return DYAD_ENOMEM;
  const char *src = r->opts.text_source ? r->opts.text_source : "";
  if (dyad__doc_set(doc, "id", id, strlen(id)) ||
      dyad__doc_set(doc, "text", st->clean.data, st->clean.len) ||
      dyad__doc_set(doc, "source", src, strlen(src)) ||
      (st->date[0] && dyad__doc_set(doc, "date", st->date, 10))) {
    dyad_doc_free(doc);
    return DYAD_ENOMEM;
  }
  doc->invalid_utf8 = bad;
  if (bad)
    dyad__reader_diag(r, DYAD_DIAG_WARNING, 0, id,
                      "%zu invalid UTF-8 sequence(s) or NUL byte(s) replaced by U+FFFD",
                      bad);
  *out = doc;
  return DYAD_OK;
}

const dyad__reader_ops dyad__text_ops = {"text", text_init, text_next, text_free};
