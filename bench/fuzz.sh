#!/usr/bin/env bash
# Long fuzz run of every parser that takes user input (CsCheck properties): Network documents sent to the embedded API
# (creates and merge patches), YAML applied in the console's editor, NAD CNI configurations, Multus network-selection
# and Kube-OVN ip_address annotations, agent gRPC messages (generated fields and raw bytes). CI runs the same 1,000 fixed
# seeds each time; this runs N random inputs (default 100,000). A failure prints CsCheck's seed: MULTINET_FUZZ_SEED=<seed> bench/fuzz.sh replays it.
# Usage: bench/fuzz.sh [cases=100000]
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet build tests/unit -v q -nologo -clp:ErrorsOnly >/dev/null
MULTINET_FUZZ_CASES="${1:-100000}" dotnet test --project tests/unit --no-build -- --filter-class '*FuzzTests' --show-live-output on
