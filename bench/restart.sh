#!/usr/bin/env bash
# kill -9 of a silo of a `./run.sh --silos 3 --postgres ...` cluster, and the time until a new silo process is Active in
# Orleans' membership table (3 Active again), with each silo's warm standby (run.sh's default) and without it
# (--no-standby: a cold restart, the baseline), both in this run on one private PostgreSQL. Run through
# `bash bench/run.sh restart [--rounds N] [--no-build]` (default 5 rounds per mode; the Release builds must be current
# with --no-build). Results: the console and bench/RestartBench.Artifacts/restart-<time>.md.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

log() { printf 'restart bench: %s\n' "$*" >&2; }

rounds=5
build=1
while [ $# -gt 0 ]; do
  case "$1" in
    --rounds) rounds="${2:?--rounds needs a number}"; shift 2 ;;
    --no-build) build=0; shift ;;
    *) log "unknown option '$1' (--rounds N, --no-build)"; exit 2 ;;
  esac
done
case "$rounds" in ''|*[!0-9]*|0) log "--rounds must be a positive number (was '$rounds')"; exit 2 ;; esac

# shellcheck source=../scripts/postgres.sh
. scripts/postgres.sh
# shellcheck source=runsh-cluster.sh
. bench/runsh-cluster.sh
pg_require_bin
bench_build

cleanup() { trap - EXIT INT TERM; cluster_stop; pg_stop; }
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
pg_start

mkdir -p bench/RestartBench.Artifacts
stamp=$(date +%Y%m%d-%H%M%S)
out="bench/RestartBench.Artifacts/restart-$stamp.md"
log "dotnet --version $(dotnet --version), $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg); results: $out"
export ORLEANSPLATFORM_Admin__Password
ORLEANSPLATFORM_Admin__Password=$(head -c 24 /dev/urandom | base64 | tr -d '\n=+/')

three_active() { [ "$(active_of "$db")" = 3 ]; }
standbys_ready() {
  [ "$(curl -fsS --max-time 5 -u "admin:$ORLEANSPLATFORM_Admin__Password" "http://127.0.0.1:$((port + 1))/api/resources" 2>/dev/null | grep -o '"standby pid"' | wc -l)" = 3 ]
}

results=()
for mode in warm cold; do
  db="restart_$mode"
  "$pg_bin/psql" -h 127.0.0.1 -p "$pg_port" -U postgres -d postgres -qc "CREATE DATABASE $db" >&2
  port=$(( 20000 + RANDOM % 30000 ))
  flags=(--silos 3 --postgres "Host=127.0.0.1;Port=$pg_port;Username=postgres;Database=$db" --port "$port" --no-build)
  [ "$mode" = cold ] && flags+=(--no-standby)
  cluster_start "bench/RestartBench.Artifacts/restart-$stamp-$mode.log" "${flags[@]}"
  wait_until 180 three_active || { log "$mode: the cluster did not reach 3 Active silos"; exit 1; }
  times=()
  for round in $(seq 1 "$rounds"); do
    # Each round starts from a settled cluster: 3 Active and, with standbys, each silo's standby ready.
    if [ "$mode" = warm ]; then wait_until 120 standbys_ready || { log "warm: the standbys were not ready"; exit 1; }; fi
    sleep 3
    silo=$(( (round - 1) % 3 + 1 ))
    pid=$(bench_sql "$db" "SELECT p.pid FROM platform_silos p JOIN OrleansMembershipTable m ON p.silo_id = m.Address || ':' || m.Port::text || '@' || m.Generation::text WHERE m.Status = 3 AND p.silo_name = 'silo-$silo' LIMIT 1")
    [ -n "$pid" ] || { log "$mode: silo-$silo is not Active"; exit 1; }
    before=$(bench_sql "$db" "SELECT count(*) FROM OrleansMembershipTable")
    started=$(now_ms)
    kill -KILL "$pid"
    # Active again: a membership row newer than the kill is Active, and 3 silos are.
    until [ "$(bench_sql "$db" "SELECT count(*) FROM OrleansMembershipTable")" -gt "$before" ] && [ "$(active_of "$db")" = 3 ]; do
      [ $(( $(now_ms) - started )) -lt 120000 ] || { log "$mode: silo-$silo was not Active again within 120 s"; exit 1; }
      sleep 0.05
    done
    elapsed=$(( $(now_ms) - started ))
    times+=("$elapsed")
    log "$mode round $round: kill -9 of silo-$silo (pid $pid) -> Active again in $elapsed ms (load average $(cut -d' ' -f1 /proc/loadavg))"
  done
  cluster_stop
  sorted=$(printf '%s\n' "${times[@]}" | sort -n)
  median=$(echo "$sorted" | awk '{ a[NR] = $1 } END { print (NR % 2) ? a[(NR + 1) / 2] : int((a[NR / 2] + a[NR / 2 + 1]) / 2) }')
  max=$(echo "$sorted" | tail -n 1)
  results+=("$mode $median $max ${times[*]}")
done

{
  echo "## kill -9 of a silo -> Active again (run.sh --silos 3, $rounds rounds per mode, $(date -u +%Y-%m-%dT%H:%MZ), load average $(cut -d' ' -f1-3 /proc/loadavg))"
  echo
  echo "| restart | median ms | max ms | rounds (ms) |"
  echo "|---|---:|---:|---|"
  for line in "${results[@]}"; do
    read -r mode median max rest <<<"$line"
    echo "| $mode | $median | $max | ${rest// /, } |"
  done
  read -r _ warm_median _ <<<"${results[0]}"
  read -r _ cold_median _ <<<"${results[1]}"
  echo
  echo "warm standby ÷ cold restart (median): $(awk -v w="$warm_median" -v c="$cold_median" 'BEGIN { printf "%.2f", w / c }') (cold is $(awk -v w="$warm_median" -v c="$cold_median" 'BEGIN { printf "%.1f", c / w }')× slower)"
} | tee "$out"
