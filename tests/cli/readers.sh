#!/usr/bin/env bash
# readers.sh -- bad input through the CLI: every bad record is reported on
# stderr with file and line, skipped, counted, written untouched to
# --rejects; the run goes on, ends with the summary line, and exits 1 when
# anything was rejected (0 otherwise).  Also: every format is picked by
# extension or --input-format, and stdin is read when no file is given.
set -u
dyad=$1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0
check() { # check DESCRIPTION COMMAND...
  local what=$1
  shift
  if ! "$@"; then
    echo "FAIL: $what"
    fail=1
  fi
}
has() { grep -qF -- "$2" "$1"; }
last_line_is_summary() { tail -n 1 "$1" | grep -q "^dyad tokenize: .* record(s) read"; }

# ---- JSONL: one good record between each kind of bad one.
good='{"id":"g1","date":"2024-04-25","text":"Talks began on Tuesday."}'
malformed='{"id":"m1","text":"no closing brace"'
notext='{"id":"n1","date":"2024-04-25","title":"no text here"}'
baddate='{"id":"d1","date":"2023-02-30","text":"An impossible date."}'
latin1=$(printf '{"id":"u1","text":"Caf\xe9 talks."}')
{
  echo "$good"
  echo "$malformed"
  echo "$notext"
  echo "$baddate"
  echo "$latin1"
  printf '{"id":"huge","text":"'
  head -c 50000000 /dev/zero | tr '\0' 'a'
  printf '"}\n'
  echo '{"id":"g2","text":"The last one."}'
} >"$tmp/in.jsonl"
"$dyad" tokenize --rejects "$tmp/rej.jsonl" "$tmp/in.jsonl" >"$tmp/out" 2>"$tmp/err"
rc=$?
check "jsonl: exit status 1 when records were rejected (got $rc)" test $rc -eq 1
check "jsonl: malformed JSON named with file:line" has "$tmp/err" "in.jsonl:2: error: malformed JSON"
check "jsonl: missing text" has "$tmp/err" "in.jsonl:3: error: [n1] missing \"text\""
check "jsonl: impossible date" has "$tmp/err" "in.jsonl:4: error: [d1] impossible date"
check "jsonl: invalid UTF-8 is a warning" has "$tmp/err" "in.jsonl:5: warning: [u1] 1 invalid UTF-8"
check "jsonl: 50 MB line over the limit" has "$tmp/err" "in.jsonl:6: error: record longer than the limit"
check "jsonl: counts in the summary" has "$tmp/err" "7 record(s) read, 4 rejected, 1 warning(s); 3 article(s)"
check "jsonl: summary line ends the run" last_line_is_summary "$tmp/err"
check "jsonl: the records after the bad ones were read" has "$tmp/out" "# newdoc id = g2"
sed -n '2,4p;6p' "$tmp/in.jsonl" >"$tmp/want.jsonl"
check "jsonl: rejects are the bad lines, byte for byte" cmp -s "$tmp/rej.jsonl" "$tmp/want.jsonl"
rm -f "$tmp/in.jsonl" "$tmp/rej.jsonl" "$tmp/want.jsonl"

# ---- Nothing rejected: exit 0.
echo "$good" >"$tmp/ok.jsonl"
"$dyad" tokenize "$tmp/ok.jsonl" >/dev/null 2>"$tmp/err"
rc=$?
check "clean input exits 0 (got $rc)" test $rc -eq 0

# ---- XML: an unterminated element in the middle and at the end.
cat >"$tmp/open.xml" <<'EOF'
<Sentences>
<Sentence date="20240425" id="x1" source="W"><Text>First.</Text></Sentence>
<Sentence date="20240425" id="x2" source="W">
<Text>Never closed.
<Sentence date="20240426" id="x3"><Text>Third &amp; fine.</Text></Sentence>
<Sentence date="20240427" id="x4"><Text>Cut off at the end
EOF
"$dyad" tokenize --rejects "$tmp/rej.xml" "$tmp/open.xml" >"$tmp/out" 2>"$tmp/err"
rc=$?
check "xml: exit 1 (got $rc)" test $rc -eq 1
check "xml: unclosed record named" has "$tmp/err" "open.xml:3: error: [x2] <Sentence> record: not closed (no </Sentence>) before line 5"
check "xml: truncated record named" has "$tmp/err" "open.xml:6: error: [x4] <Sentence> record: not closed (no </Sentence>) before the end of the input"
check "xml: counts" has "$tmp/err" "4 record(s) read, 2 rejected"
check "xml: read on after the bad record" has "$tmp/out" "# newdoc id = x3"
check "xml: summary last" last_line_is_summary "$tmp/err"
sed -n '3,4p;6p' "$tmp/open.xml" >"$tmp/want.xml"
check "xml: rejects byte for byte" cmp -s "$tmp/rej.xml" "$tmp/want.xml"

