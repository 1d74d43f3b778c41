#!/usr/bin/env bash
# Restores a base backup into an empty data directory and configures recovery from the WAL
# archive, to a point in time or (without a time) to the end of the archive:
#   deploy/backup/restore-pitr.sh BASE_BACKUP_DIR WAL_ARCHIVE_DIR NEW_DATA_DIR ['2026-11-28 13:05:00+00']
# Then start PostgreSQL on NEW_DATA_DIR: it replays the WAL and promotes itself at the target.
# A partial segment from pg_receivewal (*.partial) is used as the last segment when present.
set -euo pipefail
base="$1" archive="$2" data="$3" target_time="${4:-}"
[ -f "$base/base.tar.gz" ] || { echo "no base.tar.gz in $base" >&2; exit 1; }
[ ! -e "$data" ] || [ -z "$(ls -A "$data")" ] || { echo "$data is not empty" >&2; exit 1; }
mkdir -p "$data"
chmod 700 "$data"
tar -xzf "$base/base.tar.gz" -C "$data"
mkdir -p "$data/pg_wal"
[ -f "$base/pg_wal.tar.gz" ] && tar -xzf "$base/pg_wal.tar.gz" -C "$data/pg_wal"
# Streamed WAL (pg_receivewal) ends in a .partial segment: offer it under its real name.
for partial in "$archive"/*.partial; do
  [ -e "$partial" ] || continue
  name=$(basename "$partial" .partial)
  [ -e "$archive/$name" ] || cp "$partial" "$data/pg_wal/$name"
done
{
  echo "restore_command = 'cp \"$archive/%f\" \"%p\"'"
  if [ -n "$target_time" ]; then
    echo "recovery_target_time = '$target_time'"
    echo "recovery_target_inclusive = false"
  fi
  echo "recovery_target_action = 'promote'"
  # The restored cluster must not archive into the production archive.
  echo "archive_mode = 'off'"
} >>"$data/postgresql.auto.conf"
touch "$data/recovery.signal"
