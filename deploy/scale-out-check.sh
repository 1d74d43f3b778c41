#!/usr/bin/env bash
# Runs Schoolplein in its production shape with this machine's own processes (no container
# engine needed) and checks that it behaves as one system:
#
#   PostgreSQL (throwaway cluster, free port)   smtp4dev
#   migrate step (owner role)  ->  demo seed
#   nginx (deploy/nginx/schoolplein.conf.template, wildcard host)
#     -> Tenant.Web instance 1   (Jobs:RunServer=false, management port for /metrics)
#     -> Tenant.Web instance 2   (Jobs:RunServer=false)
#   worker: Tenant.Web started with "worker" (Hangfire server, no pages)
#
# Checks (exit code non-zero on the first failure):
#   1. a sign-in on instance 1 is valid on instance 2 (and the antiforgery token of 2 on 1);
#      through nginx the signed-in requests spread over both instances and all succeed
#   2. a mail produced through instance 2 is delivered by the worker (web instances run no jobs)
#   3. with the worker stopped the mail waits (queue gauge > 0, nothing in smtp4dev); it goes
#      out when the worker is back
#   4. killing instance 1 (SIGKILL) under load loses no request through nginx
#   5. /metrics is not reachable through nginx, only on an instance's management port
#   6. kill -9 of the worker in the middle of an urgent fan-out: every parent gets the mail, the
#      rest within about 30 s, only sends under way at the kill may repeat
#
# SCALE_OUT_MEASURE=1 also runs short load tests (hey) for deploy/SCALING.md.
# SCHOOLPLEIN_NO_BUILD=1 skips the build (test.sh has built already).
set -euo pipefail
source "$(dirname "$0")/../scripts/lib.sh"
cd "$ROOT"

CONFIG="${SCHOOLPLEIN_CONFIGURATION:-Debug}"
BASE_DOMAIN=localhost
SCHOOL=regenboog
PARENT=ouder@regenboog.test
PASSWORD=Schoolplein-demo-2026
STARTED=$SECONDS

ensure_packages "/usr/lib/postgresql/*/bin/initdb=postgresql" psql=postgresql-client curl=curl nginx=nginx hey=hey jq=jq envsubst=gettext-base
if [ -z "${SCHOOLPLEIN_NO_BUILD:-}" ]; then
  log "Building"
  dotnet tool restore >/dev/null
  dotnet build src/Tenant.Web -c "$CONFIG" -nologo -clp:ErrorsOnly -v quiet >/dev/null
  dotnet build src/Backoffice -c "$CONFIG" -nologo -clp:ErrorsOnly -v quiet >/dev/null
fi
WEB_DLL="$ROOT/src/Tenant.Web/bin/$CONFIG/net10.0/Schoolplein.Tenant.Web.dll"
BACKOFFICE_DLL="$ROOT/src/Backoffice/bin/$CONFIG/net10.0/Schoolplein.Backoffice.dll"
[ -f "$WEB_DLL" ] && [ -f "$BACKOFFICE_DLL" ] || die "build output missing ($CONFIG)"

work_dir scale-out
mkdir -p "$WORK/nginx/tmp"

PG_PORT=$(free_port); SMTP_PORT=$(free_port); SMTP_WEB=$(free_port); PROXY=$(free_port)
WEB1=$(free_port); WEB1_MGMT=$(free_port); WEB2=$(free_port); WEB2_MGMT=$(free_port)
WORKER=$(free_port); WORKER_MGMT=$(free_port)

# ---------------------------------------------------------------- infrastructure
log "PostgreSQL on :$PG_PORT, smtp4dev on :$SMTP_PORT (web :$SMTP_WEB)"
dotnet tool run smtp4dev -- --urls="http://127.0.0.1:$SMTP_WEB" --smtpport="$SMTP_PORT" --imapport=0 --pop3port=0 \
  --hostname=localhost --db= --messagestokeep=10000 --nousersettings >"$WORK/logs/smtp4dev.log" 2>&1 &
PIDS[smtp4dev]=$!
pg_start "$WORK/pg" "$PG_PORT" "$WORK/pg-sockets"
pg_provision "$PG_PORT" schoolplein

