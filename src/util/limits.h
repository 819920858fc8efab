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

#endif
