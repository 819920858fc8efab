/*
 * dyad.h -- the one public header of libdyad, a political event coder.
 *
 * Data flow (each stage is a folder under src/):
 *
 *   reader (io/) --> dyad_doc --> text/ --> tag/ + parse/ --> code/ --> events
 *   JSONL, text,     article      NFC,      UPOS, XPOS,       dict/ actors,
 *   XML, CoNLL-U     fields       sentences lemma, heads      verbs, patterns
 *
 * Conventions, stated once:
 *  - Every public symbol starts with dyad_; handles are opaque.
 *  - Every dyad_*_new / dyad_*_open / dyad_*_load has a dyad_*_free that
 *    accepts NULL.  Strings returned by accessors are owned by the handle they
 *    came from and live as long as it does.
 *  - Functions that can fail return a dyad_status; the library never prints
 *    and never exits: details go to the dyad_diag_fn the caller installed.
 *  - Offsets are byte offsets into the article text exactly as it was read
 *    (before any normalization), half-open [start, end).
 *  - Models and dictionaries are immutable once loaded and may be shared by
 *    any number of threads; a dyad_doc belongs to one thread at a time.
 */
#ifndef DYAD_H
#define DYAD_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#if defined(DYAD_BUILDING_LIBRARY) && defined(__GNUC__)
#define DYAD_API __attribute__((visibility("default")))
#else
#define DYAD_API
#endif

#define DYAD_VERSION "0.1.0"
DYAD_API const char *dyad_version(void);

/* ------------------------------------------------------------------------ */
/* Status codes                                                              */
/* ------------------------------------------------------------------------ */

/* One list, expanded into the enum and into dyad_strerror()'s table. */
#define DYAD_STATUS_MAP(X)                                                   \
  X(OK, 0, "success")                                                        \
  X(END, 1, "end of input")                                                  \
  X(REJECT, 2, "record rejected (reported through the diagnostic callback)") \
  X(ENOMEM, -1, "out of memory")                                             \
  X(EIO, -2, "input/output error")                                           \
  X(EINVAL, -3, "invalid argument")                                          \
  X(EFORMAT, -4, "malformed input")                                          \
  X(ELIMIT, -5, "a documented limit was exceeded")                           \
  X(EVERSION, -6, "unsupported file version")                                \
  X(ECORRUPT, -7, "corrupt or truncated file")                               \
  X(ENOTFOUND, -8, "not found")                                              \
  X(EUNSUPPORTED, -9, "not supported")

typedef enum {
#define DYAD__STATUS_ENUM(name, value, text) DYAD_##name = value,
  DYAD_STATUS_MAP(DYAD__STATUS_ENUM)
#undef DYAD__STATUS_ENUM
} dyad_status;

DYAD_API const char *dyad_strerror(dyad_status status);

/* ------------------------------------------------------------------------ */
/* Diagnostics                                                               */
/* ------------------------------------------------------------------------ */

typedef enum {
  DYAD_DIAG_NOTE = 0,
  DYAD_DIAG_WARNING = 1, /* something odd; the record or entry was kept */
  DYAD_DIAG_ERROR = 2    /* the record or entry was skipped */
} dyad_severity;

typedef struct dyad_diag {
  dyad_severity severity;
  const char *file;   /* file name, "<stdin>", or NULL */
  long line;          /* 1-based line, 0 if unknown */
  long column;        /* 1-based column, 0 if unknown */
  const char *record; /* record id (article id, sentence id), or NULL */
  const char *message;
} dyad_diag;

/* Called for every diagnostic; `diag` and its strings are valid only during
 * the call.  A NULL callback discards diagnostics. */
typedef void (*dyad_diag_fn)(const dyad_diag *diag, void *user);

/* Formats a diagnostic as one line "file:line:col: severity: [record] msg"
 * into buf (always NUL-terminated); returns the length it wanted. */
DYAD_API size_t dyad_diag_format(const dyad_diag *diag, char *buf, size_t size);

/* ------------------------------------------------------------------------ */
/* Documents: one article, its sentences and tokens                         */
/* ------------------------------------------------------------------------ */

typedef struct dyad_doc dyad_doc;

/* Output sink: called with each piece of output; non-zero means failure. */
typedef int (*dyad_write_fn)(const char *data, size_t len, void *user);

/* Sentence kinds.  Only DYAD_SENT_TEXT is coded by default (see
 * dyad_coder_options.code_all_units). */
