# The part of the run.sh benchmarks (bench/restart.sh, bench/freeze.sh) that starts and stops a `./run.sh --silos N`
# cluster on the private PostgreSQL of scripts/postgres.sh. Source it after scripts/postgres.sh, then:
#   bench_build         builds the Gateway, the silo and the CLI (Release) unless build=0
#   cluster_start LOG ARGS...
#                       ./run.sh ARGS... in the background, its output into LOG; sets cluster_pid
#   cluster_stop        SIGTERM to run.sh (it stops everything it started), SIGKILL after 30 s; safe to repeat
#   bench_sql DB QUERY  one value from database DB ('' when the query fails)
#   active_of DB        how many registered silos are Active in Orleans' membership
#   wait_until SECONDS COMMAND...
#                       until COMMAND succeeds; false after SECONDS
#   now_ms              milliseconds since the epoch
# Messages go through the caller's log function.

cluster_pid=""

bench_build() {
  [ "${build:-1}" = 1 ] || return 0
  local project
  for project in Gateway/Gateway.csproj Silo/Silo.csproj Cli/Cli.csproj; do
    dotnet build "$project" -c Release -nologo -v quiet -clp:ErrorsOnly || { log "build of $project failed"; exit 1; }
  done
}

cluster_start() {
  local out=$1; shift
  ./run.sh "$@" >"$out" 2>&1 &
  cluster_pid=$!
}

cluster_stop() {
  [ -n "$cluster_pid" ] || return 0
  kill -TERM "$cluster_pid" 2>/dev/null || true
  for _ in $(seq 1 300); do kill -0 "$cluster_pid" 2>/dev/null || break; sleep 0.1; done
  kill -KILL "$cluster_pid" 2>/dev/null || true
  wait "$cluster_pid" 2>/dev/null || true
  cluster_pid=""
}

now_ms() { date +%s%3N; }

bench_sql() { "$pg_bin/psql" -h 127.0.0.1 -p "$pg_port" -U postgres -d "$1" -Atqc "$2" 2>/dev/null || true; }

active_of() {
  bench_sql "$1" "SELECT count(*) FROM platform_silos p JOIN OrleansMembershipTable m ON p.silo_id = m.Address || ':' || m.Port::text || '@' || m.Generation::text WHERE m.Status = 3"
}

wait_until() {
  local deadline=$(( $(date +%s) + $1 )); shift
  until "$@"; do [ "$(date +%s)" -lt "$deadline" ] || return 1; sleep 0.2; done
}
