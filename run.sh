#!/usr/bin/env bash
# Runs OrleansPlatform on this machine and prints the URL. Ctrl-C (or SIGTERM) stops everything it started.
#   ./run.sh                            the embedded default: the Gateway co-hosts one silo, SQLite under ./data
#   ./run.sh --postgres 'Host=...'      the same on PostgreSQL (a cluster of one that other silos can join)
#   ./run.sh --silos 3 --postgres '...' three silo processes plus the Gateway as an Orleans client (a cluster needs PostgreSQL)
#   ./run.sh --port 5090                serve the Gateway on another port (default 5080)
#   ./run.sh --tls                      TLS between silos and the Gateway, with a throw-away cluster certificate under ./data
#   ./run.sh --no-build                 use the Release build as it is
# Every process it starts is supervised: one that fails (non-zero exit, or killed) is restarted after 1 s (doubling up
# to 30 s while it keeps failing), and its death never stops the others; one that exits cleanly (a silo drained from the
# admin console) stays down. The cluster secret comes from ORLEANSPLATFORM_Transport__ClusterSecret, or is generated for
# this run. The admin password comes from ORLEANSPLATFORM_Admin__Password, or is generated once into ./data/admin-password.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"

log() { printf 'run.sh: %s\n' "$*" >&2; }

silos=1
port=5080
postgres=""
tls=0
build=1
while [ $# -gt 0 ]; do
  case "$1" in
    --silos) silos="${2:?--silos needs a number}"; shift 2 ;;
    --postgres) postgres="${2:?--postgres needs a connection string}"; shift 2 ;;
    --port) port="${2:?--port needs a number}"; shift 2 ;;
    --tls) tls=1; shift ;;
    --no-build) build=0; shift ;;
    -h|--help) sed -n '2,13p' "$0"; exit 0 ;;
    *) log "unknown option '$1' (see ./run.sh --help)"; exit 2 ;;
  esac
done
case "$silos" in ''|*[!0-9]*|0) log "--silos must be a positive number (was '$silos')"; exit 2 ;; esac
case "$port" in ''|*[!0-9]*) log "--port must be a number (was '$port')"; exit 2 ;; esac
if [ "$silos" -gt 1 ] && [ -z "$postgres" ]; then
  log "--silos $silos needs --postgres: the silos of a cluster find each other in one PostgreSQL database (./run.sh alone runs the embedded platform on SQLite)"
  exit 2
fi

if [ "$build" = 1 ]; then
  dotnet build Gateway/Gateway.csproj -c Release -nologo -v quiet -clp:ErrorsOnly
  dotnet build Silo/Silo.csproj -c Release -nologo -v quiet -clp:ErrorsOnly
fi
mkdir -p data
bin=bin/Release/net10.0

# Secrets go through the environment, never the command line (visible in ps).
if [ -z "${ORLEANSPLATFORM_Transport__ClusterSecret:-}" ]; then
  ORLEANSPLATFORM_Transport__ClusterSecret=$(head -c 32 /dev/urandom | base64 | tr -d '\n=+/')
fi
export ORLEANSPLATFORM_Transport__ClusterSecret
if [ -z "${ORLEANSPLATFORM_Admin__Password:-}" ]; then
  if [ ! -s data/admin-password ]; then
    (umask 077; head -c 24 /dev/urandom | base64 | tr -d '\n=+/' > data/admin-password)
    log "generated an admin password (user admin) into $PWD/data/admin-password"
  fi
  chmod 600 data/admin-password
  ORLEANSPLATFORM_Admin__Password=$(cat data/admin-password)
  log "admin console: user admin, password in $PWD/data/admin-password"
fi
export ORLEANSPLATFORM_Admin__Password
if [ -n "$postgres" ]; then
  export ORLEANSPLATFORM_Database__Provider=Postgres ORLEANSPLATFORM_Database__ConnectionString="$postgres"
fi
if [ "$tls" = 1 ]; then
  pfx=data/cluster-tls.pfx
  if [ ! -f "$pfx" ]; then
    secret=$(head -c 24 /dev/urandom | base64 | tr -d '\n=+/')
    umask 077
    openssl req -x509 -newkey rsa:2048 -nodes -days 365 -subj "/CN=orleansplatform-cluster" \
      -keyout data/cluster-tls.key -out data/cluster-tls.crt >/dev/null 2>&1
    openssl pkcs12 -export -inkey data/cluster-tls.key -in data/cluster-tls.crt -out "$pfx" -passout "pass:$secret"
    printf '%s' "$secret" > data/cluster-tls.password
    rm -f data/cluster-tls.key
    log "generated a throw-away cluster certificate: $pfx"
  fi
  export ORLEANSPLATFORM_Transport__CertificatePath="$PWD/$pfx"
  ORLEANSPLATFORM_Transport__CertificatePassword=$(cat data/cluster-tls.password)
  export ORLEANSPLATFORM_Transport__CertificatePassword
fi

gateway=(dotnet "Gateway/$bin/OrleansPlatform.Gateway.dll" --urls "http://127.0.0.1:$port")
state=$(mktemp -d /tmp/orleansplatform-run.XXXXXX)
supervisors=()

# supervise NAME COMMAND...: runs COMMAND, and again whenever it exits, until run.sh stops.
supervise() {
  local name=$1 backoff=1 started pid code
  shift
  while [ ! -e "$state/stopping" ]; do
    started=$(date +%s)
    "$@" &
    pid=$!
    echo "$pid" > "$state/$name.pid"
    code=0
    wait "$pid" || code=$?
    [ -e "$state/stopping" ] && break
    if [ "$code" -eq 0 ]; then
      log "$name (pid $pid) stopped cleanly (drained); not restarting it"
      break
    fi
    # A process that ran a while before dying starts again soon; one that keeps dying waits longer each time.
    if [ $(( $(date +%s) - started )) -ge 30 ]; then backoff=1; fi
    log "$name (pid $pid) exited with code $code; restarting it in ${backoff} s"
    sleep "$backoff"
    backoff=$(( backoff * 2 > 30 ? 30 : backoff * 2 ))
  done
}

stop_all() {
  trap - INT TERM EXIT
  touch "$state/stopping"
  local file pid
  for file in "$state"/*.pid; do
    [ -f "$file" ] || continue
    pid=$(cat "$file")
    kill -TERM "$pid" 2>/dev/null || true
  done
  for pid in "${supervisors[@]}"; do wait "$pid" 2>/dev/null || true; done
  rm -rf "$state"
}
trap stop_all EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

if [ "$silos" -eq 1 ]; then
  supervise gateway "${gateway[@]}" &
  supervisors+=("$!")
else
  for i in $(seq 1 "$silos"); do
    supervise "silo-$i" dotnet "Silo/$bin/OrleansPlatform.Silo.dll" --silo-name "silo-$i" &
    supervisors+=("$!")
  done
  supervise gateway env ORLEANSPLATFORM_Gateway__Mode=Cluster "${gateway[@]}" &
  supervisors+=("$!")
fi

# Runs until Ctrl-C or SIGTERM; the supervisors keep the processes up meanwhile.
while :; do wait || true; [ -e "$state/stopping" ] && break; sleep 1; done