typedef enum {
  DYAD_SENT_TEXT = 0,     /* ordinary sentence */
  DYAD_SENT_HEADLINE = 1, /* title or headline line without final stop */
  DYAD_SENT_DATELINE = 2, /* "MOSCOW (Reuters) -" */
  DYAD_SENT_CAPTION = 3,  /* photo caption or credit line "Name / Agency" */
  DYAD_SENT_OTHER = 4     /* byline, table row, other non-sentence */
} dyad_sentence_kind;

DYAD_API const char *dyad_sentence_kind_name(dyad_sentence_kind kind);

/* A syntactic word.  All strings are NUL-terminated and owned by the doc;
 * strings that are unknown are "_" (CoNLL-U convention), never NULL. */
typedef struct dyad_token {
  uint32_t start, end;  /* byte span in the original article text */
  const char *form;     /* normalized (NFC, canonical quotes and dashes) */
  const char *fold;     /* form folded to lower-case ASCII ("erdogan") */
  const char *lemma;
  const char *upos;
  const char *xpos;
  const char *feats;
  const char *deprel;
  const char *misc;     /* extra MISC fields read from input, or "_" */
  int32_t head;         /* 0 = root, 1-based index of the head, -1 = none */
  uint16_t mwt;         /* >1: first word of a multiword token of mwt words */
  uint8_t space_after;  /* 1 if whitespace follows in the original text */
  uint8_t reserved;
} dyad_token;

typedef struct dyad_sentence {
  uint32_t start, end;  /* byte span in the original article text */
  const char *id;       /* sent_id: given by the input, or "<doc>-<n>" */
  const char *text;     /* the sentence text, normalized, on one line */
  dyad_token *tokens;   /* ntokens words */
  uint32_t ntokens;
  uint32_t paragraph;   /* 0-based paragraph index */
  dyad_sentence_kind kind;
  const char *given_parse; /* parse text the input carried (XML <Parse>), or NULL */
} dyad_sentence;

/* Article fields.  The well-known ones are also available by name. */
DYAD_API const char *dyad_doc_id(const dyad_doc *doc);
DYAD_API const char *dyad_doc_date(const dyad_doc *doc); /* YYYY-MM-DD or "" */
DYAD_API const char *dyad_doc_field(const dyad_doc *doc, const char *name);
DYAD_API const char *dyad_doc_text(const dyad_doc *doc, size_t *len);
/* Fields of the input record dyad does not interpret, as a compact JSON
 * object ("{}" when there are none); passed through to outputs. */
DYAD_API const char *dyad_doc_extra_json(const dyad_doc *doc);
DYAD_API size_t dyad_doc_sentence_count(const dyad_doc *doc);
DYAD_API const dyad_sentence *dyad_doc_sentence(const dyad_doc *doc, size_t i);
/* 1 if the sentences and tokens came with the input (CoNLL-U, or PETRARCH
 * XML whose every <Parse> is CoNLL-U), 0 if the text layer has to produce
 * them (it then tokenizes only the sentences whose tokens are NULL). */
DYAD_API int dyad_doc_pretokenized(const dyad_doc *doc);
/* Number of invalid UTF-8 sequences replaced by U+FFFD in this doc. */
DYAD_API size_t dyad_doc_invalid_utf8(const dyad_doc *doc);
DYAD_API void dyad_doc_free(dyad_doc *doc);

/* Makes a document from plain fields (copies everything).  `date` may be
 * NULL or "".  Used by `dyad explain` and by library callers. */
DYAD_API dyad_status dyad_doc_new(const char *id, const char *date,
                                  const char *text, size_t len,
                                  dyad_doc **out);
/* A new doc with the article fields, text and pass-through fields of doc
 * but no sentences (to re-tokenize input that came pre-tokenized). */
DYAD_API dyad_status dyad_doc_copy_fields(const dyad_doc *doc, dyad_doc **out);

/* ------------------------------------------------------------------------ */
/* Readers (src/io/)                                                         */
/* ------------------------------------------------------------------------ */

typedef enum {
  DYAD_FORMAT_AUTO = 0, /* by file extension; stdin defaults to JSONL */
  DYAD_FORMAT_JSONL,
  DYAD_FORMAT_TEXT,
  DYAD_FORMAT_XML, /* PETRARCH <Sentences>/<Articles> */
  DYAD_FORMAT_CONLLU
} dyad_input_format;

/* "jsonl", "text", "xml", "conllu" -> format; DYAD_FORMAT_AUTO if unknown. */
DYAD_API dyad_input_format dyad_input_format_parse(const char *name);
DYAD_API dyad_input_format dyad_input_format_guess(const char *path);

