#!/usr/bin/env bash
# A frozen silo (SIGSTOP) and, as the baseline in the same run, a killed one (kill -9), each the silo hosting the most
# sessions of a `./run.sh --silos 3 --postgres ...` cluster: N sessions (default 20) are each at page 2 of a search;
# the moment the silo stops, every session sends its next interaction at once, and the time each takes to answer is
# measured from that moment (curl's time_total), with its status and page (3 = nothing acknowledged was lost). After
# the freeze, SIGCONT: the resumed silo finds itself declared dead and stops, the agent restarts it. Also printed: when
# the PostgreSQL membership table showed the silo suspected and dead (polled every 50 ms). Run through
# `bash bench/run.sh freeze [--sessions N] [--rounds N] [--no-build]` (the Release builds must be current with
# --no-build). Results: the console and bench/FreezeBench.Artifacts/freeze-<time>.md (+ run.sh's log, with timestamps).
# With --partition (as root), the fault is a network partition instead of SIGSTOP: each silo runs in a network namespace
# of its own (run.sh --silo-netns, bench/netns.sh), PostgreSQL on a fourth namespace's root-side address, and the busiest
# silo's link is set down, then up again after the measurement (kill -9 stays the baseline, in the same run).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

log() { printf 'freeze bench: %s\n' "$*" >&2; }

sessions=20
rounds=1
build=1
partition=0
while [ $# -gt 0 ]; do
  case "$1" in
    --sessions) sessions="${2:?--sessions needs a number}"; shift 2 ;;
    --rounds) rounds="${2:?--rounds needs a number}"; shift 2 ;;
    --no-build) build=0; shift ;;
    --partition) partition=1; shift ;;
    *) log "unknown option '$1' (--sessions N, --rounds N, --partition, --no-build)"; exit 2 ;;
  esac
done
for value in "$sessions" "$rounds"; do
  case "$value" in ''|*[!0-9]*|0) log "--sessions and --rounds take positive whole numbers (got '$value')"; exit 2 ;; esac
done

# shellcheck source=../scripts/postgres.sh
. scripts/postgres.sh
# shellcheck source=runsh-cluster.sh
. bench/runsh-cluster.sh
# shellcheck source=netns.sh
. bench/netns.sh
pg_require_bin
bench_build

stopped_pid=""
cut_side=""
cleanup() {
  trap - EXIT INT TERM
  # A silo left stopped or cut off would hold the cluster's shutdown: resume or heal it first.
  if [ -n "$stopped_pid" ]; then kill -CONT "$stopped_pid" 2>/dev/null || true; fi
  if [ -n "$cut_side" ]; then netns_heal "$cut_side" 2>/dev/null || true; fi
  cluster_stop
  pg_stop
  netns_destroy
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
db_host=127.0.0.1
silo_flags=()
if [ "$partition" = 1 ]; then
  # Three namespaces for the silos, a fourth whose root-side address serves PostgreSQL: a link set down takes the
  # routes to its addresses with it, so the database must not sit on a silo's link.
  netns_create 4
  db_host=${netns_root_address[3]}
  export PG_LISTEN_EXTRA=$db_host PG_TRUST_NETWORK=10.201.0.0/16
  silo_flags=(--silo-netns "${netns_name[0]},${netns_name[1]},${netns_name[2]}")
fi
pg_start

mkdir -p bench/FreezeBench.Artifacts
stamp=$(date +%Y%m%d-%H%M%S)
out="bench/FreezeBench.Artifacts/freeze-$stamp.md"
work=$(mktemp -d)
log "dotnet --version $(dotnet --version), $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg); results: $out"
export ORLEANSPLATFORM_Admin__Password
ORLEANSPLATFORM_Admin__Password=$(head -c 24 /dev/urandom | base64 | tr -d '\n=+/')
# Timestamps on every process's log lines, and the Gateway's retries (event 7000) and death notices (2020) shown.
export ORLEANSPLATFORM_Logging__Console__FormatterOptions__TimestampFormat="HH:mm:ss.fff "
export ORLEANSPLATFORM_Logging__Console__FormatterOptions__UseUtcTimestamp=true
export ORLEANSPLATFORM_Logging__LogLevel__OrleansPlatform=Information

sql() { bench_sql "$db" "$1"; }
three_active() { [ "$(active_of "$db")" = 3 ]; }
gateway_up() { curl -fsS -o /dev/null --max-time 5 "$url/health" 2>/dev/null; }

# start_sessions: $sessions new sessions, each at page 2 of a search for "router"; their ids in $work/ids.
start_sessions() {
  local id i
  : >"$work/ids"
  for i in $(seq 1 "$sessions"); do
    id=$(curl -fsS --max-time 30 -X POST "$url/api/apps/catalog-search/sessions" | sed -n 's/.*"sessionId":"\([^"]*\)".*/\1/p')
    [ -n "$id" ] || { log "a session did not start"; return 1; }
    curl -fsS -o /dev/null --max-time 30 -H 'Content-Type: application/json' -d '{"action":"search","inputs":{"keyword":"router"},"seq":1}' "$url/api/sessions/$id/actions"
    curl -fsS -o /dev/null --max-time 30 -H 'Content-Type: application/json' -d '{"action":"next","seq":2}' "$url/api/sessions/$id/actions"
    echo "$id" >>"$work/ids"
  done
}

# membership_watch ADDRESS START_MS: prints "suspected MS" and "dead MS" (after START_MS) as the table shows them.
membership_watch() {
  local silo=$1 start=$2 suspected="" row
  while [ $(( $(now_ms) - start )) -lt 60000 ]; do
    row=$(sql "SELECT Status, coalesce(SuspectTimes, '') FROM OrleansMembershipTable WHERE Address || ':' || Port::text || '@' || Generation::text = '$silo'")
    if [ -z "$suspected" ] && [ -n "${row#*|}" ]; then suspected=$(( $(now_ms) - start )); echo "suspected $suspected"; fi
    if [ "${row%%|*}" = 6 ]; then echo "dead $(( $(now_ms) - start ))"; return 0; fi
    sleep 0.05
  done
  echo "dead never"
}

# summary LABEL FILE: min/p50/p90/max of the ms in FILE's first column.
summary() {
  sort -n "$2" | awk -v label="$1" '{ a[NR] = $1 } END {
    p50 = a[int((NR + 1) * 0.5)]; p90 = a[int(NR * 0.9 + 0.999)]; if (p90 == "") p90 = a[NR]
    printf "| %s | %d | %d | %d | %d | %d |\n", label, NR, a[1], p50, p90, a[NR] }'
}

