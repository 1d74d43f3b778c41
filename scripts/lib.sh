#!/usr/bin/env bash
# Shared helpers for run.sh, test.sh and the deploy checks. Source it; do not run it.

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

log() { printf '\033[1;34m==>\033[0m %s\n' "$*" >&2; }
die() { printf '\033[1;31mxx\033[0m %s\n' "$*" >&2; exit 1; }

as_root() { if [ "$(id -u)" = 0 ]; then "$@"; elif command -v sudo >/dev/null; then sudo "$@"; else "$@"; fi; }

# Installs Debian packages that are missing (by the command or file they provide).
ensure_packages() {
  local missing=()
  local pair
  for pair in "$@"; do
    local probe="${pair%%=*}" pkg="${pair#*=}"
    if [[ "$probe" == /* ]]; then compgen -G "$probe" >/dev/null || missing+=("$pkg")
    else command -v "$probe" >/dev/null 2>&1 || missing+=("$pkg"); fi
  done
  if [ ${#missing[@]} -gt 0 ]; then
    log "Installing Debian packages: ${missing[*]}"
    as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq >/dev/null
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  fi
}

pg_bin() {
  local dir
  dir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
  [ -n "$dir" ] || die "PostgreSQL binaries not found under /usr/lib/postgresql"
  echo "$dir"
}

# Runs a command as the OS user that owns the cluster: postgres when we are root (initdb refuses root).
as_pg_user() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

# pg_start DATA_DIR PORT SOCKET_DIR: creates the cluster if needed and starts it on 127.0.0.1.
pg_start() {
  local data="$1" port="$2" sockets="$3" bin
  bin=$(pg_bin)
  mkdir -p "$data" "$sockets"
  if [ "$(id -u)" = 0 ]; then
    id postgres >/dev/null 2>&1 || useradd --system --home-dir /var/lib/postgresql --shell /bin/bash postgres
    chown postgres:postgres "$data" "$sockets"
    chmod 700 "$data"
  fi
  if [ ! -f "$data/PG_VERSION" ]; then
    log "Creating PostgreSQL cluster in $data"
    as_pg_user "$bin/initdb" -D "$data" -U postgres --auth=trust --encoding=UTF8 --locale=C.UTF-8 >/dev/null
    cat >"$data/pg_hba.conf" <<HBA
# Development only: local connections on 127.0.0.1 without a password.
local   all  all                 trust
host    all  all  127.0.0.1/32   trust
host    all  all  ::1/128        trust
HBA
    if [ "$(id -u)" = 0 ]; then chown postgres:postgres "$data/pg_hba.conf"; fi
  fi
  if as_pg_user "$bin/pg_ctl" -D "$data" status >/dev/null 2>&1; then
    log "PostgreSQL already running in $data"
    return 0
  fi
  as_pg_user "$bin/pg_ctl" -D "$data" -l "$data/server.log" -w -t 60 start \
    -o "-p $port -k $sockets -c listen_addresses=127.0.0.1 -c max_connections=300 -c shared_preload_libraries=pg_stat_statements" >/dev/null \
    || { tail -n 30 "$data/server.log" >&2; die "PostgreSQL did not start"; }
}

# pg_stop DATA_DIR: stops the cluster and makes sure it is gone: fast shutdown, then immediate,
# then the postmaster is killed. Returns 1 only when a postmaster is still running after all that.
pg_stop() {
  local data="$1" bin pid i
  bin=$(pg_bin)
  [ -f "$data/postmaster.pid" ] || return 0
  pid=$(head -n 1 "$data/postmaster.pid" 2>/dev/null || true)
  as_pg_user "$bin/pg_ctl" -D "$data" -m fast -w -t 30 stop >/dev/null 2>&1 \
    || as_pg_user "$bin/pg_ctl" -D "$data" -m immediate -w -t 15 stop >/dev/null 2>&1 || true
  if [ -n "$pid" ] && alive "$pid"; then
    kill -KILL "$pid" 2>/dev/null || true
  fi
  for ((i = 0; i < 40; i++)); do
    { [ -z "$pid" ] || ! alive "$pid"; } && return 0
    sleep 0.25
  done
  log "PostgreSQL (pid $pid) in $data is still running"
  return 1
}

# descendants PID...: the given processes and all their children, grandchildren … (deepest last).
descendants() {
  local pid child
  for pid in "$@"; do
    [ -n "$pid" ] || continue
    echo "$pid"
    for child in $(pgrep -P "$pid" 2>/dev/null); do descendants "$child"; done
  done
}

# alive PID: the process exists and is not a zombie (a killed child waiting to be reaped).
alive() {
  local state
  state=$(ps -o stat= -p "$1" 2>/dev/null) || return 1
  [[ "$state" != Z* ]]
}

# stop_processes PID...: SIGTERM to the processes and everything they started (a tool runner's
# child, a shell's dotnet), up to 30 s for a graceful exit, then SIGKILL for what is left.
stop_processes() {
  local all=() pid i alive
  mapfile -t all < <(descendants "$@" | awk '!seen[$0]++')
  [ ${#all[@]} -gt 0 ] || return 0
  kill -TERM "${all[@]}" 2>/dev/null || true
  for ((i = 0; i < 120; i++)); do
    alive=0
    for pid in "${all[@]}"; do alive "$pid" && alive=1 && break; done
    [ "$alive" = 0 ] && break
    sleep 0.25
  done
  for pid in "${all[@]}"; do alive "$pid" && kill -KILL "$pid" 2>/dev/null; done
  # Reap our own children so none is left as a zombie holding a pid.
  wait "$@" 2>/dev/null || true
  return 0
}

# pg_provision PORT DATABASE: the owner, app and backoffice roles and the database (idempotent).
pg_provision() {
  local port="$1" db="$2"
  local psql=(psql -h 127.0.0.1 -p "$port" -U postgres -v ON_ERROR_STOP=1 -q -X)
  "${psql[@]}" -d postgres <<SQL >/dev/null
DO \$\$ BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'schoolplein_owner') THEN
    CREATE ROLE schoolplein_owner LOGIN; END IF;
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'schoolplein_app') THEN
    CREATE ROLE schoolplein_app LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOBYPASSRLS; END IF;
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'schoolplein_backoffice') THEN
    CREATE ROLE schoolplein_backoffice LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE BYPASSRLS; END IF;
END \$\$;
SQL
  if ! "${psql[@]}" -d postgres -tAc "SELECT 1 FROM pg_database WHERE datname = '$db'" | grep -q 1; then
    "${psql[@]}" -d postgres -c "CREATE DATABASE $db OWNER schoolplein_owner" >/dev/null
  fi
  "${psql[@]}" -d "$db" -c "ALTER SCHEMA public OWNER TO schoolplein_owner; CREATE EXTENSION IF NOT EXISTS pg_stat_statements;" >/dev/null
}

# wait_http URL HOST_HEADER SECONDS
wait_http() {
  local url="$1" host="$2" seconds="${3:-120}" i
  for ((i = 0; i < seconds * 4; i++)); do
    if curl -fsS -o /dev/null -H "Host: $host" "$url" 2>/dev/null; then return 0; fi
    sleep 0.25
  done
  return 1
}

port_free() { ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

pass() { printf '\033[1;32mok\033[0m   %s\n' "$*" >&2; }

# Log files whose last lines `fail` prints (glob patterns; set by each script).
FAIL_LOGS=()
fail() {
  printf '\033[1;31mFAIL\033[0m %s\n' "$*" >&2
  local pattern f
  for pattern in "${FAIL_LOGS[@]}"; do
    for f in $pattern; do
      [ -f "$f" ] && { echo "--- $f (last lines)" >&2; tail -n 20 "$f" >&2 || true; }
    done
  done
  exit 1
}

# work_dir NAME [KEEP]: a throwaway folder $WORK (with logs/) for a check or the bench. On exit the
# processes recorded in PIDS (name -> pid) and the cluster under $WORK/pg are stopped; the folder is
# removed after success and kept with its logs after a failure (or always, when KEEP is not empty).
work_dir() {
  WORK=$(mktemp -d "/tmp/schoolplein-$1.XXXXXX")
  # The cluster runs as the postgres user when we are root: it must reach its directory.
  chmod 755 "$WORK"
  mkdir -p "$WORK/logs"
  KEEP_WORK="${2:-}"
  declare -gA PIDS=()
  FAIL_LOGS=("$WORK/logs/*.log")
  trap work_dir_cleanup EXIT INT TERM
}
work_dir_cleanup() {
  local rc=$? name
  trap - EXIT INT TERM
  for name in "${!PIDS[@]}"; do kill "${PIDS[$name]}" 2>/dev/null || true; done
  for name in "${!PIDS[@]}"; do wait "${PIDS[$name]}" 2>/dev/null || true; done
  pg_stop "$WORK/pg"
  rm -f "$USED_PORTS_FILE"
  if [ "$rc" -ne 0 ] || [ -n "$KEEP_WORK" ]; then log "Logs kept in $WORK/logs"; else rm -rf "$WORK"; fi
  exit "$rc"
}

# A free TCP port on 127.0.0.1 that this script has not handed out before. The ports handed out
# are kept in a file, not a variable: free_port runs in a $(...) subshell, where an appended
# variable is lost and the next call could hand out the same port ($$ is the script's own pid there).
USED_PORTS_FILE="${TMPDIR:-/tmp}/schoolplein-ports.$$"
# Listening ports are picked below the kernel's ephemeral range (ip_local_port_range, 32768 and
# up on Debian): a port from inside it can be taken by any outgoing connection (Npgsql, HTTP
# clients, the other processes just started) between our check and the server's bind, which
# made the scale-out check fail with "address already in use".
free_port() {
  local p low=20000 high
  high=$(( $(cut -f1 /proc/sys/net/ipv4/ip_local_port_range 2>/dev/null || echo 32768) - 1 ))
  (( high > low + 1000 )) || { low=10000; high=19999; }
  while :; do
    p=$((low + RANDOM % (high - low)))
    grep -qx "$p" "$USED_PORTS_FILE" 2>/dev/null && continue
    port_free "$p" || continue
    echo "$p" >>"$USED_PORTS_FILE"
    echo "$p"
    return
  done
}

# The demo app as run.sh starts it (also used by scripts/serve-demo.sh for the browser tests
# and the security scan). Expects ConnectionStrings__Schoolplein / __SchoolpleinOwner,
# Email__Host / Email__Port and Tenancy__BaseDomain / Tenancy__PublicPort in the environment.

# demo_migrate CONFIG LOG_DIR: the deploy step (owner role).
demo_migrate() {
  local config="$1" logs="$2"
  local rc=0
  dotnet "$ROOT/src/Backoffice/bin/$config/net10.0/Schoolplein.Backoffice.dll" migrate >"$logs/migrate.log" 2>&1 || rc=$?
  case "$rc" in
    0) ;;
    3) cat "$logs/migrate.log" >&2
       die "The database under ${SCHOOLPLEIN_DATA_DIR:-.data} was made by an older schema (the migrations were squashed since). Nothing was changed. It only holds demo data: stop run.sh, delete that folder (rm -rf ${SCHOOLPLEIN_DATA_DIR:-.data}) and start ./run.sh again." ;;
    *) cat "$logs/migrate.log" >&2; die "migrations failed" ;;
  esac
}

# demo_seed CONFIG BACKOFFICE_CONNECTION LOG_DIR: the two demo schools (idempotent).
demo_seed() {
  local config="$1" backoffice_cs="$2" logs="$3"
  # Development like the portal it seeds (a demo clock, SCHOOLPLEIN_CLOCK, is refused in Production).
  ASPNETCORE_ENVIRONMENT=Development ConnectionStrings__Schoolplein="$backoffice_cs" Jobs__RunServer=false \
    dotnet "$ROOT/src/Backoffice/bin/$config/net10.0/Schoolplein.Backoffice.dll" seed >"$logs/seed.log" 2>&1 \
    || { cat "$logs/seed.log" >&2; die "seeding failed"; }
}

# tenant_web CONFIG PORT: runs the school portal in place of the current (sub)shell (exec),
# so the pid of `tenant_web … &` is the portal's own.
tenant_web() {
  local config="$1" port="$2"
  ASPNETCORE_ENVIRONMENT=Development ASPNETCORE_URLS="http://localhost:$port" \
    exec dotnet "$ROOT/src/Tenant.Web/bin/$config/net10.0/Schoolplein.Tenant.Web.dll" --contentRoot "$ROOT/src/Tenant.Web"
}
