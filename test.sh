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
# The console's browser libraries (src/Web/ClientApp) come from npm at build time.
command -v npm >/dev/null 2>&1 || need_apt+=(nodejs npm)
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
skipped=0
status=0
results=$(mktemp -d)
# Each suite's verdict is its exit code; its counts come from the TRX report the runner writes, not from its console text.
run_suite() {
  local project=$1 name
  name=$(basename "$project")
  log "Testing $project"
  dotnet test --project "$project" --no-build -c Debug --results-directory "$results" \
    --report-xunit-trx --report-xunit-trx-filename "$name.trx"
  local rc=$?
  local counters p=0 f=0 s=0
  counters=$(grep -o '<Counters [^>]*>' "$results/$name.trx" 2>/dev/null || true)
  if [ -n "$counters" ]; then
    p=$(sed -E 's/.* passed="([0-9]+)".*/\1/' <<<"$counters")
    f=$(sed -E 's/.* failed="([0-9]+)".*/\1/' <<<"$counters")
    s=$(sed -E 's/.* notExecuted="([0-9]+)".*/\1/' <<<"$counters")
  fi
  # A run that failed without a failed test (a crash, a build or discovery error) still counts as a failure.
  if [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then f=1; fi
  passed=$((passed + p))
  failed=$((failed + f))
  skipped=$((skipped + s))
  [ "$rc" -eq 0 ] || status=1
}

run_suite tests/unit
run_suite tests/e2e
rm -rf "$results"

echo
echo "$passed passed, $failed failed, $skipped skipped"
exit $status
