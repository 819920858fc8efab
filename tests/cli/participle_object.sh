#!/bin/bash
# A parse (the kind dyad's parser gave for PETRARCH unit record SYNSET_22d)
# reads the participle of "will abandon improved relations" as a predicate
# (xcomp) with "relations" as its object.  A participle read so takes no
# object: the coder makes "relations" the object of "abandon" and
# "improved" its modifier, so the pattern "* {IMPROVED RELATIONS} [161]"
# matches.
dyad=$1
ev=$("$dyad" code --quiet --format tsv --config tests/fixtures/coder/coder.ini \
     tests/fixtures/coder/participle_object.conllu 2>/dev/null | cut -f2-4 | tr '\t' ' ' | tr '\n' ';')
echo "events: $ev"
[ "$ev" = "TUR SYR 161;" ] || { echo "FAIL: expected 'TUR SYR 161;'"; exit 1; }
echo "ok"
