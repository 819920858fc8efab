#!/bin/bash
# The coder repairs parser mistakes UD forbids (docs/coding.md, section 2).
# tests/fixtures/coder/repairs.conllu holds such parses, of the kind dyad's
# parser gave for PETRARCH unit records:
#  1. "Turkey will abandon improved relations with Syria", the participle
#     read as a predicate (xcomp) with "relations" as its object.  Such a
#     participle takes no object: "relations" is the object of "abandon",
#     so "* {IMPROVED RELATIONS} [161]" matches (SYNSET_22d).
#  2. "Turkey expressed hopes on Thursday that Syria would be drawn into
#     talks", the "that" clause read as a relative clause of "Thursday".  A
#     day is completed by no "that" clause: the clause belongs to
#     "expressed", and its subject is the target of "* HOPES [013]"
#     (DEMO_12).
#  3. "Russia, the Iran, and Turkey condemned Syria, the agency said", the
#     verb read as a conjunct of "Russia" with "Turkey" as its own subject:
#     the three names are one list, the subject of "condemned" (COMPOUND_12).
dyad=$1
ev=$("$dyad" code --quiet --format tsv --config tests/fixtures/coder/coder.ini \
     tests/fixtures/coder/repairs.conllu 2>/dev/null | cut -f2-4 | tr '\t' ' ' | tr '\n' ';')
echo "events: $ev"
want="TUR SYR 161;TUR SYR 013;RUS SYR 111;IRN SYR 111;TUR SYR 111;"
[ "$ev" = "$want" ] || { echo "FAIL: expected '$want'"; exit 1; }
echo "ok"
