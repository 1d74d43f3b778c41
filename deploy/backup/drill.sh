#!/usr/bin/env bash
# Backup and restore drill on this machine, with the real schema and the demo schools:
#   1. a "production" cluster with WAL archiving (archive_command, archive_timeout) and, next
#      to it, pg_receivewal streaming the WAL; a base backup
#   2. a writer commits a numbered row every 0.1 s; meanwhile a bad bulk update archives all
#      pupils of one school ("the mistake") and another school keeps working
#   3. disaster: the server is killed (SIGKILL) and its data directory deleted
#   4. restore to the end of the archive, and to the end of the streamed WAL: the RPO is the time
#      between the last row the writer saw committed and the last row the restore has
#   5. point-in-time restore to just before the mistake, then put back that one school's data
#      into the restored production with restore-school.sh; the other school's later work stays
# Exits non-zero when a restore misses data it must have. Writes artifacts/backup-drill.md.
#   DRILL_ARCHIVE_TIMEOUT (s, default 10)  DRILL_WRITE_SECONDS (default 12)
#   SCHOOLPLEIN_NO_BUILD=1 skips building the backoffice (migrate + seed).
set -euo pipefail
source "$(dirname "$0")/../../scripts/lib.sh"
cd "$ROOT"
ARCHIVE_TIMEOUT="${DRILL_ARCHIVE_TIMEOUT:-10}"
WRITE_SECONDS="${DRILL_WRITE_SECONDS:-12}"
CONFIG="${SCHOOLPLEIN_CONFIGURATION:-Debug}"
BACKUP="$ROOT/deploy/backup"
STARTED=$SECONDS

ensure_packages "/usr/lib/postgresql/*/bin/initdb=postgresql" psql=postgresql-client
if [ "$(id -u)" = 0 ] && ! id postgres >/dev/null 2>&1; then
  useradd --system --home-dir /var/lib/postgresql --shell /bin/bash postgres
fi
if [ -z "${SCHOOLPLEIN_NO_BUILD:-}" ]; then
  dotnet build src/Backoffice -c "$CONFIG" -nologo -clp:ErrorsOnly -v quiet >/dev/null
fi
BACKOFFICE_DLL="$ROOT/src/Backoffice/bin/$CONFIG/net10.0/Schoolplein.Backoffice.dll"
BIN=$(pg_bin)
PATH="$BIN:$PATH"

WORK=$(mktemp -d /tmp/schoolplein-drill.XXXXXX)
chmod 755 "$WORK"
mkdir -p "$WORK/archive" "$WORK/stream" "$WORK/base" "$WORK/sockets" "$WORK/logs"
[ "$(id -u)" = 0 ] && chown postgres:postgres "$WORK/archive" "$WORK/stream" "$WORK/base" "$WORK/sockets"
PIDS=()
CLUSTERS=()
cleanup() {
  local rc=$?
  trap - EXIT INT TERM
  for pid in "${PIDS[@]:-}"; do [ -n "$pid" ] && kill "$pid" 2>/dev/null || true; done
  # as_pg_user starts pg_receivewal under another user: $! is the wrapper, not pg_receivewal itself.
  pkill -f "pg_receivewal .*$WORK/stream" 2>/dev/null || true
  for dir in "${CLUSTERS[@]:-}"; do [ -n "$dir" ] && pg_stop "$dir"; done
  if [ "$rc" -eq 0 ]; then rm -rf "$WORK"; else log "Drill files kept in $WORK"; fi
  exit "$rc"
}
trap cleanup EXIT INT TERM
q() { local port="$1"; shift; psql -h 127.0.0.1 -p "$port" -U postgres -d schoolplein -v ON_ERROR_STOP=1 -qAtX "$@"; }
free() { local p; while :; do p=$((20000 + RANDOM % 30000)); port_free "$p" && { echo "$p"; return; }; done; }

# ---------------------------------------------------------------- production with archiving
PORT=$(free)
PROD="$WORK/prod"
CLUSTERS+=("$PROD")
pg_start "$PROD" "$PORT" "$WORK/sockets"
echo "host replication all 127.0.0.1/32 trust" >>"$PROD/pg_hba.conf"
psql -h 127.0.0.1 -p "$PORT" -U postgres -d postgres -qAtX >/dev/null <<SQL
ALTER SYSTEM SET archive_mode = 'on';
ALTER SYSTEM SET archive_command = '$BACKUP/archive-wal.sh %p %f $WORK/archive';
ALTER SYSTEM SET archive_timeout = '${ARCHIVE_TIMEOUT}s';
SQL
pg_stop "$PROD"
pg_start "$PROD" "$PORT" "$WORK/sockets"
pg_provision "$PORT" schoolplein
ConnectionStrings__SchoolpleinOwner="Host=127.0.0.1;Port=$PORT;Database=schoolplein;Username=schoolplein_owner" \
  dotnet "$BACKOFFICE_DLL" migrate >"$WORK/logs/migrate.log" 2>&1 || fail "migrate failed (see $WORK/logs)"
