#!/bin/bash
# dyad code: the three output formats, pass-through fields, byte-for-byte
# reproducibility, stdin, --include, and a rejected record's exit status.
# Dictionary: tests/fixtures/coder (project-written); model: models/.
dyad=$1
cfg=tests/fixtures/coder/coder.ini
[ -r models/dyad-en-ewt.model ] || { echo "skipped: models/dyad-en-ewt.model not found"; exit 77; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() { echo "FAIL: $*"; exit 1; }

cat >"$tmp/in.jsonl" <<'J'
{"id":"a1","date":"2023-04-25","source":"Test Wire","url":"https://example.org/a1","title":"T","text":"Turkey condemned Iran, officials said.","desk":"world"}
{"id":"a2","date":"2023-04-25","text":"Turkey did not condemn Syria."}
J

# JSONL: the fields and the pass-through
"$dyad" code --config "$cfg" "$tmp/in.jsonl" >"$tmp/out.jsonl" 2>"$tmp/err" || fail "exit $? on good input"
[ "$(wc -l <"$tmp/out.jsonl")" -eq 1 ] || fail "expected 1 event, got $(wc -l <"$tmp/out.jsonl")"
for want in '"article_id":"a1"' '"sentence":0' '"date":"2023-04-25"' '"source":"TUR"' \
            '"target":"IRN"' '"code":"111"' '"root":"11"' '"quad_class":3' '"plover":"ACCUSE"' \
            '"verb":"condemned"' '"source_text":"Turkey"' '"target_text":"Iran"' '"flags":["reported"]' '"speaker":"---GOV"' \
            '"offsets":{"source":[0,6],"verb":[7,16],"target":[17,21]}' '"desk":"world"' \
            '"url":"https://example.org/a1"'; do
  grep -qF -- "$want" "$tmp/out.jsonl" || fail "JSONL lacks $want: $(cat "$tmp/out.jsonl")"
done
grep -q '"matched":{"verb":"tests/fixtures/coder/verbs.txt:' "$tmp/out.jsonl" || fail "no provenance"
tail -1 "$tmp/err" | grep -q '^dyad code: 2 record(s) read, 0 rejected' || fail "summary: $(tail -1 "$tmp/err")"

# Offsets in characters (code points) and in bytes: "Türkiye" is 7 and 8
printf '%s\n' '{"id":"u1","date":"2023-04-25","text":"Türkiye condemned Iran."}' >"$tmp/u.jsonl"
"$dyad" code --config "$cfg" "$tmp/u.jsonl" >"$tmp/u.out" 2>/dev/null
grep -qF '"offsets":{"source":[0,7],"verb":[8,17],"target":[18,22]}' "$tmp/u.out" || fail "char offsets: $(cat "$tmp/u.out")"
grep -qF '"byte_offsets":{"source":[0,8],"verb":[9,18],"target":[19,23]}' "$tmp/u.out" || fail "byte offsets: $(cat "$tmp/u.out")"

# A nationality, a title and a person with the same code: the person's
# entry is the provenance (actors.txt:22, HAKAN_FIDAN_), the whole phrase
# the source's words
printf '%s\n' '{"id":"p1","date":"2024-05-01","text":"Turkish Foreign Minister Hakan Fidan condemned Iran."}' >"$tmp/p.jsonl"
"$dyad" code --config "$cfg" "$tmp/p.jsonl" >"$tmp/p.out" 2>/dev/null
for want in '"source":"TURGOV"' '"source_text":"Turkish Foreign Minister Hakan Fidan"' \
            '"source":"tests/fixtures/coder/actors.txt:22"'; do
  grep -qF -- "$want" "$tmp/p.out" || fail "person phrase lacks $want: $(cat "$tmp/p.out")"
done

# Reproducible: same input, same bytes; and the same from stdin
"$dyad" code --config "$cfg" "$tmp/in.jsonl" >"$tmp/out2.jsonl" 2>/dev/null
cmp -s "$tmp/out.jsonl" "$tmp/out2.jsonl" || fail "two runs differ"
"$dyad" code --config "$cfg" <"$tmp/in.jsonl" >"$tmp/out3.jsonl" 2>/dev/null
cmp -s "$tmp/out.jsonl" "$tmp/out3.jsonl" || fail "stdin output differs"

# --include brings the negated event back, flag intact
"$dyad" code --config "$cfg" --include negated "$tmp/in.jsonl" >"$tmp/neg.jsonl" 2>/dev/null
grep -q '"article_id":"a2".*"code":"111".*"flags":\["negated"\]' "$tmp/neg.jsonl" || fail "--include negated"

# TSV: PETRARCH-2 columns (date, source, target, code, issues, ids, url, story source) + event id
"$dyad" code --config "$cfg" --format tsv "$tmp/in.jsonl" >"$tmp/out.tsv" 2>/dev/null
awk -F'\t' 'NF != 9 {exit 1} $1 != "20230425" || $2 != "TUR" || $3 != "IRN" || $4 != "111" || $6 != "a1-0" || $7 != "https://example.org/a1" || $8 != "Test Wire" {exit 1}' "$tmp/out.tsv" \
  || fail "TSV: $(cat -A "$tmp/out.tsv")"

# CSV: a header, and a field with a comma is quoted
"$dyad" code --config "$cfg" --format csv "$tmp/in.jsonl" >"$tmp/out.csv" 2>/dev/null
head -1 "$tmp/out.csv" | grep -q '^event_id,article_id,sentence,date,source,target,code,' || fail "CSV header"
grep -q ',"Turkey condemned Iran, officials said."$' "$tmp/out.csv" || fail "CSV quoting: $(cat "$tmp/out.csv")"

# A bad record: reported, skipped, exit 1, the rest coded
printf '%s\n' '{"id":"bad","text":' >>"$tmp/in.jsonl"
"$dyad" code --config "$cfg" "$tmp/in.jsonl" >"$tmp/out4.jsonl" 2>"$tmp/err4"
rc=$?
[ $rc -eq 1 ] || fail "exit $rc with a rejected record (want 1)"
grep -q 'malformed JSON' "$tmp/err4" || fail "no message for the bad record"
cmp -s "$tmp/out.jsonl" "$tmp/out4.jsonl" || fail "good records not coded the same"
echo "code outputs: ok"