typedef struct dyad_reader_options {
  dyad_input_format format;
  const char *text_id;     /* plain text: article id (default: file name) */
  const char *text_date;   /* plain text: article date */
  const char *text_source; /* plain text: article source */
  size_t max_record_bytes; /* 0: the default limit (8 MiB, src/util/limits.h) */
  dyad_diag_fn diag;
  void *diag_user;
  /* When set, the bytes of every rejected record are passed here untouched
   * (possibly in several calls for a record larger than the limit, which is
   * streamed through rather than held in memory). */
  int (*reject)(const char *data, size_t len, void *user);
  void *reject_user;
} dyad_reader_options;

typedef struct dyad_reader dyad_reader;

/* path NULL or "-" reads stdin.  Memory is bounded by the largest record. */
DYAD_API dyad_status dyad_reader_open(const char *path,
                                      const dyad_reader_options *opts,
                                      dyad_reader **out);
/* Reads from memory instead (the bytes must outlive the reader); `name`
 * appears in messages.  The format must be given or is guessed from name. */
DYAD_API dyad_status dyad_reader_open_memory(const char *data, size_t len,
                                             const char *name,
                                             const dyad_reader_options *opts,
                                             dyad_reader **out);
/* Returns DYAD_OK with a new doc (caller frees it), DYAD_END at the end, or
 * DYAD_REJECT when a record was skipped (already reported to the diagnostic
 * callback and passed to the reject sink).  Any other status is a fatal
 * error of the stream (I/O). */
DYAD_API dyad_status dyad_reader_next(dyad_reader *r, dyad_doc **out);
/* Records read so far (accepted + rejected) and rejected. */
DYAD_API size_t dyad_reader_records(const dyad_reader *r);
DYAD_API size_t dyad_reader_rejected(const dyad_reader *r);
DYAD_API void dyad_reader_free(dyad_reader *r);
/* PETRARCH XML: a setting of the input's <Environment> block ("Verbfile",
 * "Actorfile", "Agentfile", "Discardfile", "Include", ...; a <Config
 * option="x" value="v"/> is "Config:x"), or NULL when absent or when the
 * reader is not reading XML.  The block precedes the records, so it is
 * known once dyad_reader_next() has returned the first record. */
DYAD_API const char *dyad_reader_environment(const dyad_reader *r, const char *key);

/* ------------------------------------------------------------------------ */
/* Text layer (src/text/)                                                    */
/* ------------------------------------------------------------------------ */

typedef struct dyad_text_options {
  dyad_diag_fn diag;
  void *diag_user;
} dyad_text_options;

/* Splits the doc's text into paragraphs, sentences and tokens (unless the
 * doc came pre-tokenized), marks non-sentences (datelines, captions), and
 * fills every token's normalized form and ASCII fold.  Calling it twice is
 * harmless.  opts may be NULL. */
DYAD_API dyad_status dyad_text_segment(dyad_doc *doc, const dyad_text_options *opts);

/* Evaluation against gold CoNLL-U, aligned on characters as the CoNLL 2018
 * shared task evaluation (conll18_ud_eval.py) does: the system doc must
 * have been made from the gold doc's text (the same bytes), so spans can
 * be compared directly.  Metrics: Tokens and Sentences (span F1), Words
 * (multiword tokens aligned word by word on their forms), then, on aligned
 * words, UPOS, XPOS, Lemmas, UAS and LAS (LAS compares the universal
 * relation, without subtype). */
typedef struct dyad_eval dyad_eval;

typedef struct dyad_eval_metric {
  const char *name;  /* "Tokens", "Sentences", "Words", "UPOS", ... */
  size_t gold;       /* units in the gold docs */
  size_t system;     /* units in the system docs */
  size_t correct;    /* matched; precision = correct/system, recall = correct/gold */
  int present;       /* 0 if the system never produced this annotation */
} dyad_eval_metric;

DYAD_API dyad_status dyad_eval_new(dyad_eval **out);
DYAD_API void dyad_eval_free(dyad_eval *ev);
/* Adds one document pair to the counts (neither doc is modified). */
DYAD_API dyad_status dyad_eval_add(dyad_eval *ev, const dyad_doc *gold,
                                   const dyad_doc *sys);
