/*
 * load.c -- the public loaders: files, PETR_config.ini-style configs, the
 * default set, and kind guessing.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dict/build.h"
#include "util/buf.h"
#include "util/limits.h"

#define MAX_DICT_FILE DYAD_DICT_MAX_FILE_BYTES

static const char *const kind_names[] = {"auto",   "actors", "agents", "verbs",
                                         "discards", "issues", "config", "cache"};

const char *dyad_dict_kind_name(dyad_dict_kind kind) {
  return (unsigned)kind < sizeof kind_names / sizeof *kind_names ? kind_names[kind] : "?";
}

static void report(const dyad_dict_options *o, dyad_severity sev, const char *file, long line,
                   const char *msg) {
  if (!o || !o->diag) return;
  dyad_diag dg = {sev, file, line, 0, NULL, msg};
  o->diag(&dg, o->diag_user);
}

static int contains_ci(const char *hay, const char *needle) {
  size_t n = strlen(needle);
  for (; *hay; hay++) {
    size_t i = 0;
    while (i < n && hay[i] && ((unsigned char)hay[i] | 0x20) == (unsigned char)needle[i]) i++;
    if (i == n) return 1;
  }
  return 0;
}

extern const char dyad__dict_cache_magic[8];

dyad_dict_kind dyad_dict_kind_guess(const char *path) {
  const char *base = strrchr(path, '/');
  base = base ? base + 1 : path;
  char head[4096];
  size_t n = 0;
  FILE *fp = fopen(path, "rb");
  if (fp) {
    n = fread(head, 1, sizeof head - 1, fp);
    fclose(fp);
  }
  head[n] = '\0';
  if (n >= 8 && !memcmp(head, dyad__dict_cache_magic, 8)) return DYAD_DICT_CACHE;
  size_t bl = strlen(base);
  if (bl > 4 && !strcmp(base + bl - 4, ".ini")) return DYAD_DICT_CONFIG;
  if (contains_ci(base, "verb") || contains_ci(base, "cameo")) return DYAD_DICT_VERBS;
  if (contains_ci(base, "actor")) return DYAD_DICT_ACTORS;
  if (contains_ci(base, "agent")) return DYAD_DICT_AGENTS;
  if (contains_ci(base, "discard")) return DYAD_DICT_DISCARDS;
  if (contains_ci(base, "issue")) return DYAD_DICT_ISSUES;
  /* By content. */
  if (strstr(head, "[Dictionaries]")) return DYAD_DICT_CONFIG;
  if (strstr(head, "\n---") || strstr(head, "\n&")) return DYAD_DICT_VERBS;
  if (strstr(head, "<ISSUE") || strstr(head, "\nn:")) return DYAD_DICT_ISSUES;
  if (strstr(head, "[~") || strstr(head, "~]")) return DYAD_DICT_AGENTS;
  if (strchr(head, '[')) return DYAD_DICT_ACTORS;
  return DYAD_DICT_DISCARDS;
}

/* Reads a whole file; *data is malloc'ed (NUL-terminated). */
static dyad_status slurp(const char *path, const dyad_dict_options *o, char **data, size_t *len) {
  FILE *fp = fopen(path, "rb");
  char msg[512];
  if (!fp) {
    snprintf(msg, sizeof msg, "cannot open dictionary: %s", strerror(errno));
    report(o, DYAD_DIAG_ERROR, path, 0, msg);
    return errno == ENOENT ? DYAD_ENOTFOUND : DYAD_EIO;
  }
  dyad__buf b = {0};
  char tmp[65536];
  size_t n;
  int err = 0;
  while ((n = fread(tmp, 1, sizeof tmp, fp)) > 0) {
    if (b.len + n > MAX_DICT_FILE) {
      snprintf(msg, sizeof msg, "dictionary larger than %u MiB; refused", MAX_DICT_FILE >> 20);
      report(o, DYAD_DIAG_ERROR, path, 0, msg);
      err = DYAD_ELIMIT;
      break;
    }
    if (dyad__buf_append(&b, tmp, n)) {
      err = DYAD_ENOMEM;
      break;
    }
  }
  if (!err && ferror(fp)) {
    snprintf(msg, sizeof msg, "read error: %s", strerror(errno));
    report(o, DYAD_DIAG_ERROR, path, 0, msg);
    err = DYAD_EIO;
  }
  fclose(fp);
  if (err) {
    dyad__buf_free(&b);
    return (dyad_status)err;
  }
  if (dyad__buf_append(&b, "", 0)) {
    dyad__buf_free(&b);
    return DYAD_ENOMEM;
  }
  *data = b.data;
  *len = b.len;
  return DYAD_OK;
}

