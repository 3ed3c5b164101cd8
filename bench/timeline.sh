#!/usr/bin/env bash
# Times the console's audit timeline on a large cluster (default 200 connected nodes, 10 Networks, 10,000 pods,
# 50 network-aware Services, 20 policies): what recording one change costs on the live-state thread (a Service,
# policy, NAD or Network edit: the entry and which nodes' results to await), and a batch of every node's report while
# a Service edit's results are awaited. Prints the median ms per case.
# Usage: bench/timeline.sh [nodes] [podsPerNode] [networks] [services] [policies] [runs]
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet build -c Release bench/TimelineBench -v q -nologo >/dev/null
dotnet bench/TimelineBench/bin/Release/net10.0/Multinet.TimelineBench.dll "$@"
