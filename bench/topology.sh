#!/usr/bin/env bash
# /topology at scale: the real console (Release) with N synthetic agents (default 200 nodes, 50 Networks, 50 pod
# interfaces per node = 10,000 pods, 8 tunnel peers per node and Network); the system Chromium times the first render
# of /topology and how soon a tunnel reported down shows on it; prints the console's memory growth from the page.
# Usage: bench/topology.sh [nodes] [networks] [podsPerNode] [peers] [updates]
set -euo pipefail
cd "$(dirname "$0")/.."
# Quiet when the build succeeds; its errors (and what led to them) when it does not.
if ! build=$(dotnet build -c Release bench/TopologyBench -v q -nologo -clp:ErrorsOnly 2>&1); then
  printf '%s\n' "$build" >&2
  echo "bench/topology.sh: the build failed (above)" >&2
  exit 1
fi
dotnet bench/TopologyBench/bin/Release/net10.0/Multinet.TopologyBench.dll "$@"
