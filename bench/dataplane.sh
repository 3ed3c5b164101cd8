#!/usr/bin/env bash
# Times the agent's core on one node of a large cluster (default 101 nodes x 100 Networks = 10,000 tunnels on the node):
# plan, diff and apply on the simulated dataplane from empty, an in-sync pass (what an agent restart costs), and one
# Network's VNI edit. Prints ms and operations/s per step.
# Every figure is the median of several runs after a warm-up.
# Usage: bench/dataplane.sh [nodes] [networks] [podsPerNode] [runs]
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet build -c Release bench/DataplaneBench -v q -nologo >/dev/null
dotnet bench/DataplaneBench/bin/Release/net10.0/Multinet.DataplaneBench.dll "$@"
