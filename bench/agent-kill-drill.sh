#!/usr/bin/env bash
# Kill -9 drill for the agent against a real VPP: each round a real agent process applies random Network and pod changes
# (create, VNI edit, delete) made with kubectl through the console's embedded API, is killed with SIGKILL at a random moment,
# restarted, and must bring VPP to exactly what the objects want. Prints per round and in total: convergence time, duplicate
# tunnels, leaked interfaces, leaked memif sockets and VRFs left for deleted networks (counted from vppctl).
# Needs root (VPP, memif sockets under /run/vpp/memif) and MULTINET_VPP_BUILD (the VPP build's output directory).
# Usage: MULTINET_VPP_BUILD=/path/to/vpp-build bench/agent-kill-drill.sh [rounds=100] [seed=1]
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet build src/Web -v q -nologo >/dev/null
dotnet build src/Agent -v q -nologo >/dev/null
dotnet build bench/AgentKillDrill -v q -nologo >/dev/null
dotnet bench/AgentKillDrill/bin/Debug/net10.0/Multinet.AgentKillDrill.dll "$@"
