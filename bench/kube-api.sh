#!/usr/bin/env bash
# The embedded Kubernetes API: writes, `kubectl get networks` of 5,000 Networks (the server's time to the last byte and
# kubectl's own time), side by side with a real kube-apiserver when kas=/path/admin.kubeconfig (or
# MULTINET_KUBE_APISERVER_KUBECONFIG) names one, and changes delivered to 500 watchers (p50/p99) on both, each with the ratio.
# Usage: bench/kube-api.sh [networks=5000] [watchers=500] [kubectl=/usr/bin/kubectl] [kas=/path/admin.kubeconfig] [runs=5] [events=5]
set -euo pipefail
cd "$(dirname "$0")/.."
out=$(dotnet build -c Release bench/KubeApiBench -v q -nologo -clp:ErrorsOnly) || { echo "$out"; exit 1; }
dotnet bench/KubeApiBench/bin/Release/net10.0/Multinet.KubeApiBench.dll "$@"
