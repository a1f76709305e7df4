#!/usr/bin/env bash
# Builds the benchmarks (Release), starts a throw-away PostgreSQL server (scripts/postgres.sh, as ./test.sh does),
# runs the benchmarks and stops the server.
# Usage: bash bench/run.sh                      every benchmark
#        bash bench/run.sh LocalGrainCall        the benchmarks whose full name contains each given word
#        bash bench/run.sh -- --list flat        anything after -- goes to BenchmarkDotNet as is
#        bash bench/run.sh cluster               the cluster benchmarks (bench/OrleansPlatform.ClusterBench: rpc,
#                                                pipelined, failover) with real silo processes
#        bash bench/run.sh cluster rpc failover  only those cluster benchmarks
#        bash bench/run.sh cluster failover -- --attempt-timeout-ms 700 --silo-settings 'Membership__ProbeTimeout=00:00:00.500'
#                                                anything after -- goes to each cluster command as is (see its --help)
#        bash bench/run.sh cluster sessions      session interactions (write-through) vs a raw upsert of the same record,
#                                                and the record's size (not part of the default cluster run)
#        bash bench/run.sh sessions              the platform (2 silos + Gateway) and the ASP.NET Core Session baseline
#                                                driven through the JSON API by bench/OrleansPlatform.LoadTool
#                                                (--users N --duration S --warmup S --silos N; default 32, 20, 5, 2),
#                                                with PostgreSQL's statements per interaction (pg_stat_statements)
#        bash bench/run.sh sessions --durable    the same on PostgreSQL with its durable defaults (fsync,
#                                                synchronous_commit, full_page_writes on) instead of fsync off
#        bash bench/run.sh sessions --users 64 --kill-silo-after 10
#                                                fail-over under load: the platform only, kill -9 of the silo hosting
#                                                the most sessions 10 s into the window; errors, latency, recovery
#        bash bench/run.sh sessions --connection-options 'No Reset On Close=true'
#                                                Npgsql settings appended to the platform's connection string (experiments)
#        bash bench/run.sh sessions --no-build   the same without building first (the Release builds must be current;
#                                                on a loaded machine the up-to-date checks alone take minutes)
#        bash bench/run.sh idle --sessions 20000 memory per idle catalog-search session activation on one silo (+ the
#                                                Gateway): each session started and searched once, then left idle;
#                                                RSS before, after and 20 s later (100,000 sessions by default)
#        bash bench/run.sh overload [--users 8 --slots 8 --line 8]
#                                                the Gateway's admission limits (Gateway__MaxConcurrentRequests = --slots,
#                                                Gateway__MaxQueuedRequests = --line) under --users users, then 10 times
#                                                as many, then --users again: refused vs admitted in the overload, and the
#                                                throughput after it against the baseline before it (same run)
#        bash bench/run.sh restart [--rounds N]  kill -9 of a silo of ./run.sh --silos 3 until it is Active again, with
#                                                warm standbys (run.sh's default) and cold (--no-standby, the baseline)
#        bash bench/run.sh freeze [--sessions N] SIGSTOP of the silo of ./run.sh --silos 3 hosting the most sessions, and
#                                                kill -9 of it as the baseline: min/p50/p90/max of each session's first
#                                                interaction after the fault (bench/freeze.sh; 20 sessions by default)
#        bash bench/run.sh freeze --partition    the same with a network partition of that silo instead of SIGSTOP
#                                                (as root: each silo in a network namespace, its link set down)
#        bash bench/run.sh gateways [--users N]  ./run.sh --silos 3 --gateways 2: the load through HAProxy vs on one
#                                                Gateway direct (same run), then kill -9 of a Gateway behind HAProxy
#                                                mid-window: errors and latency (bench/gateways.sh)
# Results: the console, and bench/BenchmarkDotNet.Artifacts/results/*.md (GitHub markdown tables); for `cluster`,
# bench/ClusterBench.Artifacts/cluster-<time>.md; for `sessions`, bench/SessionsBench.Artifacts/sessions-<time>.md
# (+ the two runs' JSON summaries).
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

