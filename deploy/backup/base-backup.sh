#!/usr/bin/env bash
# Takes a base backup of a running cluster (compressed tar, with the WAL needed to make it
# consistent, and a backup manifest):
#   deploy/backup/base-backup.sh 'host=db port=5432 user=replicator' /backup/base
# Run it daily (cron or a Kubernetes CronJob); keep the WAL archive back to the oldest base
# backup you keep. Prints the directory of the new backup.
set -euo pipefail
conninfo="$1" target="$2"
dir="$target/$(date -u +%Y%m%dT%H%M%SZ)"
mkdir -p "$dir"
pg_basebackup -d "$conninfo" -D "$dir" -Ft -z -X stream -c fast --label "schoolplein $(basename "$dir")" --no-password
echo "$dir"
