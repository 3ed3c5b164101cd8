#!/usr/bin/env bash
# A Network from `kubectl apply` to its VRF Applied on every simulated node, measured twice per Network from kubectl's
# acknowledgement: to the console's live state (GET /api/v1/nodes) and to the browser's "N / N nodes applied" on the
# Network's page (the system Chromium). The real console (Release, embedded API, N simulated nodes running the real agent
# code) and the real kubectl. Prints p50/p90/p99/max and the browser / live-state ratio.
# Usage: bench/propagation.sh [networks=50] [nodes=20] [kubectl=/usr/bin/kubectl]
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet build -c Release bench/PropagationBench -v q -nologo -clp:ErrorsOnly >/dev/null
dotnet bench/PropagationBench/bin/Release/net10.0/Multinet.PropagationBench.dll "$@"
