#!/bin/bash
# Conformance regression: `dyad validate` on the 284 PETRARCH unit-test
# records (UD parses), with the given parses and with dyad's own, must stay
# at or above the minimums "validate.given" and "validate.own" in
# tests/thresholds.txt.  Exit 77 (skipped) without ../shared.
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
exit $status