static dyad_status read_file(dyad_dict *d, const dyad_dict_options *o, const char *path,
                             dyad_dict_kind kind, int depth);

/* A config: the [Dictionaries] section of a PETR_config.ini.  Values are
 * paths relative to the config's directory; actorfile_list is a comma
 * separated list.  Calls fn for every file named, with the path as written;
 * stops at the first non-OK status fn returns. */
dyad_status dyad__dict_config_parse(const dyad_dict_options *o, const char *name, const char *data,
                                    size_t len, size_t *warnings,
                                    dyad_status (*fn)(dyad_dict_kind kind, const char *path,
                                                      size_t plen, const char *key, long line,
                                                      void *user),
                                    void *user) {
  static const struct {
    const char *key;
    dyad_dict_kind kind;
  } keys[] = {{"verbfile_name", DYAD_DICT_VERBS},       {"actorfile_list", DYAD_DICT_ACTORS},
              {"agentfile_name", DYAD_DICT_AGENTS},     {"discardfile_name", DYAD_DICT_DISCARDS},
              {"issuefile_name", DYAD_DICT_ISSUES},     {"actorfile_name", DYAD_DICT_ACTORS}};
  dyad__lines L = {data, data + len, 0};
  const char *s, *e;
  int in_dict = 0, found = 0;
  char msg[600];
  while (dyad__lines_next(&L, &s, &e)) {
    while (s < e && (*s == ' ' || *s == '\t')) s++;
    if (s == e || *s == '#' || *s == ';') continue;
    if (*s == '[') {
      in_dict = (size_t)(e - s) >= 14 && !memcmp(s, "[Dictionaries]", 14);
      continue;
    }
    if (!in_dict) continue;
    const char *eq = memchr(s, '=', (size_t)(e - s));
    if (!eq) eq = memchr(s, ':', (size_t)(e - s));
    if (!eq) {
      snprintf(msg, sizeof msg, "line is not 'key = value': '%.*s'", (int)(e - s), s);
      report(o, DYAD_DIAG_WARNING, name, L.line, msg);
      (*warnings)++;
      continue;
    }
    const char *ke = eq;
    while (ke > s && (ke[-1] == ' ' || ke[-1] == '\t')) ke--;
    dyad_dict_kind kind = DYAD_DICT_AUTO;
    const char *key = NULL;
    for (size_t k = 0; k < sizeof keys / sizeof *keys; k++)
      if (strlen(keys[k].key) == (size_t)(ke - s) && !memcmp(keys[k].key, s, (size_t)(ke - s))) {
        kind = keys[k].kind;
        key = keys[k].key;
      }
    if (kind == DYAD_DICT_AUTO) {
      snprintf(msg, sizeof msg, "unknown key '%.*s' in [Dictionaries] ignored", (int)(ke - s), s);
      report(o, DYAD_DIAG_WARNING, name, L.line, msg);
      (*warnings)++;
      continue;
    }
    for (const char *v = eq + 1; v < e;) {
      while (v < e && (*v == ' ' || *v == '\t' || *v == ',')) v++;
      const char *vb = v;
      while (v < e && *v != ',') v++;
      const char *ve = v;
      while (ve > vb && (ve[-1] == ' ' || ve[-1] == '\t')) ve--;
      if (ve == vb) continue;
      dyad_status st = fn(kind, vb, (size_t)(ve - vb), key, L.line, user);
      if (st != DYAD_OK) return st;
      found++;
    }
  }
  if (!found) {
    report(o, DYAD_DIAG_ERROR, name, 0,
           "no dictionary named (a [Dictionaries] section with verbfile_name, actorfile_list, "
           "agentfile_name, discardfile_name or issuefile_name is expected)");
    return DYAD_EFORMAT;
  }
  return DYAD_OK;
}

typedef struct {
  dyad_dict *d;
  const dyad_dict_options *o;
  const char *path;
  int depth;
} config_ctx;

static dyad_status config_file(dyad_dict_kind kind, const char *p, size_t plen, const char *key,
                               long line, void *user) {
  config_ctx *c = user;
  const char *slash = strrchr(c->path, '/');
  size_t dirlen = slash ? (size_t)(slash - c->path + 1) : 0;
  char full[4096], msg[600];
  int r = *p == '/' ? snprintf(full, sizeof full, "%.*s", (int)plen, p)
                    : snprintf(full, sizeof full, "%.*s%.*s", (int)dirlen, c->path, (int)plen, p);
  if (r < 0 || (size_t)r >= sizeof full) return DYAD_ELIMIT;
  dyad_status st = read_file(c->d, c->o, full, kind, c->depth + 1);
  if (st != DYAD_OK) {
    snprintf(msg, sizeof msg, "named here (%s): %s", key, dyad_strerror(st));
    report(c->o, DYAD_DIAG_NOTE, c->path, line, msg);
  }
  return st;
}

