#!/usr/bin/env bash
# The full test suite: a release build and an AddressSanitizer + UBSan
# build, each running every ctest test (unit, data files, CLI scripts, fuzz
# corpus replay, accuracy thresholds).  Exits non-zero if any test fails.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/deps.sh
jobs=$(nproc)
status=0
for variant in release asan; do
  dir=build-test-$variant
  flags=(-DCMAKE_BUILD_TYPE=Release)
  [ "$variant" = asan ] && flags=(-DCMAKE_BUILD_TYPE=Debug -DDYAD_SANITIZE=ON)
  echo "== $variant build" >&2
  cmake -S . -B "$dir" "${flags[@]}" >/dev/null
  cmake --build "$dir" -j"$jobs" >/dev/null
  echo "== $variant tests" >&2
  export ASAN_OPTIONS=detect_leaks=1:abort_on_error=0:detect_stack_use_after_return=1
  export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
  (cd "$dir" && ctest --output-on-failure -j"$jobs") || status=1
done
if [ $status -eq 0 ]; then echo "dyad: all tests passed (release and sanitizer builds)"; fi
exit $status
