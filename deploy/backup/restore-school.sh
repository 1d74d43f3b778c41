#!/usr/bin/env bash
# Puts one school's data back as it was in a restored copy of the database, leaving every other
# school untouched:
#   deploy/backup/restore-school.sh SOURCE_CONNINFO TARGET_CONNINFO SCHOOL_SLUG
# SOURCE: a point-in-time restore (restore-pitr.sh) started on the side; TARGET: production.
# Both as a superuser (the copy must see every row and switch triggers off for the load).
#
# Every school-owned table carries tenant_id, so the school's rows are "WHERE tenant_id = X" in
# each of them. In one transaction on the target: delete the school's current rows, copy its rows
# from the source, update its catalogue row (name, branding, status), then tell running apps to
# drop their cached copy (NOTIFY). Triggers are off during the load (session_replication_role =
# replica): the append-only history triggers would refuse the delete, and the foreign keys hold
# because the rows come from one consistent snapshot. Both databases must be at the same
# migration: migrate the restored copy first (`Schoolplein.Backoffice.dll migrate` against it).
# Not restored: Hangfire jobs (re-created by the outbox sweep) and mail already sent.
set -euo pipefail
source_db="$1" target_db="$2" slug="$3"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
src() { psql "$source_db" -v ON_ERROR_STOP=1 -qAtX "$@"; }
dst() { psql "$target_db" -v ON_ERROR_STOP=1 -qAtX "$@"; }

migrations="SELECT string_agg(migration_id, ',' ORDER BY migration_id) FROM \"__EFMigrationsHistory\""
source_migrations=$(src -c "$migrations")
target_migrations=$(dst -c "$migrations")
[ -n "$target_migrations" ] || { echo "the target has no migration history" >&2; exit 1; }
[ "$source_migrations" = "$target_migrations" ] \
  || { echo "source and target are at different migrations: run the migrate step against the restored copy first" >&2; exit 1; }

tenant=$(src -c "SELECT id FROM tenants WHERE slug = '$slug'")
[ -n "$tenant" ] || { echo "no school '$slug' in the source" >&2; exit 1; }
[ "$(dst -c "SELECT count(*) FROM tenants WHERE id = '$tenant'")" = 1 ] \
  || { echo "school '$slug' ($tenant) does not exist in the target: restore the whole database instead" >&2; exit 1; }

# School-owned tables, parents before children (foreign keys among them), by a topological sort.
tables=$(dst <<'SQL'
WITH RECURSIVE owned AS (
  SELECT c.oid, c.relname FROM pg_class c
  JOIN pg_namespace n ON n.oid = c.relnamespace AND n.nspname = 'public'
  JOIN pg_attribute a ON a.attrelid = c.oid AND a.attname = 'tenant_id' AND NOT a.attisdropped
  WHERE c.relkind IN ('r', 'p')
), edges AS (
  SELECT DISTINCT con.conrelid AS child, con.confrelid AS parent FROM pg_constraint con
  WHERE con.contype = 'f' AND con.conrelid IN (SELECT oid FROM owned) AND con.confrelid IN (SELECT oid FROM owned)
    AND con.conrelid <> con.confrelid
), depth AS (
  SELECT oid, 0 AS d FROM owned
  UNION ALL
  SELECT e.child, depth.d + 1 FROM edges e JOIN depth ON depth.oid = e.parent WHERE depth.d < 50
)
SELECT o.relname FROM owned o JOIN (SELECT oid, max(d) AS d FROM depth GROUP BY oid) x ON x.oid = o.oid
ORDER BY x.d, o.relname;
SQL
)
# A table that hangs off a school table without its own tenant_id would be silently skipped.
orphans=$(dst <<'SQL'
SELECT DISTINCT c.relname FROM pg_constraint con
JOIN pg_class c ON c.oid = con.conrelid
JOIN pg_namespace n ON n.oid = c.relnamespace AND n.nspname = 'public'
WHERE con.contype = 'f'
  AND EXISTS (SELECT 1 FROM pg_attribute a WHERE a.attrelid = con.confrelid AND a.attname = 'tenant_id')
  AND NOT EXISTS (SELECT 1 FROM pg_attribute a WHERE a.attrelid = con.conrelid AND a.attname = 'tenant_id');
SQL
)
[ -z "$orphans" ] || { echo "tables without tenant_id reference school tables: $orphans (add tenant_id or extend this script)" >&2; exit 1; }

{
  echo "BEGIN;"
  echo "SET LOCAL session_replication_role = replica;"
  for t in $(tac <<<"$tables"); do echo "DELETE FROM \"$t\" WHERE tenant_id = '$tenant';"; done
} >"$work/load.sql"
for t in $tables; do
  # Generated columns (full_name) are computed again by the target; COPY cannot write them.
  cols=$(dst -c "SELECT string_agg(quote_ident(attname), ', ' ORDER BY attnum) FROM pg_attribute WHERE attrelid = 'public.\"$t\"'::regclass AND attnum > 0 AND NOT attisdropped AND attgenerated = ''")
  src -c "\\copy (SELECT $cols FROM \"$t\" WHERE tenant_id = '$tenant') TO '$work/$t.copy'"
  echo "\\copy \"$t\" ($cols) FROM '$work/$t.copy'" >>"$work/load.sql"
done
cols=$(dst -c "SELECT string_agg(quote_ident(attname), ', ' ORDER BY attnum) FROM pg_attribute WHERE attrelid = 'public.tenants'::regclass AND attnum > 0 AND NOT attisdropped AND attgenerated = '' AND attname <> 'id'")
src -c "\\copy (SELECT $cols FROM tenants WHERE id = '$tenant') TO '$work/tenant.copy'"
{
  echo "CREATE TEMP TABLE restored_tenant AS SELECT $cols FROM tenants WITH NO DATA;"
  echo "\\copy restored_tenant FROM '$work/tenant.copy'"
  echo "UPDATE tenants t SET ($cols) = (SELECT $cols FROM restored_tenant) WHERE t.id = '$tenant';"
  echo "SELECT pg_notify('tenant_catalog_changed', '$tenant');"
  echo "COMMIT;"
} >>"$work/load.sql"
dst -f "$work/load.sql" >/dev/null
rows=0
for t in $tables; do rows=$((rows + $(wc -l <"$work/$t.copy"))); done
echo "Restored school $slug ($tenant): $rows rows in $(wc -w <<<"$tables") tables."
