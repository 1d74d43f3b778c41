#!/usr/bin/env bash
# Runs every test. Installs what a fresh machine lacks (Debian packages, dotnet tools).
# The test fixtures start their own throwaway PostgreSQL cluster and smtp4dev on free
# ports; set SCHOOLPLEIN_TEST_PG to a superuser connection string to use another server.
set -euo pipefail
source "$(dirname "$0")/scripts/lib.sh"
cd "$ROOT"

ensure_packages "/usr/lib/postgresql/*/bin/initdb=postgresql" psql=postgresql-client curl=curl
if [ "$(id -u)" = 0 ] && ! id postgres >/dev/null 2>&1; then
  useradd --system --home-dir /var/lib/postgresql --shell /bin/bash postgres
fi

log "Browser test tools: Debian Chromium, Java, sqlmap, wapiti; axe-core and vnu-jar from npm"
scripts/test-tools.sh

log "Restoring tools and building"
dotnet tool restore >/dev/null
dotnet build Schoolplein.sln -c Debug -nologo -clp:ErrorsOnly -v quiet

mkdir -p artifacts/test-results
# Dozens of test hosts start in one run: none of them needs to watch appsettings for changes, and
# each watcher takes one of the machine's inotify instances (128 by default on Debian).
export DOTNET_hostBuilder__reloadConfigOnChange=false
# Includes tests/Browser.Tests: the journeys, axe-core and Nu HTML checks, the security scan
# (sqlmap, wapiti) and the XSS payloads, against the demo started as run.sh starts it.
# Screenshots, page reports and findings: artifacts/browser/ and artifacts/security/.
log "Running tests"
dotnet test Schoolplein.sln -c Debug --no-build --nologo \
  --logger "console;verbosity=minimal" --logger "trx" --results-directory artifacts/test-results

log "Deployment files: lint and render (compose, Kubernetes, nginx, Dockerfile)"
deploy/check.sh
log "run.sh stops everything it started on SIGTERM (PostgreSQL, smtp4dev, both apps): twice when up, a double SIGTERM, a stop while starting"
SCHOOLPLEIN_NO_BUILD=1 scripts/run-stop-check.sh
log "Backup drill: base backup, WAL archive and stream, point-in-time restore, one school put back"
SCHOOLPLEIN_NO_BUILD=1 deploy/backup/drill.sh
log "Scale-out check: the production shape with local processes"
SCHOOLPLEIN_NO_BUILD=1 deploy/scale-out-check.sh
