/*
 * fuzz_coder.c -- the event coder on arbitrary dependency trees: CoNLL-U
 * bytes (any heads, relations, tags, cycles, out-of-range heads), coded
 * with a small built-in dictionary.  The coder must never crash, loop or
 * leak, whatever tree a parser or an input file hands it.
 */
#include <stdint.h>

#include "dict/dict.h"
#include "fuzz_reader.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char verbs[] =
    "&ARMS\n+WEAPONS\n+ROCKETS\n\n"
    "--- MEET [040:040] ---\nMEET {MEETS MET MEETING}\n- % * [040]\n\n"
    "--- ATTACK [190] ---\nATTACK\nSHELL\n- * (WITH &ARMS) [195]\n- + * (FROM $) [190]\n\n"
    "--- PLEDGE [030] ---\nPLEDGE\n\n--- SAY [010] ---\nSAY {SAYS SAID SAYING}\n\n"
    "~ a (b . ATTACK) SAY = a b 112\n";
static const char actors[] =
    "RUSSIA_ [RUS]\n+RUSSIAN_\nTURKEY_ [TUR]\nSYRIA_ [SYR]\nIRAN_ [IRN]\n"
    "HAKAN_FIDAN_\n\t[TURSPY 20100525-20230603]\n\t[TURGOV >20230604]\n";
static const char agents[] =
    "GOVERNMENT [~GOV]\nTROOP [~MIL]\nREBEL [~REB]\nCOMPANY [~BUS]\nOFFICIAL [~GOV]\n";

/* Two coders: the defaults with every filtered flag kept, and PETRARCH's
 * require_dyad = False (lone events); the input's last byte picks one. */
static dyad_coder *coders[2], *coder;

/* The dictionary is built once from the three texts above with the
 * readers' internal builder (one dictionary from several kinds in memory). */
static void setup(void) {
  static dyad_dict *d;
  if (coders[0]) return;
  dyad_dict_options o = {fuzz_ignore, NULL, 0};
  if (dyad__dict_builder_new(&o, &d)) return;
  if (dyad__dict_read(d, DYAD_DICT_VERBS, "verbs", verbs, sizeof verbs - 1) ||
      dyad__dict_read(d, DYAD_DICT_ACTORS, "actors", actors, sizeof actors - 1) ||
      dyad__dict_read(d, DYAD_DICT_AGENTS, "agents", agents, sizeof agents - 1) ||
      dyad__dict_finish(d)) {
    dyad_dict_free(d);
    d = NULL;
    return;
  }
  dyad_coder_options co = {0};
  co.include = DYAD_EVENT_NEGATED | DYAD_EVENT_HYPOTHETICAL | DYAD_EVENT_HISTORICAL;
  if (dyad_coder_new(d, NULL, &co, &coders[0])) return;
  co.lone_events = 1;
  co.include |= DYAD_EVENT_SELF;
  if (dyad_coder_new(d, NULL, &co, &coders[1])) coders[1] = coders[0];
}

static void code_one(dyad_doc *doc) {
  dyad_text_segment(doc, NULL);
  const dyad_event *ev;
  size_t n;
  if (dyad_code_doc(coder, doc, &ev, &n) == DYAD_OK)
    for (size_t i = 0; i < n; i++) dyad_event_write(&ev[i], doc, DYAD_OUTPUT_JSONL, fuzz_discard, NULL);
  dyad_code_explain(coder, doc, fuzz_discard, NULL);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  setup();
  if (!coders[0]) return 0;
  coder = coders[size ? data[size - 1] & 1 : 0];
  return fuzz_reader_each(data, size, DYAD_FORMAT_CONLLU, 1 << 16, code_one);
}
