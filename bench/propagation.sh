#!/usr/bin/env bash
# Measures how long a Network takes from the API acknowledging its creation to "Applied" on every simulated
# node as the console reports it (GET /api/v1/nodes): the walking skeleton's path through watch, plan,
# reconcile, gRPC report and live state. Creates N Networks one after another; prints p50/p90/max in ms.
# Usage: bench/propagation.sh [count]   (needs a built solution: dotnet build)
set -euo pipefail
cd "$(dirname "$0")/.."
count=${1:-30}
dir=$(mktemp -d)
port=$((20000 + RANDOM % 10000)); grpc=$((port + 1))
dotnet src/Web/bin/Debug/net10.0/Multinet.Web.dll --urls "http://127.0.0.1:$port" --Multinet:GrpcUrl "http://127.0.0.1:$grpc" \
  --Multinet:DataDir "$dir" --Multinet:SimulatedNodes 3 >"$dir/web.log" 2>&1 &
web=$!
trap 'kill $web 2>/dev/null; rm -rf "$dir"' EXIT
for _ in $(seq 1 300); do [ -f "$dir/kubeconfig" ] && break; sleep 0.1; done
server=$(grep -oE 'server: "[^"]+"' "$dir/kubeconfig" | cut -d'"' -f2)
token=$(cat "$dir/api-token")
nodes() { curl -s "http://127.0.0.1:$port/api/v1/nodes"; }
until [ "$(nodes | grep -o '"connected":true' | wc -l)" = 3 ]; do sleep 0.05; done
times=()
for i in $(seq 1 "$count"); do
  body=$(printf '{"apiVersion":"projectcalico.org/v3","kind":"Network","metadata":{"name":"bench-%d"},"spec":{"vni":%d,"range":"10.%d.0.0/16"}}' "$i" $((1000 + i)) "$i")
  curl -sk -o /dev/null -H "Authorization: Bearer $token" -H 'Content-Type: application/json' -d "$body" "$server/apis/projectcalico.org/v3/networks"
  start=$(date +%s%N)
  until [ "$(nodes | grep -oE "\"network\":\"bench-$i\",\"tableId\":[0-9]+,\"state\":\"Applied\"" | wc -l)" = 3 ]; do :; done
  times+=($(( ($(date +%s%N) - start) / 1000000 )))
done
printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END {printf "Network acknowledged -> Applied on 3 nodes in the console, %d Networks: p50 %d ms, p90 %d ms, max %d ms\n", NR, a[int(NR*0.5)+0], a[int(NR*0.9)+0], a[NR]}'
