#!/usr/bin/env bash
# Throughput of the text layer (paragraphs, sentences, tokens, forms and
# folds) on the Reuters-21578 corpus, and peak memory.
#
#   bash bench/tokenize.sh [path/to/dyad]      (default: build/dyad)
#
# Runs `dyad tokenize --bench` (segments every article, writes nothing),
# which reports the text layer's own CPU time as MB/s, sentences/s and
# tokens/s, and the whole run including JSON reading; then the full
# `dyad tokenize` with CoNLL-U written to /dev/null.  Peak RSS comes from
# /usr/bin/time -v.  Each is run 3 times; take the best (the machine is
# shared).  Build with -DCMAKE_BUILD_TYPE=Release first.
set -euo pipefail
cd "$(dirname "$0")/.."
dyad=${1:-build/dyad}
corpus=../shared/data/corpus/reuters21578.jsonl
if [ ! -f "$corpus" ]; then
  echo "skipped: $corpus not found"
  exit 77
fi
bytes=$(stat -c %s "$corpus")
echo "corpus: $corpus ($bytes bytes of JSONL)"
for i in 1 2 3; do
  /usr/bin/time -v "$dyad" tokenize --bench --quiet "$corpus" 2>/tmp/dyad-bench.$$ >/dev/null
  grep -E '^dyad tokenize --bench' /tmp/dyad-bench.$$
  grep -E 'Maximum resident' /tmp/dyad-bench.$$ | sed 's/^[[:space:]]*/  /'
done
for i in 1 2 3; do
  /usr/bin/time -v "$dyad" tokenize --quiet "$corpus" 2>/tmp/dyad-bench.$$ >/dev/null
  wall=$(grep -E 'Elapsed' /tmp/dyad-bench.$$ | awk '{print $NF}')
  user=$(grep -E 'User time' /tmp/dyad-bench.$$ | awk '{print $NF}')
  rss=$(grep -E 'Maximum resident' /tmp/dyad-bench.$$ | awk '{print $NF}')
  awk -v b="$bytes" -v u="$user" -v w="$wall" -v r="$rss" 'BEGIN {
    printf "full tokenize to CoNLL-U (/dev/null): wall %s, user %.2f s: %.1f MB/s of JSONL per CPU second; peak RSS %d kB\n", w, u, b / u / 1e6, r }'
done
rm -f /tmp/dyad-bench.$$
