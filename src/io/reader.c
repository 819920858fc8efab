#include "io/reader.h"

#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "util/limits.h"

#define INPUT_CHUNK (64u * 1024u)

dyad_input_format dyad_input_format_parse(const char *name) {
  if (!name) return DYAD_FORMAT_AUTO;
  if (!strcmp(name, "jsonl") || !strcmp(name, "json")) return DYAD_FORMAT_JSONL;
  if (!strcmp(name, "text") || !strcmp(name, "txt")) return DYAD_FORMAT_TEXT;
  if (!strcmp(name, "xml") || !strcmp(name, "petrarch")) return DYAD_FORMAT_XML;
  if (!strcmp(name, "conllu") || !strcmp(name, "conll")) return DYAD_FORMAT_CONLLU;
  return DYAD_FORMAT_AUTO;
}

dyad_input_format dyad_input_format_guess(const char *path) {
  if (!path || !strcmp(path, "-")) return DYAD_FORMAT_JSONL;
  const char *dot = strrchr(path, '.');
  const char *slash = strrchr(path, '/');
  if (!dot || (slash && dot < slash)) return DYAD_FORMAT_TEXT;
  dyad_input_format f = dyad_input_format_parse(dot + 1);
  if (!strcmp(dot, ".ndjson")) f = DYAD_FORMAT_JSONL;
  return f == DYAD_FORMAT_AUTO ? DYAD_FORMAT_TEXT : f;
}

static const dyad__reader_ops *ops_for(dyad_input_format f) {
  switch (f) {
    case DYAD_FORMAT_JSONL: return &dyad__jsonl_ops;
    case DYAD_FORMAT_TEXT: return &dyad__text_ops;
    case DYAD_FORMAT_XML: return &dyad__xml_ops;
    case DYAD_FORMAT_CONLLU: return &dyad__conllu_ops;
    case DYAD_FORMAT_AUTO: break;
  }
  return NULL;
}

void dyad__reader_diag(dyad_reader *r, dyad_severity sev, long line,
                       const char *record, const char *fmt, ...) {
  if (!r->opts.diag) return;
  char msg[512];
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(msg, sizeof msg, fmt, ap);
  va_end(ap);
  dyad_diag d = {sev, r->name, line, 0, record, msg};
  r->opts.diag(&d, r->opts.diag_user);
}

void dyad__reader_reject(dyad_reader *r, const char *data, size_t len) {
  if (r->opts.reject && len) r->opts.reject(data, len, r->opts.reject_user);
}

static dyad_status open_common(const char *path, const char *mem, size_t mem_len,
                               const dyad_reader_options *opts, dyad_reader **out) {
  *out = NULL;
  dyad_reader *r = calloc(1, sizeof *r);
  if (!r) return DYAD_ENOMEM;
  if (opts) r->opts = *opts;
  r->max_record = r->opts.max_record_bytes ? r->opts.max_record_bytes
                                           : DYAD_MAX_RECORD_BYTES;
  int is_stdin = !mem && (!path || !strcmp(path, "-"));
  dyad_input_format f = r->opts.format;
  if (f == DYAD_FORMAT_AUTO) f = dyad_input_format_guess(is_stdin ? NULL : path);
  r->ops = ops_for(f);
  r->name = strdup(is_stdin ? "<stdin>" : path);
  r->ibuf = malloc(INPUT_CHUNK);
  if (!r->name || !r->ibuf) {
    dyad_reader_free(r);
    return DYAD_ENOMEM;
  }
  if (mem) {
    r->mem = mem;
    r->mem_len = mem_len;
  } else if (is_stdin) {
    r->fp = stdin;
  } else {
    r->fp = fopen(path, "rb");
    if (!r->fp) {
      dyad__reader_diag(r, DYAD_DIAG_ERROR, 0, NULL, "cannot open: %s",
                        strerror(errno));
      dyad_reader_free(r);
      return DYAD_EIO;
    }
    r->own_fp = 1;
  }
  dyad_status st = r->ops->init ? r->ops->init(r) : DYAD_OK;
  if (st != DYAD_OK) {
    dyad_reader_free(r);
    return st;
  }
  *out = r;
  return DYAD_OK;
}