static dyad_status read_config(dyad_dict *d, const dyad_dict_options *o, const char *path,
                               const char *data, size_t len, int depth) {
  if (depth > 4) {
    report(o, DYAD_DIAG_ERROR, path, 0, "configs include each other too deeply");
    return DYAD_ELIMIT;
  }
  config_ctx c = {d, o, path, depth};
  return dyad__dict_config_parse(o, path, data, len, &d->warnings, config_file, &c);
}

static dyad_status read_file(dyad_dict *d, const dyad_dict_options *o, const char *path,
                             dyad_dict_kind kind, int depth) {
  if (kind == DYAD_DICT_AUTO) kind = dyad_dict_kind_guess(path);
  if (kind == DYAD_DICT_CACHE) {
    report(o, DYAD_DIAG_ERROR, path, 0, "a compiled cache cannot be combined with other files");
    return DYAD_EINVAL;
  }
  char *data;
  size_t len;
  dyad_status st = slurp(path, o, &data, &len);
  if (st != DYAD_OK) return st;
  if (kind == DYAD_DICT_CONFIG) st = read_config(d, o, path, data, len, depth);
  else st = dyad__dict_read(d, kind, path, data, len);
  free(data);
  return st;
}

dyad_status dyad_dict_load_files(const dyad_dict_file *files, size_t n,
                                 const dyad_dict_options *opts, dyad_dict **out) {
  *out = NULL;
  if (n == 1) {
    dyad_dict_kind k = files[0].kind ? files[0].kind : dyad_dict_kind_guess(files[0].path);
    if (k == DYAD_DICT_CACHE) return dyad_dict_load_cache(files[0].path, opts, out);
  }
  dyad_dict *d;
  dyad_status st = dyad__dict_builder_new(opts, &d);
  if (st != DYAD_OK) return st;
  for (size_t i = 0; i < n && st == DYAD_OK; i++)
    st = read_file(d, opts, files[i].path, files[i].kind, 0);
  if (st == DYAD_OK) st = dyad__dict_finish(d);
  if (st != DYAD_OK) {
    dyad_dict_free(d);
    return st;
  }
  *out = d;
  return DYAD_OK;
}

dyad_status dyad_dict_load_config(const char *path, const dyad_dict_options *opts,
                                  dyad_dict **out) {
  dyad_dict_file f = {path, DYAD_DICT_CONFIG};
  return dyad_dict_load_files(&f, 1, opts, out);
}

dyad_status dyad_dict_load_memory(dyad_dict_kind kind, const char *name, const char *data,
                                  size_t len, const dyad_dict_options *opts, dyad_dict **out) {
  *out = NULL;
  if (kind == DYAD_DICT_AUTO || kind == DYAD_DICT_CACHE) return DYAD_EINVAL;
  dyad_dict *d;
  dyad_status st = dyad__dict_builder_new(opts, &d);
  if (st != DYAD_OK) return st;
  if (kind == DYAD_DICT_CONFIG) {
    /* Paths in a config held in memory are relative to the current
     * directory. */
    char *copy = malloc(len + 1);
    if (!copy) st = DYAD_ENOMEM;
    else {
      if (len) memcpy(copy, data, len);
      copy[len] = '\0';
      st = read_config(d, opts, name, copy, len, 0);
      free(copy);
    }
  } else {
    st = dyad__dict_read(d, kind, name, data, len);
  }
  if (st == DYAD_OK) st = dyad__dict_finish(d);
  if (st != DYAD_OK) {
    dyad_dict_free(d);
    return st;
  }
  *out = d;
  return DYAD_OK;
}

dyad_status dyad_dict_load_default(const dyad_dict_options *opts, dyad_dict **out) {
  char path[4096];
  *out = NULL;
  if (dyad_data_path("dict/dyad.ini", path, sizeof path) != DYAD_OK) {
    report(opts, DYAD_DIAG_ERROR, "dict/dyad.ini", 0,
           "default dictionaries not found (looked in $DYAD_DATA, <executable>/../data and the "
           "source tree's data/); name them with --config or --dict");
    return DYAD_ENOTFOUND;
  }
  return dyad_dict_load_config(path, opts, out);
}
