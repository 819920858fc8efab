#!/bin/bash
# Accuracy regression: `dyad eval-parse` on EWT dev (gold tokenization)
# must stay above the minimums in tests/thresholds.txt.  Exit 77 (skipped)
# when the treebank or the model is absent.
dyad=$1
dev=../shared/data/ud/en_ewt-ud-dev.conllu
model=models/dyad-en-ewt.model
if [ ! -r "$dev" ]; then echo "skipped: $dev not found"; exit 77; fi
if [ ! -r "$model" ]; then echo "skipped: $model not found"; exit 77; fi
"$dyad" eval-parse --model "$model" --thresholds tests/thresholds.txt "$dev"
st=$?
[ $st -ne 0 ] && exit $st
# the greedy table, which coding uses by default
"$dyad" eval-parse --model "$model" --beam 1 --thresholds tests/thresholds.txt "$dev"
