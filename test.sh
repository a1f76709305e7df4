#!/usr/bin/env bash
# Builds the solution and runs every test against a throw-away PostgreSQL server started here.
# Usage: ./test.sh [extra dotnet test arguments, e.g. --filter FullyQualifiedName~Storage]
#        ./test.sh --stress N [extra dotnet test arguments]
#            runs the tests N times in a row while `stress-ng --cpu 2` keeps both cores busy (a suite that passes only
#            on an idle or a fast machine fails here); prints one line per round, then the summary over all rounds.
# Ends with one line "tests: N passed, N failed"; exits non-zero when the build or any test failed.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

log() { printf 'test.sh: %s\n' "$*" >&2; }

# --stress N (anywhere among the arguments) is this script's; everything else goes to dotnet test.
rounds=""
args=()
while [ $# -gt 0 ]; do
  if [ "$1" = "--stress" ]; then
    rounds="${2:-}"
    case "$rounds" in ''|*[!0-9]*|0) log "--stress needs a number of rounds of at least 1 (got '${rounds}')"; exit 2 ;; esac
    shift 2
  else
    args+=("$1")
    shift
  fi
done
set -- ${args[@]+"${args[@]}"}

# shellcheck source=scripts/postgres.sh
. scripts/postgres.sh
pg_require_bin

# Installs a Debian package when its command is missing (this script runs as root on CI's fresh machine).
require_package() {
  local command_path=$1 package=$2 why=$3
  if [ -x "$command_path" ] || command -v "$command_path" >/dev/null 2>&1; then
    return 0
  fi
  if [ "$(id -u)" -ne 0 ]; then
    log "$command_path is missing ($why); install it (apt-get install $package) or run this script as root."
    exit 1
  fi
  log "installing $package ($why)"
  apt-get update
  DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "$package"
}

# Browser tests drive Debian's Chromium through Playwright (never a downloaded browser).
require_package /usr/bin/chromium chromium "the browser tests"
# The network-partition test puts silos in network namespaces (`ip netns`, as root).
require_package ip iproute2 "the network-partition test"
# Several Gateways run behind Debian's HAProxy (run.sh --gateways; its configuration is checked with haproxy -c).
require_package haproxy haproxy "run.sh --gateways"
# The CPU load of --stress comes from Debian's stress-ng.
if [ -n "$rounds" ]; then
  require_package stress-ng stress-ng "--stress"
fi

# Build first: a broken build needs no database.
if ! dotnet build OrleansPlatform.sln -c Release; then
  log "build failed"
  echo "tests: 0 passed, 0 failed"
  exit 1
fi

stress_pid=""
stop_all() {
  if [ -n "$stress_pid" ]; then
    kill "$stress_pid" 2>/dev/null || true
    wait "$stress_pid" 2>/dev/null || true
    stress_pid=""
  fi
  pg_stop
}
trap stop_all EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
pg_start
export ORLEANSPLATFORM_TEST_POSTGRES="$pg_connection_string"

# One run of dotnet test into its own results directory; sets test_rc, passed, failed and trx_files.
run_tests() {
  local results=$1 trx counters p f
  shift
  test_rc=0
  # Every silo and Gateway process a test started leaves its output here (small: warnings and up by default), so a
  # failed run can show what the processes said; see print_failures.
  ORLEANSPLATFORM_TEST_LOGS="${ORLEANSPLATFORM_TEST_LOGS:-$results/process-logs}" \
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
}

# The failed tests of one results directory, one line each: "name<TAB>start HH:MM:SS<TAB>end HH:MM:SS".
failed_test_windows() {
  local trx
  for trx in "$1"/*.trx; do
    [ -f "$trx" ] || continue
    grep -o '<UnitTestResult [^>]*outcome="Failed"[^>]*>' "$trx" |
      sed -n 's/.*testName="\([^"]*\)".*startTime="[^"]*T\([0-9:]\{8\}\)[^"]*".*endTime="[^"]*T\([0-9:]\{8\}\)[^"]*".*/\1\t\2\t\3/p' || true
  done
}

# After a failed run: the errors and the platform's own warnings that the test processes logged while a failed test
# ran (at most 120 lines, each with the process it came from), then every failed test with its message, last, so the
# tail of the output that CI keeps names what failed.
print_failures() {
  local results=$1 dir windows trx
  dir="${ORLEANSPLATFORM_TEST_LOGS:-$results/process-logs}"
  windows=$(failed_test_windows "$results")
  if [ -d "$dir" ] && [ -n "$windows" ]; then
    log "errors and platform warnings the test processes logged while a failed test ran ($dir):"
    grep -H -E ' (fail|crit): |warn: OrleansPlatform' "$dir"/*.log 2>/dev/null | sed "s|^$dir/||" |
      awk -v windows="$windows" '
        BEGIN { n = split(windows, lines, "\n"); for (i = 1; i <= n; i++) { split(lines[i], f, "\t"); from[i] = f[2]; to[i] = f[3] } }
        { if (match($0, /:[0-9][0-9]:[0-9][0-9]:[0-9][0-9]/)) { t = substr($0, RSTART + 1, 8); for (i = 1; i <= n; i++) if (t >= from[i] && t <= to[i]) { print; break } } }' |
      cut -c1-300 | head -n 120 >&2 || true
  fi
  for trx in "$results"/*.trx; do
    [ -f "$trx" ] || continue
    awk '
      /<UnitTestResult / && /outcome="Failed"/ { inside = 1; shown = 0; match($0, /testName="[^"]*"/); print "FAILED " substr($0, RSTART + 10, RLENGTH - 11); next }
      inside && /<\/UnitTestResult>/ { inside = 0; next }
      inside && shown < 25 {
        gsub(/<\/?(Output|ErrorInfo|Message|StackTrace|StdOut)>/, ""); sub(/^[ \t]+/, "")
        gsub(/&lt;/, "<"); gsub(/&gt;/, ">"); gsub(/&quot;/, "\""); gsub(/&apos;/, "\047"); gsub(/&#xD;/, ""); gsub(/&#xA;/, " "); gsub(/&amp;/, "\\&")
        if ($0 != "") { print "    " $0; shown++ }
      }
    ' "$trx" | head -n 300 >&2 || true
  done
}

if [ -z "$rounds" ]; then
  run_tests "$pg_tmp/results" "$@"
  if [ "$test_rc" -ne 0 ] || [ "$failed" -ne 0 ] || [ "$trx_files" -eq 0 ]; then
    print_failures "$pg_tmp/results"
    echo "tests: $passed passed, $failed failed"
    exit 1
  fi
  echo "tests: $passed passed, $failed failed"
  exit 0
fi

# --stress: both cores kept busy by another process for every round (started here, stopped by the EXIT trap).
stress-ng --cpu 2 --quiet &
stress_pid=$!
log "stress-ng --cpu 2 running (pid $stress_pid); $rounds round(s)"
total_passed=0
total_failed=0
bad_rounds=0
for round in $(seq 1 "$rounds"); do
  started=$SECONDS
  run_tests "$pg_tmp/results-$round" "$@"
  total_passed=$((total_passed + passed))
  total_failed=$((total_failed + failed))
  if [ "$test_rc" -ne 0 ] || [ "$failed" -ne 0 ] || [ "$trx_files" -eq 0 ]; then
    bad_rounds=$((bad_rounds + 1))
    print_failures "$pg_tmp/results-$round"
  fi
  echo "round $round of $rounds: $passed passed, $failed failed ($((SECONDS - started)) s)"
done
echo "tests: $total_passed passed, $total_failed failed"
[ "$bad_rounds" -eq 0 ]