DYAD_API size_t dyad_eval_metric_count(const dyad_eval *ev);
DYAD_API const dyad_eval_metric *dyad_eval_metric_get(const dyad_eval *ev, size_t i);
/* The word alignment behind dyad_eval_add(): for the i-th word of gold (in
 * document order, over all sentences) gold_to_sys[i] is the index of the
 * aligned system word (document order) or -1.  ngold must be the number of
 * gold words.  For callers that score their own annotations. */
DYAD_API dyad_status dyad_eval_align_words(const dyad_doc *gold, const dyad_doc *sys,
                                           long *gold_to_sys, size_t ngold);

/* ------------------------------------------------------------------------ */
/* Models: tagger, lemmatizer, parser (src/model/, src/tag/, src/parse/)     */
/* ------------------------------------------------------------------------ */

/* One trained model file holds the tagger (UPOS and XPOS), the lemmatizer
 * and the dependency parser.  A loaded model is immutable: any number of
 * threads may annotate with it at once. */
typedef struct dyad_model dyad_model;

/* File name of the model shipped in models/. */
#define DYAD_DEFAULT_MODEL "dyad-en-ewt.model"

/* Maps the file (mmap).  A wrong magic, truncated or damaged file gives
 * DYAD_ECORRUPT, a newer format DYAD_EVERSION, each with a diagnostic
 * naming the file; a missing one DYAD_ENOTFOUND. */
DYAD_API dyad_status dyad_model_load(const char *path, dyad_diag_fn diag,
                                     void *diag_user, dyad_model **out);
/* Same checks on bytes in memory (copied; the buffer may be freed after). */
DYAD_API dyad_status dyad_model_load_memory(const void *data, size_t len,
                                            dyad_diag_fn diag, void *diag_user,
                                            dyad_model **out);
DYAD_API void dyad_model_free(dyad_model *model);
/* Training provenance, "key=value" lines. */
DYAD_API const char *dyad_model_info(const dyad_model *model);
/* The default model: $DYAD_MODEL if set, else <executable dir>/../models/,
 * else <source tree>/models/ (DYAD_DEFAULT_MODEL in those directories).
 * DYAD_ENOTFOUND if none is readable. */
DYAD_API dyad_status dyad_model_default_path(char *buf, size_t size);

typedef struct dyad_annotate_options {
  dyad_diag_fn diag;
  void *diag_user;
  int beam;                 /* parser beam width: 0 = the model's default,
                               1 = greedy (fastest), N = N items */
  /* Optional, one byte per sentence: annotate sentence i only if only[i]
   * is non-zero (the others keep their tokens untagged).  NULL: all.  See
   * dyad_coder_select. */
  const unsigned char *only;
  /* Optional: called for each sentence after tagging and before parsing,
   * with names[0..ntokens) zeroed; the callee sets names[i] = 1 for each
   * token known to belong to a name (an actor phrase of a dictionary:
   * dyad_coder_names).  A capitalized token so marked that the tagger
   * called a common noun, a verb, an adverb or a function word ("Calenardhon
   * welcomed", "Ethiopia departs") is re-tagged PROPN/NNP (NNPS if it was
   * NNS) before the parser reads it.  names[i] = 2 marks a past-tense verb
   * form right after a name ("Erdogan spoke by phone"): if the tagger
   * called it a noun, an adjective or an adverb, it is re-tagged VERB/VBD.
   * names[i] = 3 marks one elsewhere ("the foreign minister spoke"):
   * re-tagged VERB/VBD from a participle or a noun, but only the first such
   * word, and only in a sentence the tagger left without a finite verb
   * ("investors worried about prices" keeps its reading).  names[i] = 4
   * marks a sentence-final verb of speech in -s after a comma ("...,
   * Reuters reports."): re-tagged VERB/VBZ from a noun; names[i] = 5 a
   * verb in -s right after a name ("before Sarkozy heads to"): re-tagged
   * VERB/VBZ from a plural noun.  A name (1) the second pass tags JJ
   * becomes PROPN/NNP unless it ends like a nationality ("French"). */
  void (*names)(void *user, const dyad_sentence *s, unsigned char *names);
  void *names_user;
  /* Non-zero: a sentence whose every token already carries a UPOS and an
   * XPOS the model knows (CoNLL-U from another tagger, or a treebank) keeps
   * them, and its lemmas unless "_"; only the tree is predicted.  Other
   * sentences are tagged as usual.  `dyad parse --keep-tags`,
   * `dyad eval-parse --gold-tags`. */
  int keep_tags;
} dyad_annotate_options;