CS="Host=127.0.0.1;Port=$PG_PORT;Database=schoolplein"
export ConnectionStrings__SchoolpleinOwner="$CS;Username=schoolplein_owner"
export Tenancy__BaseDomain="$BASE_DOMAIN" Tenancy__PublicPort="$PROXY" Tenancy__PublicScheme=http
# The local nginx is the one proxy whose X-Forwarded-For the apps believe.
export ForwardedHeaders__KnownProxies__0=127.0.0.1 ForwardedHeaders__KnownProxies__1=::1
export Email__Host=127.0.0.1 Email__Port="$SMTP_PORT"
export Logging__Json=true ASPNETCORE_ENVIRONMENT=Production DOTNET_NOLOGO=1
export Jobs__PollIntervalMilliseconds=200

log "Migrate step (owner role), then demo data"
dotnet "$BACKOFFICE_DLL" migrate >"$WORK/logs/migrate.log" 2>&1 || fail "migrate step failed"
ConnectionStrings__Schoolplein="$CS;Username=schoolplein_backoffice" Jobs__RunServer=false \
  dotnet "$BACKOFFICE_DLL" seed >"$WORK/logs/seed.log" 2>&1 || fail "seed failed"
pass "migrations applied by the migrate step; web instances start on a migrated database"

# ---------------------------------------------------------------- application processes
export ConnectionStrings__Schoolplein="$CS;Username=schoolplein_app;Maximum Pool Size=30"

start_web() { # name port management-port
  ASPNETCORE_URLS="http://127.0.0.1:$2;http://127.0.0.1:$3" Observability__MetricsPort="$3" \
  Jobs__RunServer=false Jobs__RegisterRecurringJobs=false \
    dotnet "$WEB_DLL" --contentRoot "$ROOT/src/Tenant.Web" >>"$WORK/logs/$1.log" 2>&1 &
  PIDS[$1]=$!
}
start_worker() {
  ASPNETCORE_URLS="http://127.0.0.1:$WORKER;http://127.0.0.1:$WORKER_MGMT" Observability__MetricsPort="$WORKER_MGMT" \
    dotnet "$WEB_DLL" worker --contentRoot "$ROOT/src/Tenant.Web" >>"$WORK/logs/worker.log" 2>&1 &
  PIDS[worker]=$!
}
ready() { wait_http "http://127.0.0.1:$1/health/ready" "127.0.0.1:$1" "${2:-90}"; }

log "Tenant.Web instances on :$WEB1 and :$WEB2, worker on :$WORKER"
start_web web1 "$WEB1" "$WEB1_MGMT"
start_web web2 "$WEB2" "$WEB2_MGMT"
start_worker

