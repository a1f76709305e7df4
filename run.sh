#!/usr/bin/env bash
# Runs OrleansPlatform on this machine under its node agent (oplat agent) and prints the URL. Ctrl-C (or SIGTERM) stops
# everything it started.
#   ./run.sh                            the embedded default: the Gateway co-hosts one silo, SQLite under ./data
#   ./run.sh --postgres 'Host=...'      the same on PostgreSQL (a cluster of one that other silos can join)
#   ./run.sh --silos 3 --postgres '...' three silo processes plus the Gateway as an Orleans client (a cluster needs PostgreSQL)
#   ./run.sh --silos 3 --postgres local the same on a PostgreSQL the agent runs itself (./data/postgres, port = --port + 2)
#   ./run.sh --silos 3 --silo-netns ns1,ns2,ns3 --postgres 'Host=10.0.0.1;...'
#                                       silo i in the existing network namespace nsi (as root; the agent starts it with
#                                       ip netns exec), advertising that namespace's first global IPv4 address; the
#                                       Gateway stays outside. PostgreSQL must be at an address the namespaces reach.
#   ./run.sh --silos 3 --gateways 2 --postgres '...'
#                                       two Gateways (Orleans clients, on ports --port + 11 and + 12) behind HAProxy on
#                                       --port (installed from Debian when missing, as root); the agent supervises it too
#   ./run.sh --port 5090                serve the Gateway on another port (default 5080); the agent's API is on the next port
#   ./run.sh --tls                      TLS between silos and the Gateway, with a throw-away cluster certificate under ./data
#   ./run.sh --no-build                 use the Release build as it is
#   ./run.sh --verbose                  the processes' routine (info) log lines too, not only warnings and errors
#   ./run.sh --silos 3 --no-standby     no warm standby per silo: a killed silo restarts cold (about 9 s to Active
#                                       instead of 3, bench/README.md), and each silo's idle standby (~120 MB) is saved
# The agent supervises every process: one that fails (non-zero exit, or killed) is restarted after 1 s (doubling up to
# 30 s while it keeps failing; five failures in two minutes mark it failed), and its death never stops the others; one
# that exits cleanly (a silo drained from the admin console) stays down. With --silos N, each silo has a warm standby:
# one more silo process, started once the silo is Active and held just before it would join the cluster, which the
# agent releases when the silo dies (see README, Deployment). Its configuration is written to ./data/agent.json;
# ./oplat resources list shows the processes. The cluster secret comes from ORLEANSPLATFORM_Transport__ClusterSecret, or
# is generated once into ./data/cluster-secret (it also seals the Gateway's key ring in the database, so it must outlive
# a run: with a new secret the stored keys could not be read and every signed-in browser would be signed out). The admin
# password comes from ORLEANSPLATFORM_Admin__Password, or is generated once into ./data/admin-password. order-entry
# needs a signed-in user: unless ORLEANSPLATFORM_Users__DemoUser is set (to a name, or to "" for none), the Gateway
# creates the user demo at its first start, with a password generated once into ./data/demo-password.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"

log() { printf 'run.sh: %s\n' "$*" >&2; }

silos=1
gateways=1
silo_netns=""
port=5080
postgres=""
tls=0
build=1
standby=true
verbose=0
while [ $# -gt 0 ]; do
  case "$1" in
    --silos) silos="${2:?--silos needs a number}"; shift 2 ;;
    --gateways) gateways="${2:?--gateways needs a number}"; shift 2 ;;
    --silo-netns) silo_netns="${2:?--silo-netns needs one network namespace per silo, comma-separated}"; shift 2 ;;
    --postgres) postgres="${2:?--postgres needs a connection string}"; shift 2 ;;
    --port) port="${2:?--port needs a number}"; shift 2 ;;
    --tls) tls=1; shift ;;
    --no-build) build=0; shift ;;
    --no-standby) standby=false; shift ;;
    --verbose) verbose=1; shift ;;
    -h|--help) awk 'NR > 1 && /^#/ { print; next } NR > 1 { exit }' "$0"; exit 0 ;;
    *) log "unknown option '$1' (see ./run.sh --help)"; exit 2 ;;
  esac
done
case "$silos" in ''|*[!0-9]*|0) log "--silos must be a positive number (was '$silos')"; exit 2 ;; esac
case "$port" in ''|*[!0-9]*) log "--port must be a number (was '$port')"; exit 2 ;; esac
case "$gateways" in ''|*[!0-9]*|0) log "--gateways must be a positive number (was '$gateways')"; exit 2 ;; esac
if [ "$gateways" -gt 1 ] && [ "$silos" -lt 2 ]; then
  log "--gateways $gateways needs --silos 2 or more (and --postgres): several Gateways are Orleans clients of one cluster; with one silo the Gateway hosts it"
  exit 2
