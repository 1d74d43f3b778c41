#!/usr/bin/env bash
# Scans a running Schoolplein demo on this machine (loopback only) with sqlmap and wapiti,
# signed in as the demo parent (and, for the pupil search, the demo school admin).
#
#   scripts/security-scan.sh [SCHOOL_URL] [OUT_DIR]
#     SCHOOL_URL  default http://regenboog.localhost:5000 (the demo of ./run.sh)
#     OUT_DIR     default artifacts/security
#   SCAN_PARENT / SCAN_ADMIN / SCAN_PASSWORD   accounts (default: the demo's)
#   SCAN_BUDGET_SECONDS                        upper bound per tool run (default 150)
#
# Writes OUT_DIR/findings.md (and each tool's raw output) and exits 1 when a tool confirms
# a vulnerability, 2 when the scan itself could not run or a tool did not finish in its budget. The browser tests run it against
# their own demo (tests/Browser.Tests/SecurityScanTests.cs); ./test.sh therefore runs it.
# Scope is kept small on purpose (a few known parameters for sqlmap, depth 2 and a time
# budget for wapiti) so the whole scan takes a few minutes on two cores.
set -euo pipefail
source "$(dirname "$0")/lib.sh"

URL="${1:-http://regenboog.localhost:5000}"; URL="${URL%/}"
OUT="${2:-$ROOT/artifacts/security}"
PARENT="${SCAN_PARENT:-ouder@regenboog.test}"
ADMIN="${SCAN_ADMIN:-directie@regenboog.test}"
PASSWORD="${SCAN_PASSWORD:-Schoolplein-demo-2026}"
BUDGET="${SCAN_BUDGET_SECONDS:-150}"

HOSTPORT="${URL#http://}"; HOSTPORT="${HOSTPORT%%/*}"
HOST="${HOSTPORT%%:*}"; PORT="${HOSTPORT##*:}"
[ "$PORT" != "$HOSTPORT" ] || PORT=80
case "$HOST" in
  localhost|*.localhost|127.*) ;;
  *) die "security-scan.sh only scans a demo on this machine (got $HOST)";;
esac
# Tools that do not resolve *.localhost talk to 127.0.0.1 and send the school's Host header.
DIRECT="http://127.0.0.1:$PORT"

ensure_packages sqlmap=sqlmap wapiti=wapiti curl=curl
rm -rf "$OUT"; mkdir -p "$OUT"

# cookies JAR: every cookie of a curl cookie jar as one Cookie header value (HttpOnly ones included).
cookies() {
  sed 's/^#HttpOnly_//' "$1" | awk '!/^#/ && NF >= 7 { printf "%s%s=%s", (n++ ? "; " : ""), $6, $7 }'
}

# sign_in EMAIL JAR: the real sign-in form (antiforgery token included); prints the session's cookies.
sign_in() {
  local email="$1" jar="$2" token
  token=$(curl -fsS --resolve "$HOST:$PORT:127.0.0.1" -c "$jar" -b "$jar" "$URL/Account/SignIn" \
    | grep -oP 'name="__RequestVerificationToken" type="hidden" value="\K[^"]+' | head -n 1)
  curl -fsS -o /dev/null --resolve "$HOST:$PORT:127.0.0.1" -c "$jar" -b "$jar" \
    --data-urlencode "__RequestVerificationToken=$token" --data-urlencode "Input.Email=$email" \
    --data-urlencode "Input.Password=$PASSWORD" "$URL/Account/SignIn"
  cookies "$jar"
}

PARENT_COOKIES=$(sign_in "$PARENT" "$OUT/parent.jar" || true)
ADMIN_COOKIES=$(sign_in "$ADMIN" "$OUT/admin.jar" || true)
if [[ "$PARENT_COOKIES" != *schoolplein.auth* || "$ADMIN_COOKIES" != *schoolplein.auth* ]]; then
  echo "sign-in failed" >"$OUT/findings.md"; cat "$OUT/findings.md"; exit 2
fi

# bounded NAME LIMIT COMMAND...: runs COMMAND under `timeout LIMIT`. A tool stopped by its time
# limit did not finish its tests, so "nothing found" from it means nothing: it is listed in
# UNFINISHED and the scan exits 2 (the test fails) instead of passing on a partial scan.
UNFINISHED=()
bounded() {
  local name="$1" limit="$2" status=0
  shift 2
  timeout "$limit" "$@" || status=$?
  if [ "$status" = 124 ] || [ "$status" = 137 ]; then UNFINISHED+=("$name (stopped after ${limit}s)"); fi
}

# Every given parameter is tested, also those whose value does not visibly change the page.
# --text-only: every page carries random values per response in attributes (antiforgery tokens, a
# form key per rendered form); on a short page they made sqlmap call the content unstable and read
# noise as a boolean-blind "injection" (/meldingen?before=, an EF-parameterised query). Comparing
# the text a reader sees keeps what an injection changes and drops that noise.
SQLMAP=(sqlmap --batch --disable-coloring --flush-session --level=1 --risk=1 --technique=BEU --text-only
        --host="$HOSTPORT" --timeout=15 --retries=1 --output-dir="$OUT/sqlmap")

log "sqlmap: query parameters of parent pages"
cat >"$OUT/sqlmap-targets.txt" <<TARGETS
$DIRECT/agenda?month=2026-11&all=true
$DIRECT/vragen?closed=true
$DIRECT/meldingen?before=1
$DIRECT/Account/Join?code=ABCD2345
TARGETS
bounded "sqlmap GET parameters" "$BUDGET" "${SQLMAP[@]}" --threads=2 -m "$OUT/sqlmap-targets.txt" --cookie="$PARENT_COOKIES" >"$OUT/sqlmap-get.log" 2>&1

