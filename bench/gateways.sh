#!/usr/bin/env bash
# Two Gateways behind HAProxy (`./run.sh --silos 3 --gateways 2 --postgres ...`) against one Gateway straight, on the
# same cluster in the same run, driven by bench/OrleansPlatform.LoadTool (catalog-search through the JSON API):
#   1. direct:  the load on gateway-1's own port (HAProxy and gateway-2 idle), the baseline;
#   2. haproxy: the same load on HAProxy's port, spread over both Gateways;
#   3. kill:    the same through HAProxy with kill -9 of gateway-1 in the middle of the window (the agent restarts it):
#               user-visible errors, and the latency in the window.
# Run through `bash bench/run.sh gateways [--users N] [--duration S] [--no-build]` (default 32 users, 20 s).
# Results: the console and bench/GatewaysBench.Artifacts/gateways-<time>.md.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

log() { printf 'gateways bench: %s\n' "$*" >&2; }

users=32
duration=20
warmup=5
build=1
while [ $# -gt 0 ]; do
  case "$1" in
    --users) users="${2:?--users needs a number}"; shift 2 ;;
    --duration) duration="${2:?--duration needs seconds}"; shift 2 ;;
    --no-build) build=0; shift ;;
    *) log "unknown option '$1' (--users N, --duration S, --no-build)"; exit 2 ;;
  esac
done

# shellcheck source=../scripts/postgres.sh
. scripts/postgres.sh
# shellcheck source=runsh-cluster.sh
. bench/runsh-cluster.sh
pg_require_bin
bench_build
bin=bin/Release/net10.0
if [ "$build" = 1 ]; then
  dotnet build bench/OrleansPlatform.LoadTool/OrleansPlatform.LoadTool.csproj -c Release -nologo -v quiet -clp:ErrorsOnly || { log "build of the load tool failed"; exit 1; }
fi
loadtool=(dotnet "bench/OrleansPlatform.LoadTool/$bin/OrleansPlatform.LoadTool.dll")

cleanup() { trap - EXIT INT TERM; cluster_stop; pg_stop; }
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
pg_start

mkdir -p bench/GatewaysBench.Artifacts
stamp=$(date +%Y%m%d-%H%M%S)
out="bench/GatewaysBench.Artifacts/gateways-$stamp.md"
log "dotnet --version $(dotnet --version), $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg); results: $out"
export ORLEANSPLATFORM_Admin__Password
ORLEANSPLATFORM_Admin__Password=$(head -c 24 /dev/urandom | base64 | tr -d '\n=+/')

db=gateways
"$pg_bin/psql" -h 127.0.0.1 -p "$pg_port" -U postgres -d postgres -qc "CREATE DATABASE $db" >&2
port=$(( 20000 + RANDOM % 30000 ))
cluster_start "bench/GatewaysBench.Artifacts/gateways-$stamp.log" --silos 3 --gateways 2 --no-standby \
  --postgres "Host=127.0.0.1;Port=$pg_port;Username=postgres;Database=$db" --port "$port" --no-build
three_active() { [ "$(active_of "$db")" = 3 ]; }
healthy() { curl -fsS --max-time 5 -o /dev/null "$1/health"; }
wait_until 180 three_active || { log "the cluster did not reach 3 Active silos"; exit 1; }
for url in "http://127.0.0.1:$((port + 11))" "http://127.0.0.1:$((port + 12))" "http://127.0.0.1:$port"; do
  wait_until 120 healthy "$url" || { log "$url/health did not answer 200"; exit 1; }
done
gateway_pid() {
  curl -fsS --max-time 5 -u "admin:$ORLEANSPLATFORM_Admin__Password" "http://127.0.0.1:$((port + 1))/api/resources" \
    | python3 -c 'import json,sys; print(next(r["pid"] for r in json.load(sys.stdin) if r["id"] == sys.argv[1]))' "$1"
}

run_load() {
  local label=$1 url=$2
  shift 2
  timeout --kill-after=10 $(( warmup + duration + 90 )) "${loadtool[@]}" --url "$url" --users "$users" \
    --duration "$duration" --warmup "$warmup" --label "$label" --json "bench/GatewaysBench.Artifacts/gateways-$stamp-$label.json" "$@" | tee -a "$out"
  echo | tee -a "$out"
}

{
  echo "## Two Gateways behind HAProxy vs one Gateway direct ($users users, ${duration} s, $(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores)"
  echo
} | tee "$out"
run_load direct "http://127.0.0.1:$((port + 11))"
run_load haproxy "http://127.0.0.1:$port"
"${loadtool[@]}" compare "bench/GatewaysBench.Artifacts/gateways-$stamp-haproxy.json" "bench/GatewaysBench.Artifacts/gateways-$stamp-direct.json" | tee -a "$out"
echo | tee -a "$out"
pid1=$(gateway_pid gateway-1)
pid2=$(gateway_pid gateway-2)
log "kill -9 of gateway-1 (pid $pid1) $((duration / 2)) s into the window"
run_load kill "http://127.0.0.1:$port" --server-pids "gateway-1=$pid1,gateway-2=$pid2" --kill-after $((duration / 2)) --kill-pid "$pid1"
