#include "coding.h"

#include <stdlib.h>
#include <string.h>

const char coding_help[] =
    "Coding options:\n"
    "  --codes FILE       CAMEO code table (default: data/cameo/codes.tsv)\n"
    "  --model FILE       tagger/parser model (default: models/, $DYAD_MODEL)\n"
    "  --beam N           parser beam width (default 1, greedy; wider beams\n"
    "                     parse EWT better but code the PETRARCH unit records\n"
    "                     no better, at half the speed; docs/coding.md)\n"
    "  --parse given|own  use the parse the input carries, or dyad's own\n"
    "                     (default: given when every sentence has one)\n"
    "  --include LIST     also output events flagged negated, hypothetical,\n"
    "                     historical, self (comma-separated subset)\n"
    "  --petrarch-negation  negated events become CAMEO 12x refusals, as\n"
    "                     PETRARCH-2 codes them\n"
    "  --petrarch-requests  the act an appeal or demand asks for (\"urged B to\n"
    "                     respond\") is part of the request's event, as\n"
    "                     PETRARCH-2 codes it (validate's default;\n"
    "                     --no-petrarch-requests codes it apart, flagged)\n"
    "  --petrarch-passive  \"in\" introduces the agent of a passive verb, as\n"
    "                     \"by\" and \"from\" do (PETRARCH-2's rule: \"was shot in\n"
    "                     Gaza\" = Gaza shoots; validate's default;\n"
    "                     --no-petrarch-passive keeps \"in\" a place)\n"
    "  --lone-events      a coded verb with a source or a target alone still\n"
    "                     gives an event, the other side \"---\" (PETRARCH's\n"
    "                     require_dyad = False; validate sets it for records\n"
    "                     whose <Config> asks for it)\n"
    "  --max-events N     events per sentence at most (default 64)\n"
    "  --all-units        also code headlines, datelines and captions\n"
    "  --parse-all        tag and parse every sentence; by default dyad's own\n"
    "                     parser skips those that cannot yield an event (no\n"
    "                     discard phrase, actor or agent phrases at fewer than\n"
    "                     two words); the events are the same either way\n";

void coding_print_help(const char *command_help) {
  fputs(command_help, stdout);
  fputs(cli_dict_help, stdout);
  fputs(coding_help, stdout);
}

void coding_include_all_by_default(coding_setup *cs) {
  if (!cs->include_given)
    cs->copts.include =
        DYAD_EVENT_NEGATED | DYAD_EVENT_HYPOTHETICAL | DYAD_EVENT_HISTORICAL | DYAD_EVENT_SELF;
}

int coding_option(coding_setup *cs, int argc, char **argv, int *i) {
  const char *a = argv[*i], *v = NULL;
  int r = cli_dict_option(&cs->dicts, argc, argv, i);
  if (r) return r;
  if ((r = cli_opt(a, "--codes", argc, argv, i, &v))) { cs->codes_path = v; return r; }
  if ((r = cli_opt(a, "--model", argc, argv, i, &v))) { cs->model_path = v; return r; }
  if ((r = cli_beam_opt("code", argc, argv, i, &cs->beam))) return r < 0 ? -1 : 1;
  if ((r = cli_opt(a, "--parse", argc, argv, i, &v))) {
    if (r < 0) return -1;
    if (!strcmp(v, "given")) cs->parse = PARSE_GIVEN;
    else if (!strcmp(v, "own")) cs->parse = PARSE_OWN;
    else {
      fprintf(stderr, "dyad: --parse takes 'given' or 'own'\n");
      return -1;
    }
    return 1;
  }
  if ((r = cli_opt(a, "--include", argc, argv, i, &v))) {
    if (r < 0) return -1;
    unsigned f;
    if (dyad_event_flags_parse(v, &f) != DYAD_OK ||
        (f & ~(unsigned)(DYAD_EVENT_NEGATED | DYAD_EVENT_HYPOTHETICAL | DYAD_EVENT_HISTORICAL |
                         DYAD_EVENT_SELF))) {
      fprintf(stderr, "dyad: --include takes a list of negated, hypothetical, historical, self\n");
      return -1;
    }
    cs->copts.include = f;
    cs->include_given = 1;
    return 1;
  }
  /* switches: the option sets one int to a value */
  const struct {
    const char *name;
    int *field;
    int value;
  } flags[] = {{"--petrarch-requests", &cs->copts.petrarch_requests, 1},
               {"--no-petrarch-requests", &cs->copts.petrarch_requests, 0},
               {"--petrarch-passive", &cs->copts.petrarch_passive, 1},
               {"--no-petrarch-passive", &cs->copts.petrarch_passive, 0},
               {"--lone-events", &cs->copts.lone_events, 1},
               {"--petrarch-negation", &cs->copts.petrarch_negation, 1},
               {"--parse-all", &cs->parse_all, 1},
               {"--all-units", &cs->copts.code_all_units, 1}};
  for (size_t k = 0; k < sizeof flags / sizeof *flags; k++)
    if (!strcmp(a, flags[k].name)) {
      *flags[k].field = flags[k].value;
      return 1;
    }
  if ((r = cli_opt(a, "--max-events", argc, argv, i, &v))) {
    if (r < 0) return -1;
    int n = atoi(v);
    if (n <= 0) {
      fprintf(stderr, "dyad: --max-events takes a positive number\n");
      return -1;
    }
    cs->copts.max_events = (unsigned)n;
    return 1;
  }
  return 0;
}

