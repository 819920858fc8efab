#!/bin/bash
# bench/parse.sh -- tagging + lemmatization + parsing speed, one thread.
#
#   bench/parse.sh [BUILD_DIR] [INPUT]
#
# INPUT defaults to the Reuters-21578 corpus (../shared/data/corpus/
# reuters21578.jsonl).  Articles are tokenized once with `dyad tokenize` into
# a CoNLL-U file in /tmp, so that the timed run (`dyad parse --no-output` on
# that file) measures the tagger, lemmatizer and parser, not the tokenizer.
# A CoNLL-U INPUT (EWT) is timed directly.  DYAD_MODEL picks the model,
# DYAD_BEAM the parser's beam width (default: the model's).  Prints
# sentences/s, tokens/s and peak RSS from /usr/bin/time -v; the best of 3
# runs, as the machine is shared.
set -e
build=${1:-build}
input=${2:-../shared/data/corpus/reuters21578.jsonl}
dyad=$build/dyad
model=${DYAD_MODEL:-models/dyad-en-ewt.model}
[ -x "$dyad" ] || { echo "no $dyad: build first" >&2; exit 2; }
[ -r "$input" ] || { echo "skipped: $input not found"; exit 77; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
case "$input" in
  *.conllu) conllu=$input ;;
  *) conllu=$tmp/input.conllu
     "$dyad" tokenize --quiet "$input" > "$conllu" 2> /dev/null || true ;;
esac
sents=$(grep -c '^# sent_id' "$conllu")
toks=$(grep -c $'^[0-9]\+\t' "$conllu")
best=
for run in 1 2 3; do
  /usr/bin/time -v "$dyad" parse --quiet --model "$model" ${DYAD_BEAM:+--beam "$DYAD_BEAM"} \
    --no-output "$conllu" \
    2> "$tmp/time.$run" > /dev/null
  s=$(awk -F': ' '/Elapsed \(wall clock\)/ {n=split($2,a,":"); t=0; for(i=1;i<=n;i++) t=t*60+a[i]; print t}' "$tmp/time.$run")
  if [ -z "$best" ] || awk -v a="$s" -v b="$best" 'BEGIN {exit !(a < b)}'; then
    best=$s; bestrun=$run
  fi
done
rss=$(awk -F': ' '/Maximum resident/ {print $2}' "$tmp/time.$bestrun")
cpu=$(awk -F': ' '/User time|System time/ {t += $2} END {print t}' "$tmp/time.$bestrun")
awk -v b="${DYAD_BEAM:-model default}" -v s="$best" -v c="$cpu" -v n="$sents" -v t="$toks" -v r="$rss" -v f="$input" 'BEGIN {
  printf "input        %s\n", f
  printf "beam         %s\n", b
  printf "sentences    %d\ntokens       %d\n", n, t
  printf "wall         %.2f s (best of 3), CPU %.2f s\n", s, c
  printf "sentences/s  %.0f wall, %.0f per CPU second\n", n / s, n / c
  printf "tokens/s     %.0f wall, %.0f per CPU second\n", t / s, t / c
  printf "peak RSS     %.1f MB\n", r / 1024 }'
