#!/usr/bin/env bash
# readers.sh -- reader throughput and memory: streaming keeps peak RSS flat
# whatever the input size, because memory is bounded by the largest record.
#
#   bash bench/readers.sh [path/to/dyad] [MB]
#
# (run from the repository root after a Release build in build/).
#
# Generates in /tmp (never in the repository) a JSONL file of about MB
# megabytes (default 200) by repeating one project-written article, and a
# PETRARCH XML file of the same size by repeating one <Sentence> record;
# runs `dyad tokenize` over each (output to /dev/null) and over a file ten
# times smaller, under /usr/bin/time -v, and prints MB/s, articles/s and
# peak RSS.  Flat memory means the two peak RSS figures are close.
set -eu  # no pipefail: `yes | head` ends yes with SIGPIPE
dyad=${1:-build/dyad}
mb=${2:-200}
tmp=$(mktemp -d /tmp/dyad-bench-readers.XXXXXX)
trap 'rm -rf "$tmp"' EXIT

article='{"id":"bench","date":"2024-04-25","source":"Dyad Wire","title":"Talks","text":"ANKARA, April 25 (Wire) - Turkish and Iranian officials held talks in Ankara on Thursday on the conflict in Syria and on border security, officials said.\n\nThe two sides agreed to meet again next month. \"We share the view that there can be no military solution,\" one of them said.","section":"diplomacy"}'
record='<Sentence date="20240425" id="B_1" source="WIRE" sentence="True">
<EventCoding sourcecode="TUR" targetcode="IRN" eventcode="040"/>
<Text>
Turkish and Iranian officials held talks in Ankara on Thursday on the
conflict in Syria and on border security, officials said.
</Text>
<Parse>
(ROOT (S (NP (JJ Turkish) (NNS officials)) (VP (VBD held) (NP (NNS talks))) (. .)))
</Parse>
</Sentence>'

make_jsonl() { # make_jsonl FILE MB
  local n=$(( $2 * 1000000 / (${#article} + 1) ))
  yes "$article" | head -n "$n" >"$1"
}
make_xml() {
  local n=$(( $2 * 1000000 / (${#record} + 1) ))
  local lines; lines=$(printf '%s\n' "$record" | wc -l)
  { echo '<Sentences>'; yes "$record" | head -n $(( n * lines )); echo '</Sentences>'; } >"$1"
}

# The readers alone (no text layer, no output): bench/read_all.c.
libdir=$(dirname "$dyad")
cc -O2 -Iinclude bench/read_all.c "$libdir/libdyad.a" \
  $(pkg-config --libs jansson libutf8proc libxml-2.0) -lm -lpthread -o "$tmp/read_all"

run() { # run LABEL FILE [COMMAND...]
  local label=$1 file=$2
  shift 2
  local cmd=("$@")
  [ ${#cmd[@]} -eq 0 ] && cmd=("$dyad" tokenize --quiet)
  local bytes; bytes=$(stat -c %s "$file")
  /usr/bin/time -v "${cmd[@]}" "$file" >/dev/null 2>"$tmp/time.txt" || true
  local secs rss docs
  secs=$(awk -F': ' '/Elapsed \(wall clock\)/ {n=split($2,a,":"); s=0; for(i=1;i<=n;i++) s=s*60+a[i]; print s}' "$tmp/time.txt")
  rss=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$tmp/time.txt")
  docs=$(grep -o '[0-9]* article(s)' "$tmp/time.txt" | head -1 | cut -d' ' -f1)
  awk -v l="$label" -v b="$bytes" -v s="$secs" -v r="$rss" -v d="$docs" 'BEGIN {
    if (s <= 0) s = 0.01;
    printf "%-28s %8.1f MB %7.2f s %8.1f MB/s %9.0f articles/s  peak RSS %6.1f MB\n",
           l, b / 1e6, s, b / 1e6 / s, d / s, r / 1024 }'
}

small=$(( mb / 10 > 0 ? mb / 10 : 1 ))
make_jsonl "$tmp/small.jsonl" "$small"
make_jsonl "$tmp/big.jsonl" "$mb"
run "tokenize jsonl ${small} MB" "$tmp/small.jsonl"
run "tokenize jsonl ${mb} MB" "$tmp/big.jsonl"
run "read_all jsonl ${small} MB" "$tmp/small.jsonl" "$tmp/read_all"
run "read_all jsonl ${mb} MB" "$tmp/big.jsonl" "$tmp/read_all"
rm -f "$tmp/small.jsonl" "$tmp/big.jsonl"
make_xml "$tmp/small.xml" "$small"
make_xml "$tmp/big.xml" "$mb"
run "tokenize xml ${small} MB" "$tmp/small.xml"
run "tokenize xml ${mb} MB" "$tmp/big.xml"
run "read_all xml ${small} MB" "$tmp/small.xml" "$tmp/read_all"
run "read_all xml ${mb} MB" "$tmp/big.xml" "$tmp/read_all"
