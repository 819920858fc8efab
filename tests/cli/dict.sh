#!/usr/bin/env bash
# dyad dict: exit codes of check (0 warnings only, 4 errors, 3 unloadable),
# lookup (1 when nothing matches), compile + loading the cache, and the
# default dictionaries through DYAD_DATA.
set -u
DYAD=$1
F=tests/fixtures/dict
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0
expect() { # expected-status description command...
  local want=$1 what=$2; shift 2
  "$@" >"$tmp/out" 2>"$tmp/err"
  local got=$?
  if [ "$got" != "$want" ]; then
    echo "FAIL $what: exit $got, expected $want"; cat "$tmp/err"; fail=1
  fi
}

expect 0 "check clean config" "$DYAD" dict check --config $F/fixture.ini
grep -q '^dyad dict check: 0 errors, 0 warnings$' "$tmp/err" || { echo "FAIL clean summary"; fail=1; }

printf 'ALPHA_ [aaa]\n' >"$tmp/w.actors.txt"
expect 0 "check warnings only" "$DYAD" dict check "$tmp/w.actors.txt"
grep -q "w.actors.txt:1:8: warning: code in lower case" "$tmp/err" || { echo "FAIL warning text"; cat "$tmp/err"; fail=1; }

printf '+ORPHAN_\n' >"$tmp/e.actors.txt"
expect 4 "check errors" "$DYAD" dict check "$tmp/e.actors.txt"
grep -q "e.actors.txt:1:1: error: synonym" "$tmp/err" || { echo "FAIL error text"; fail=1; }

printf -- '--- A [010] ---\nA\n- IN_* [011]\n' >"$tmp/old.verbs.txt"
expect 3 "TABARI verbs refused" "$DYAD" dict check "$tmp/old.verbs.txt"
grep -q "old.verbs.txt:3: error: this is a TABARI/PETRARCH-1 verb file" "$tmp/err" || { echo "FAIL tabari text"; cat "$tmp/err"; fail=1; }

expect 3 "missing file" "$DYAD" dict check "$tmp/none.actors.txt"

expect 0 "lookup" "$DYAD" dict lookup Anna Voss --date 1999-01-01 --config $F/fixture.ini
grep -q "	NLDGOV	$F/actors.txt:9	" "$tmp/out" || { echo "FAIL lookup output"; cat "$tmp/out"; fail=1; }
expect 1 "lookup without match" "$DYAD" dict lookup nobody --config $F/fixture.ini
expect 2 "lookup bad date" "$DYAD" dict lookup Anna --date 1999-13 --config $F/fixture.ini
expect 2 "unknown subcommand" "$DYAD" dict frobnicate

expect 0 "compile" "$DYAD" dict compile --config $F/fixture.ini -o "$tmp/f.dyc"
expect 0 "lookup from cache" "$DYAD" dict lookup Anna Voss --date 1999-01-01 --dict "$tmp/f.dyc"
grep -q "	NLDGOV	$F/actors.txt:9	" "$tmp/out" || { echo "FAIL cache lookup"; fail=1; }
head -c 100 "$tmp/f.dyc" >"$tmp/cut.dyc"
expect 3 "truncated cache" "$DYAD" dict stats --dict "$tmp/cut.dyc"
grep -q "not a usable dictionary cache" "$tmp/err" || { echo "FAIL cache message"; cat "$tmp/err"; fail=1; }

# Default dictionaries: DYAD_DATA first.
mkdir -p "$tmp/data/dict"
cp $F/*.txt $F/fixture.ini "$tmp/data/dict/" && mv "$tmp/data/dict/fixture.ini" "$tmp/data/dict/dyad.ini"
DYAD_DATA="$tmp/data" expect 0 "default via DYAD_DATA" "$DYAD" dict lookup Northland
grep -q "$tmp/data/dict/actors.txt:4" "$tmp/out" || { echo "FAIL default path"; cat "$tmp/out"; fail=1; }

exit $fail