log "nginx on :$PROXY (wildcard *.$BASE_DOMAIN)"
export SCHOOLPLEIN_WEB_UPSTREAMS="server 127.0.0.1:$WEB1 max_fails=1 fail_timeout=5s; server 127.0.0.1:$WEB2 max_fails=1 fail_timeout=5s;"
export SCHOOLPLEIN_PROXY_LISTEN="127.0.0.1:$PROXY" SCHOOLPLEIN_BASE_DOMAIN="$BASE_DOMAIN" SCHOOLPLEIN_ACCESS_LOG="$WORK/logs/nginx-access.json"
{
  cat <<NGINX
worker_processes 1;
pid $WORK/nginx/nginx.pid;
error_log $WORK/logs/nginx-error.log warn;
events { worker_connections 1024; }
http {
  client_body_temp_path $WORK/nginx/tmp/body;
  proxy_temp_path $WORK/nginx/tmp/proxy;
  fastcgi_temp_path $WORK/nginx/tmp/fastcgi;
  uwsgi_temp_path $WORK/nginx/tmp/uwsgi;
  scgi_temp_path $WORK/nginx/tmp/scgi;
NGINX
  envsubst '${SCHOOLPLEIN_WEB_UPSTREAMS} ${SCHOOLPLEIN_PROXY_LISTEN} ${SCHOOLPLEIN_BASE_DOMAIN} ${SCHOOLPLEIN_ACCESS_LOG}' \
    <"$ROOT/deploy/nginx/schoolplein.conf.template"
  echo "}"
} >"$WORK/nginx/nginx.conf"
nginx -t -q -p "$WORK/nginx" -c "$WORK/nginx/nginx.conf" -g 'daemon off;' 2>"$WORK/logs/nginx-test.log" || fail "nginx config invalid"
nginx -p "$WORK/nginx" -c "$WORK/nginx/nginx.conf" -g 'daemon off;' 2>>"$WORK/logs/nginx-error.log" &
PIDS[nginx]=$!

ready "$WEB1" || fail "instance 1 did not become ready"
ready "$WEB2" || fail "instance 2 did not become ready"
ready "$WORKER" || fail "the worker did not become ready"
for _ in $(seq 1 120); do curl -fsS -o /dev/null "http://127.0.0.1:$SMTP_WEB/api/messages" 2>/dev/null && break; sleep 0.5; done
pass "all processes ready after $((SECONDS - STARTED)) s"

# ---------------------------------------------------------------- helpers
HOST="$SCHOOL.$BASE_DOMAIN"
# curl against one port with the school's host name (cookies are host-only and port-blind).
http() { # port path [curl args...]
  local port="$1" path="$2"; shift 2
  curl -sS --max-time 20 --resolve "$HOST:$port:127.0.0.1" "$@" "http://$HOST:$port$path"
}
status_of() { http "$1" "$2" -o /dev/null -w '%{http_code}' "${@:3}"; }
# The page layout offers "sign out" only to a signed-in user.
signed_in() { local page; page=$(http "$1" / -f "${@:2}") && grep -q 'action="/Account/SignOut"' <<<"$page"; }
token_of() { grep -o 'name="__RequestVerificationToken" type="hidden" value="[^"]*"' | head -n 1 | sed 's/.*value="\([^"]*\)"/\1/'; }
mail_count() { # address
  curl -fsS "http://127.0.0.1:$SMTP_WEB/api/messages?page=1&pageSize=10000" \
    | jq --arg to "$1" '[.results[] | select(any(.to[]; ascii_downcase == ($to | ascii_downcase)))] | length'
}
wait_mail() { # address count seconds
  local i
  for ((i = 0; i < $3 * 4; i++)); do
    [ "$(mail_count "$1")" -ge "$2" ] && return 0
    sleep 0.25
  done
  return 1
}
scrape() { curl -fsS --max-time 10 "http://127.0.0.1:$1/metrics"; }
metric() { # management-port name -> value (first sample)
  local text; text=$(scrape "$1") || return 1
  printf '%s\n' "$text" | awk -v n="$2" '!found && ($1 == n || index($1, n "{") == 1) { print $2; found = 1 }'
}

# ---------------------------------------------------------------- 1. sign-in across instances
JAR="$WORK/cookies.txt"
page=$(http "$WEB2" /Account/SignIn -c "$JAR" -b "$JAR")
token=$(printf '%s' "$page" | token_of)
[ -n "$token" ] || fail "no antiforgery token on the sign-in page of instance 2"
code=$(http "$WEB1" /Account/SignIn -c "$JAR" -b "$JAR" -o /dev/null -w '%{http_code}' \
  --data-urlencode "__RequestVerificationToken=$token" --data-urlencode "Input.Email=$PARENT" --data-urlencode "Input.Password=$PASSWORD")
[ "$code" = 302 ] || fail "sign-in on instance 1 with the form of instance 2 answered $code (expected 302)"
grep -q 'schoolplein.auth' "$JAR" || fail "no auth cookie after sign-in"
signed_in "$WEB2" && fail "instance 2 shows an anonymous visitor as signed in (control)"
signed_in "$WEB2" -b "$JAR" || fail "the sign-in of instance 1 is not valid on instance 2"
pass "sign-in on instance 1 (with instance 2's antiforgery token) is valid on instance 2"

: >"$WORK/logs/nginx-access.json"
for _ in 1 2 3 4 5 6; do
  signed_in "$PROXY" -b "$JAR" || fail "a request through nginx was not signed in"
done
served=$(jq -r 'select(.path == "/") | .upstream' "$WORK/logs/nginx-access.json" | sort -u | wc -l)
[ "$served" -eq 2 ] || fail "nginx sent the signed-in requests to $served instance(s), expected both"
pass "six requests through nginx, spread over both instances, all signed in"

# ---------------------------------------------------------------- 2. mail through instance 2, delivered by the worker
# produce_mail PORT ADDRESS: a user-facing action on the given instance that writes an outbox mail.
# shellcheck source=deploy/scale-out-mail.sh
source "$ROOT/deploy/scale-out-mail.sh"

ADDRESS1=lisanne.mulder@regenboog.test
produce_mail "$WEB2" "$ADDRESS1" || fail "could not produce a mail through instance 2"
wait_mail "$ADDRESS1" 1 30 || fail "the mail produced through instance 2 was not delivered within 30 s"
DELIVERY='"SourceContext":"Schoolplein.Platform.Email.DeliverEmailJob"'
# The job logs "sent" just after the SMTP server accepted the mail.
for _ in $(seq 1 40); do grep -q "$DELIVERY" "$WORK/logs/worker.log" && break; sleep 0.25; done
grep -q "$DELIVERY" "$WORK/logs/worker.log" || fail "the worker's log shows no delivery"
grep -q "$DELIVERY" "$WORK/logs/web1.log" "$WORK/logs/web2.log" && fail "a web instance ran a delivery job (web instances only enqueue)"
pass "a mail produced through instance 2 was delivered by the worker"

# ---------------------------------------------------------------- 3. worker stopped: mail waits, goes out when it is back
kill -TERM "${PIDS[worker]}"; wait "${PIDS[worker]}" 2>/dev/null || true; unset 'PIDS[worker]'
ADDRESS2=joyce.pinas@regenboog.test
produce_mail "$PROXY" "$ADDRESS2" || fail "could not produce a mail through nginx"
queued=0
for _ in $(seq 1 20); do
  queued=$(metric "$WEB1_MGMT" schoolplein_jobs_enqueued); queued=${queued:-0}
  [ "${queued%.*}" -ge 1 ] && break
  sleep 0.5
done
[ "${queued%.*}" -ge 1 ] || fail "the queue gauge shows no waiting job while the worker is down"
sleep 3
[ "$(mail_count "$ADDRESS2")" = 0 ] || fail "a mail was sent while no worker ran"
pass "worker stopped: the mail waits in the queue (schoolplein_jobs_enqueued=$queued), nothing sent"
start_worker
ready "$WORKER" || fail "the worker did not come back"
wait_mail "$ADDRESS2" 1 30 || fail "the queued mail was not delivered after the worker came back"
pass "worker back: the queued mail was delivered"

# ---------------------------------------------------------------- 5. metrics only on the management port
[ "$(status_of "$PROXY" /metrics)" = 404 ] || fail "/metrics answers through nginx"
[ "$(status_of "$WEB1" /metrics)" = 404 ] || fail "/metrics answers on the public port of an instance"
worker_metrics=$(scrape "$WORKER_MGMT") || fail "the worker's management port does not serve /metrics"
delivered=$(grep -c '^schoolplein_notifications_delivered_total' <<<"$worker_metrics" || true)
web_metrics=$(scrape "$WEB1_MGMT") || fail "instance 1's management port does not serve /metrics"
grep -q '^http_server_request_duration_seconds_bucket' <<<"$web_metrics" || fail "no ASP.NET Core request metrics on the management port"
pass "/metrics: 404 through nginx and on the public port; served on the management port (worker counts deliveries: $delivered series)"

# ---------------------------------------------------------------- 6. kill -9 of the worker mid fan-out
# shellcheck source=deploy/scale-out-kill.sh
source "$ROOT/deploy/scale-out-kill.sh"

# ---------------------------------------------------------------- optional measurements
if [ -n "${SCALE_OUT_MEASURE:-}" ]; then
  # shellcheck source=deploy/scale-out-measure.sh
  source "$ROOT/deploy/scale-out-measure.sh"
fi

# ---------------------------------------------------------------- 4. kill an instance under load
: >"$WORK/logs/nginx-access.json"
hey -z 6s -c 4 -host "$HOST:$PROXY" "http://127.0.0.1:$PROXY/Account/SignIn" >"$WORK/logs/hey-kill.txt" 2>&1 &
HEY=$!
sleep 2
kill -KILL "${PIDS[web1]}"; wait "${PIDS[web1]}" 2>/dev/null || true; unset 'PIDS[web1]'
wait "$HEY" || fail "the load generator failed"
total=$(jq -s 'length' "$WORK/logs/nginx-access.json")
bad=$(jq -s '[.[] | select(.status != 200)] | length' "$WORK/logs/nginx-access.json")
retried=$(jq -s '[.[] | select(.upstream | contains(","))] | length' "$WORK/logs/nginx-access.json")
grep -q 'Error distribution' "$WORK/logs/hey-kill.txt" && fail "requests failed at the client: $(sed -n '/Error distribution/,$p' "$WORK/logs/hey-kill.txt")"
[ "$total" -gt 100 ] || fail "too few requests during the kill test ($total)"
[ "$bad" -eq 0 ] || fail "$bad of $total requests did not answer 200 after instance 1 was killed"
pass "instance 1 killed under load: $total requests, 0 lost ($retried retried by nginx on instance 2)"

log "Scale-out check passed in $((SECONDS - STARTED)) s"