ConnectionStrings__Schoolplein="Host=127.0.0.1;Port=$PORT;Database=schoolplein;Username=schoolplein_backoffice" Jobs__RunServer=false \
  dotnet "$BACKOFFICE_DLL" seed >"$WORK/logs/seed.log" 2>&1 || fail "seed failed (see $WORK/logs)"
q "$PORT" -c "CREATE SCHEMA drill; CREATE TABLE drill.marker (id int PRIMARY KEY, at timestamptz NOT NULL DEFAULT clock_timestamp());"
REGENBOOG=$(q "$PORT" -c "SELECT id FROM tenants WHERE slug = 'regenboog'")
KOMPAS=$(q "$PORT" -c "SELECT id FROM tenants WHERE slug = 'kompas'")
active_pupils() { q "$1" -c "SELECT count(*) FROM pupils WHERE tenant_id = '$REGENBOOG' AND archived_at IS NULL"; }
ACTIVE_BEFORE=$(active_pupils "$PORT")
[ "$ACTIVE_BEFORE" -gt 0 ] || fail "the demo school has no active pupils"
pass "production cluster: archive_timeout=${ARCHIVE_TIMEOUT}s, schema migrated, demo schools seeded ($ACTIVE_BEFORE active pupils in regenboog)"

as_pg_user pg_receivewal -h 127.0.0.1 -p "$PORT" -U postgres -D "$WORK/stream" --no-password >"$WORK/logs/receivewal.log" 2>&1 &
PIDS+=($!)
t=$SECONDS
BASE=$(as_pg_user "$BACKUP/base-backup.sh" "host=127.0.0.1 port=$PORT user=postgres" "$WORK/base")
pass "base backup in $((SECONDS - t)) s: $(du -sh "$BASE" | cut -f1)"

# ---------------------------------------------------------------- writes, the mistake, more writes
(
  i=0
  while :; do
    i=$((i + 1))
    q "$PORT" -c "INSERT INTO drill.marker (id) VALUES ($i)" 2>/dev/null && echo "$i $(date +%s.%N)" >>"$WORK/written.log"
    sleep 0.1
  done
) &
WRITER=$!
PIDS+=("$WRITER")
sleep 3
MISTAKE_AT=$(q "$PORT" -c "SELECT now()")
sleep 0.5
q "$PORT" -c "UPDATE pupils SET archived_at = now() WHERE tenant_id = '$REGENBOOG'" >/dev/null
sleep 0.5
q "$PORT" -c "UPDATE groups SET name = name || ' (later)' WHERE tenant_id = '$KOMPAS'" >/dev/null
KOMPAS_LATER=$(q "$PORT" -c "SELECT count(*) FROM groups WHERE tenant_id = '$KOMPAS' AND name LIKE '% (later)'")
[ "$(active_pupils "$PORT")" = 0 ] || fail "the mistake did not happen"
sleep "$WRITE_SECONDS"

# ---------------------------------------------------------------- disaster
kill -KILL "$(head -n 1 "$PROD/postmaster.pid")"
LOST_AT=$(date +%s.%N)
kill "$WRITER" 2>/dev/null || true
wait "$WRITER" 2>/dev/null || true
sleep 0.5
LAST_WRITTEN=$(tail -n 1 "$WORK/written.log" | cut -d' ' -f1)
as_pg_user "$BIN/pg_ctl" -D "$PROD" stop -m immediate >/dev/null 2>&1 || true
rm -rf "$PROD"
CLUSTERS=()
pass "disaster: server killed and its data directory deleted; the writer had $LAST_WRITTEN rows committed"

written_at() { awk -v id="$1" '$1 == id { print $2 }' "$WORK/written.log"; }
restore() { # name base wal-dir [target-time]; sets RESTORED_PORT (no subshell: CLUSTERS must see it)
  local name="$1" dir="$WORK/$1" port
  port=$(free)
  mkdir -p "$dir"
  [ "$(id -u)" = 0 ] && chown postgres:postgres "$dir"
  as_pg_user "$BACKUP/restore-pitr.sh" "$2" "$3" "$dir" "${4:-}"
  CLUSTERS+=("$dir")
  pg_start "$dir" "$port" "$WORK/sockets" >/dev/null
  local i
  for ((i = 0; i < 240; i++)); do
    [ "$(psql -h 127.0.0.1 -p "$port" -U postgres -d postgres -qAtX -c 'SELECT pg_is_in_recovery()' 2>/dev/null)" = f ] && break
    sleep 0.25
  done
  RESTORED_PORT=$port
}
rpo_of() { # port -> "rows_lost seconds"
  local last
  last=$(q "$1" -c "SELECT coalesce(max(id), 0) FROM drill.marker")
  # A row can commit in the instant before the kill without the writer logging it.
  [ "$last" -le "$LAST_WRITTEN" ] || last=$LAST_WRITTEN
  awk -v a="$(written_at "$LAST_WRITTEN")" -v b="$(written_at "$last")" -v lost=$((LAST_WRITTEN - last)) \
    'BEGIN { if (b == "") b = 0; printf "%d %.1f", lost, (lost == 0 ? 0 : a - b) }'
}

