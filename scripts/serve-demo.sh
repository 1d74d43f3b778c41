#!/usr/bin/env bash
# The school portal with the demo data, exactly as run.sh starts it, but on the database and
# SMTP server given in the environment and without printing or asking anything: migrate,
# seed, then the portal in the foreground (exec, so stopping this process stops the portal).
# Used by the browser tests (tests/Browser.Tests) and the security scan (scripts/security-scan.sh).
#   SCHOOLPLEIN_WEB_PORT       port of the portal (required)
#   SCHOOLPLEIN_LOG_DIR        where migrate.log and seed.log go (required)
#   SCHOOLPLEIN_CONFIGURATION  build configuration to run (default Debug; build first)
#   ConnectionStrings__Schoolplein, ConnectionStrings__SchoolpleinOwner,
#   SCHOOLPLEIN_BACKOFFICE_CONNECTION, Email__Host, Email__Port
set -euo pipefail
source "$(dirname "$0")/lib.sh"
cd "$ROOT"

: "${SCHOOLPLEIN_WEB_PORT:?}" "${SCHOOLPLEIN_LOG_DIR:?}" "${SCHOOLPLEIN_BACKOFFICE_CONNECTION:?}"
: "${ConnectionStrings__Schoolplein:?}" "${ConnectionStrings__SchoolpleinOwner:?}" "${Email__Port:?}"
CONFIG="${SCHOOLPLEIN_CONFIGURATION:-Debug}"
mkdir -p "$SCHOOLPLEIN_LOG_DIR"
export Email__Host="${Email__Host:-127.0.0.1}"
export Tenancy__BaseDomain="${SCHOOLPLEIN_BASE_DOMAIN:-localhost}" Tenancy__PublicPort="$SCHOOLPLEIN_WEB_PORT"

demo_migrate "$CONFIG" "$SCHOOLPLEIN_LOG_DIR"
demo_seed "$CONFIG" "$SCHOOLPLEIN_BACKOFFICE_CONNECTION" "$SCHOOLPLEIN_LOG_DIR"
tenant_web "$CONFIG" "$SCHOOLPLEIN_WEB_PORT"
