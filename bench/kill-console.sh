#!/usr/bin/env bash
# Drill: kill -9 of the real console process (with its embedded API) while eight writers create Networks, once half of
# the writes are acknowledged; then a restart on the same data directory and the rest of the writes. Prints the writes
# acknowledged before the kill, those in flight, the restart time, lost acknowledged writes and the timeline's
# creations / missing / spurious deletions; fails on any acknowledged write lost or missing from the timeline.
# CI runs the same test with 100 writes. Usage: bench/kill-console.sh [writes=1000]
set -euo pipefail
cd "$(dirname "$0")/.."
results=$(mktemp -d)
trap 'rm -rf "$results"' EXIT
dotnet build tests/e2e -v q -nologo -clp:ErrorsOnly >/dev/null
status=0
MULTINET_DRILL_WRITES="${1:-1000}" dotnet test --project tests/e2e --no-build -- \
  --filter-method '*KillDuringWritesTests.KillMinus9_DuringWrites*' \
  --report-xunit-trx --report-xunit-trx-filename kill.trx --results-directory "$results/out" || status=$?
grep -ho 'kill -9 during writes[^<]*' "$results"/out/*.trx || true
exit $status
