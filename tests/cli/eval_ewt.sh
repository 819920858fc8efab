#!/usr/bin/env bash
# Accuracy regression test of the text layer: `dyad eval` on UD English EWT
# dev must stay above the minimums of tests/thresholds.txt (key ewt-dev).
# Skipped (77) when ../shared is not there.
set -u
dyad=$1
gold=../shared/data/ud/en_ewt-ud-dev.conllu
if [ ! -f "$gold" ]; then
  echo "skipped: $gold not found"
  exit 77
fi
"$dyad" eval --quiet --thresholds tests/thresholds.txt --key ewt-dev "$gold"
rc=$?
if [ $rc -ne 0 ]; then
  echo "eval_ewt: dyad eval exited with $rc"
  exit 1
fi
exit 0
