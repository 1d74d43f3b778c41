#!/usr/bin/env bash
# ./run.sh stops what it started. Runs it on free ports with its own data directory and stops it
# with SIGTERM (what `kill`, a service manager or a CI runner sends), then checks that no process
# it started is left — PostgreSQL, smtp4dev, both apps — and that every port is free again:
#   round 1: once it is up, SIGTERM;
#   round 2: the same again, on the same ports and data directory (a second run keeps its data);
#   round 3: once it is up, SIGTERM and a second SIGTERM while it is stopping (an impatient stop);
#   round 4: SIGTERM while it is still starting (PostgreSQL up, demo data being seeded).
# The bug this guards against left PostgreSQL running after "Stopping".
#   SCHOOLPLEIN_NO_BUILD=1  use the Debug build that is there (test.sh has built)
#   SCHOOLPLEIN_STOP_ROUNDS  which rounds to run (default "1 2 3 4")
set -euo pipefail
source "$(dirname "$0")/lib.sh"
cd "$ROOT"

ensure_packages "/usr/lib/postgresql/*/bin/initdb=postgresql" psql=postgresql-client curl=curl oathtool=oathtool
if [ -z "${SCHOOLPLEIN_NO_BUILD:-}" ]; then
  log "Restoring tools and building"
  dotnet tool restore >/dev/null
  dotnet build Schoolplein.sln -c Debug -nologo -clp:ErrorsOnly -v quiet
fi

WORK=$(mktemp -d /tmp/schoolplein-stop-check.XXXXXX)
# The cluster runs as the postgres user when we are root: it must reach its directory.
chmod 755 "$WORK"
DATA="$WORK/data"
runner=""
RECORDED=()
finish() {
  local rc=$? line
  # Whatever happened above (a failed round leaves processes by definition), leave nothing behind ourselves.
  if [ -n "$runner" ] && alive "$runner"; then stop_processes "$runner"; fi
  for line in "${RECORDED[@]}"; do still_there "$line" && kill -KILL "${line%%:*}" 2>/dev/null; done
  pg_stop "$DATA/postgres" >/dev/null 2>&1 || true
  if [ "$rc" = 0 ]; then rm -rf "$WORK"; else log "Logs kept in $WORK"; fi
}
trap finish EXIT

FAIL_LOGS=("$WORK/run*.log" "$DATA/logs/*.log")

WEB=$(free_port); BACKOFFICE=$(free_port); PG=$(free_port); SMTP=$(free_port); SMTP_WEB=$(free_port)
PORTS=("$WEB" "$BACKOFFICE" "$PG" "$SMTP" "$SMTP_WEB")