fi
if [ "$gateways" -gt 1 ] && ! command -v haproxy >/dev/null 2>&1; then
  if [ "$(id -u)" -ne 0 ]; then log "--gateways needs HAProxy in front of them; install it (apt-get install haproxy) or run as root"; exit 2; fi
  log "installing HAProxy (apt-get install haproxy)"
  if ! out=$( (apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends haproxy) 2>&1 ); then
    printf '%s\n' "$out" >&2
    log "installing HAProxy failed"
    exit 1
  fi
fi
if [ "$silos" -gt 1 ] && [ -z "$postgres" ]; then
  log "--silos $silos needs --postgres: the silos of a cluster find each other in one PostgreSQL database (./run.sh alone runs the embedded platform on SQLite)"
  exit 2
fi
# --silo-netns: each silo's namespace and the address it advertises there (the others and the Gateway dial it).
netns_of=()
host_of=()
if [ -n "$silo_netns" ]; then
  IFS=, read -r -a netns_of <<<"$silo_netns"
  if [ "$silos" -lt 2 ] || [ "${#netns_of[@]}" -ne "$silos" ]; then
    log "--silo-netns names one network namespace per silo process: --silos $silos needs $silos names (got ${#netns_of[@]}); with one silo the Gateway hosts it, so use --silos 2 or more"
    exit 2
  fi
  if [ "$(id -u)" -ne 0 ]; then log "--silo-netns needs root: the agent starts each silo with ip netns exec"; exit 2; fi
  case "$postgres" in
    local|*127.0.0.1*|*localhost*|*::1*)
      log "--silo-netns: a silo in a network namespace has a loopback of its own, so it cannot reach PostgreSQL at '${postgres%%;*}'; give --postgres a Host the namespaces route to"
      exit 2 ;;
  esac
  for ns in "${netns_of[@]}"; do
    if [ ! -e "/run/netns/$ns" ]; then log "--silo-netns: network namespace '$ns' does not exist (ip netns add $ns)"; exit 2; fi
    address=$(ip -n "$ns" -4 -o addr show scope global | awk '{ sub("/.*", "", $4); print $4; exit }')
    if [ -z "$address" ]; then log "--silo-netns: network namespace '$ns' has no global IPv4 address for its silo to advertise"; exit 2; fi
    host_of+=("$address")
  done
fi

# Silent when the build works (dotnet build prints a summary even when quiet); when it fails, its whole output.
build() {
  local out
  if ! out=$(dotnet build "$1" -c Release -nologo -v quiet -clp:ErrorsOnly 2>&1); then
    printf '%s\n' "$out" >&2
    log "building $1 failed (dotnet build $1 -c Release)"
    exit 1
  fi
}
if [ "$build" = 1 ]; then
  build Gateway/Gateway.csproj
  build Silo/Silo.csproj
  build Cli/Cli.csproj
fi
mkdir -p data
bin=bin/Release/net10.0

# Secrets go through the environment, never the command line (visible in ps).
if [ -z "${ORLEANSPLATFORM_Transport__ClusterSecret:-}" ]; then
  if [ ! -s data/cluster-secret ]; then
    (umask 077; head -c 32 /dev/urandom | base64 | tr -d '\n=+/' > data/cluster-secret)
  fi
  chmod 600 data/cluster-secret
  ORLEANSPLATFORM_Transport__ClusterSecret=$(cat data/cluster-secret)
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
if [ -z "${ORLEANSPLATFORM_Users__DemoUser+set}" ]; then
  if [ ! -s data/demo-password ]; then
    (umask 077; head -c 18 /dev/urandom | base64 | tr -d '\n=+/' > data/demo-password)
  fi
  chmod 600 data/demo-password
  export ORLEANSPLATFORM_Users__DemoUser=demo
  export ORLEANSPLATFORM_Users__DemoPasswordFile="$PWD/data/demo-password"
  log "order-entry sign-in: user demo, password in $PWD/data/demo-password"
fi
pg_port=$((port + 2))
if [ "$postgres" = local ]; then
  postgres="Host=127.0.0.1;Port=$pg_port;Username=postgres;Database=postgres"
  local_postgres=1
else
  local_postgres=0
fi
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