int coding_add_dict(coding_setup *cs, const char *dir, const char *path, dyad_dict_kind kind) {
  cli_dict *o = &cs->dicts;
  if (o->nfiles >= sizeof o->files / sizeof *o->files || o->nfiles >= 8) return -1;
  char *buf = cs->env_paths[o->nfiles];
  if (dir && path[0] != '/') snprintf(buf, sizeof cs->env_paths[0], "%s/%s", dir, path);
  else snprintf(buf, sizeof cs->env_paths[0], "%s", path);
  o->files[o->nfiles].path = buf;
  o->files[o->nfiles].kind = kind;
  o->nfiles++;
  return 0;
}

int coding_load(coding_setup *cs) {
  cs->dict = cli_dict_load(&cs->dicts, cs->in, 0);
  if (!cs->dict) return EXIT_FATAL;
  dyad_status st = dyad_cameo_load(cs->codes_path, cli_print_diag, cs->in, &cs->codes);
  if (st != DYAD_OK) {
    fprintf(stderr, "dyad: cannot load the CAMEO code table: %s\n", dyad_strerror(st));
    return EXIT_FATAL;
  }
  st = dyad_coder_new(cs->dict, cs->codes, &cs->copts, &cs->coder);
  if (st != DYAD_OK) {
    fprintf(stderr, "dyad: %s\n", dyad_strerror(st));
    return EXIT_FATAL;
  }
  return EXIT_OK;
}

static int has_parse(const dyad_doc *doc) {
  size_t n = dyad_doc_sentence_count(doc);
  if (!n) return 0;
  for (size_t i = 0; i < n; i++) {
    const dyad_sentence *s = dyad_doc_sentence(doc, i);
    if (!s->tokens) return 0;
    for (uint32_t k = 0; k < s->ntokens; k++)
      if (s->tokens[k].head < 0) return 0;
  }
  return 1;
}

static dyad_status load_model(coding_setup *cs) {
  if (cs->model) return DYAD_OK;
  char path[4096];
  const char *p = cs->model_path;
  if (!p) {
    if (dyad_model_default_path(path, sizeof path) != DYAD_OK) {
      fprintf(stderr, "dyad: no model found (models/%s, $DYAD_MODEL or --model)\n",
              DYAD_DEFAULT_MODEL);
      return DYAD_ENOTFOUND;
    }
    p = path;
  }
  return dyad_model_load(p, cli_print_diag, cs->in, &cs->model);
}

dyad_status coding_run(coding_setup *cs, dyad_doc **docp, const dyad_event **ev,
                       size_t *n, int explain) {
  dyad_doc *doc = *docp;
  *n = 0;
  int given = cs->parse != PARSE_OWN && has_parse(doc);
  if (cs->parse == PARSE_GIVEN && !given) {
    /* Nothing to use: fall back to dyad's own parse, and say so once. */
    static int warned;
    if (!warned++)
      fprintf(stderr, "dyad: note: some input carries no parse; dyad's own parser is used for it\n");
  }
  if (!given) {
    if (dyad_doc_pretokenized(doc)) {
      dyad_doc *fresh = NULL;
      dyad_status s = dyad_doc_copy_fields(doc, &fresh);
      if (s) return s;
      dyad_doc_free(doc);
      *docp = doc = fresh;
    }
    dyad_text_options to = {cli_print_diag, cs->in};
    dyad_status s = dyad_text_segment(doc, &to);
    if (s) return s;
    if ((s = load_model(cs))) return s;
    /* The dictionaries' names guide the tagger (dyad_coder_names). */
    dyad_annotate_options ao = {.diag = cli_print_diag, .diag_user = cs->in,
                                .names = dyad_coder_names, .names_user = cs->coder,
                                .beam = cs->beam ? cs->beam : 1};
    unsigned char *need = NULL;
    if (explain != 1 && !cs->parse_all) {
      /* Tag and parse only what the coder will read. */
      size_t ns = dyad_doc_sentence_count(doc);
      if (!(need = malloc(ns ? ns : 1))) return DYAD_ENOMEM;
      dyad_coder_select(cs->coder, doc, need);
      ao.only = need;
    }
    s = dyad_annotate(cs->model, doc, &ao);
    free(need);
    if (s) return s;
  } else {
    dyad_text_options to = {cli_print_diag, cs->in};
    dyad_status s = dyad_text_segment(doc, &to); /* fills folds */
    if (s) return s;
  }
  if (explain == 2) return DYAD_OK; /* prepared only (dyad code --bench) */
  if (explain) return dyad_code_explain(cs->coder, doc, cli_write_stdout, NULL);
  return dyad_code_doc(cs->coder, doc, ev, n);
}

void coding_free(coding_setup *cs) {
  dyad_coder_free(cs->coder);
  dyad_model_free(cs->model);
  dyad_cameo_free(cs->codes);
  dyad_dict_free(cs->dict);
}
