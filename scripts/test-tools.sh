#!/usr/bin/env bash
# Installs what the browser tests, page checks and security scan need and a fresh machine
# lacks: Debian's Chromium (never a downloaded browser), a Java runtime for the Nu HTML
# checker, sqlmap and wapiti; axe-core and vnu-jar from npm into .tools/npm (ignored by git).
# Idempotent and quick when everything is there. Called by test.sh and by the browser tests.
set -euo pipefail
source "$(dirname "$0")/lib.sh"

AXE_VERSION=4.14.1
VNU_VERSION=26.9.27

ensure_packages chromium=chromium java=default-jre-headless sqlmap=sqlmap wapiti=wapiti node=nodejs npm=npm

NPM_DIR="$ROOT/.tools/npm"
if [ ! -f "$NPM_DIR/node_modules/axe-core/axe.min.js" ] || [ ! -f "$NPM_DIR/node_modules/vnu-jar/build/dist/vnu.jar" ] \
   || ! grep -q "\"version\": \"$AXE_VERSION\"" "$NPM_DIR/node_modules/axe-core/package.json" 2>/dev/null; then
  log "Installing axe-core $AXE_VERSION and vnu-jar $VNU_VERSION into .tools/npm"
  mkdir -p "$NPM_DIR"
  [ -f "$NPM_DIR/package.json" ] || echo '{ "name": "schoolplein-test-tools", "private": true }' >"$NPM_DIR/package.json"
  npm install --prefix "$NPM_DIR" --no-audit --no-fund --loglevel=error -E "axe-core@$AXE_VERSION" "vnu-jar@$VNU_VERSION" >/dev/null
fi
