/*
 * jsonl.c -- one article per line: {"id", "date", "source", "url", "title",
 * "text", ...}.  Fields dyad does not interpret are kept, in their order, as
 * the doc's extra JSON and passed through to outputs.
 *
 * Invalid UTF-8 is replaced by U+FFFD (and counted) before the line reaches
 * the JSON parser, so one stray byte does not cost a whole article.
 */
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "core/doc.h"
#include "io/reader.h"
#include "util/utf8.h"

typedef struct {
  dyad__buf clean;
} jsonl_state;

static dyad_status jsonl_init(dyad_reader *r) {
  r->state = calloc(1, sizeof(jsonl_state));
  return r->state ? DYAD_OK : DYAD_ENOMEM;
}

static void jsonl_free(dyad_reader *r) {
  jsonl_state *st = r->state;
  if (!st) return;
  dyad__buf_free(&st->clean);
  free(st);
}

static const char *known[] = {"id", "date", "source", "url", "title", "text"};

static int is_blank(const char *s, size_t n) {
  for (size_t i = 0; i < n; i++)
    if (s[i] != ' ' && s[i] != '\t' && s[i] != '\r' && s[i] != '\n') return 0;
  return 1;
}

static dyad_status reject(dyad_reader *r, const char *id, const char *fmt,
                          const char *detail) {
  dyad__reader_diag(r, DYAD_DIAG_ERROR, r->line, id, fmt, detail);
  dyad__reader_reject(r, r->rec.data, r->rec.len);
  dyad__reader_reject(r, "\n", 1);
  return DYAD_REJECT;
}

static dyad_status jsonl_next(dyad_reader *r, dyad_doc **out) {
  jsonl_state *st = r->state;
  for (;;) {
    int got = dyad__reader_getline(r, 0, 1);
    if (got == DYAD__LINE_EOF) return DYAD_END;
    if (got == DYAD__LINE_IO) {
      dyad__reader_diag(r, DYAD_DIAG_ERROR, r->line, NULL, "%s", "read error");
      return DYAD_EIO;
    }
    if (got == DYAD__LINE_TOO_LONG) {
      char lim[32];
      snprintf(lim, sizeof lim, "%zu", r->max_record);
      dyad__reader_diag(r, DYAD_DIAG_ERROR, r->line, NULL,
                        "record longer than the limit of %s bytes (--max-record)", lim);
      return DYAD_REJECT;
    }
    if (!is_blank(r->rec.data, r->rec.len)) break;
  }
  dyad__buf_clear(&st->clean);
  size_t bad = dyad__utf8_sanitize(r->rec.data, r->rec.len, &st->clean);
  if (bad == (size_t)-1) return DYAD_ENOMEM;
  json_error_t err;
  json_t *root = json_loadb(st->clean.data, st->clean.len, JSON_REJECT_DUPLICATES | JSON_ALLOW_NUL, &err);
  if (!root) {
    char msg[300];
    snprintf(msg, sizeof msg, "column %d: %s", err.column, err.text);
    return reject(r, NULL, "malformed JSON: %s", msg);
  }
  if (!json_is_object(root)) {
    json_decref(root);
    return reject(r, NULL, "%s", "record is not a JSON object");
  }
  /* A copy: messages name the record after root is released. */
  char idbuf[128];
  const char *id = NULL;
  json_t *jid = json_object_get(root, "id");
  if (json_is_string(jid)) {
    snprintf(idbuf, sizeof idbuf, "%s", json_string_value(jid));
    id = idbuf;
  } else if (json_is_integer(jid)) {
    snprintf(idbuf, sizeof idbuf, "%lld", (long long)json_integer_value(jid));
    id = idbuf;
  } else if (jid && !json_is_null(jid)) {
    json_decref(root);
    return reject(r, NULL, "%s", "field \"id\" is neither a string nor an integer");
  }
  dyad_status res = DYAD_OK;
  dyad_doc *doc = dyad__doc_create();
  if (!doc) { json_decref(root); return DYAD_ENOMEM; }
  char gen[64];
  if (!id || !*id) {
    snprintf(gen, sizeof gen, "line-%ld", r->line);
    id = gen;
  }
  /* Well-known string fields. */
  for (size_t k = 1; k < sizeof known / sizeof *known; k++) {
    json_t *v = json_object_get(root, known[k]);
    if (!v || json_is_null(v)) continue;
    if (!json_is_string(v)) {
      char m[80];
      snprintf(m, sizeof m, "field \"%s\" is not a string", known[k]);
      dyad_doc_free(doc);
      json_decref(root);
      return reject(r, id, "%s", m);
    }
    const char *s = json_string_value(v);
    size_t n = json_string_length(v);
    if (memchr(s, '\0', n)) {
      dyad_doc_free(doc);
      json_decref(root);
      return reject(r, id, "field \"%s\" contains a NUL character", known[k]);
    }
    if (!strcmp(known[k], "date")) {
      char d[11];
      const char *why = dyad__parse_date(s, n, d);
      if (why) {
        dyad_doc_free(doc);
        json_decref(root);
        return reject(r, id, "%s", why);
      }
      s = d;
      n = 10;
      res = dyad__doc_set(doc, "date", d, 10);
    } else {
      res = dyad__doc_set(doc, known[k], s, n);
    }
    if (res) break;
  }
  json_t *text = json_object_get(root, "text");
  if (res == DYAD_OK && !json_is_string(text)) {
    dyad_doc_free(doc);
    json_decref(root);
    return reject(r, id, "%s", "missing \"text\"");
  }
  if (res == DYAD_OK && is_blank(doc->text, doc->text_len)) {
    dyad_doc_free(doc);
    json_decref(root);
    return reject(r, id, "%s", "empty \"text\"");
  }
  if (res == DYAD_OK) {
    /* The full id (idbuf may hold a shortened copy for messages). */
    const char *full = json_is_string(jid) && *json_string_value(jid) ? json_string_value(jid) : id;
    res = dyad__doc_set(doc, "id", full, strlen(full));
  }
  /* Everything else passes through. */
  json_t *extra = json_object();
  const char *key;
  json_t *val;
  json_object_foreach(root, key, val) {
    int k = 0;
    for (size_t i = 0; i < sizeof known / sizeof *known; i++)
      if (!strcmp(key, known[i])) k = 1;
    if (!k && extra) json_object_set(extra, key, val);
  }
  if (res == DYAD_OK && extra && json_object_size(extra)) {
    char *dump = json_dumps(extra, JSON_COMPACT | JSON_PRESERVE_ORDER);
    res = dump ? dyad__doc_set(doc, "extra", dump, strlen(dump)) : DYAD_ENOMEM;
    free(dump);
  }
  json_decref(extra);
  json_decref(root);
  if (res != DYAD_OK) {
    dyad_doc_free(doc);
    return res;
  }
  doc->invalid_utf8 = bad;
  if (bad)
    dyad__reader_diag(r, DYAD_DIAG_WARNING, r->line, id,
                      "%zu invalid UTF-8 byte(s) replaced by U+FFFD", bad);
  *out = doc;
  return DYAD_OK;
}

const dyad__reader_ops dyad__jsonl_ops = {"jsonl", jsonl_init, jsonl_next, jsonl_free};
