#!/usr/bin/env bash
# Soak drill: the real console (Release) with N synthetic agents sending counter deltas at 1 Hz and M browser circuits
# (headless Chromium pages over the live pages, each a Blazor Server circuit) for the given minutes. Prints the console's
# working set every 30 s, then first/last/peak, growth, and every error counted (console warn/fail log lines, stalled
# agent streams, send errors, page errors, crashes, browser console errors, reconnect dialogs). Exits 1 on any error or
# growth above 5 %. Usage: bench/soak.sh [agents=200] [circuits=100] [minutes=10]
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet build -c Release bench/SoakBench -v q -nologo -clp:ErrorsOnly >/dev/null
dotnet bench/SoakBench/bin/Release/net10.0/Multinet.SoakBench.dll "$@"
