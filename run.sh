#!/usr/bin/env bash
# Runs OrleansPlatform on this machine and prints the URL. Ctrl-C stops everything it started.
#   ./run.sh                          one silo hosted by the Gateway, embedded SQLite under ./data
#   ./run.sh --silos 3                three silo processes plus the Gateway as a cluster client
#   ./run.sh --postgres 'Host=...'    use that PostgreSQL database instead of the embedded SQLite
#   ./run.sh --port 5090              serve the Gateway on another port (default 5080)
# The cluster secret comes from ORLEANSPLATFORM_Transport__ClusterSecret, or is generated for this run.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"

silos=1
port=5080
postgres=""
while [ $# -gt 0 ]; do
  case "$1" in
    --silos) silos="${2:?--silos needs a number}"; shift 2 ;;
    --postgres) postgres="${2:?--postgres needs a connection string}"; shift 2 ;;
    --port) port="${2:?--port needs a number}"; shift 2 ;;
    -h|--help) sed -n '2,8p' "$0"; exit 0 ;;
    *) echo "run.sh: unknown option '$1' (see ./run.sh --help)" >&2; exit 2 ;;
  esac
done
case "$silos" in ''|*[!0-9]*|0) echo "run.sh: --silos must be a positive number (was '$silos')" >&2; exit 2 ;; esac

dotnet build Gateway/Gateway.csproj -c Release -nologo -v quiet -clp:ErrorsOnly
dotnet build Silo/Silo.csproj -c Release -nologo -v quiet -clp:ErrorsOnly
mkdir -p data

# Secrets go through the environment, never the command line (visible in ps).
if [ -z "${ORLEANSPLATFORM_Transport__ClusterSecret:-}" ]; then
  ORLEANSPLATFORM_Transport__ClusterSecret=$(head -c 32 /dev/urandom | base64 | tr -d '\n=+/')
fi
export ORLEANSPLATFORM_Transport__ClusterSecret
if [ -n "$postgres" ]; then
  export ORLEANSPLATFORM_Database__Provider=Postgres ORLEANSPLATFORM_Database__ConnectionString="$postgres"
fi

gateway=Gateway/bin/Release/net10.0/OrleansPlatform.Gateway.dll
if [ "$silos" -eq 1 ]; then
  exec dotnet "$gateway" --urls "http://127.0.0.1:$port"
fi

pids=()
stop_all() {
  trap - INT TERM EXIT
  for pid in "${pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
}
trap stop_all EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

for i in $(seq 1 "$silos"); do
  dotnet Silo/bin/Release/net10.0/OrleansPlatform.Silo.dll --silo-name "silo-$i" &
  pids+=("$!")
done
ORLEANSPLATFORM_Gateway__Mode=Cluster dotnet "$gateway" --urls "http://127.0.0.1:$port" &
pids+=("$!")
wait -n "${pids[@]}" || true
