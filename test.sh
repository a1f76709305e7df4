#!/usr/bin/env bash
# Builds the solution and runs every test against a throw-away PostgreSQL server started here.
# Usage: ./test.sh [extra dotnet test arguments, e.g. --filter FullyQualifiedName~Storage]
# Ends with one line "tests: N passed, N failed"; exits non-zero when the build or any test failed.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

log() { printf 'test.sh: %s\n' "$*" >&2; }

find_pg_bin() {
  local initdb
  initdb=$(printf '%s\n' /usr/lib/postgresql/*/bin/initdb | sort -V | tail -n 1)
  if [ -x "$initdb" ]; then dirname "$initdb"; fi
}

pg_bin=$(find_pg_bin)
if [ -z "$pg_bin" ]; then
  if [ "$(id -u)" -ne 0 ]; then
    log "PostgreSQL server binaries (/usr/lib/postgresql/*/bin/initdb) are missing; install them (apt-get install postgresql) or run this script as root."
    exit 1
  fi
  log "installing PostgreSQL (apt-get install postgresql)"
  apt-get update
  DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends postgresql
  pg_bin=$(find_pg_bin)
  if [ -z "$pg_bin" ]; then
    log "PostgreSQL was installed but no /usr/lib/postgresql/*/bin/initdb was found."
    exit 1
  fi
fi

# PostgreSQL refuses to run as root: as root, run the server as the postgres OS user.
if [ "$(id -u)" -eq 0 ]; then
  if ! id postgres >/dev/null 2>&1; then
    useradd --system --no-create-home --shell /usr/sbin/nologin postgres
  fi
  as_pg() {
    if command -v runuser >/dev/null 2>&1; then runuser -u postgres -- "$@"; else su -s /bin/sh postgres -c "$(printf '%q ' "$@")"; fi
  }
else
  as_pg() { "$@"; }
fi

# Build first: a broken build needs no database.
if ! dotnet build OrleansPlatform.sln -c Release; then
  log "build failed"
  echo "tests: 0 passed, 0 failed"
  exit 1
fi

pg_tmp=$(mktemp -d /tmp/orleansplatform-pg.XXXXXX)
pg_data="$pg_tmp/data"
pg_started=0
cleanup() {
  if [ "$pg_started" = 1 ]; then
    as_pg "$pg_bin/pg_ctl" -D "$pg_data" -m fast -w stop >/dev/null 2>&1 || true
  fi
  rm -rf "$pg_tmp"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

if [ "$(id -u)" -eq 0 ]; then chown postgres: "$pg_tmp"; fi
as_pg "$pg_bin/initdb" -D "$pg_data" -A trust -U postgres --no-sync -E UTF8 --locale=C >"$pg_tmp/initdb.log" 2>&1 || {
  cat "$pg_tmp/initdb.log" >&2
  log "initdb failed"
  exit 1
}

port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

pg_port=""
for _ in 1 2 3 4 5; do
  port=$((20000 + RANDOM % 40000))
  port_in_use "$port" && continue
  if as_pg "$pg_bin/pg_ctl" -D "$pg_data" -l "$pg_tmp/postgres.log" -w -t 60 \
      -o "-c listen_addresses=127.0.0.1 -p $port -k $pg_tmp -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300" \
      start >/dev/null; then
    pg_started=1
    pg_port=$port
    break
  fi
  # A port taken between the check and the start: try another one.
  grep -q 'could not bind\|Address already in use' "$pg_tmp/postgres.log" 2>/dev/null || { cat "$pg_tmp/postgres.log" >&2; log "PostgreSQL did not start"; exit 1; }
done
if [ -z "$pg_port" ]; then
  log "no free loopback port for PostgreSQL after 5 tries"
  exit 1
fi

ready=0
for _ in $(seq 1 60); do
  if "$pg_bin/pg_isready" -q -h 127.0.0.1 -p "$pg_port" -U postgres; then ready=1; break; fi
  sleep 0.5
done
if [ "$ready" != 1 ]; then
  cat "$pg_tmp/postgres.log" >&2
  log "PostgreSQL on port $pg_port does not accept connections"
  exit 1
fi
log "PostgreSQL $("$pg_bin/postgres" --version | sed 's/^[^0-9]*\([0-9.]*\).*/\1/') on 127.0.0.1:$pg_port ($pg_tmp)"
export ORLEANSPLATFORM_TEST_POSTGRES="Host=127.0.0.1;Port=$pg_port;Username=postgres;Database=postgres"

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
