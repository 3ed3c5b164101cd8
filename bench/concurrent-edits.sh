#!/usr/bin/env bash
# Drill: concurrent edits of one Network from the console's YAML editor (four signed-in people) and the real kubectl
# (replace, merge patch with a resourceVersion, server-side apply with one) against the embedded API. Each write adds
# one to a counter annotation, guarded by the resourceVersion it read. Prints applied / conflicts (per writer) / other
# outcomes / final counter / lost updates; fails on any lost update or any outcome other than "applied" or a 409.
# CI runs the same test with 60 writes. Usage: bench/concurrent-edits.sh [writes=1000]
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet build tests/unit -v q -nologo -clp:ErrorsOnly >/dev/null
MULTINET_DRILL_WRITES="${1:-1000}" dotnet test --project tests/unit --no-build -- \
  --filter-method '*ConcurrentEditsTests.ConcurrentEdits_FromYamlEditorAndKubectl*' --show-live-output on
