#!/usr/bin/env bash
# Builds the solution and runs every test against a throw-away PostgreSQL server started here.
# Usage: ./test.sh [extra dotnet test arguments, e.g. --filter FullyQualifiedName~Storage]
# Ends with one line "tests: N passed, N failed"; exits non-zero when the build or any test failed.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

log() { printf 'test.sh: %s\n' "$*" >&2; }

# shellcheck source=scripts/postgres.sh
. scripts/postgres.sh
pg_require_bin

# The browser tests drive Debian's Chromium through Playwright (never a downloaded browser).
if [ ! -x /usr/bin/chromium ]; then
  if [ "$(id -u)" -ne 0 ]; then
    log "/usr/bin/chromium is missing; install it (apt-get install chromium) or run this script as root."
    exit 1
  fi
  log "installing Chromium (apt-get install chromium)"
  apt-get update
  DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends chromium
fi

# The network-partition test puts silos in network namespaces (`ip netns`, as root).
if ! command -v ip >/dev/null 2>&1; then
  if [ "$(id -u)" -ne 0 ]; then
    log "the ip command is missing; install it (apt-get install iproute2) or run this script as root."
    exit 1
  fi
  log "installing iproute2 (apt-get install iproute2)"
  apt-get update
  DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends iproute2
fi

# Build first: a broken build needs no database.
if ! dotnet build OrleansPlatform.sln -c Release; then
  log "build failed"
  echo "tests: 0 passed, 0 failed"
  exit 1
fi

trap pg_stop EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
pg_start
export ORLEANSPLATFORM_TEST_POSTGRES="$pg_connection_string"

results="$pg_tmp/results"
test_rc=0
dotnet test OrleansPlatform.sln -c Release --no-build --logger trx --results-directory "$results" "$@" || test_rc=$?

passed=0
failed=0
trx_files=0
for trx in "$results"/*.trx; do
  [ -f "$trx" ] || continue
  trx_files=$((trx_files + 1))
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -n 1 || true)
  p=$(printf '%s' "$counters" | sed -n 's/.* passed="\([0-9]*\)".*/\1/p')
  f=$(printf '%s' "$counters" | sed -n 's/.* failed="\([0-9]*\)".*/\1/p')
  passed=$((passed + ${p:-0}))
  failed=$((failed + ${f:-0}))
done

if [ "$test_rc" -ne 0 ] && [ "$failed" -eq 0 ]; then
  log "dotnet test exited with code $test_rc without a failed test (an aborted or crashed test run, or $trx_files result files)"
fi
echo "tests: $passed passed, $failed failed"
if [ "$test_rc" -ne 0 ] || [ "$failed" -ne 0 ] || [ "$trx_files" -eq 0 ]; then
  exit 1
fi