dyad_status dyad_reader_next(dyad_reader *r, dyad_doc **out) {
  *out = NULL;
  dyad_status st = r->ops->next(r, out);
  if (st == DYAD_OK || st == DYAD_REJECT) r->records++;
  if (st == DYAD_REJECT) r->rejected++;
  return st;
}

dyad_status dyad_reader_open(const char *path, const dyad_reader_options *opts,
                             dyad_reader **out) {
  return open_common(path, NULL, 0, opts, out);
}

dyad_status dyad_reader_open_memory(const char *data, size_t len, const char *name,
                                    const dyad_reader_options *opts,
                                    dyad_reader **out) {
  return open_common(name ? name : "<memory>", data ? data : "", data ? len : 0,
                     opts, out);
}

size_t dyad_reader_records(const dyad_reader *r) { return r->records; }
size_t dyad_reader_rejected(const dyad_reader *r) { return r->rejected; }

void dyad_reader_free(dyad_reader *r) {
  if (!r) return;
  if (r->ops && r->ops->free_state) r->ops->free_state(r);
  if (r->own_fp && r->fp) fclose(r->fp);
  free(r->name);
  free(r->ibuf);
  dyad__buf_free(&r->rec);
  free(r);
}

/* Refills the input buffer; returns 0 at EOF or error. */
static int fill(dyad_reader *r) {
  if (r->eof) return 0;
  r->ipos = 0;
  if (r->mem) {
    size_t n = r->mem_len - r->mem_pos;
    if (n > INPUT_CHUNK) n = INPUT_CHUNK;
    memcpy(r->ibuf, r->mem + r->mem_pos, n);
    r->mem_pos += n;
    r->ilen = n;
    if (!n) r->eof = 1;
    return n > 0;
  }
  r->ilen = fread(r->ibuf, 1, INPUT_CHUNK, r->fp);
  if (r->ilen == 0) {
    r->eof = 1;
    if (ferror(r->fp)) r->ioerr = 1;
    return 0;
  }
  return 1;
}

int dyad__reader_getline(dyad_reader *r, int append, int stream_reject) {
  if (!append) dyad__buf_clear(&r->rec);
  size_t start_len = r->rec.len;
  int got = 0, too_long = 0;
  for (;;) {
    if (r->ipos == r->ilen && !fill(r)) break;
    got = 1;
    char *p = r->ibuf + r->ipos;
    size_t avail = r->ilen - r->ipos;
    char *nl = memchr(p, '\n', avail);
    size_t take = nl ? (size_t)(nl - p) : avail;
    if (!too_long && r->rec.len + take > r->max_record) {
      too_long = 1;
      if (stream_reject) dyad__reader_reject(r, r->rec.data ? r->rec.data : "", r->rec.len);
      dyad__buf_clear(&r->rec);
    }
    if (too_long) {
      if (stream_reject) dyad__reader_reject(r, p, take);
    } else if (dyad__buf_append(&r->rec, p, take)) {
      too_long = 1; /* out of memory for this line: treat as over the limit */
      dyad__buf_clear(&r->rec);
    }
    r->ipos += take;
    if (nl) {
      r->ipos++;
      break;
    }
  }
  if (r->ioerr) return DYAD__LINE_IO;
  if (!got) return DYAD__LINE_EOF;
  r->line++;
  if (too_long) {
    if (stream_reject) dyad__reader_reject(r, "\n", 1);
    return DYAD__LINE_TOO_LONG;
  }
  (void)start_len;
  return DYAD__LINE_OK;
}

int dyad__reader_slurp(dyad_reader *r) {
  dyad__buf_clear(&r->rec);
  int too_long = 0;
  for (;;) {
    if (r->ipos == r->ilen && !fill(r)) break;
    char *p = r->ibuf + r->ipos;
    size_t avail = r->ilen - r->ipos;
    if (!too_long && r->rec.len + avail > r->max_record) {
      too_long = 1;
      dyad__reader_reject(r, r->rec.data ? r->rec.data : "", r->rec.len);
    }
    if (too_long) dyad__reader_reject(r, p, avail);
    else if (dyad__buf_append(&r->rec, p, avail)) return DYAD__LINE_IO;
    r->ipos += avail;
  }
  if (r->ioerr) return DYAD__LINE_IO;
  if (!r->rec.data) dyad__buf_append(&r->rec, "", 0);
  return too_long ? DYAD__LINE_TOO_LONG : DYAD__LINE_OK;
}

