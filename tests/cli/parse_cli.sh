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
# --keep-tags: a sentence whose every word has tags the model knows keeps
# them and its lemmas (here deliberately odd ones); a sentence with an
# unknown tag is tagged as usual; --gold-tags evaluates with the gold tags.
printf '1\tPolice\tPOLICE\tNOUN\tNNS\t_\t_\t_\t_\t_\n2\tarrested\tpinch\tNOUN\tNN\t_\t_\t_\t_\t_\n3\tmen\t_\tNOUN\tNNS\t_\t_\t_\t_\t_\n\n' > "$tmp/k.conllu"
printf '1\tPolice\t_\tNOUN\tNNS\t_\t_\t_\t_\t_\n2\tarrested\t_\tBOGUS\tVBD\t_\t_\t_\t_\t_\n3\tmen\t_\tNOUN\tNNS\t_\t_\t_\t_\t_\n\n' >> "$tmp/k.conllu"
"$dyad" parse --model "$model" --keep-tags "$tmp/k.conllu" > "$tmp/k.out" 2> /dev/null || fail "--keep-tags: exit $?"
awk -F'\t' '/^[0-9]/ {n++; if (n == 2) print $3, $4, $5}' "$tmp/k.out" | grep -qx 'pinch NOUN NN' \
  || fail "--keep-tags: the given tags and lemma of 'arrested' were not kept"
awk -F'\t' '/^[0-9]/ {n++; if (n == 3) print $3}' "$tmp/k.out" | grep -qx 'man' \
  || fail "--keep-tags: a missing lemma was not computed"
awk -F'\t' '/^[0-9]/ {n++; if (n == 5) print $4, $5}' "$tmp/k.out" | grep -qx 'VERB VBD' \
  || fail "--keep-tags: a sentence with an unknown tag was not tagged"
"$dyad" parse --model "$model" "$tmp/k.conllu" 2> /dev/null | awk -F'\t' '/^[0-9]/ {n++; if (n == 2) print $4}' \
  | grep -qx VERB || fail "without --keep-tags, 'arrested' should be tagged VERB"
printf '1\tPolice\tpolice\tNOUN\tNNS\t_\t2\tnsubj\t_\t_\n2\tarrested\tarrest\tVERB\tVBD\t_\t0\troot\t_\t_\n3\tmen\tman\tNOUN\tNNS\t_\t2\tobj\t_\t_\n\n' > "$tmp/g.conllu"
"$dyad" eval-parse --model "$model" --gold-tags "$tmp/g.conllu" > "$tmp/g.out" || fail "--gold-tags: exit $?"
grep -q 'UPOS   100.00' "$tmp/g.out" && grep -q 'Lemma  100.00' "$tmp/g.out" \
  || fail "--gold-tags: the gold tags were not used"

# Training: data without annotation is refused with a message; a tiny
# treebank trains a model that parses.
printf '1\tWord\t_\t_\t_\t_\t_\t_\t_\t_\n\n' > "$tmp/bare.conllu"
"$dyad" train --quiet --out "$tmp/m" "$tmp/bare.conllu" > /dev/null 2> "$tmp/err3"
[ $? = 3 ] || fail "training on unannotated data: expected exit 3"
grep -q 'no annotated sentence' "$tmp/err3" || fail "training on unannotated data: no message"
"$dyad" train --quiet --min-weight 0.0001 --out "$tmp/tiny.model" fuzz/model_seed.conllu \
  || fail "training on fuzz/model_seed.conllu failed"
"$dyad" parse --model "$tmp/tiny.model" "$tmp/a.jsonl" > "$tmp/out3" 2> /dev/null \
  || fail "parsing with the tiny model failed"
[ "$(grep -c $'^[0-9]\+\t' "$tmp/out3")" = 7 ] || fail "tiny model: expected 7 words"
echo "ok"