/* Fills upos, xpos, lemma, head and deprel of every token of every
 * sentence (strings in the doc's arena) and resets feats to "_" (dyad does
 * not predict morphological features).  The doc must have its tokens
 * (dyad_text_segment first).  Sentences longer than DYAD_MAX_SENTENCE_WORDS
 * are parsed in pieces whose roots are joined, with a warning.  opts may be
 * NULL. */
DYAD_API dyad_status dyad_annotate(const dyad_model *model, dyad_doc *doc,
                                   const dyad_annotate_options *opts);

typedef struct dyad_train_options {
  const char *train_path;   /* CoNLL-U with gold tags, lemmas and trees */
  const char *dev_path;     /* optional: figures printed while training */
  uint64_t seed;            /* shuffling and exploration; default 1 */
  int tagger_epochs;        /* 0: default */
  int parser_epochs;        /* 0: default */
  size_t max_sentences;     /* 0: all; else the first N (tests) */
  int beam;                 /* parser beam width for training (and the
                               model's default for parsing): 0 = the
                               default (DYAD_TRAIN_BEAM in train.c), 1 =
                               greedy with the dynamic oracle */
  double min_weight;        /* features whose largest averaged weight is
                               below this are left out of the file (size);
                               0: the default, 1.0 */
  double parser_min_weight; /* the same for the greedy transition table;
                               0: the default, 1.5 */
  double beam_min_weight;   /* the same for the beam transition table;
                               0: the default, 2.0 */
  dyad_diag_fn diag;        /* errors in the data, and progress notes */
  void *diag_user;
} dyad_train_options;

/* Trains a model and writes it to out_path.  Deterministic: the same data,
 * options and seed give the same bytes. */
DYAD_API dyad_status dyad_train(const dyad_train_options *opts, const char *out_path);

/* Accuracy against gold annotation, with gold tokenization. */
typedef struct dyad_eval_counts {
  size_t sentences, words;
  size_t upos, xpos, lemma, uas, las; /* correct words */
  size_t las_main;                    /* LAS ignoring label subtypes */
} dyad_eval_counts;

/* Saves the gold columns of doc, annotates it with the model and adds the
 * counts to *acc.  The doc is left with the predicted annotation. */
DYAD_API dyad_status dyad_eval_doc(const dyad_model *model, dyad_doc *doc,
                                   dyad_eval_counts *acc,
                                   const dyad_annotate_options *opts);

/* ------------------------------------------------------------------------ */
/* Output helpers                                                            */
/* ------------------------------------------------------------------------ */

/* CoNLL-U for one document: "# newdoc id", "# sent_id", "# text", tokens with
 * SpaceAfter=No and TokenRange=start:end in MISC.  Calls write(data, len,
 * user) for each piece; returns DYAD_EIO if write returns non-zero. */
DYAD_API dyad_status dyad_doc_write_conllu(const dyad_doc *doc,
                                           dyad_write_fn write, void *user);

/* ------------------------------------------------------------------------ */
/* Dictionaries (src/dict/): TABARI/PETRARCH-2 actors, agents, verbs...     */
/* ------------------------------------------------------------------------ */

/* The dictionaries the coder uses, loaded once and shared read-only by any
 * number of threads.  Formats: docs/dictionaries.md. */
typedef struct dyad_dict dyad_dict;

typedef enum {
  DYAD_DICT_AUTO = 0, /* guess from the file name, then the content */
  DYAD_DICT_ACTORS,
  DYAD_DICT_AGENTS,
  DYAD_DICT_VERBS,    /* PETRARCH-2 (CAMEO.2.0) format */
  DYAD_DICT_DISCARDS,
  DYAD_DICT_ISSUES,
  DYAD_DICT_CONFIG,   /* PETR_config.ini style [Dictionaries] section */
  DYAD_DICT_CACHE     /* a file written by dyad_dict_compile() */
} dyad_dict_kind;

/* "actors", "agents", "verbs", "discards", "issues", "config", "cache". */
DYAD_API const char *dyad_dict_kind_name(dyad_dict_kind kind);
/* Guesses a file's kind from its name, then from its first bytes. */
DYAD_API dyad_dict_kind dyad_dict_kind_guess(const char *path);

typedef struct dyad_dict_options {
  dyad_diag_fn diag;
  void *diag_user;
  /* 1: also run the consistency checks of `dyad dict check` (duplicate
   * phrases with conflicting codes, overlapping date ranges...), which
   * cost time and are not needed for coding. */
  int check;
} dyad_dict_options;

typedef struct dyad_dict_file {
  const char *path;
  dyad_dict_kind kind; /* DYAD_DICT_AUTO: guessed */
} dyad_dict_file;

