#!/bin/bash
# dyad parse / eval-parse / train: exit codes and messages on bad models
# and bad input, with the committed model and a generated treebank.
dyad=$1
model=models/dyad-en-ewt.model
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() { echo "FAIL: $*"; exit 1; }

if [ ! -r "$model" ]; then echo "skipped: $model not found"; exit 77; fi

# An article in, CoNLL-U with every column filled out.
printf '{"id": "a1", "text": "Police arrested two men in Cairo ."}\n' > "$tmp/a.jsonl"
"$dyad" parse --model "$model" "$tmp/a.jsonl" > "$tmp/out.conllu" 2> "$tmp/err" || fail "parse exit $?"
words=$(grep -c $'^[0-9]\+\t' "$tmp/out.conllu")
[ "$words" = 7 ] || fail "expected 7 words, got $words"
awk -F'\t' '/^[0-9]/ && ($3=="_" || $4=="_" || $5=="_" || $7=="_" || $8=="_") {bad=1} END {exit bad}' \
  "$tmp/out.conllu" || fail "a column was left empty"
roots=$(awk -F'\t' '/^[0-9]/ && $7==0' "$tmp/out.conllu" | wc -l)
[ "$roots" = 1 ] || fail "expected one root, got $roots"
grep -q 'TokenRange=0:6' "$tmp/out.conllu" || fail "offsets lost"

# A damaged model is a fatal error with a message naming the file.
head -c 1000 "$model" > "$tmp/bad.model"
"$dyad" parse --model "$tmp/bad.model" "$tmp/a.jsonl" > /dev/null 2> "$tmp/err"
[ $? = 3 ] || fail "damaged model: expected exit 3"
grep -q 'bad.model' "$tmp/err" || fail "damaged model: message does not name the file"
"$dyad" parse --model "$tmp/missing.model" "$tmp/a.jsonl" > /dev/null 2>&1
[ $? = 3 ] || fail "missing model: expected exit 3"

# DYAD_MODEL is the first place looked at.
DYAD_MODEL="$tmp/bad.model" "$dyad" parse "$tmp/a.jsonl" > /dev/null 2>&1
[ $? = 3 ] || fail "DYAD_MODEL not honoured"

# Usage errors.
"$dyad" parse --bogus > /dev/null 2>&1; [ $? = 2 ] || fail "unknown option: expected exit 2"
"$dyad" train > /dev/null 2>&1; [ $? = 2 ] || fail "train without data: expected exit 2"
"$dyad" eval-parse > /dev/null 2>&1; [ $? = 2 ] || fail "eval-parse without gold: expected exit 2"

# A rejected CoNLL-U record is reported and counted; the rest is parsed.
printf '1\tGood\t_\t_\t_\t_\t_\t_\t_\t_\n\n1\tBad\n\n1\tFine\t_\t_\t_\t_\t_\t_\t_\t_\n\n' > "$tmp/b.conllu"
"$dyad" parse --model "$model" "$tmp/b.conllu" > "$tmp/out2" 2> "$tmp/err2"
[ $? = 1 ] || fail "rejected record: expected exit 1"
grep -q 'b.conllu' "$tmp/err2" || fail "rejected record: no message naming the file"
[ "$(grep -c $'^1\t' "$tmp/out2")" = 2 ] || fail "the good records were not all parsed"
echo "ok"
