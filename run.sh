#!/usr/bin/env bash
# Starts Schoolplein on this machine: PostgreSQL (project-local cluster), smtp4dev,
# migrations, demo data, the school portal and the backoffice. Ctrl-C (or SIGTERM) stops
# everything it started, also when it arrives half-way through starting.
#   SCHOOLPLEIN_DATA_DIR   where the cluster, smtp4dev's mail and the logs live (default .data)
#   SCHOOLPLEIN_NO_BUILD=1 run the build that is there (test.sh and the stop check have built)
set -euo pipefail
source "$(dirname "$0")/scripts/lib.sh"
cd "$ROOT"

WEB_PORT="${SCHOOLPLEIN_WEB_PORT:-5000}"
BACKOFFICE_PORT="${SCHOOLPLEIN_BACKOFFICE_PORT:-5100}"
PG_PORT="${SCHOOLPLEIN_PG_PORT:-5433}"
SMTP_PORT="${SCHOOLPLEIN_SMTP_PORT:-2525}"
SMTP_WEB_PORT="${SCHOOLPLEIN_SMTP_WEB_PORT:-5080}"
BASE_DOMAIN="${SCHOOLPLEIN_BASE_DOMAIN:-localhost}"
DATA="${SCHOOLPLEIN_DATA_DIR:-$ROOT/.data}"
[[ "$DATA" == /* ]] || DATA="$ROOT/$DATA"
CONFIG="${SCHOOLPLEIN_CONFIGURATION:-Debug}"

# Everything started in the background; PostgreSQL is stopped through its data directory.
pids=()
PG_DATA=""
stopped=""
cleanup() {
  [ -n "$stopped" ] && return 0
  stopped=1
  # No early exit in here: every step runs even if one fails.
  set +e
  trap '' INT TERM
  log "Stopping"
  stop_processes "${pids[@]}" $(jobs -p)
  if [ -n "$PG_DATA" ]; then pg_stop "$PG_DATA"; fi
  return 0
}
on_signal() { cleanup; trap - EXIT; exit "$1"; }
# Installed before anything starts, so a stop during the build or the seeding stops too.
trap 'on_signal 130' INT
trap 'on_signal 143' TERM
trap cleanup EXIT

ensure_packages "/usr/lib/postgresql/*/bin/initdb=postgresql" psql=postgresql-client curl=curl oathtool=oathtool
mkdir -p "$DATA/logs"

if [ -z "${SCHOOLPLEIN_NO_BUILD:-}" ]; then
  log "Restoring tools and building"
  dotnet tool restore >/dev/null
  # Long steps run as background jobs and are waited for: a signal interrupts `wait` at once
  # (not only after the step), and the cleanup stops the step with everything else.
  { dotnet build Schoolplein.sln -c "$CONFIG" -v quiet -nologo -clp:ErrorsOnly >/dev/null || dotnet build Schoolplein.sln -c "$CONFIG" -nologo -clp:ErrorsOnly; } &
  wait $!
fi

if [ -z "${SCHOOLPLEIN_EXTERNAL_DB:-}" ]; then
  log "PostgreSQL on 127.0.0.1:$PG_PORT (data in ${DATA#"$ROOT"/}/postgres)"
  PG_DATA="$DATA/postgres"
  pg_start "$PG_DATA" "$PG_PORT" "$DATA/pg-sockets"
  pg_provision "$PG_PORT" schoolplein
  export ConnectionStrings__Schoolplein="Host=127.0.0.1;Port=$PG_PORT;Database=schoolplein;Username=schoolplein_app;Maximum Pool Size=50"
  export ConnectionStrings__SchoolpleinOwner="Host=127.0.0.1;Port=$PG_PORT;Database=schoolplein;Username=schoolplein_owner"
  BACKOFFICE_CS="Host=127.0.0.1;Port=$PG_PORT;Database=schoolplein;Username=schoolplein_backoffice;Maximum Pool Size=20"
else
  log "Using the PostgreSQL given in ConnectionStrings__Schoolplein / __SchoolpleinOwner / SCHOOLPLEIN_BACKOFFICE_CONNECTION"
  BACKOFFICE_CS="${SCHOOLPLEIN_BACKOFFICE_CONNECTION:?set SCHOOLPLEIN_BACKOFFICE_CONNECTION}"
fi

if [ -z "${SCHOOLPLEIN_EXTERNAL_SMTP:-}" ]; then
  if port_free "$SMTP_PORT"; then
    log "smtp4dev: SMTP 127.0.0.1:$SMTP_PORT, web http://127.0.0.1:$SMTP_WEB_PORT"
    dotnet tool run smtp4dev -- --urls="http://127.0.0.1:$SMTP_WEB_PORT" --smtpport="$SMTP_PORT" --imapport=0 --pop3port=0 \
      --hostname=localhost --db="$DATA/smtp4dev.db" --messagestokeep=5000 --nousersettings >"$DATA/logs/smtp4dev.log" 2>&1 &
    pids+=($!)
  else
    log "Port $SMTP_PORT is in use: assuming smtp4dev (or another SMTP server) already runs there"
  fi
fi
export Email__Host="${Email__Host:-127.0.0.1}" Email__Port="${Email__Port:-$SMTP_PORT}"
export Tenancy__BaseDomain="$BASE_DOMAIN" Tenancy__PublicPort="$WEB_PORT"

log "Applying migrations"
demo_migrate "$CONFIG" "$DATA/logs" &
wait $!
log "Seeding demo schools (idempotent)"
demo_seed "$CONFIG" "$BACKOFFICE_CS" "$DATA/logs" &
wait $!

log "Starting the school portal on :$WEB_PORT and the backoffice on :$BACKOFFICE_PORT"
tenant_web "$CONFIG" "$WEB_PORT" >"$DATA/logs/tenant-web.log" 2>&1 &
pids+=($!)
ASPNETCORE_ENVIRONMENT=Development ASPNETCORE_URLS="http://localhost:$BACKOFFICE_PORT" ConnectionStrings__Schoolplein="$BACKOFFICE_CS" \
  dotnet "src/Backoffice/bin/$CONFIG/net10.0/Schoolplein.Backoffice.dll" --contentRoot "$ROOT/src/Backoffice" >"$DATA/logs/backoffice.log" 2>&1 &
pids+=($!)

wait_http "http://127.0.0.1:$WEB_PORT/health/ready" "regenboog.$BASE_DOMAIN:$WEB_PORT" 120 \
  || { tail -n 40 "$DATA/logs/tenant-web.log"; die "the school portal did not become ready"; }
wait_http "http://127.0.0.1:$BACKOFFICE_PORT/health/ready" "backoffice.$BASE_DOMAIN:$BACKOFFICE_PORT" 120 \
  || { tail -n 40 "$DATA/logs/backoffice.log"; die "the backoffice did not become ready"; }

TOTP_SECRET="$(grep -oP 'TOTP secret for \S+: \K\S+' "$DATA/logs/seed.log" || true)"
cat <<INFO

  Schoolplein is running. Logs: ${DATA#"$ROOT"/}/logs/   Stop: Ctrl-C

  School portals   http://regenboog.$BASE_DOMAIN:$WEB_PORT   (Kindcentrum De Regenboog)
                   http://kompas.$BASE_DOMAIN:$WEB_PORT      (Basisschool Het Kompas)
  Product page     http://$BASE_DOMAIN:$WEB_PORT
  Backoffice       http://backoffice.$BASE_DOMAIN:$BACKOFFICE_PORT
  Mail (smtp4dev)  http://127.0.0.1:$SMTP_WEB_PORT   (SMTP 127.0.0.1:$SMTP_PORT)
  PostgreSQL       127.0.0.1:$PG_PORT  database schoolplein  (roles schoolplein_owner / _app / _backoffice)

  Demo logins (password for all: Schoolplein-demo-2026)
    regenboog  parent        ouder@regenboog.test        (two children: Noor, groep 3/4 and Daan, groep 6/7)
               teacher       lisanne.mulder@regenboog.test   (groep 3/4, duo with joyce.pinas@regenboog.test)
               school admin  directie@regenboog.test
    kompas     parent        ouder@kompas.test
               teacher       peter.bakker@kompas.test
               school admin  directie@kompas.test
    backoffice staff         support@schoolplein.test   (all roles; two-step code required)
               TOTP secret   $TOTP_SECRET
                             add it to an authenticator app, or: oathtool --totp -b $TOTP_SECRET

  $(grep -m1 '^Demo koppelcode' "$DATA/logs/seed.log" || true)
    join at http://regenboog.$BASE_DOMAIN:$WEB_PORT/Account/Join or http://$BASE_DOMAIN:$WEB_PORT/koppelcode

INFO

wait -n "${pids[@]}" || true
log "A process stopped; shutting down"