/* Every loader returns DYAD_OK with a dictionary when the files could be
 * read, even if problems in them were reported (entries with errors are
 * skipped, see dyad_dict_errors()).  A missing or unreadable file, an
 * unsupported format (TABARI verb patterns) or a bad cache is fatal. */
DYAD_API dyad_status dyad_dict_load_config(const char *path,
                                           const dyad_dict_options *opts,
                                           dyad_dict **out);
/* Files of any kinds (configs included); a single DYAD_DICT_CACHE file
 * loads that cache. */
DYAD_API dyad_status dyad_dict_load_files(const dyad_dict_file *files,
                                          size_t n,
                                          const dyad_dict_options *opts,
                                          dyad_dict **out);
/* One file held in memory (the bytes are copied as needed); `name` appears
 * in messages. */
DYAD_API dyad_status dyad_dict_load_memory(dyad_dict_kind kind,
                                           const char *name, const char *data,
                                           size_t len,
                                           const dyad_dict_options *opts,
                                           dyad_dict **out);
/* The default set: dict/dyad.ini under the data directory (see
 * dyad_data_path()). */
DYAD_API dyad_status dyad_dict_load_default(const dyad_dict_options *opts,
                                            dyad_dict **out);
/* A compiled cache: magic, version, checksum, then the dictionary's arrays
 * (layout in src/dict/cache.c), mapped read-only. */
DYAD_API dyad_status dyad_dict_load_cache(const char *path,
                                          const dyad_dict_options *opts,
                                          dyad_dict **out);
DYAD_API dyad_status dyad_dict_compile(const dyad_dict *dict, const char *path);
DYAD_API void dyad_dict_free(dyad_dict *dict);

/* Problems reported while loading: errors (entry skipped), warnings. */
DYAD_API size_t dyad_dict_errors(const dyad_dict *dict);
DYAD_API size_t dyad_dict_warnings(const dyad_dict *dict);

/* Writes, for a phrase ("Sergei Shoigu") and a date ("2023-04-25", or NULL
 * for none), every matching entry, one per line:
 *   KIND<TAB>PHRASE<TAB>CODE<TAB>FILE:LINE[<TAB>detail]
 * where CODE is the code that applies on the date. */
DYAD_API dyad_status dyad_dict_lookup(const dyad_dict *dict,
                                      const char *phrase, const char *date,
                                      dyad_write_fn write, void *user);
/* The longest actor phrase starting at token i of a sentence: returns its
 * length in tokens (0 if none) and sets *code (if not NULL) to the actor's
 * code on `date` (YYYY-MM-DD or NULL), NULL for the null code.  Tokens are
 * compared by their fold (made from the form if the token has none). */
DYAD_API size_t dyad_dict_match_actor(const dyad_dict *dict,
                                      const dyad_sentence *s, size_t i,
                                      const char *date, const char **code);
/* Writes counts per file and kind, as a table. */
DYAD_API dyad_status dyad_dict_stats(const dyad_dict *dict,
                                     dyad_write_fn write, void *user);

/* ------------------------------------------------------------------------ */
/* CAMEO event code table (data/cameo/codes.tsv)                             */
/* ------------------------------------------------------------------------ */

/* UTF-8 TSV, header "code<TAB>name<TAB>goldstein<TAB>quad_class<TAB>plover",
 * one row per CAMEO event code ("043<TAB>Host a visit<TAB>2.8<TAB>1<TAB>
 * CONSULT").  Immutable once loaded. */
typedef struct dyad_cameo dyad_cameo;

typedef struct dyad_cameo_code {
  const char *code;     /* "043" */
  const char *root;     /* its two-digit root, "04" */
  const char *name;     /* "Host a visit" */
  double goldstein;     /* -10 .. +10 */
  int quad_class;       /* 1 verbal coop., 2 material coop., 3 verbal
                           conflict, 4 material conflict */
  const char *plover;   /* PLOVER category, "" if none */
  long line;            /* line in the file */
} dyad_cameo_code;

/* path NULL: cameo/codes.tsv in the data directory (dyad_data_path).  Bad
 * rows are reported (file:line) and skipped. */
DYAD_API dyad_status dyad_cameo_load(const char *path, dyad_diag_fn diag,
                                     void *diag_user, dyad_cameo **out);
DYAD_API dyad_status dyad_cameo_load_memory(const char *name, const char *data,
                                            size_t len, dyad_diag_fn diag,
                                            void *diag_user, dyad_cameo **out);
