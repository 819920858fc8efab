#!/bin/bash
# A verb whose form is not in the dictionary is matched by its lemma, but a
# form in -s must be a real -s form of that lemma.  The fixture's parse
# (as another tool might give it) lemmatizes the misspelling "condemnes" to
# "condemn": it must not code, while "condemns" with the same lemma does.
dyad=$1
ev=$("$dyad" code --quiet --format tsv --config tests/fixtures/coder/coder.ini \
     tests/fixtures/coder/verb_forms.conllu 2>/dev/null | cut -f2-4 | tr '\t' ' ' | tr '\n' ';')
echo "events: $ev"
[ "$ev" = "IRN QAT 111;" ] || { echo "FAIL: expected only 'IRN QAT 111;'"; exit 1; }
echo "ok"