results=()
db=freeze_bench
"$pg_bin/psql" -h 127.0.0.1 -p "$pg_port" -U postgres -d postgres -qc "CREATE DATABASE $db" >&2
port=$(( 20000 + RANDOM % 30000 ))
url="http://127.0.0.1:$port"
cluster_start "bench/FreezeBench.Artifacts/freeze-$stamp-run.log" \
  --silos 3 --postgres "Host=$db_host;Port=$pg_port;Username=postgres;Database=$db" --port "$port" --no-build "${silo_flags[@]}"
wait_until 180 three_active || { log "the cluster did not reach 3 Active silos"; exit 1; }
wait_until 120 gateway_up || { log "the Gateway did not answer"; exit 1; }

for round in $(seq 1 "$rounds"); do
  faults=(stop kill)
  [ "$partition" = 1 ] && faults=(cut kill)
  for fault in "${faults[@]}"; do
    wait_until 120 three_active || { log "the cluster did not settle at 3 Active silos"; exit 1; }
    sleep 5
    start_sessions
    busiest=$(sql "SELECT silo FROM session_records WHERE session_id IN ($(sed "s/.*/'&'/" "$work/ids" | paste -sd,)) GROUP BY silo ORDER BY count(*) DESC LIMIT 1")
    hosted=$(sql "SELECT count(*) FROM session_records WHERE silo = '$busiest' AND session_id IN ($(sed "s/.*/'&'/" "$work/ids" | paste -sd,))")
    pid=$(sql "SELECT pid FROM platform_silos WHERE silo_id = '$busiest'")
    name=$(sql "SELECT silo_name FROM platform_silos WHERE silo_id = '$busiest'")
    [ -n "$pid" ] || { log "no pid for the busiest silo $busiest"; exit 1; }
    : >"$work/times"
    started=$(now_ms)
    case "$fault" in
      stop) kill -STOP "$pid"; stopped_pid=$pid ;;
      cut) cut_side=$(netns_index_of "${busiest%%:*}") || { log "$busiest is in none of the namespaces"; exit 1; }; netns_cut "$cut_side" ;;
      kill) kill -KILL "$pid" ;;
    esac
    log "round $round: $fault of $name (pid $pid, $busiest, hosting $hosted of $sessions sessions) at $(date -u +%H:%M:%S.%3N)"
    membership_watch "$busiest" "$started" >"$work/membership" &
    watcher=$!
    while read -r id; do
      ( reply=$(curl -sS --max-time 40 -o "$work/body-$id" -w '%{http_code} %{time_total}' -H 'Content-Type: application/json' \
          -d '{"action":"next","seq":3}' "$url/api/sessions/$id/actions" || echo "000 40")
        read -r code seconds <<<"$reply"
        page=$(sed -n 's/.*"page":\([0-9]*\).*/\1/p' "$work/body-$id" 2>/dev/null | head -n 1)
        printf '%s %s %s %s\n' "$(awk -v s="$seconds" 'BEGIN { printf "%d", s * 1000 }')" "$code" "${page:-?}" "$id" >>"$work/times" ) &
    done <"$work/ids"
    wait_for=$(( $(date +%s) + 60 ))
    while [ "$(wc -l <"$work/times")" -lt "$sessions" ] && [ "$(date +%s)" -lt "$wait_for" ]; do sleep 0.1; done
    wait "$watcher" 2>/dev/null || true
    membership=$(paste -sd' ' "$work/membership")
    if [ "$fault" = stop ]; then kill -CONT "$pid"; stopped_pid=""; fi
    if [ "$fault" = cut ]; then netns_heal "$cut_side"; cut_side=""; fi
    bad=$(awk '$2 != 200 || $3 != 3' "$work/times" | wc -l)
    line=$(summary "$fault" "$work/times")
    log "$fault: $line (membership: $membership; answers not 200 at page 3: $bad)"
    sort -n "$work/times" | awk '{ printf "  %6d ms  %s  page %s  %s\n", $1, $2, $3, $4 }' >&2
    results+=("$line ${membership// /=} | $bad |")
    cp "$work/times" "bench/FreezeBench.Artifacts/freeze-$stamp-$fault-$round.txt"
  done
done
cluster_stop
rm -rf "$work"

{
  what="SIGSTOP"
  [ "$partition" = 1 ] && what="a network partition (its link down)"
  echo "## First interaction of each session after $what / kill -9 of the busiest of 3 silos (run.sh --silos 3, $sessions sessions, $rounds round(s), $(date -u +%Y-%m-%dT%H:%MZ), load average $(cut -d' ' -f1-3 /proc/loadavg))"
  echo
  echo "| fault | sessions | min ms | p50 ms | p90 ms | max ms | membership (ms after the fault) | not 200 at page 3 |"
  echo "|---|---:|---:|---:|---:|---:|---|---:|"
  printf '%s\n' "${results[@]}"
} | tee "$out"
