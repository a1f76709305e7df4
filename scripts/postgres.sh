# A throw-away PostgreSQL server for test and benchmark runs. Source this file from a bash script (set -euo pipefail),
# then:
#   pg_require_bin   find the server binaries (as root, install them with apt-get when missing); exits on failure
#   pg_start         initdb + start a private server on a free loopback port (trust auth, fsync off unless
#                    PG_DURABLE=1); exits on failure.
#                    Sets pg_bin, pg_tmp (a temp folder the caller may use too, removed by pg_stop), pg_data, pg_port,
#                    pg_connection_string, pg_mode (fast or durable), and pg_started=1.
#                    PG_DURABLE=1 keeps PostgreSQL's own durability defaults (fsync, synchronous_commit and
#                    full_page_writes on) for figures that must include the flush; the default turns them off (tests).
#                    PG_LISTEN_EXTRA=ADDRESS also listens there (besides 127.0.0.1), and PG_TRUST_NETWORK=CIDR trusts
#                    clients from that network (e.g. silos in network namespaces, bench/netns.sh).
#                    pg_stat_statements is preloaded (track=all) so benchmarks can count statements; a database
#                    needs CREATE EXTENSION pg_stat_statements before its view can be read.
#   pg_stop          stop the server and remove pg_tmp; safe to call more than once or before pg_start
#                    (use it in an EXIT trap).
# Messages go to stderr, prefixed with the calling script's name.

pg_bin=""
pg_tmp=""
pg_data=""
pg_port=""
pg_connection_string=""
pg_mode=""
pg_started=0

pg_log() { printf '%s: %s\n' "$(basename "$0")" "$*" >&2; }

pg_find_bin() {
  local initdb
  initdb=$(printf '%s\n' /usr/lib/postgresql/*/bin/initdb | sort -V | tail -n 1)
  if [ -x "$initdb" ]; then dirname "$initdb"; fi
}

pg_require_bin() {
  [ -n "$pg_bin" ] && return 0
  pg_bin=$(pg_find_bin)
  if [ -z "$pg_bin" ]; then
    if [ "$(id -u)" -ne 0 ]; then
      pg_log "PostgreSQL server binaries (/usr/lib/postgresql/*/bin/initdb) are missing; install them (apt-get install postgresql) or run this script as root."
      exit 1
    fi
    pg_log "installing PostgreSQL (apt-get install postgresql)"
    apt-get update
    DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends postgresql
    pg_bin=$(pg_find_bin)
    if [ -z "$pg_bin" ]; then
      pg_log "PostgreSQL was installed but no /usr/lib/postgresql/*/bin/initdb was found."
      exit 1
    fi
  fi

  # PostgreSQL refuses to run as root: as root, run the server as the postgres OS user.
  if [ "$(id -u)" -eq 0 ]; then
    if ! id postgres >/dev/null 2>&1; then
      useradd --system --no-create-home --shell /usr/sbin/nologin postgres
    fi
  fi
}

pg_as_server_user() {
  if [ "$(id -u)" -eq 0 ]; then
    if command -v runuser >/dev/null 2>&1; then runuser -u postgres -- "$@"; else su -s /bin/sh postgres -c "$(printf '%q ' "$@")"; fi
  else
    "$@"
  fi
}

pg_port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

pg_start() {
  pg_require_bin
  pg_tmp=$(mktemp -d /tmp/orleansplatform-pg.XXXXXX)
  pg_data="$pg_tmp/data"

  if [ "$(id -u)" -eq 0 ]; then chown postgres: "$pg_tmp"; fi
  pg_as_server_user "$pg_bin/initdb" -D "$pg_data" -A trust -U postgres --no-sync -E UTF8 --locale=C >"$pg_tmp/initdb.log" 2>&1 || {
    cat "$pg_tmp/initdb.log" >&2
    pg_log "initdb failed"
    exit 1
  }

  if [ -n "${PG_TRUST_NETWORK:-}" ]; then
    printf 'host all all %s trust\n' "$PG_TRUST_NETWORK" >>"$pg_data/pg_hba.conf"
  fi

  local durability="-c fsync=off -c synchronous_commit=off -c full_page_writes=off"
  pg_mode=fast
  if [ "${PG_DURABLE:-0}" = 1 ]; then durability="" pg_mode=durable; fi
  # Statement counting costs little; a server without the extension's library starts without it.
  local statements=""
  if [ -f "$(dirname "$pg_bin")/lib/pg_stat_statements.so" ]; then
    statements="-c shared_preload_libraries=pg_stat_statements -c pg_stat_statements.track=all"
  else
    pg_log "pg_stat_statements is not installed: statements will not be counted"
  fi

  local port
  pg_port=""
  for _ in 1 2 3 4 5; do
    port=$((20000 + RANDOM % 40000))
    pg_port_in_use "$port" && continue
    if pg_as_server_user "$pg_bin/pg_ctl" -D "$pg_data" -l "$pg_tmp/postgres.log" -w -t 60 \
        -o "-c listen_addresses=127.0.0.1${PG_LISTEN_EXTRA:+,$PG_LISTEN_EXTRA} -p $port -k $pg_tmp $durability $statements -c max_connections=300" \
        start >/dev/null; then
      pg_started=1
      pg_port=$port
      break
    fi
    # A port taken between the check and the start: try another one.
    grep -q 'could not bind\|Address already in use' "$pg_tmp/postgres.log" 2>/dev/null || { cat "$pg_tmp/postgres.log" >&2; pg_log "PostgreSQL did not start"; exit 1; }
  done
  if [ -z "$pg_port" ]; then
    pg_log "no free loopback port for PostgreSQL after 5 tries"
    exit 1
  fi

  local ready=0
  for _ in $(seq 1 60); do
    if "$pg_bin/pg_isready" -q -h 127.0.0.1 -p "$pg_port" -U postgres; then ready=1; break; fi
    sleep 0.5
  done
  if [ "$ready" != 1 ]; then
    cat "$pg_tmp/postgres.log" >&2
    pg_log "PostgreSQL on port $pg_port does not accept connections"
    exit 1
  fi
  pg_log "PostgreSQL $("$pg_bin/postgres" --version | sed 's/^[^0-9]*\([0-9.]*\).*/\1/') on 127.0.0.1:$pg_port ($pg_tmp, $pg_mode${statements:+, pg_stat_statements})"
  pg_connection_string="Host=127.0.0.1;Port=$pg_port;Username=postgres;Database=postgres"
}

pg_stop() {
  if [ "$pg_started" = 1 ]; then
    pg_as_server_user "$pg_bin/pg_ctl" -D "$pg_data" -m fast -w stop >/dev/null 2>&1 || true
    pg_started=0
  fi
  if [ -n "$pg_tmp" ]; then
    rm -rf "$pg_tmp"
    pg_tmp=""
  fi
}