int dyad__reader_chunk(dyad_reader *r, const char **data, size_t *len) {
  *data = NULL;
  *len = 0;
  if (r->ipos == r->ilen && !fill(r)) return r->ioerr ? DYAD__LINE_IO : DYAD__LINE_EOF;
  *data = r->ibuf + r->ipos;
  *len = r->ilen - r->ipos;
  r->ipos = r->ilen;
  return DYAD__LINE_OK;
}

static int digits(const char *s, int n, int *v) {
  *v = 0;
  for (int i = 0; i < n; i++) {
    if (s[i] < '0' || s[i] > '9') return 0;
    *v = *v * 10 + (s[i] - '0');
  }
  return 1;
}

const char *dyad__parse_date(const char *s, size_t len, char out[11]) {
  int y, m, d;
  size_t rest;
  if (len >= 10 && s[4] == '-' && s[7] == '-') {
    if (!digits(s, 4, &y) || !digits(s + 5, 2, &m) || !digits(s + 8, 2, &d))
      return "date is not YYYY-MM-DD";
    rest = 10;
  } else if (len == 8) {
    if (!digits(s, 4, &y) || !digits(s + 4, 2, &m) || !digits(s + 6, 2, &d))
      return "date is not YYYYMMDD";
    rest = 8;
  } else {
    return "date is not YYYY-MM-DD (or YYYYMMDD, or ISO 8601)";
  }
  if (m < 1 || m > 12) return "impossible date: month out of range";
  static const int mdays[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
  if (d < 1 || d > mdays[m - 1] || (m == 2 && d == 29 && !leap))
    return "impossible date: day out of range for the month";
  if (y < 1000) return "impossible date: year before 1000";
  if (rest < len) {
    /* Time part of ISO 8601: Thh:mm[:ss[.fff]][Z|(+|-)hh[:]mm] */
    const char *t = s + rest;
    size_t n = len - rest;
    int hh, mm, ss = 0;
    if (n < 6 || (t[0] != 'T' && t[0] != ' ') || !digits(t + 1, 2, &hh) ||
        t[3] != ':' || !digits(t + 4, 2, &mm))
      return "date has a malformed time part (expected Thh:mm)";
    size_t i = 6;
    if (i < n && t[i] == ':') {
      if (n < i + 3 || !digits(t + i + 1, 2, &ss)) return "date has malformed seconds";
      i += 3;
      if (i < n && t[i] == '.') {
        i++;
        while (i < n && t[i] >= '0' && t[i] <= '9') i++;
      }
    }
    if (hh > 23 || mm > 59 || ss > 60) return "impossible time of day";
    if (i < n && t[i] == 'Z') i++;
    else if (i < n && (t[i] == '+' || t[i] == '-')) {
      int oh, om;
      if (n >= i + 6 && t[i + 3] == ':' && digits(t + i + 1, 2, &oh) &&
          digits(t + i + 4, 2, &om))
        i += 6;
      else if (n >= i + 5 && digits(t + i + 1, 2, &oh) && digits(t + i + 3, 2, &om))
        i += 5;
      else
        return "date has a malformed time zone";
    }
    if (i != n) return "date has trailing characters";
  }
  /* y, m and d were range-checked above: 4 + 1 + 2 + 1 + 2 digits. */
  out[0] = (char)('0' + y / 1000 % 10);
  out[1] = (char)('0' + y / 100 % 10);
  out[2] = (char)('0' + y / 10 % 10);
  out[3] = (char)('0' + y % 10);
  out[4] = '-';
  out[5] = (char)('0' + m / 10);
  out[6] = (char)('0' + m % 10);
  out[7] = '-';
  out[8] = (char)('0' + d / 10);
  out[9] = (char)('0' + d % 10);
  out[10] = '\0';
  return NULL;
}
