#!/bin/bash
# `dyad validate` follows the <Config> elements between records of a
# PETRARCH validation file: require_dyad = False (PETRARCH's events with one
# side null) holds for the records after it, until a later <Config> says
# otherwise.  The fixture expects the lone "TURGOV --- 010" of "a Turkish
# official said" only in the middle record.  A reader that ignored the
# <Config> fails DYAD_02; one that never reset it fails DYAD_03.
dyad=$1
out=$("$dyad" validate --parse own tests/fixtures/coder/validate.xml 2>&1)
rc=$?
echo "$out"
status=0
for id in DYAD_01 DYAD_02 DYAD_03; do
  echo "$out" | grep -q "^PASS $id\$" || { echo "FAIL: $id did not pass"; status=1; }
done
echo "$out" | grep -q "3 records, 3 exact" || { echo "FAIL: summary"; status=1; }
[ $rc -eq 0 ] || { echo "FAIL: exit status $rc"; status=1; }
# --lone-events gives the same event to `dyad code`
ev=$(echo '{"id":"a","date":"2023-04-25","text":"Turkey condemned Syria, a Turkish official said on Monday."}' |
     "$dyad" code --quiet --lone-events --format tsv --config tests/fixtures/coder/coder.ini 2>/dev/null |
     cut -f2-4 | sort | tr '\t' ' ' | tr '\n' ';')
[ "$ev" = "TUR SYR 111;TURGOV --- 010;" ] || { echo "FAIL: code --lone-events gave '$ev'"; status=1; }
ev=$(echo '{"id":"a","date":"2023-04-25","text":"Turkey condemned Syria, a Turkish official said on Monday."}' |
     "$dyad" code --quiet --format tsv --config tests/fixtures/coder/coder.ini 2>/dev/null |
     cut -f2-4 | sort | tr '\t' ' ' | tr '\n' ';')
[ "$ev" = "TUR SYR 111;" ] || { echo "FAIL: code without --lone-events gave '$ev'"; status=1; }
exit $status
