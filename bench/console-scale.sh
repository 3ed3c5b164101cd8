#!/usr/bin/env bash
# The console at scale: the real console (Release) with N synthetic agents on the gRPC contract (default 200 nodes,
# 10 Networks, 50 memif/tap pod interfaces per node = 10,000, 8 tunnel peers per Network) and the matching Networks,
# NADs and pods in its embedded API; the system Chromium times the pages, then every agent sends counter deltas each
# second while each page's SignalR traffic, the console's CPU and memory and the browser's JS heap are measured.
# Usage: bench/console-scale.sh [nodes] [networks] [podsPerNode] [peers] [windowSeconds]
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet build -c Release bench/ConsoleScaleBench -v q -nologo -clp:ErrorsOnly >/dev/null
dotnet bench/ConsoleScaleBench/bin/Release/net10.0/Multinet.ConsoleScaleBench.dll "$@"