# A process by pid and start time (field 22 of /proc/PID/stat), so a reused pid is not mistaken for it.
identity() { local stat; stat=$(cat "/proc/$1/stat" 2>/dev/null) || return 1; echo "$1:$(echo "${stat##*) }" | cut -d' ' -f20)"; }
still_there() { local pid="${1%%:*}"; [ "$(identity "$pid" 2>/dev/null)" = "$1" ] && alive "$pid"; }
listening() { ss -Hltn "( sport = :$1 )" 2>/dev/null | grep -q .; }

round() {
  local n="$1" mode="$2" deadline pgpid started=() p line ids what
  log "Round $n ($mode): ./run.sh on web :$WEB, backoffice :$BACKOFFICE, PostgreSQL :$PG, smtp4dev :$SMTP/:$SMTP_WEB"
  env -u SCHOOLPLEIN_EXTERNAL_DB -u SCHOOLPLEIN_EXTERNAL_SMTP \
    SCHOOLPLEIN_WEB_PORT="$WEB" SCHOOLPLEIN_BACKOFFICE_PORT="$BACKOFFICE" SCHOOLPLEIN_PG_PORT="$PG" \
    SCHOOLPLEIN_SMTP_PORT="$SMTP" SCHOOLPLEIN_SMTP_WEB_PORT="$SMTP_WEB" SCHOOLPLEIN_DATA_DIR="$DATA" SCHOOLPLEIN_NO_BUILD=1 \
    ./run.sh >"$WORK/run$n.log" 2>&1 &
  runner=$!

  # Up: both apps answer. Starting: PostgreSQL runs and the demo data is being seeded.
  local marker="Schoolplein is running"
  [ "$mode" = starting ] && marker="Seeding demo schools"
  deadline=$((SECONDS + 300))
  until grep -q "$marker" "$WORK/run$n.log" 2>/dev/null; do
    alive "$runner" || fail "round $n: run.sh ended before '$marker'"
    ((SECONDS < deadline)) || fail "round $n: no '$marker' within 300 s"
    sleep 0.2
  done
  if [ "$mode" != starting ]; then
    wait_http "http://127.0.0.1:$WEB/health/ready" "regenboog.localhost:$WEB" 10 || fail "round $n: the school portal does not answer"
    wait_http "http://127.0.0.1:$BACKOFFICE/health/ready" "backoffice.localhost:$BACKOFFICE" 10 || fail "round $n: the backoffice does not answer"
  fi

  # What it started: its own process tree, and the PostgreSQL server (pg_ctl detaches it).
  [ -f "$DATA/postgres/postmaster.pid" ] || fail "round $n: no postmaster.pid in $DATA/postgres"
  pgpid=$(head -n 1 "$DATA/postgres/postmaster.pid")
  while read -r p; do
    line=$(identity "$p") && started+=("$line")
  done < <(descendants "$runner" "$pgpid" | awk '!seen[$0]++')
  RECORDED+=("${started[@]}")
  ids=" ${started[*]%%:*} "
  local expected=(smtp4dev)
  [ "$mode" = starting ] || expected+=(Schoolplein.Tenant.Web.dll Schoolplein.Backoffice.dll)
  for what in "${expected[@]}"; do
    pgrep -f -- "$what" | grep -qxF -f <(tr ' ' '\n' <<<"$ids" | grep .) \
      || fail "round $n: found no $what among the processes run.sh started"
  done
  alive "$pgpid" || fail "round $n: PostgreSQL is not running"
  pass "round $n: ${mode} with ${#started[@]} processes (run.sh, ${expected[*]}, PostgreSQL and its backends)"

  kill -TERM "$runner"
  if [ "$mode" = twice ]; then
    # A second SIGTERM while it is stopping must not cut the stop short.
    sleep 0.5
    kill -TERM "$runner" 2>/dev/null || true
  fi
  deadline=$((SECONDS + 120))
  while alive "$runner"; do
    ((SECONDS < deadline)) || fail "round $n: run.sh did not exit within 120 s of SIGTERM"
    sleep 0.25
  done
  wait "$runner" 2>/dev/null || true
  runner=""
  grep -q "Stopping" "$WORK/run$n.log" || fail "round $n: run.sh did not say it was stopping"

  local left=()
  for line in "${started[@]}"; do
    still_there "$line" && left+=("$(ps -o pid=,args= -p "${line%%:*}" | cut -c1-160)")
  done
  [ ${#left[@]} -eq 0 ] || fail "round $n: left running after SIGTERM: $(printf '\n  %s' "${left[@]}")"
  ! pgrep -f -- "$DATA" >/dev/null || fail "round $n: a process still uses $DATA: $(pgrep -af -- "$DATA")"
  for p in "${PORTS[@]}"; do
    listening "$p" && fail "round $n: port $p is still in use"
  done
  pass "round $n: SIGTERM stopped all ${#started[@]} processes; ports ${PORTS[*]} are free"
}

declare -A MODES=([1]=up [2]=up [3]=twice [4]=starting)
for n in ${SCHOOLPLEIN_STOP_ROUNDS:-1 2 3 4}; do round "$n" "${MODES[$n]}"; done
pass "run.sh stops what it started: rounds ${SCHOOLPLEIN_STOP_ROUNDS:-1 2 3 4}"
