#!/usr/bin/env bash
# bench/code.sh -- event coding speed on Reuters-21578 with the Phoenix
# dictionaries (phoenix.ini), one thread:
#   1. end to end: read JSONL, tokenize, tag, parse, code, write JSONL;
#   2. coding on given parses: dyad's own CoNLL-U parse of the same corpus
#      is written first (not timed), then `dyad code --parse given` reads it
#      and codes it (CoNLL-U reading + coding + writing JSONL), and
#      `dyad code --bench` times the coding step alone (CPU time inside
#      dyad_code_doc, nothing written).
# Prints sentences/s and peak RSS from /usr/bin/time -v.
#
#   bash bench/code.sh [path/to/dyad]      (default: build/dyad)
set -euo pipefail
cd "$(dirname "$0")/.."
DYAD=${1:-build/dyad}
PH=../shared/data/petrarch/dictionaries/phoenix.ini
CORPUS=../shared/data/corpus/reuters21578.jsonl
for f in "$PH" "$CORPUS"; do
  [ -e "$f" ] || { echo "skipped: $f not found"; exit 77; }
done
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

report() { # label, stderr file, seconds
  local sents rss
  sents=$(sed -n 's/.* \([0-9]*\) sentence(s).*/\1/p' "$1.err" | tail -1)
  rss=$(sed -n 's/^[[:space:]]*Maximum resident set size (kbytes): //p' "$1.err")
  secs=$(sed -n 's/^[[:space:]]*User time (seconds): //p' "$1.err")
  sys=$(sed -n 's/^[[:space:]]*System time (seconds): //p' "$1.err")
  events=$(sed -n 's/^dyad code: \([0-9]*\) event(s)$/\1/p' "$1.err")
  awk -v l="$2" -v s="$sents" -v u="$secs" -v y="$sys" -v r="$rss" -v e="$events" \
    'BEGIN{t=u+y; printf "%-32s %7d sentences %7d events %6.2f s CPU %9.0f sentences/s  peak RSS %6.1f MB\n", l, s, e, t, s/t, r/1024}'
}

/usr/bin/time -v "$DYAD" code --quiet --config "$PH" "$CORPUS" >"$tmp/e2e.jsonl" 2>"$tmp/e2e.err"
report "$tmp/e2e" "end to end (JSONL in, JSONL out)"
# The same with every sentence tagged and parsed (by default the parser
# skips sentences that cannot yield an event); the events must not differ.
/usr/bin/time -v "$DYAD" code --quiet --parse-all --config "$PH" "$CORPUS" \
  >"$tmp/e2e-all.jsonl" 2>"$tmp/e2e-all.err"
report "$tmp/e2e-all" "end to end, --parse-all"
cmp -s "$tmp/e2e.jsonl" "$tmp/e2e-all.jsonl" ||
  echo "WARNING: --parse-all gives different events" >&2

"$DYAD" parse --quiet "$CORPUS" >"$tmp/reuters.conllu" 2>/dev/null
/usr/bin/time -v "$DYAD" code --quiet --config "$PH" --parse given "$tmp/reuters.conllu" \
  >"$tmp/given.jsonl" 2>"$tmp/given.err"
report "$tmp/given" "read CoNLL-U + code + write"
"$DYAD" code --quiet --bench --config "$PH" --parse given "$tmp/reuters.conllu" 2>&1 |
  sed -n 's/^dyad code: coding step/coding step alone (dyad code --bench):/p'
