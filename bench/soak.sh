#!/usr/bin/env bash
# Soak drill: the real console (Release) with N synthetic agents sending counter deltas at 1 Hz and M browser circuits
# (headless Chromium pages over the live pages, each its own Blazor Server circuit, in one browser whose pages share a few
# renderer processes) for the given minutes from when the last circuit is open. Prints the console's working set every
# 30 s, then start / end of warm-up / end / peak, growth after the warm-up (judged) and from the start (shown), render
# batches each circuit received after the warm-up, and every error counted (console warn/fail log lines, stalled agent
# streams, send errors, page errors, crashes, browser console errors, disconnected circuits, circuits without batches,
# reconnect dialogs). Exits 1 on any error or growth after the warm-up above 5 %. SOAK_RENDERERS (6) sets Chromium's
# renderer processes; SOAK_DUMP=<dir> takes process dumps (dotnet-dump) at the end of the warm-up and at the end;
# each sample prints the managed heap by generation.
# Usage: bench/soak.sh [agents=200] [circuits=100] [minutes=10] [warm-up minutes=3]
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet build -c Release bench/SoakBench -v q -nologo -clp:ErrorsOnly >/dev/null
dotnet bench/SoakBench/bin/Release/net10.0/Multinet.SoakBench.dll "$@"
