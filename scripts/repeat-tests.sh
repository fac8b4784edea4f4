#!/usr/bin/env bash
# Runs one jest file N times in a row to find flaky tests:
#   scripts/repeat-tests.sh apps/worker/test/edge-cases.e2e-spec.ts 30
# Prints one line per run and the pass/fail counts; exits non-zero when any run failed.
# The output of every failed run is kept (path printed), passing runs' output is discarded.
# Extra arguments after N go to jest (e.g. -t "connection lost").
set -uo pipefail

if [[ $# -lt 2 || ! "$2" =~ ^[0-9]+$ || "$2" -lt 1 ]]; then
  echo "usage: $0 <jest test file> <runs> [jest args...]" >&2
  exit 2
fi
file=$1
runs=$2
shift 2
cd "$(dirname "$0")/.." || exit 2
if [[ ! -e "$file" ]]; then
  echo "no such test file (paths are relative to the repository root): $file" >&2
  exit 2
fi
logs=${REPEAT_TESTS_LOG_DIR:-$(mktemp -d "${TMPDIR:-/tmp}/repeat-tests.XXXXXX")}
mkdir -p "$logs"
passed=0
failed=0
failures=()
started=$SECONDS

for ((i = 1; i <= runs; i++)); do
  log="$logs/run-$i.log"
  run_started=$SECONDS
  if npx jest "$file" "$@" >"$log" 2>&1; then
    passed=$((passed + 1))
    echo "run $i/$runs: pass ($((SECONDS - run_started)) s)"
    rm -f "$log"
  else
    failed=$((failed + 1))
    failures+=("$log")
    echo "run $i/$runs: FAIL ($((SECONDS - run_started)) s) -> $log"
    # The failing tests' names, for a quick look.
    grep -E '^\s+(✕|●)' "$log" | head -5 | sed 's/^/    /'
  fi
done

echo "$file: $passed passed, $failed failed of $runs runs in $((SECONDS - started)) s"
if ((failed > 0)); then
  echo "failed runs' output:"
  printf '  %s\n' "${failures[@]}"
  exit 1
fi
rmdir "$logs" 2>/dev/null || true
exit 0