log "sqlmap: the question form (POST, antiforgery token refreshed per request)"
bounded "sqlmap question form" "$BUDGET" "${SQLMAP[@]}" -u "$DIRECT/vragen/nieuw" --cookie="$PARENT_COOKIES" \
  --data="__RequestVerificationToken=x&Subject=Vraag&Body=Tekst" -p "Subject,Body" \
  --csrf-token="__RequestVerificationToken" --csrf-url="$DIRECT/vragen/nieuw" >"$OUT/sqlmap-post.log" 2>&1

log "sqlmap: the pupil search of the school admin"
bounded "sqlmap pupil search" "$BUDGET" "${SQLMAP[@]}" --threads=2 -u "$DIRECT/beheer/leerlingen?q=jan&p=1" --cookie="$ADMIN_COOKIES" \
  >"$OUT/sqlmap-admin.log" 2>&1

# No -x exclusions: wapiti 3.0.4 crashes on them with Python 3.11. Signing out does not matter:
# the session cookie is a fixed header, and sign-out only deletes the cookie in the client.
log "wapiti: crawl and attack as the parent (depth 2, ${BUDGET}s)"
bounded "wapiti" $((BUDGET + 60)) wapiti -u "$DIRECT/" --scope folder -H "Host: $HOSTPORT" -H "Cookie: $PARENT_COOKIES" \
  -m "sql,blindsql,xss,permanentxss,exec,file,crlf,redirect" -d 2 --max-links-per-page 40 --max-files-per-dir 30 \
  --max-scan-time "$BUDGET" --max-attack-time 15 -t 15 \
  --flush-session --store-session "$OUT/wapiti-session" --no-bugreport -v 0 -f json -o "$OUT/wapiti.json" \
  >"$OUT/wapiti.log" 2>&1

# sqlmap ends every run it completes with "[*] ending @"; a log without it was cut off (killed, crashed).
for log_file in "$OUT"/sqlmap-get.log "$OUT"/sqlmap-post.log "$OUT"/sqlmap-admin.log; do
  if ! grep -q '^\[\*\] ending @' "$log_file"; then UNFINISHED+=("$(basename "$log_file" .log) (no end of run in its log)"); fi
done

# Findings: sqlmap says "is vulnerable" / lists an injection point; wapiti's JSON lists vulnerabilities by type.
sql_hits=$(grep -hiE "identified the following injection point|parameter '.*' is vulnerable" "$OUT"/sqlmap-*.log | sort -u || true)
sql_tested=$(cat "$OUT"/sqlmap-*.log | grep -cE "testing '" || true)
wapiti_summary=$(python3 - "$OUT/wapiti.json" <<'PY'
import json, sys
try:
    report = json.load(open(sys.argv[1]))
except Exception as error:
    print(f"ERROR wapiti report unreadable: {error}")
    sys.exit(0)
for category, items in report.get("vulnerabilities", {}).items():
    for item in items:
        print(f"VULN {category}: {item.get('method')} {item.get('path')} {item.get('parameter')} — {item.get('info')}")
for category, items in report.get("anomalies", {}).items():
    for item in items:
        print(f"ANOMALY {category}: {item.get('method')} {item.get('path')} {item.get('parameter')} — {item.get('info')}")
PY
)
wapiti_summary=$(sort -u <<<"$wapiti_summary")
# A server error while a payload is injected is a defect too (an unhandled input): it counts as a finding.
wapiti_vulns=$(grep -cE '^VULN|^ANOMALY Internal Server Error' <<<"$wapiti_summary" || true)

{
  echo "# Security scan of $URL"
  echo
  echo "$(date -u +%FT%TZ), commit $(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo '?')"
  echo
  echo "## sqlmap (techniques B, E, U; level 1, risk 1)"
  echo
  echo "Targets: GET $(paste -sd' ' "$OUT/sqlmap-targets.txt" | sed "s#$DIRECT##g"), POST /vragen/nieuw (Subject, Body), GET /beheer/leerlingen?q= as admin."
  echo "Injection tests run: $sql_tested."
  echo
  if [ -n "$sql_hits" ]; then echo "**Confirmed injection:**"; echo; echo "$sql_hits" | sed 's/^/- /'; else echo "No injection found."; fi
  echo
  echo "## wapiti (sql, blindsql, xss, permanentxss, exec, file, crlf, redirect; depth 2)"
  echo
  if [ -n "$wapiti_summary" ]; then echo "$wapiti_summary" | sed 's/^/- /'; fi
  if [ "$wapiti_vulns" = 0 ]; then echo; echo "No vulnerability and no server error found."; fi
  if [ "${#UNFINISHED[@]}" != 0 ]; then
    echo
    echo "## Scan did not finish"
    echo
    printf -- '- did not finish: %s\n' "${UNFINISHED[@]}"
    echo
    echo "A tool that was stopped early found nothing because it did not look: raise SCAN_BUDGET_SECONDS."
  fi
} >"$OUT/findings.md"

cat "$OUT/findings.md"
if [ -n "$sql_hits" ] || [ "$wapiti_vulns" != 0 ]; then exit 1; fi
if grep -q "^ERROR" <<<"$wapiti_summary" || [ "${#UNFINISHED[@]}" != 0 ]; then exit 2; fi