/* The row of a code, or NULL if the table does not have it. */
DYAD_API const dyad_cameo_code *dyad_cameo_find(const dyad_cameo *t,
                                                const char *code);
DYAD_API size_t dyad_cameo_count(const dyad_cameo *t);
DYAD_API void dyad_cameo_free(dyad_cameo *t);

/* Reports (warning, file:line) every event code of the verb dictionaries
 * (block, verb and pattern codes, both halves of paired codes) that the
 * table does not define; returns how many. */
DYAD_API size_t dyad_dict_check_codes(const dyad_dict *dict,
                                      const dyad_cameo *codes,
                                      dyad_diag_fn diag, void *diag_user);

/* ------------------------------------------------------------------------ */
/* Data files                                                                */
/* ------------------------------------------------------------------------ */

/* Finds a data file (models, default dictionaries) by its path relative to
 * the data directory ("dict/dyad.ini"): in $DYAD_DATA, then
 * <directory of the executable>/../data/, then the source tree's data/.
 * Writes the first existing path into out; DYAD_ENOTFOUND if none. */
DYAD_API dyad_status dyad_data_path(const char *relative, char *out,
                                    size_t size);

/* ------------------------------------------------------------------------ */
/* Events (src/code/, src/output/)                                           */
/* ------------------------------------------------------------------------ */

/* Event flags: what the text says about the event besides who did what. */
#define DYAD_EVENT_NEGATED (1u << 0)      /* "did not meet", "refused to meet" */
#define DYAD_EVENT_HYPOTHETICAL (1u << 1) /* "could meet", "if they meet" */
#define DYAD_EVENT_FUTURE (1u << 2)       /* "will meet", "plans to meet" */
#define DYAD_EVENT_REPORTED (1u << 3)     /* "A said B attacked C" */
#define DYAD_EVENT_HISTORICAL (1u << 4)   /* "in 2015", "since 2011" */
#define DYAD_EVENT_SELF (1u << 5)         /* one side is the other's own country:
                                           * "President Aquino said the
                                           * Philippines was monitoring" */

/* One coded event.  Strings are owned by the doc the event came from and
 * live as long as it does; offsets are byte spans of the article text
 * (start == end when the part has no text, e.g. an implied source).  The
 * JSONL output gives them as character (code point) spans, "offsets", and
 * as byte spans, "byte_offsets". */
typedef struct dyad_event {
  const char *event_id;   /* 16 hex digits, stable across runs */
  const char *article_id;
  uint32_t sentence;      /* 0-based index in the article */
  const char *date;       /* YYYY-MM-DD (the article date) or "" */
  const char *source, *target;           /* full actor codes */
  const char *source_text, *target_text; /* the words that named them */
  const char *code;       /* CAMEO event code, e.g. "043" */
  const char *root;       /* CAMEO root, e.g. "04" */
  int quad_class;         /* 1-4, 0 if the code is not in the code table */
  double goldstein;
  const char *plover;     /* PLOVER event type or "" */
  const char *verb;       /* the verb as written */
  const char *matched;    /* JSON object: "verb", "source", "target" -> "file:line" */
  unsigned flags;         /* DYAD_EVENT_* */
  const char *speaker;    /* actor code of the speaker of reported events, or NULL */
  uint32_t source_start, source_end, verb_start, verb_end, target_start, target_end;
  /* the same spans in characters (Unicode code points) */
  uint32_t source_cstart, source_cend, verb_cstart, verb_cend, target_cstart, target_cend;
  const char *text;       /* the sentence */
  const char *issues;     /* issue codes joined by ';', or "" */
} dyad_event;

/* The coder: dictionaries + code table + options; immutable, shareable. */
typedef struct dyad_coder dyad_coder;