log() { printf 'run.sh: %s\n' "$*" >&2; }

if [ "${1:-}" = "restart" ]; then
  shift
  exec bash bench/restart.sh "$@"
fi

if [ "${1:-}" = "freeze" ]; then
  shift
  exec bash bench/freeze.sh "$@"
fi

if [ "${1:-}" = "gateways" ]; then
  shift
  exec bash bench/gateways.sh "$@"
fi

if [ "${1:-}" = "sessions" ] || [ "${1:-}" = "idle" ] || [ "${1:-}" = "overload" ]; then
  mode=$1
  shift
  users=32 duration=20 warmup=5 silos=2 kill_after="" idle_sessions=100000 connection_options="" build=1 slots=8 line=8
  if [ "$mode" = idle ]; then silos=1; fi
  if [ "$mode" = overload ]; then users=8; fi
  while [ $# -gt 0 ]; do
    case "$1" in
      --no-build) build=0; shift ;;
      --sessions) idle_sessions="${2:?--sessions needs a number}"; shift 2 ;;
      --connection-options) connection_options="${2:?--connection-options needs K=V;K=V}"; shift 2 ;;
      --users) users="${2:?--users needs a number}"; shift 2 ;;
      --duration) duration="${2:?--duration needs seconds}"; shift 2 ;;
      --warmup) warmup="${2:?--warmup needs seconds}"; shift 2 ;;
      --silos) silos="${2:?--silos needs a number}"; shift 2 ;;
      --durable) export PG_DURABLE=1; shift ;;
      --kill-silo-after) kill_after="${2:?--kill-silo-after needs seconds}"; shift 2 ;;
      --slots) slots="${2:?--slots needs a number}"; shift 2 ;;
      --line) line="${2:?--line needs a number}"; shift 2 ;;
      *) log "unknown $mode option '$1' (--users, --duration, --warmup, --silos, --durable, --kill-silo-after, --sessions, --connection-options, --slots, --line, --no-build)"; exit 2 ;;
    esac
  done
  for value in "$users" "$duration" "$warmup" "$silos" "$idle_sessions" "$slots" "$line" ${kill_after:+"$kill_after"}; do
    case "$value" in ''|*[!0-9]*) log "sessions options take whole numbers (got '$value')"; exit 2 ;; esac
  done
  if [ "$silos" -lt 1 ] || [ "$users" -lt 1 ] || [ "$duration" -lt 1 ]; then log "--silos, --users and --duration must be at least 1"; exit 2; fi
  if [ -n "$kill_after" ]; then
    if [ "$silos" -lt 2 ]; then log "--kill-silo-after needs at least 2 silos (the sessions move to the others)"; exit 2; fi
    if [ "$kill_after" -lt 1 ] || [ $(( kill_after + 5 )) -gt "$duration" ]; then
      log "--kill-silo-after must be from 1 to --duration - 5 ($(( duration - 5 ))): the recovery needs time inside the window"; exit 2
    fi
  fi

  # shellcheck source=../scripts/postgres.sh
  . scripts/postgres.sh
  pg_require_bin
  for project in Silo/Silo.csproj Gateway/Gateway.csproj bench/OrleansPlatform.LoadTool/OrleansPlatform.LoadTool.csproj \
      bench/OrleansPlatform.SessionBaseline/OrleansPlatform.SessionBaseline.csproj; do
    [ "$build" = 1 ] || break
    if ! dotnet build "$project" -c Release -nologo -v quiet -clp:ErrorsOnly; then log "build of $project failed"; exit 1; fi
  done
  bin=bin/Release/net10.0
  loadtool=(dotnet "bench/OrleansPlatform.LoadTool/$bin/OrleansPlatform.LoadTool.dll")

  # Everything started here is stopped by pid: the servers (TERM, then KILL after 15 s), then PostgreSQL.
  server_pids=()
  server_names=()
  logs=/nonexistent
  stop_servers() {
    local pid
    for pid in ${server_pids[@]+"${server_pids[@]}"}; do kill -TERM "$pid" 2>/dev/null || true; done
    for pid in ${server_pids[@]+"${server_pids[@]}"}; do
      for _ in $(seq 1 150); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
      kill -KILL "$pid" 2>/dev/null || true
      wait "$pid" 2>/dev/null || true
    done
    server_pids=()
    server_names=()
  }
  cleanup() {
    trap - EXIT INT TERM
    stop_servers
    pg_stop
  }
  trap cleanup EXIT
  trap 'exit 130' INT
  trap 'exit 143' TERM

  free_port() {
    local port
    for _ in $(seq 1 20); do
      port=$((20000 + RANDOM % 40000))
      if ! pg_port_in_use "$port"; then echo "$port"; return 0; fi
    done
    log "no free loopback port"; exit 1
  }
  show_logs() {
    local file
    for file in "$logs"/*.log; do [ -f "$file" ] && { echo "--- $file (last 30 lines)" >&2; tail -n 30 "$file" >&2; }; done
  }
  # wait_http URL SECONDS: until URL answers 200 (and every server started is still alive).
  wait_http() {
    local url=$1 deadline=$(( $(date +%s) + $2 )) pid
    while [ "$(date +%s)" -lt "$deadline" ]; do
      if curl -fsS -o /dev/null --max-time 5 "$url" 2>/dev/null; then return 0; fi
      for pid in "${server_pids[@]}"; do
        if ! kill -0 "$pid" 2>/dev/null; then log "a server process ($pid) exited while waiting for $url"; show_logs; exit 1; fi
      done
      sleep 0.5
    done
    log "$url did not answer 200 within $2 s"; show_logs; exit 1
  }
  # run_upserts: pgbench's single-row upserts at --users clients for 10 s; prints upserts/s (pgbench's tps without
  # the connection time), its report goes to the results file.
  run_upserts() {
    local script=$pg_tmp/upsert.sql report
    "$pg_bin/psql" -h 127.0.0.1 -p "$pg_port" -U postgres -d postgres -qc \
      'CREATE TABLE IF NOT EXISTS bench_upsert (id integer PRIMARY KEY, payload jsonb NOT NULL, version integer NOT NULL)' >&2
    cat >"$script" <<'SQL'
\set id random(1, 100000)
INSERT INTO bench_upsert (id, payload, version) VALUES (:id, jsonb_build_object('p', repeat('x', 290)), 1)
  ON CONFLICT (id) DO UPDATE SET payload = excluded.payload, version = bench_upsert.version + 1;
SQL
    report=$("$pg_bin/pgbench" -h 127.0.0.1 -p "$pg_port" -U postgres -n -M extended -c "$users" -j "$(nproc)" -T 10 -f "$script" postgres 2>&1) || {
      log "pgbench failed: $report"; exit 1; }
    { echo "== upserts (pgbench, $users clients, 10 s, load average $(cut -d' ' -f1-3 /proc/loadavg))"; echo "$report" | grep -E '^(latency|tps|number of (transactions|failed))'; echo; } | tee -a "$out" >&2
    echo "$report" | sed -n 's/^tps = \([0-9.]*\) (without initial connection time)$/\1/p'
  }
  pg_start
  mkdir -p bench/SessionsBench.Artifacts
  stamp=$(date +%Y%m%d-%H%M%S)
  out="bench/SessionsBench.Artifacts/$mode-$stamp.md"
  # The servers' logs are kept (git-ignored) next to the results.
  logs="bench/SessionsBench.Artifacts/$mode-$stamp-logs"
  mkdir -p "$logs"
  log "dotnet --version $(dotnet --version), $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg); results: $out"

  # run_load LABEL URL [OPTION...]: the load tool against URL (the servers' and PostgreSQL's CPU time and
  # PostgreSQL's statements measured by the tool while it measures); prints its report.
  run_load() {
    local label=$1 url=$2 status=0 pids="" i
    shift 2
    for i in "${!server_pids[@]}"; do pids+="${pids:+,}${server_names[$i]}=${server_pids[$i]}"; done
    timeout --kill-after=10 $(( warmup + duration + 90 )) "${loadtool[@]}" --url "$url" --users "$users" \
      --duration "$duration" --warmup "$warmup" --label "$label" --json "bench/SessionsBench.Artifacts/sessions-$stamp-$label.json" \
      --server-pids "$pids" --postgres-pid "$(head -n 1 "$pg_data/postmaster.pid")" --postgres-connection "$pg_connection_string" \
      "$@" | tee -a "$out" || status=$?
    echo | tee -a "$out"
    if [ "$status" != 0 ]; then log "the load tool exited $status against $label"; show_logs; exit 1; fi
  }

  # 1. The platform: silo processes plus the Gateway as a cluster client, on the private PostgreSQL, as ./run.sh --silos does.
  ORLEANSPLATFORM_Transport__ClusterSecret=$(head -c 32 /dev/urandom | base64 | tr -d '\n=+/')
  export ORLEANSPLATFORM_Transport__ClusterSecret
  # --connection-options: Npgsql settings appended to the platform's connection string only (an experiment, e.g.
  # 'No Reset On Close=true'); the baseline and the measuring connections keep the plain one.
  export ORLEANSPLATFORM_Database__Provider=Postgres ORLEANSPLATFORM_Database__ConnectionString="$pg_connection_string${connection_options:+;$connection_options}"
  if [ -n "$connection_options" ]; then log "platform connection string: $ORLEANSPLATFORM_Database__ConnectionString"; fi
  gateway_port=$(free_port)
  for i in $(seq 1 "$silos"); do
    dotnet "Silo/$bin/OrleansPlatform.Silo.dll" --silo-name "silo-$i" >"$logs/silo-$i.log" 2>&1 &
    server_pids+=("$!")
    server_names+=("silo-$i")
  done
  if [ "$mode" = overload ]; then
    export ORLEANSPLATFORM_Gateway__MaxConcurrentRequests="$slots" ORLEANSPLATFORM_Gateway__MaxQueuedRequests="$line"
  fi
  ORLEANSPLATFORM_Gateway__Mode=Cluster dotnet "Gateway/$bin/OrleansPlatform.Gateway.dll" --urls "http://127.0.0.1:$gateway_port" >"$logs/gateway.log" 2>&1 &
  server_pids+=("$!")
  server_names+=(gateway)
  started=$(date +%s)
  wait_http "http://127.0.0.1:$gateway_port/health" 90
  # The silos migrate the schema and seed the catalog at start (one transaction): wait for the products.
  products=0
  for _ in $(seq 1 120); do
    products=$("$pg_bin/psql" -h 127.0.0.1 -p "$pg_port" -U postgres -d postgres -Atqc 'SELECT count(*) FROM products' 2>/dev/null || echo 0)
    [ "${products:-0}" -gt 0 ] && break
    sleep 0.5
  done
  if [ "${products:-0}" -eq 0 ]; then log "the platform did not seed the products table"; show_logs; exit 1; fi
  log "platform up ($silos silos + Gateway on :$gateway_port) in $(( $(date +%s) - started )) s; $products products"
  if [ "$mode" = idle ]; then
    pids=""
    for i in "${!server_pids[@]}"; do pids+="${pids:+,}${server_names[$i]}=${server_pids[$i]}"; done
    timeout --kill-after=10 1800 "${loadtool[@]}" idle --url "http://127.0.0.1:$gateway_port" --sessions "$idle_sessions" \
      --concurrency "$users" --server-pids "$pids" | tee -a "$out"
    "$pg_bin/psql" -h 127.0.0.1 -p "$pg_port" -U postgres -d postgres -Atqc \
      "SELECT 'session records: ' || count(*) || ', ' || pg_size_pretty(sum(pg_column_size(state))) || ' of state' FROM grain_state WHERE state_name = 'session'" | tee -a "$out"
    exit 0
  fi
  if [ "$mode" = overload ]; then
    # Before, during (10 times the users) and after the overload, against the same Gateway; the figures are ratios
    # within this run. A refused interaction is an error "503" of the load tool (the user starts a new session).
    # The first phase warms up three times as long: JIT, connection pools and the catalog cache are cold at start.
    base_users=$users base_warmup=$warmup
    warmup=$(( base_warmup * 3 ))
    run_load overload-before "http://127.0.0.1:$gateway_port"
    warmup=$base_warmup
    users=$(( base_users * 10 ))
    run_load overload-10x "http://127.0.0.1:$gateway_port"
    users=$base_users
    run_load overload-after "http://127.0.0.1:$gateway_port"
    stop_servers
    summary() { jq -r "$2" "bench/SessionsBench.Artifacts/sessions-$stamp-overload-$1.json"; }
    {
      echo "== overload: Gateway slots $slots, line $line; $base_users users, then $(( base_users * 10 )), then $base_users; ${duration} s each"
      echo "| phase | users | admitted/s | refused (503)/s | other errors | p50 admitted ms | p99 admitted ms |"
      echo "|---|---|---|---|---|---|---|"
      for phase in before 10x after; do
        summary "$phase" '"| \(.label) | \(.users) | \(.interactionsPerSecond | floor) | \(((.errors["503"] // 0) / .measuredSeconds) | floor) | \(.errorCount - (.errors["503"] // 0)) | \(.all.p50Ms | round) | \(.all.p99Ms | round) |"'
      done
      before=$(summary before '.interactionsPerSecond')
      after=$(summary after '.interactionsPerSecond')
      admitted=$(summary 10x '.interactions')
      refused=$(summary 10x '.errors["503"] // 0')
      echo
      echo "overload: refused ÷ admitted in the 10x phase: $(jq -n "$refused / ([$admitted, 1] | max) * 100 | round / 100"); admitted/s in the 10x phase ÷ before: $(jq -n "$(summary 10x '.interactionsPerSecond') / $before * 100 | round / 100"); after ÷ before: $(jq -n "$after / $before * 100 | round / 100")"
    } | tee -a "$out"
    exit 0
  fi
  if [ -n "$kill_after" ]; then
    # The tool kills the silo hosting the most sessions itself, so it knows the moment exactly. Its per-request
    # timeout is above the Gateway's retry budget (25 s): what users see is the Gateway's answer, not the tool giving up.
    run_load platform "http://127.0.0.1:$gateway_port" --kill-after "$kill_after" --kill-pid busiest --timeout 30
    stop_servers
    log "fail-over run: the baseline is not run (it has no silo to kill)"
    grep -h '^failover:' "$out" || true
    exit 0
  fi
  run_load platform "http://127.0.0.1:$gateway_port"
  stop_servers
  unset ORLEANSPLATFORM_Transport__ClusterSecret ORLEANSPLATFORM_Database__Provider ORLEANSPLATFORM_Database__ConnectionString

  # 2. The database's own ceiling: single-row upserts of a record-sized row (a 300-byte jsonb, random key out of
  # 100,000) by pgbench at the same concurrency, alone on the machine, against the same database (extended protocol,
  # unprepared, as Orleans' storage sends its statements). Autocommit: one statement, one transaction, one commit.
  upserts_per_s=$(run_upserts)

  # 3. The baseline on the same database (the products the platform seeded), alone on the machine as the platform was.
  baseline_port=$(free_port)
  ORLEANSPLATFORM_BASELINE_POSTGRES="$pg_connection_string" \
    dotnet "bench/OrleansPlatform.SessionBaseline/$bin/OrleansPlatform.SessionBaseline.dll" --port "$baseline_port" >"$logs/baseline.log" 2>&1 &
  server_pids+=("$!")
  server_names+=(baseline)
  wait_http "http://127.0.0.1:$baseline_port/health" 60
  run_load baseline "http://127.0.0.1:$baseline_port"
  stop_servers

  "${loadtool[@]}" compare "bench/SessionsBench.Artifacts/sessions-$stamp-platform.json" "bench/SessionsBench.Artifacts/sessions-$stamp-baseline.json" \
    ${upserts_per_s:+"$upserts_per_s"} | tee -a "$out"
  exit 0
fi

if [ "${1:-}" = "cluster" ]; then
  shift
  commands=()
  extra=()
  while [ $# -gt 0 ]; do
    if [ "$1" = "--" ]; then shift; extra=("$@"); break; fi
    commands+=("$1")
    shift
  done
  if [ ${#commands[@]} -eq 0 ]; then commands=(rpc pipelined failover); fi
  for command in "${commands[@]}"; do
    case "$command" in rpc|pipelined|failover|sessions) ;; *) log "unknown cluster benchmark '$command' (rpc, pipelined, failover, sessions)"; exit 2 ;; esac
  done

  # shellcheck source=../scripts/postgres.sh
  . scripts/postgres.sh
  pg_require_bin
  project=bench/OrleansPlatform.ClusterBench/OrleansPlatform.ClusterBench.csproj
  # Builds the Silo (Release) too: the tool starts it as real processes.
  if ! dotnet build "$project" -c Release; then
    log "build failed"
    exit 1
  fi

  trap pg_stop EXIT
  trap 'exit 130' INT
  trap 'exit 143' TERM
  pg_start
  export ORLEANSPLATFORM_BENCH_POSTGRES="$pg_connection_string"
  mkdir -p bench/ClusterBench.Artifacts
  out="bench/ClusterBench.Artifacts/cluster-$(date +%Y%m%d-%H%M%S).md"
  log "dotnet --version $(dotnet --version), $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg); results: $out"
  status=0
  for command in "${commands[@]}"; do
    started=$(date +%s)
    # Each command has its own hard limit (the tool kills its silos and exits 3); `timeout` is the backstop.
    timeout --kill-after=10 300 dotnet bench/OrleansPlatform.ClusterBench/bin/Release/net10.0/OrleansPlatform.ClusterBench.dll \
      "$command" --timeout-s 240 --out "$out" ${extra[@]+"${extra[@]}"} || status=$?
    log "$command: $(( $(date +%s) - started )) s, exit $status, load average $(cut -d' ' -f1-3 /proc/loadavg)"
    if [ "$status" != 0 ]; then break; fi
  done
  exit "$status"
fi

filters=()
passthrough=()
while [ $# -gt 0 ]; do
  if [ "$1" = "--" ]; then shift; passthrough=("$@"); break; fi
  filters+=("*$1*")
  shift
done
if [ ${#filters[@]} -eq 0 ]; then filters=("*"); fi

# shellcheck source=../scripts/postgres.sh
. scripts/postgres.sh
pg_require_bin

project=bench/OrleansPlatform.Benchmarks/OrleansPlatform.Benchmarks.csproj
if ! dotnet build "$project" -c Release; then
  log "build failed"
  exit 1
fi

trap pg_stop EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
pg_start
export ORLEANSPLATFORM_BENCH_POSTGRES="$pg_connection_string"

log "dotnet --version $(dotnet --version), $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
status=0
dotnet bench/OrleansPlatform.Benchmarks/bin/Release/net10.0/OrleansPlatform.Benchmarks.dll \
  --filter "${filters[@]}" --artifacts bench/BenchmarkDotNet.Artifacts ${passthrough[@]+"${passthrough[@]}"} || status=$?
log "done (exit $status), load average $(cut -d' ' -f1-3 /proc/loadavg)"
exit "$status"
