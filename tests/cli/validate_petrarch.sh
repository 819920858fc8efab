#!/bin/bash
# Conformance regression: `dyad validate` on the 284 PETRARCH unit-test
# records (UD parses), with the given parses and with dyad's own, must stay
# at or above the minimums "validate.given" and "validate.own" in
# tests/thresholds.txt, and at or above the targets on the records
# not set aside as contradictory.  Exit 77 (skipped) without ../shared.
dyad=$1
file=../shared/data/petrarch/unit-tests-ud/PETR.UnitTest.records.ud.xml
if [ ! -r "$file" ]; then echo "skipped: $file not found"; exit 77; fi
status=0
for mode in given own; do
  min=$(awk -v k="validate.$mode" '$1 == k {print $2}' tests/thresholds.txt)
  if [ -z "$min" ]; then echo "no validate.$mode in tests/thresholds.txt"; exit 1; fi
  out=$("$dyad" validate --quiet-pass --parse "$mode" --min "$min" "$file" 2>/dev/null)
  rc=$?
  echo "$out" | tail -1
  if [ $rc -ne 0 ]; then
    echo "FAIL: --parse $mode below its minimum of $min% exact (exit $rc)"
    status=1
  fi
done
# The targets (90% given, 85% own) on the records that do not
# contradict PETRARCH-2's documented semantics, the dictionaries, the input
# or each other: tests/petrarch-set-aside.txt lists the others, with why.
for pair in given:90 own:85; do
  mode=${pair%%:*} min=${pair##*:}
  out=$("$dyad" validate --quiet-pass --parse "$mode" --set-aside tests/petrarch-set-aside.txt \
        --min "$min" "$file" 2>&1)
  rc=$?
  echo "$out" | tail -1
  if [ $rc -ne 0 ]; then
    echo "FAIL: --parse $mode below $min% exact on the records not set aside (exit $rc)"
    status=1
  fi
  if echo "$out" | grep -q "warning: no record"; then
    echo "FAIL: tests/petrarch-set-aside.txt names a record the file does not have"
    status=1
  fi
done
exit $status
