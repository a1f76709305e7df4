#!/usr/bin/env bash
# Builds the benchmarks (Release), starts a throw-away PostgreSQL server (scripts/postgres.sh, as ./test.sh does),
# runs the benchmarks and stops the server.
# Usage: bash bench/run.sh                      every benchmark
#        bash bench/run.sh LocalGrainCall        the benchmarks whose full name contains each given word
#        bash bench/run.sh -- --list flat        anything after -- goes to BenchmarkDotNet as is
# Results: the console, and bench/BenchmarkDotNet.Artifacts/results/*.md (GitHub markdown tables).
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

log() { printf 'run.sh: %s\n' "$*" >&2; }

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
