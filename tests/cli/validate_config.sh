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
# --set-aside: the listed record is still coded and marked, the second
# summary counts the others, an id the file lacks is reported, and --min
# applies to the others (2 of 2 here, so --min 100 holds).
out=$("$dyad" validate --parse own --set-aside tests/fixtures/coder/validate-aside.txt --min 100 \
      tests/fixtures/coder/validate.xml 2>&1)
rc=$?
echo "$out"
echo "$out" | grep -q "^PASS DYAD_02 (set aside)\$" || { echo "FAIL: DYAD_02 not marked set aside"; status=1; }
echo "$out" | grep -q "^PASS DYAD_01\$" || { echo "FAIL: DYAD_01 marked"; status=1; }
echo "$out" | grep -q "1 records set aside (tests/fixtures/coder/validate-aside.txt), 1 of them exact; the other 2: 2 exact (100.0%)" ||
  { echo "FAIL: set-aside summary"; status=1; }
echo "$out" | grep -q "validate-aside.txt:3: warning: no record 'DYAD_99'" || { echo "FAIL: unknown id not reported"; status=1; }
[ $rc -eq 0 ] || { echo "FAIL: --set-aside exit status $rc"; status=1; }
"$dyad" validate --set-aside /nonexistent/list tests/fixtures/coder/validate.xml > /dev/null 2>&1
[ $? -eq 2 ] || { echo "FAIL: an unreadable --set-aside list is not a usage error"; status=1; }
exit $status
