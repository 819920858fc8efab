#!/usr/bin/env bash
# bench/dict.sh -- dictionary load time and memory (text and compiled
# cache), longest-actor lookups per second over Reuters-21578, and the share
# of capitalized multi-word names that resolve to an actor.
#
#   bash bench/dict.sh [path/to/dyad]      (default: build/dyad)
#
# Needs ../shared/data/petrarch/dictionaries and ../shared/data/corpus;
# exits 77 ("skipped") without them.  Run on an idle machine: the other
# numbers of bench/RESULTS.md were taken with nothing else running.
set -euo pipefail
cd "$(dirname "$0")/.."
DYAD=${1:-build/dyad}
PH=../shared/data/petrarch/dictionaries/phoenix.ini
CORPUS=../shared/data/corpus/reuters21578.jsonl
for f in "$PH" "$CORPUS"; do
  [ -e "$f" ] || { echo "skipped: $f not found"; exit 77; }
done
[ -x "$DYAD" ] || { echo "bench/dict.sh: $DYAD not built" >&2; exit 2; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# Best of 5: load time as measured inside dyad (dyad dict stats prints it),
# peak memory of the whole process from /usr/bin/time -v.
measure() { # label, dyad arguments...
  local label=$1; shift
  local best=999999 rss=0
  for _ in 1 2 3 4 5; do
    /usr/bin/time -v "$DYAD" dict stats -q "$@" >/dev/null 2>"$tmp/err"
    ms=$(sed -n 's/^dyad dict stats: loaded in \([0-9.]*\) ms$/\1/p' "$tmp/err")
    kb=$(sed -n 's/^[[:space:]]*Maximum resident set size (kbytes): //p' "$tmp/err")
    best=$(awk -v a="$best" -v b="$ms" 'BEGIN{print (b<a)?b:a}')
    rss=$kb
  done
  printf '%-28s load %7.1f ms (best of 5)   peak RSS %6.1f MB\n' "$label" "$best" "$(awk -v k="$rss" 'BEGIN{print k/1024}')"
}

size=$(cat ../shared/data/petrarch/dictionaries/{CAMEO.2.0.txt,Phoenix.*.actors.txt,Phoenix.agents.txt,Phoenix.discards.txt,Phoenix.IssueCoding.txt} | wc -c)
echo "Phoenix + CAMEO.2.0: $size bytes of text"
measure "text (phoenix.ini)" --config "$PH"
"$DYAD" dict compile -q --config "$PH" -o "$tmp/phoenix.dyc" 2>/dev/null
echo "compiled cache: $(wc -c <"$tmp/phoenix.dyc") bytes"
measure "compiled cache" --dict "$tmp/phoenix.dyc"

echo
echo "Longest actor match at every token position of $CORPUS (dyad text layer tokens):"
echo "-- Phoenix"
"$DYAD" dict coverage -q --config "$PH" "$CORPUS" 2>&1 | grep -E '^(names|actor lookups)'
if "$DYAD" dict stats -q >/dev/null 2>&1; then
  echo "-- default dictionaries (data/dict/dyad.ini)"
  "$DYAD" dict coverage -q "$CORPUS" 2>&1 | grep -E '^(names|actor lookups)'
else
  echo "-- default dictionaries: data/dict/dyad.ini not found (not merged yet)"
fi