# ---------------------------------------------------------------- restore from the archive
t=$SECONDS
restore from-archive "$BASE" "$WORK/archive"
ARCH_PORT=$RESTORED_PORT
ARCH_SECONDS=$((SECONDS - t))
read -r ARCH_LOST ARCH_RPO <<<"$(rpo_of "$ARCH_PORT")"
[ "$(q "$ARCH_PORT" -c 'SELECT count(*) FROM drill.marker')" -gt 0 ] || fail "the archive restore has none of the writer's rows"
pass "restore from base backup + archived WAL in ${ARCH_SECONDS} s: lost the last $ARCH_LOST rows = RPO ${ARCH_RPO} s (archive_timeout ${ARCHIVE_TIMEOUT} s)"
awk -v r="$ARCH_RPO" -v t="$ARCHIVE_TIMEOUT" 'BEGIN { exit !(r <= t + 2) }' || fail "archive RPO ${ARCH_RPO} s exceeds archive_timeout + 2 s"

# ---------------------------------------------------------------- restore from the streamed WAL
t=$SECONDS
restore from-stream "$BASE" "$WORK/stream"
STREAM_PORT=$RESTORED_PORT
STREAM_SECONDS=$((SECONDS - t))
read -r STREAM_LOST STREAM_RPO <<<"$(rpo_of "$STREAM_PORT")"
pass "restore from base backup + streamed WAL (pg_receivewal) in ${STREAM_SECONDS} s: lost the last $STREAM_LOST rows = RPO ${STREAM_RPO} s"
[ "$STREAM_LOST" -le 2 ] || fail "the streamed WAL lost $STREAM_LOST rows"
as_pg_user "$BIN/pg_ctl" -D "$WORK/from-stream" -m fast stop >/dev/null

# ---------------------------------------------------------------- point in time + one school
t=$SECONDS
restore before-mistake "$BASE" "$WORK/archive" "$MISTAKE_AT"
PITR_PORT=$RESTORED_PORT
PITR_SECONDS=$((SECONDS - t))
[ "$(active_pupils "$PITR_PORT")" = "$ACTIVE_BEFORE" ] || fail "the point-in-time restore does not have the pupils from before the mistake"
pass "point-in-time restore to $MISTAKE_AT in ${PITR_SECONDS} s: regenboog's $ACTIVE_BEFORE pupils active again"

# The new production is the archive restore (it has the mistake, and kompas's later work).
[ "$(active_pupils "$ARCH_PORT")" = 0 ] || fail "the archive restore should still have the mistake"
markers_before=$(q "$ARCH_PORT" -c "SELECT count(*) FROM drill.marker")
t=$SECONDS
as_pg_user "$BACKUP/restore-school.sh" "host=127.0.0.1 port=$PITR_PORT user=postgres dbname=schoolplein" \
  "host=127.0.0.1 port=$ARCH_PORT user=postgres dbname=schoolplein" regenboog >"$WORK/logs/restore-school.log" 2>&1 \
  || { cat "$WORK/logs/restore-school.log" >&2; fail "restore-school.sh failed"; }
SCHOOL_SECONDS=$((SECONDS - t))
[ "$(active_pupils "$ARCH_PORT")" = "$ACTIVE_BEFORE" ] || fail "restore-school.sh did not bring regenboog's pupils back"
[ "$(q "$ARCH_PORT" -c "SELECT count(*) FROM groups WHERE tenant_id = '$KOMPAS' AND name LIKE '% (later)'")" = "$KOMPAS_LATER" ] \
  || fail "restore-school.sh touched another school's data"
[ "$(q "$ARCH_PORT" -c "SELECT count(*) FROM drill.marker")" = "$markers_before" ] || fail "restore-school.sh touched other data"
pass "one school restored in ${SCHOOL_SECONDS} s ($(cat "$WORK/logs/restore-school.log")); kompas's later changes kept"

mkdir -p "$ROOT/artifacts"
cat >"$ROOT/artifacts/backup-drill.md" <<MD
# Backup drill ($(date -u +%Y-%m-%dT%H:%MZ), PostgreSQL $(postgres --version | awk '{print $3}'), $(nproc) cores)

| what | figure |
|---|---|
| base backup (demo data, compressed) | $(du -sh "$BASE" | cut -f1) |
| writer | one committed row every ~0.1 s for $((3 + 1 + WRITE_SECONDS)) s, then SIGKILL + data directory deleted |
| restore from archive (archive_timeout ${ARCHIVE_TIMEOUT} s) | ${ARCH_SECONDS} s, lost ${ARCH_LOST} rows, RPO ${ARCH_RPO} s |
| restore from streamed WAL (pg_receivewal) | ${STREAM_SECONDS} s, lost ${STREAM_LOST} rows, RPO ${STREAM_RPO} s |
| point-in-time restore to before the mistake | ${PITR_SECONDS} s |
| one school put back (restore-school.sh) | ${SCHOOL_SECONDS} s |
MD
log "Backup drill passed in $((SECONDS - STARTED)) s (artifacts/backup-drill.md)"
