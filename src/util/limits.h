/*
 * limits.h -- every hard limit of dyad in one place, each with its reason.
 * Reaching a limit is always reported (an error for the record, or a
 * reported split); nothing is ever truncated silently.
 */
#ifndef DYAD_LIMITS_H
#define DYAD_LIMITS_H

/* Largest input record (a JSONL line, an XML <Sentence>/<Article>, a plain
 * text file, a CoNLL-U document).  The longest story in Reuters-21578 is
 * 13 kB and long-form wire features stay under 100 kB; 8 MiB leaves two
 * orders of magnitude while bounding memory per record.  Overridable with
 * --max-record. */
#define DYAD_MAX_RECORD_BYTES (8u * 1024u * 1024u)

/* Longest token kept whole, in bytes.  Longer runs without a break (base64
 * blobs, long URLs) are split into pieces of this size and reported. */
#define DYAD_MAX_TOKEN_BYTES 256u

/* Longest sentence in words.  EWT's longest sentence has 159 words and
 * Reuters' longest run-on table row about 400; longer sentences are split
 * at this length (reported), which keeps the parser's quadratic features
 * bounded. */
#define DYAD_MAX_SENTENCE_WORDS 512u

/* Size of one arena chunk; a document of the Reuters corpus needs about
 * 2-3 chunks.  Larger requests get a chunk of their own. */
#define DYAD_ARENA_CHUNK (64u * 1024u)

/* Dictionaries (src/dict/).  Longest phrase in words: the longest Phoenix
 * actor phrase has 14 words, the longest CAMEO.2.0 pattern 9 elements;
 * 64 leaves room and keeps per-phrase arrays on the stack.  Longer phrases
 * are reported and skipped. */
#define DYAD_DICT_MAX_WORDS 64u

/* Longest word of a dictionary phrase in bytes (after folding), like
 * DYAD_MAX_TOKEN_BYTES: a longer word could never equal a token.  Reported
 * and the phrase skipped. */
#define DYAD_DICT_MAX_WORD_BYTES 256u

/* Most phrases one issue line may expand to: "n:bachelor n:degree" makes
 * 4, the largest Phoenix line 8; 64 bounds a line like "n:a n:b n:c ..."
 * that would otherwise explode combinatorially.  Reported, line skipped. */
#define DYAD_DICT_MAX_FORMS 64u

/* Elements of one verb pattern or group: CAMEO.2.0 uses at most 9.  A
 * longer pattern is reported and skipped. */
#define DYAD_DICT_MAX_PATTERN_ELEMS 32u

/* Substitution sets per agent file and items per set: Phoenix has 2 sets
 * of at most 5 items.  More sets is an error, more items a warning (the
 * rest ignored, reported). */
#define DYAD_DICT_MAX_SUBST_SETS 64u
#define DYAD_DICT_MAX_SUBST_ITEMS 32u

/* Largest dictionary file: Phoenix.Countries.actors.txt is 1.5 MB; 256 MiB
 * refuses a wrong file (a corpus, a device) before memory runs out. */
#define DYAD_DICT_MAX_FILE_BYTES (256u * 1024u * 1024u)

/* Files in one dictionary set: provenance keeps the file as 16 bits in
 * each entry (8 bytes saved per entry of the 46,000 of Phoenix). */
#define DYAD_DICT_MAX_FILES 65535u

/* Distinct labels of one kind (UPOS, XPOS, dependency relations) in a
 * model.  UD English has 17 UPOS, 49 XPOS and 51 relations; the parser
 * keeps a label in a byte per word, and the tagger's score buffers are
 * sized by this.  A treebank with more is refused by `dyad train`. */
#define DYAD_MAX_LABELS 255u

/* Widest parser beam (dyad_annotate_options.beam, --beam, the model's
 * meta "beam=N"): a beam keeps this many parser states per sentence. */
#define DYAD_MAX_BEAM 64u

#endif
