#!/usr/bin/env bash
# Builds the solution and runs every test: unit (xUnit + bUnit) and end-to-end (real console process,
# real kubectl, Playwright driving the system Chromium). Installs what a bare machine lacks.
# Ends with the line "N passed, N failed".
set -uo pipefail
cd "$(dirname "$0")"

log() { printf '\n== %s\n' "$*"; }

need_apt=()
command -v chromium >/dev/null 2>&1 || need_apt+=(chromium)
command -v kubectl >/dev/null 2>&1 || need_apt+=(kubectl)
if [ ${#need_apt[@]} -gt 0 ]; then
  log "Installing ${need_apt[*]}"
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need_apt[@]}" >/dev/null \
    || { echo "Could not install ${need_apt[*]}; the end-to-end tests need them."; }
fi
export BROWSER_PATH="${BROWSER_PATH:-$(command -v chromium || echo /usr/bin/chromium)}"
# Tests start their own console on free loopback ports; a developer's cluster must not leak into them.
unset KUBECONFIG

log "Building"
if ! dotnet build Multinet.slnx -c Debug -nologo -clp:ErrorsOnly; then
  echo "0 passed, 1 failed"
  exit 1
fi

passed=0
failed=0
status=0
run_suite() {
  local project=$1
  local out
  out=$(mktemp)
  log "Testing $project"
  dotnet test --project "$project" --no-build -c Debug 2>&1 | tee "$out"
  local rc=${PIPESTATUS[0]}
  local p f
  p=$(grep -E '^\s*succeeded:' "$out" | tail -1 | grep -oE '[0-9]+' || echo 0)
  f=$(grep -E '^\s*failed:' "$out" | tail -1 | grep -oE '[0-9]+' || echo 0)
  if [ "$rc" -ne 0 ] && [ "${f:-0}" -eq 0 ]; then f=1; fi
  passed=$((passed + ${p:-0}))
  failed=$((failed + ${f:-0}))
  [ "$rc" -eq 0 ] || status=1
  rm -f "$out"
}

run_suite tests/unit
run_suite tests/e2e

echo
echo "$passed passed, $failed failed"
exit $status