# The agent's configuration: one node (this machine) running one group, the silos then the Gateway after them, and
# before it all the local PostgreSQL when asked for. No secret goes in it: the processes inherit them from here.
json() { local v=${1//\\/\\\\}; printf '"%s"' "${v//\"/\\\"}"; }
gateway_dll="Gateway/$bin/OrleansPlatform.Gateway.dll"
url="http://127.0.0.1:$port"
{
  printf '{\n  "Agent": {\n    "NodeId": %s,\n    "Api": { "Url": "http://127.0.0.1:%s" },\n' "$(json "$(hostname)")" "$((port + 1))"
  if [ "$local_postgres" = 1 ]; then
    printf '    "BootstrapGroup": "database",\n'
  fi
  printf '    "Groups": {\n'
  if [ "$local_postgres" = 1 ]; then
    printf '      "database": { "Resources": [ { "Id": "postgres", "Type": "postgres", "Settings": { "DataDirectory": %s, "Port": "%s" } } ] },\n' \
      "$(json "$PWD/data/postgres")" "$pg_port"
  fi
  printf '      "platform": { "Resources": [\n'
  if [ "$silos" -eq 1 ]; then
    printf '        { "Id": "gateway", "Type": "gateway", "Args": [%s, "--urls", %s], "Url": %s }\n' "$(json "$gateway_dll")" "$(json "$url")" "$(json "$url")"
  else
    after=""
    for i in $(seq 1 "$silos"); do
      placed=""
      if [ -n "$silo_netns" ]; then
        placed=$(printf ', "NetworkNamespace": %s, "Env": { "ORLEANSPLATFORM_Silo__Host": %s }' "$(json "${netns_of[$((i - 1))]}")" "$(json "${host_of[$((i - 1))]}")")
      fi
      printf '        { "Id": "silo-%s", "Type": "silo", "Args": [%s], "Settings": { "WarmStandby": "%s" }%s, "DependsOn": ["none"] },\n' "$i" "$(json "Silo/$bin/OrleansPlatform.Silo.dll")" "$standby" "$placed"
      after="$after${after:+, }\"silo-$i\""
    done
    if [ "$gateways" -eq 1 ]; then
      printf '        { "Id": "gateway", "Type": "gateway", "Args": [%s, "--urls", %s], "Env": { "ORLEANSPLATFORM_Gateway__Mode": "Cluster" }, "Url": %s, "DependsOn": [%s] }\n' \
        "$(json "$gateway_dll")" "$(json "$url")" "$(json "$url")" "$after"
    else
      # Gateway i on --port + 10 + i, HAProxy on --port in front of them (deploy/haproxy).
      backends=()
      gateway_ids=""
      for i in $(seq 1 "$gateways"); do
        gateway_url="http://127.0.0.1:$((port + 10 + i))"
        backends+=("127.0.0.1:$((port + 10 + i))")
        # Users open HAProxy's URL: gateway-1 prints that one, the others nothing.
        announce="none"
        [ "$i" -eq 1 ] && announce=$url
        printf '        { "Id": "gateway-%s", "Type": "gateway", "Args": [%s, "--urls", %s], "Env": { "ORLEANSPLATFORM_Gateway__Mode": "Cluster", "ORLEANSPLATFORM_Gateway__AnnounceUrl": %s }, "Url": %s, "DependsOn": [%s] },\n' \
          "$i" "$(json "$gateway_dll")" "$(json "$gateway_url")" "$(json "$announce")" "$(json "$gateway_url")" "$after"
        gateway_ids="$gateway_ids${gateway_ids:+, }\"gateway-$i\""
      done
      deploy/haproxy/render.sh data/haproxy.cfg "127.0.0.1:$port" "${backends[@]}"
      # After the Gateways: HAProxy's first health checks then find them up (no "DOWN" warnings at every start).
      haproxy_verbose=false
      [ "$verbose" = 1 ] && haproxy_verbose=true
      printf '        { "Id": "haproxy", "Type": "haproxy", "Settings": { "ConfigFile": %s, "Verbose": "%s" }, "Url": %s, "DependsOn": [%s] }\n' \
        "$(json "$PWD/data/haproxy.cfg")" "$haproxy_verbose" "$(json "$url")" "$gateway_ids"
    fi
  fi
  printf '      ] }\n    }\n  }\n}\n'
} > data/agent.json

# The processes' own routine lines (Orleans membership, "Now listening") stay quiet too: the URL is printed once, and
# what remains are warnings and errors. Keys with a dot cannot be exported by bash, so env passes them; a level the
# caller exported already wins.
quiet=()
if [ "$verbose" = 0 ]; then
  for category in Default Microsoft.Hosting.Lifetime Orleans.Runtime.MembershipService; do
    variable="ORLEANSPLATFORM_Logging__LogLevel__$category"
    if [ -z "$(printenv "$variable" || true)" ]; then
      quiet+=("$variable=Warning")
    fi
  done
fi

# The agent takes this process's place: SIGTERM and Ctrl-C reach it, and it stops the Gateway, then the silos, then
# PostgreSQL. It prints what run.sh always printed (restarts, clean stops) with the same "run.sh:" prefix; its own
# routine lines stay quiet unless asked for with --Logging:LogLevel:Default Information.
exec env "${quiet[@]}" dotnet "Cli/$bin/oplat.dll" agent --config data/agent.json \
  --Logging:Console:FormatterOptions:Prefix run.sh \
  --Logging:LogLevel:Default Warning
