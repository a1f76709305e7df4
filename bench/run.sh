#!/usr/bin/env bash
# Builds the benchmarks (Release), starts a throw-away PostgreSQL server (scripts/postgres.sh, as ./test.sh does),
# runs the benchmarks and stops the server.
# Usage: bash bench/run.sh                      every benchmark
#        bash bench/run.sh LocalGrainCall        the benchmarks whose full name contains each given word
#        bash bench/run.sh -- --list flat        anything after -- goes to BenchmarkDotNet as is
#        bash bench/run.sh cluster               the cluster benchmarks (bench/OrleansPlatform.ClusterBench: rpc,
#                                                pipelined, failover) with real silo processes
#        bash bench/run.sh cluster rpc failover  only those cluster benchmarks
# Results: the console, and bench/BenchmarkDotNet.Artifacts/results/*.md (GitHub markdown tables); for `cluster`,
# bench/ClusterBench.Artifacts/cluster-<time>.md.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

log() { printf 'run.sh: %s\n' "$*" >&2; }

if [ "${1:-}" = "cluster" ]; then
  shift
  commands=("$@")
  if [ ${#commands[@]} -eq 0 ]; then commands=(rpc pipelined failover); fi
  for command in "${commands[@]}"; do
    case "$command" in rpc|pipelined|failover) ;; *) log "unknown cluster benchmark '$command' (rpc, pipelined, failover)"; exit 2 ;; esac
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
    timeout --kill-after=10 200 dotnet bench/OrleansPlatform.ClusterBench/bin/Release/net10.0/OrleansPlatform.ClusterBench.dll \
      "$command" --timeout-s 150 --out "$out" || status=$?
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

log "dotnet --version $(dotnet --version), $(nproc) cores"
dotnet bench/OrleansPlatform.Benchmarks/bin/Release/net10.0/OrleansPlatform.Benchmarks.dll \
  --filter "${filters[@]}" --artifacts bench/BenchmarkDotNet.Artifacts ${passthrough[@]+"${passthrough[@]}"}
