#!/usr/bin/env bash
# First start of the PostgreSQL container: the three Schoolplein roles and the database
# (the same shape as scripts/lib.sh pg_provision, with passwords). Runs as the superuser.
set -euo pipefail
psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname postgres \
  -v owner_pw="$SCHOOLPLEIN_OWNER_PASSWORD" -v app_pw="$SCHOOLPLEIN_APP_PASSWORD" -v bo_pw="$SCHOOLPLEIN_BACKOFFICE_PASSWORD" <<'SQL'
CREATE ROLE schoolplein_owner LOGIN PASSWORD :'owner_pw';
CREATE ROLE schoolplein_app LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOBYPASSRLS PASSWORD :'app_pw';
CREATE ROLE schoolplein_backoffice LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE BYPASSRLS PASSWORD :'bo_pw';
CREATE DATABASE schoolplein OWNER schoolplein_owner;
\connect schoolplein
ALTER SCHEMA public OWNER TO schoolplein_owner;
CREATE EXTENSION IF NOT EXISTS pg_stat_statements;
SQL
