#!/usr/bin/env bash
# archive_command for PostgreSQL:  archive_command = '/path/deploy/backup/archive-wal.sh %p %f /backup/wal'
# Copies one finished WAL segment into the archive atomically (temp file + fsync + rename) and
# never overwrites a different file of the same name (PostgreSQL then retries and alerts).
# In production the archive is off the database server: a mounted volume that is replicated,
# or replace the cp with an upload to object storage (e.g. wal-g / pgBackRest do both).
set -euo pipefail
src="$1" name="$2" archive="$3"
if [ -f "$archive/$name" ]; then
  cmp -s "$src" "$archive/$name" && exit 0
  echo "archive-wal: $name exists with other content" >&2
  exit 1
fi
cp "$src" "$archive/.$name.tmp"
sync "$archive/.$name.tmp"
mv "$archive/.$name.tmp" "$archive/$name"