typedef struct dyad_coder_options {
  /* Events flagged negated, hypothetical or historical are dropped unless
   * their flag is in `include` (DYAD_EVENT_* bits).  Future and reported
   * events are always kept. */
  unsigned include;
  /* PETRARCH-2 behaviour: a negated event becomes its CAMEO 12x "reject"
   * code (see docs/coding.md for the mapping) instead of being dropped. */
  int petrarch_negation;
  /* PETRARCH-2 behaviour: the act an appeal or demand (CAMEO 02x, 10x)
   * asks for in an infinitive clause ("urged B to respond to C") is part
   * of the request's event, not an event of its own (flagged
   * hypothetical) as dyad otherwise codes it.  `dyad validate` sets it. */
  int petrarch_requests;
  /* PETRARCH's require_dyad = False: a coded verb with a source but no
   * target (or the reverse) still gives an event, the missing side "---"
   * with no text ("..., the official news agency said" after a clause
   * that coded its own event: ---GOV --- 010).  PETRARCH's documentation
   * warns it yields "a very large number of nonsense events"; `dyad
   * validate` sets it for the records whose <Config> asks for it. */
  int lone_events;
  /* PETRARCH-2's passive agents: "in" introduces the agent of a passive
   * verb as "by" and "from" do ("was shot dead in Osgiliath" = Osgiliath
   * shoots), as Petrarch2.tex documents.  dyad otherwise takes "in" for
   * the place, never the doer; `dyad validate` sets it. */
  int petrarch_passive;
  unsigned max_events; /* per sentence; 0: 64, as TABARI */
  /* Code headline, dateline and caption units too (default: only text). */
  int code_all_units;
} dyad_coder_options;

/* dict and codes must outlive the coder; codes may be NULL (events then
 * carry quad_class 0 and no names). */
DYAD_API dyad_status dyad_coder_new(const dyad_dict *dict, const dyad_cameo *codes,
                                    const dyad_coder_options *opts, dyad_coder **out);
DYAD_API void dyad_coder_free(dyad_coder *coder);
/* Codes every sentence of a tagged and parsed doc.  The events belong to
 * the doc (freed with it); *events may be NULL when *n is 0. */
DYAD_API dyad_status dyad_code_doc(const dyad_coder *coder, dyad_doc *doc,
                                   const dyad_event **events, size_t *n);
/* Marks the sentences of a segmented doc (tokens and folds, no tags or
 * trees needed) that can yield an event: need[i] = 1 if sentence i is coded
 * at all (see code_all_units) and holds either a discard phrase or actor
 * or agent phrases starting at two or more token positions; 0 otherwise.
 * An event needs a source and a target with different codes, each from a
 * phrase of its own sentence, so the others cannot yield one, and
 * dyad_code_doc skips them whether or not they are parsed.  need has
 * dyad_doc_sentence_count(doc) bytes.  Returns the number marked.  Used to
 * tag and parse only what the coder will read
 * (dyad_annotate_options.only). */
DYAD_API size_t dyad_coder_select(const dyad_coder *coder, const dyad_doc *doc,
                                  unsigned char *need);
/* Marks names[i] = 1 for every token of sentence s inside an actor phrase
 * of the coder's dictionaries (longest match; agents are not names), and
 * names[i] = 2 for a lower-case word right after such a phrase that is a
 * past form of a dictionary verb (not its base form, nor one in -s or
 * -ing: "Erdogan spoke", "Putin met"); 3 for such a word elsewhere ("the
 * minister spoke"); 4 for a sentence-final verb of speech in -s after a
 * comma ("..., Reuters reports."); 5 for a verb in -s after a name that
 * opens the sentence or a clause ("before Sarkozy heads to Beijing").  The signature fits
 * dyad_annotate_options.names, with the coder as user. */
DYAD_API void dyad_coder_names(void *coder, const dyad_sentence *s, unsigned char *names);
/* The same, writing a readable trace of every decision (actors found,
 * verbs, patterns tried, flags, events) to `write`. */
DYAD_API dyad_status dyad_code_explain(const dyad_coder *coder, dyad_doc *doc,
                                       dyad_write_fn write, void *user);

typedef enum {
  DYAD_OUTPUT_JSONL = 0,
  DYAD_OUTPUT_TSV,  /* PETRARCH-2 column order, no header */
  DYAD_OUTPUT_CSV   /* RFC 4180, with a header line */
} dyad_output_format;

/* Writes one event (one line; CSV's header comes from
 * dyad_event_write_header).  `doc` gives the pass-through article fields. */
DYAD_API dyad_status dyad_event_write(const dyad_event *ev, const dyad_doc *doc,
                                      dyad_output_format fmt,
                                      dyad_write_fn write, void *user);
DYAD_API dyad_status dyad_event_write_header(dyad_output_format fmt,
                                             dyad_write_fn write, void *user);
/* "negated,reported" into buf; returns buf. */
DYAD_API const char *dyad_event_flags_string(unsigned flags, char *buf, size_t size);
/* Parses "negated,hypothetical,..." into DYAD_EVENT_* bits; DYAD_EINVAL on
 * an unknown name. */
DYAD_API dyad_status dyad_event_flags_parse(const char *list, unsigned *flags);

#ifdef __cplusplus
}
#endif
#endif /* DYAD_H */