# ---- CoNLL-U: a line with 9 columns.
printf '# newdoc id = c\n# text = Fine words\n1\tFine\tfine\tADJ\t_\t_\t2\tamod\t_\t_\n2\twords\tword\tNOUN\t_\t_\t0\troot\t_\t_\n\n# text = Bad\n1\tBad\tbad\tADJ\t_\t_\t0\troot\t_\n\n' >"$tmp/c.conllu"
"$dyad" tokenize --rejects "$tmp/rej.conllu" "$tmp/c.conllu" >"$tmp/out" 2>"$tmp/err"
rc=$?
check "conllu: exit 1 (got $rc)" test $rc -eq 1
check "conllu: 9 columns named" has "$tmp/err" "c.conllu:7: error: malformed CoNLL-U sentence: 9 columns instead of 10"
check "conllu: good sentence kept" has "$tmp/out" "# text = Fine words"
printf '# text = Bad\n1\tBad\tbad\tADJ\t_\t_\t0\troot\t_\n\n' >"$tmp/want.conllu"
check "conllu: rejects byte for byte" cmp -s "$tmp/rej.conllu" "$tmp/want.conllu"

# ---- Plain text: empty file, invalid UTF-8, bad --date.
: >"$tmp/empty.txt"
printf 'Caf\xe9 society met.\n' >"$tmp/latin.txt"
"$dyad" tokenize "$tmp/empty.txt" "$tmp/latin.txt" >"$tmp/out" 2>"$tmp/err"
rc=$?
check "text: exit 1 (got $rc)" test $rc -eq 1
check "text: empty file named" has "$tmp/err" "empty.txt: error: [empty.txt] empty file"
check "text: invalid UTF-8 warned" has "$tmp/err" "latin.txt: warning: [latin.txt] 1 invalid UTF-8"
check "text: id is the file name" has "$tmp/out" "# newdoc id = latin.txt"
"$dyad" tokenize --date 2023-02-30 "$tmp/latin.txt" >/dev/null 2>"$tmp/err"
rc=$?
check "text: bad --date is a usage error (got $rc)" test $rc -eq 2
check "text: bad --date explained" has "$tmp/err" "invalid --date '2023-02-30'"

# ---- Formats by extension, --input-format, stdin.
cp "$tmp/ok.jsonl" "$tmp/ok.ndjson"
echo 'Plain words here.' >"$tmp/p.txt"
echo '<Sentences><Sentence date="20240101" id="fx"><Text>From XML.</Text></Sentence></Sentences>' >"$tmp/f.xml"
for f in ok.jsonl ok.ndjson p.txt f.xml c.conllu; do
  "$dyad" tokenize "$tmp/$f" >"$tmp/out" 2>/dev/null
  check "format by extension: $f" grep -q '^# newdoc id = ' "$tmp/out"
done
cp "$tmp/f.xml" "$tmp/f.data"
"$dyad" tokenize --input-format xml "$tmp/f.data" >"$tmp/out" 2>/dev/null
check "--input-format xml" has "$tmp/out" "# newdoc id = fx"
"$dyad" tokenize <"$tmp/ok.jsonl" >"$tmp/out" 2>/dev/null
check "stdin defaults to JSONL" has "$tmp/out" "# newdoc id = g1"
"$dyad" tokenize --input-format xml <"$tmp/f.xml" >"$tmp/out" 2>/dev/null
check "stdin with --input-format xml" has "$tmp/out" "# newdoc id = fx"
"$dyad" tokenize --input-format text --id story --date 20240425 <"$tmp/p.txt" >"$tmp/out" 2>/dev/null
check "stdin as text with --id" has "$tmp/out" "# newdoc id = story"
"$dyad" tokenize --input-format nope "$tmp/p.txt" >/dev/null 2>&1
rc=$?
check "unknown --input-format is a usage error (got $rc)" test $rc -eq 2

exit $fail
