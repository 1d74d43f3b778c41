#!/usr/bin/env bash
# The benchmark (issue #10): a large seeded data set, the real school app (Release) against a raw
# Npgsql baseline on the same machine, and the targets. Writes bench/results/latest.md.
# Everything runs on loopback with its own throwaway PostgreSQL and smtp4dev on free ports.
# Not part of ./test.sh; each run takes about 9 minutes on 2 cores, and it runs three times
# (the report gives the median and the spread). Run it alone: the report records the load average
# and judges no target when a run started above load 1.5.
#
#   BENCH_RUNS      how many runs (default 3); bench/results/run-N.md holds each run's own report
#   BENCH_PROFILE   0 skips the CPU profile (perf) of the timeline under load (default: in run 1)
#   BENCH_GCDUMP    0 skips the dotnet-gcdump of Tenant.Web at the end of the load (default: in run 1)
#   BENCH_SECONDS   length of each wrk and open-loop run (default 30)
#   BENCH_PARENTS   signed-in parents the timeline runs rotate over (default 50)
#   BENCH_CONNECTIONS  wrk connections (default 50)
#   BENCH_OUT       report file (default bench/results/latest.md)
#   BENCH_KEEP=1    keep the work folder (logs, sessions, raw outputs) after a successful run
set -euo pipefail
shopt -s lastpipe  # "tool | kv" fills R in this shell
source "$(dirname "$0")/scripts/lib.sh"
cd "$ROOT"

SECONDS_EACH="${BENCH_SECONDS:-30}"
PARENTS="${BENCH_PARENTS:-50}"
CONNECTIONS="${BENCH_CONNECTIONS:-50}"
OUT="${BENCH_OUT:-$ROOT/bench/results/latest.md}"
PASSWORD=Schoolplein-demo-2026
STARTED=$SECONDS
LOAD_START=$(cut -d' ' -f1-3 /proc/loadavg)

RUNS="${BENCH_RUNS:-3}"
# Tenant.Web as production runs it (deploy/Dockerfile): published, ReadyToRun. Shared by the runs of one bench.
WEB_PUBLISH="$ROOT/artifacts/bench-publish/tenant-web"
if [ -z "${BENCH_RUN:-}" ]; then
  ensure_packages "/usr/lib/postgresql/*/bin/initdb=postgresql" psql=postgresql-client curl=curl wrk=wrk jq=jq \
    python3=python3 chromium=chromium node=nodejs npm=npm perf=linux-perf
  log "Building (Release): Backoffice, bench tool and baseline; publishing Tenant.Web as deploy/Dockerfile does (ReadyToRun)"
  dotnet tool restore >/dev/null
  for project in src/Backoffice bench/Tool bench/Baseline; do
    dotnet build "$project" -c Release -nologo -clp:ErrorsOnly -v quiet >/dev/null || dotnet build "$project" -c Release -nologo -clp:ErrorsOnly
  done
  rm -rf "$WEB_PUBLISH"
  dotnet publish src/Tenant.Web/Tenant.Web.csproj -c Release -r linux-x64 --self-contained false -p:PublishReadyToRun=true \
    -p:UseAppHost=false -o "$WEB_PUBLISH" -nologo -clp:ErrorsOnly -v quiet >/dev/null \
    || die "dotnet publish of Tenant.Web failed"
  LIGHTHOUSE_DIR="$ROOT/.tools/lighthouse"
  if [ ! -x "$LIGHTHOUSE_DIR/node_modules/.bin/lighthouse" ]; then
    log "Installing Lighthouse 12.2.3 into .tools/lighthouse (npm)"
    mkdir -p "$LIGHTHOUSE_DIR"
    [ -f "$LIGHTHOUSE_DIR/package.json" ] || echo '{ "name": "schoolplein-bench-tools", "private": true }' >"$LIGHTHOUSE_DIR/package.json"
    npm install --prefix "$LIGHTHOUSE_DIR" --no-audit --no-fund --loglevel=error -E lighthouse@12.2.3 >/dev/null
  fi
  PUSH_DIR="$ROOT/.tools/bench-push"
  if [ ! -f "$PUSH_DIR/node_modules/web-push/package.json" ] || [ ! -f "$PUSH_DIR/node_modules/http_ece/package.json" ]; then
    log "Installing web-push 3.6.7 and http_ece 1.2.1 into .tools/bench-push (npm): the push service and the bare push loop"
    mkdir -p "$PUSH_DIR"
    [ -f "$PUSH_DIR/package.json" ] || echo '{ "name": "schoolplein-bench-push", "private": true }' >"$PUSH_DIR/package.json"
    npm install --prefix "$PUSH_DIR" --no-audit --no-fund --loglevel=error -E web-push@3.6.7 http_ece@1.2.1 >/dev/null
  fi
  mkdir -p "$ROOT/bench/results"
  rm -f "$ROOT"/bench/results/run-*.md "$ROOT"/bench/results/run-*.tsv
  for ((run = 1; run <= RUNS; run++)); do
    # The build or the previous run leaves the load average up for a minute or two: wait (up to 5
    # minutes) for the machine to be quiet again, so a run is not judged by its predecessor's load.
    for _ in $(seq 1 60); do
      awk '{ exit !($1 <= 1.2) }' /proc/loadavg && break
      sleep 5
    done
    log "Run $run of $RUNS (load average at start: $(cut -d' ' -f1-3 /proc/loadavg))"
    BENCH_RUN=$run BENCH_OUT="$ROOT/bench/results/run-$run.md" "$0" || die "run $run failed"
  done
  python3 "$ROOT/bench/summary.py" "$ROOT/bench/results" "$RUNS" >"$OUT"
  log "Report written to ${OUT#"$ROOT"/}"
  exit 0
fi
WEB_DLL="$WEB_PUBLISH/Schoolplein.Tenant.Web.dll"
BACKOFFICE_DLL="$ROOT/src/Backoffice/bin/Release/net10.0/Schoolplein.Backoffice.dll"
TOOL=(dotnet "$ROOT/bench/Tool/bin/Release/net10.0/bench-tool.dll")
BASELINE_DLL="$ROOT/bench/Baseline/bin/Release/net10.0/bench-baseline.dll"

work_dir bench "${BENCH_KEEP:-}"

PG_PORT=$(free_port); SMTP_PORT=$(free_port); SMTP_WEB=$(free_port); WEB=$(free_port); BASE=$(free_port)
declare -A R=()   # every figure of the report
kv() { # merge key=value lines from stdin into R
  local line
  while IFS= read -r line; do
    [[ "$line" == *=* ]] && R["${line%%=*}"]="${line#*=}"
  done
}
now() { date +%s.%N; }
elapsed() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", b - a }'; }
sql() { psql -h 127.0.0.1 -p "$PG_PORT" -U postgres -d schoolplein -X -q -v ON_ERROR_STOP=1 -At "$@"; }

# ---------------------------------------------------------------- PostgreSQL, smtp4dev, migrate, seed
log "PostgreSQL on :$PG_PORT (pg_stat_statements), smtp4dev on :$SMTP_PORT (web :$SMTP_WEB)"
dotnet tool run smtp4dev -- --urls="http://127.0.0.1:$SMTP_WEB" --smtpport="$SMTP_PORT" --imapport=0 --pop3port=0 \
  --hostname=localhost --db= --messagestokeep=20000 --nousersettings >"$WORK/logs/smtp4dev.log" 2>&1 &
PIDS[smtp4dev]=$!
pg_start "$WORK/pg" "$PG_PORT" "$WORK/pg-sockets"
psql -h 127.0.0.1 -p "$PG_PORT" -U postgres -d postgres -X -q -c "ALTER SYSTEM SET shared_buffers = '512MB'" \
  -c "ALTER SYSTEM SET max_wal_size = '4GB'" -c "ALTER SYSTEM SET pg_stat_statements.track = 'top'" >/dev/null
pg_stop "$WORK/pg"
pg_start "$WORK/pg" "$PG_PORT" "$WORK/pg-sockets"
pg_provision "$PG_PORT" schoolplein
CS="Host=127.0.0.1;Port=$PG_PORT;Database=schoolplein"
export ConnectionStrings__SchoolpleinOwner="$CS;Username=schoolplein_owner"
dotnet "$BACKOFFICE_DLL" migrate >"$WORK/logs/migrate.log" 2>&1 || fail "migrate step failed"

log "Seeding 200 schools, 60,000 parents, 80,000 pupils, 400,000 posts (SQL, owner role)"
PWHASH=$("${TOOL[@]}" hash --password "$PASSWORD")
t0=$(now)
psql -h 127.0.0.1 -p "$PG_PORT" -U schoolplein_owner -d schoolplein -X -q -v pwhash="$PWHASH" -f bench/seed.sql \
  >"$WORK/logs/seed.log" 2>&1 || fail "seeding failed"
sql -c "VACUUM (ANALYZE)" >/dev/null
R[seed_s]=$(elapsed "$t0" "$(now)")
R[db_size]=$(sql -c "SELECT pg_size_pretty(pg_database_size('schoolplein'))")
while IFS='|' read -r name count; do R["rows_$name"]=$count; done < <(sql -c "
  SELECT 'tenants', count(*) FROM tenants UNION ALL
  SELECT 'parents', count(*) FROM user_roles ur JOIN roles r ON r.id = ur.role_id AND r.name = 'Parent' UNION ALL
  SELECT 'users', count(*) FROM users UNION ALL SELECT 'pupils', count(*) FROM pupils UNION ALL
  SELECT 'guardianships', count(*) FROM guardianships UNION ALL SELECT 'posts', count(*) FROM posts UNION ALL
  SELECT 'likes', count(*) FROM post_likes UNION ALL SELECT 'urgent_recipients', count(*) FROM urgent_recipients UNION ALL
  SELECT 'receipts', count(*) FROM urgent_read_receipts UNION ALL SELECT 'absences', count(*) FROM absence_reports")
log "Seeded in ${R[seed_s]} s (${R[db_size]})"

# ---------------------------------------------------------------- processes
export ConnectionStrings__Schoolplein="$CS;Username=schoolplein_app;Maximum Pool Size=50"
export Tenancy__BaseDomain=localhost Tenancy__PublicPort="$WEB" Tenancy__PublicScheme=http Email__Host=127.0.0.1 Email__Port="$SMTP_PORT"
export ASPNETCORE_ENVIRONMENT=Production DOTNET_NOLOGO=1 Logging__Json=true Jobs__RegisterRecurringJobs=false
WEB_HOST() { echo "bench-$(printf '%03d' "$1").localhost:$WEB"; }

# Production shape (deploy/README.md): the web instance only enqueues jobs (Jobs__RunServer=false); a worker
# process (the same app started with "worker") runs them, here without the recurring sweeps so that they do not
# land in the middle of a measurement. The worker starts first so that its start-up is not in the web's cold start.
log "Worker (Release): runs the delivery jobs"
WORKER_PORT=$(free_port)
# The worker may push to the local push service on 127.0.0.1 over plain http (fan-out below). Those settings are
# refused in Production (PushOptionsValidation), so the worker runs as "Testing": the only other difference from
# Production is that guard and the demo clock's (not set here).
# Ten job workers, as the deployments give the worker (deploy/k8s/base/worker.yaml, deploy/compose.yaml): with the
# app's default of five, the mail batches of an urgent message held every worker and its push batches waited behind them.
ASPNETCORE_ENVIRONMENT=Testing Jobs__RegisterRecurringJobs=false Jobs__WorkerCount=10 ASPNETCORE_URLS="http://127.0.0.1:$WORKER_PORT" \
  Push__AllowInsecureEndpoints=true Push__ExtraAllowedHosts__0=127.0.0.1 Push__AllowPrivateAddresses=true \
  dotnet "$WEB_DLL" worker --contentRoot "$WEB_PUBLISH" >"$WORK/logs/worker.log" 2>&1 &
PIDS[worker]=$!
wait_http "http://127.0.0.1:$WORKER_PORT/health/ready" "127.0.0.1:$WORKER_PORT" 90 || fail "the worker did not start"
log "Tenant.Web (Release) on :$WEB: cold start"
t0=$(now)
Jobs__RunServer=false ASPNETCORE_URLS="http://127.0.0.1:$WEB" dotnet "$WEB_DLL" --contentRoot "$WEB_PUBLISH" >"$WORK/logs/web.log" 2>&1 &
PIDS[web]=$!
# Peak RSS split (memory section): /proc status of Tenant.Web every half second over the whole run, keeping the sample
# with the highest RSS (anonymous = GC heap and native memory; file = mapped DLLs, mostly ReadyToRun code;
# shmem = JIT-compiled code and stubs, which the runtime keeps in a double-mapped memfd for W^X).
rss_sampler() {
  local pid="$1" out="$2" best=0 rss line
  while [ -r "/proc/$pid/status" ]; do
    line=$(grep -E '^(VmRSS|RssAnon|RssFile|RssShmem):' "/proc/$pid/status" 2>/dev/null | tr -s ' \t\n' ' ') || break
    rss=$(awk '{ print $2 }' <<<"$line")
    if [ "${rss:-0}" -gt "$best" ]; then best=$rss; echo "$line" >"$out"; fi
    sleep 0.5
  done
}
rss_sampler "${PIDS[web]}" "$WORK/web-rss-peak.txt" &
PIDS[rss_sampler]=$!
for _ in $(seq 1 6000); do
  curl -fsS -o /dev/null "http://127.0.0.1:$WEB/health/ready" 2>/dev/null && break
  sleep 0.01
done
t1=$(now)
curl -fsS -o /dev/null "http://127.0.0.1:$WEB/health/ready" || fail "Tenant.Web did not become ready"
for _ in $(seq 1 3000); do
  curl -fsS -o /dev/null -H "Host: $(WEB_HOST 2)" "http://127.0.0.1:$WEB/" 2>/dev/null && break
  sleep 0.01
done
t2=$(now)
R[cold_ready_s]=$(elapsed "$t0" "$t1")
R[cold_home_s]=$(elapsed "$t0" "$t2")
log "ready after ${R[cold_ready_s]} s, first home page after ${R[cold_home_s]} s"

log "Baseline on :$BASE"
BASELINE_DB="$CS;Username=schoolplein_backoffice;Maximum Pool Size=50" ASPNETCORE_URLS="http://127.0.0.1:$BASE" \
  dotnet "$BASELINE_DLL" >"$WORK/logs/baseline.log" 2>&1 &
PIDS[baseline]=$!
wait_http "http://127.0.0.1:$BASE/health" "127.0.0.1:$BASE" 60 || fail "the baseline did not start"
for _ in $(seq 1 120); do curl -fsS -o /dev/null "http://127.0.0.1:$SMTP_WEB/api/messages" 2>/dev/null && break; sleep 0.5; done

# ---------------------------------------------------------------- the parent set
log "Signing in $PARENTS parents through the real form (one per school, bench-002 onwards)"
: >"$WORK/accounts.tsv"
for ((i = 0; i < PARENTS; i++)); do
  s=$((2 + i % 199)); l=$(((i * 37) % 290))
  printf '%s\touder%d@bench-%03d.test\n' "$(WEB_HOST "$s")" "$l" "$s" >>"$WORK/accounts.tsv"
done
"${TOOL[@]}" signin --base "http://127.0.0.1:$WEB" --accounts "$WORK/accounts.tsv" --out "$WORK/web-sessions.tsv" \
  --password "$PASSWORD" | tee "$WORK/signin.out" | kv || fail "sign-in failed"
: >"$WORK/base-sessions.tsv"; : >"$WORK/both-sessions.tsv"
paste "$WORK/accounts.tsv" "$WORK/web-sessions.tsv" | while IFS=$'\t' read -r host email _ cookie; do
  uid=$(sql -c "SELECT id FROM users WHERE normalized_email = upper('$email')")
  printf '%s\tuid=%s\n' "$host" "$uid" >>"$WORK/base-sessions.tsv"
  printf '%s\t%s\tuid=%s\n' "$host" "$cookie" "$uid" >>"$WORK/both-sessions.tsv"
done
"${TOOL[@]}" verify --web "http://127.0.0.1:$WEB" --baseline "http://127.0.0.1:$BASE" --sessions "$WORK/both-sessions.tsv" \
  | kv || fail "the baseline and Tenant.Web do not show the same first page"
log "Both apps show the same first page to all ${R[verify_sessions]} parents (${R[verify_posts_per_page]} posts)"

# ---------------------------------------------------------------- page weight and Lighthouse (parent timeline)
page_weight() { # the timeline of the first parent: HTML plus the CSS and JS it links (photos are not counted)
  local host cookie asset bytes total gz
  IFS=$'\t' read -r host cookie <"$WORK/web-sessions.tsv"
  curl -fsS -H "Host: $host" -H "Cookie: $cookie" "http://127.0.0.1:$WEB/" -o "$WORK/timeline.html" || return 1
  R[page_html_bytes]=$(stat -c %s "$WORK/timeline.html")
  total=${R[page_html_bytes]}; gz=$(gzip -6 -c "$WORK/timeline.html" | wc -c)
  R[page_assets]=""
  for asset in $(grep -oE '(href|src)="/[^"]+\.(css|js)(\?[^"]*)?"' "$WORK/timeline.html" | cut -d'"' -f2 | sort -u); do
    curl -fsS -H "Host: $host" "http://127.0.0.1:$WEB$asset" -o "$WORK/asset" || return 1
    bytes=$(stat -c %s "$WORK/asset")
    total=$((total + bytes)); gz=$((gz + $(gzip -6 -c "$WORK/asset" | wc -c)))
    R[page_assets]+="${asset%%\?*} ($bytes B) "
  done
  R[page_bytes]=$total
  R[page_gzip_bytes]=$gz
  R[page_kb]=$(awk -v b="$total" 'BEGIN { printf "%.1f", b / 1024 }')
  R[page_gzip_kb]=$(awk -v b="$gz" 'BEGIN { printf "%.1f", b / 1024 }')
}
lighthouse() { # Lighthouse 12.2.3, mobile (its default form factor and throttling), Debian Chromium, signed in
  local host cookie headers
  IFS=$'\t' read -r host cookie <"$WORK/web-sessions.tsv"
  headers=$(jq -cn --arg c "$cookie" '{Cookie: $c}')
  CHROME_PATH=/usr/bin/chromium "$ROOT/.tools/lighthouse/node_modules/.bin/lighthouse" "http://${host%%:*}:$WEB/" \
    --quiet --output=json --output-path="$WORK/lighthouse.json" --only-categories=performance,accessibility \
    --extra-headers="$headers" --max-wait-for-load=60000 \
    --chrome-flags="--headless=new --no-sandbox --disable-gpu --disable-background-networking --disable-component-update --disable-sync --no-first-run" \
    >"$WORK/logs/lighthouse.log" 2>&1 || return 1
  R[lh_performance]=$(jq -r '.categories.performance.score * 100 | round' "$WORK/lighthouse.json")
  R[lh_accessibility]=$(jq -r '.categories.accessibility.score * 100 | round' "$WORK/lighthouse.json")
  R[lh_fcp_ms]=$(jq -r '.audits["first-contentful-paint"].numericValue | round' "$WORK/lighthouse.json")
  R[lh_lcp_ms]=$(jq -r '.audits["largest-contentful-paint"].numericValue | round' "$WORK/lighthouse.json")
  R[lh_tbt_ms]=$(jq -r '.audits["total-blocking-time"].numericValue | round' "$WORK/lighthouse.json")
  R[lh_final_url]=$(jq -r '.finalDisplayedUrl // .finalUrl' "$WORK/lighthouse.json")
}
page_weight || fail "could not fetch the timeline and its assets"
log "Timeline page: ${R[page_kb]} KB (${R[page_gzip_kb]} KB gzipped) without photos"
if lighthouse; then
  log "Lighthouse mobile: performance ${R[lh_performance]}, accessibility ${R[lh_accessibility]} (${R[lh_final_url]})"
else
  R[lh_error]=$(tail -n 3 "$WORK/logs/lighthouse.log" | tr '\n' ' ' | cut -c1-300)
  log "Lighthouse failed: ${R[lh_error]}"
fi

# ---------------------------------------------------------------- statements per timeline request
statements_per_request() { # base-url sessions-file role  -> prints the per-request figure; details in $WORK/statements-$3.txt
  local url="$1" file="$2" role="$3" n=100 i=0 host cookie
  sql -c "SELECT pg_stat_statements_reset()" >/dev/null
  while ((i < n)); do
    while IFS=$'\t' read -r host cookie && ((i < n)); do
      curl -fsS -o /dev/null -H "Host: $host" -H "Cookie: $cookie" "$url/" || return 1
      i=$((i + 1))
    done <"$file"
  done
  sql -F $'\t' -c "SELECT calls, round(mean_exec_time::numeric, 3), left(regexp_replace(query, '\s+', ' ', 'g'), 160)
    FROM pg_stat_statements s JOIN pg_roles r ON r.oid = s.userid
    WHERE r.rolname = '$role' AND s.query !~* 'hangfire|pg_stat_statements'
    ORDER BY calls DESC, query" >"$WORK/statements-$role.txt"
  awk -F'\t' -v n="$n" '{ c += $1 } END { printf "%.1f", c / n }' "$WORK/statements-$role.txt"
}
log "Warm-up (wrk 5 s each)"
BENCH_SESSIONS="$WORK/web-sessions.tsv" wrk -t2 -c"$CONNECTIONS" -d5s -s bench/timeline.lua "http://127.0.0.1:$WEB/" >/dev/null
BENCH_SESSIONS="$WORK/base-sessions.tsv" wrk -t2 -c"$CONNECTIONS" -d5s -s bench/timeline.lua "http://127.0.0.1:$BASE/" >/dev/null
R[stmts_web]=$(statements_per_request "http://127.0.0.1:$WEB" "$WORK/web-sessions.tsv" schoolplein_app) || fail "timeline requests failed"
R[stmts_base]=$(statements_per_request "http://127.0.0.1:$BASE" "$WORK/base-sessions.tsv" schoolplein_backoffice) || fail "baseline requests failed"
log "Statements per timeline request: Tenant.Web ${R[stmts_web]}, baseline ${R[stmts_base]}"

# ---------------------------------------------------------------- closed-loop peak (wrk)
run_wrk() { # name url sessions
  local out="$WORK/wrk-$1.txt"
  BENCH_SESSIONS="$3" wrk -t2 -c"$CONNECTIONS" -d"${SECONDS_EACH}s" --latency -s bench/timeline.lua "$2/" >"$out"
  R[${1}_rps]=$(awk '/^Requests\/sec:/ { print $2 }' "$out")
  R[${1}_wrk_p50]=$(awk '$1 == "50%" { print $2 }' "$out")
  R[${1}_wrk_p99]=$(awk '$1 == "99%" { print $2 }' "$out")
  R[${1}_wrk_errors]=$(awk '/Socket errors|Non-2xx/ { print }' "$out" | tr '\n' ' ')
  R[${1}_wrk_errors]=${R[${1}_wrk_errors]:-none}
}
log "Closed loop: wrk -t2 -c$CONNECTIONS -d${SECONDS_EACH}s against Tenant.Web, then the baseline"
run_wrk web "http://127.0.0.1:$WEB" "$WORK/web-sessions.tsv"
run_wrk base "http://127.0.0.1:$BASE" "$WORK/base-sessions.tsv"
log "peak: Tenant.Web ${R[web_rps]} req/s, baseline ${R[base_rps]} req/s"
"${TOOL[@]}" verify --web "http://127.0.0.1:$WEB" --baseline "http://127.0.0.1:$BASE" --sessions "$WORK/both-sessions.tsv" \
  >/dev/null || fail "after the load the sessions no longer show the timeline"

# ---------------------------------------------------------------- open loop at 50% of each peak
open_loop() { # name url sessions
  local rate
  rate=$(awk -v p="${R[${1}_rps]}" 'BEGIN { printf "%.0f", p / 2 }')
  R[${1}_ol_rate]=$rate
  "${TOOL[@]}" openloop --base "$2" --sessions "$3" --rate "$rate" --seconds "$SECONDS_EACH" >"$WORK/openloop-$1.txt" || return 1
  while IFS= read -r line; do R["${1}_ol_${line%%=*}"]="${line#*=}"; done <"$WORK/openloop-$1.txt"
}
log "Open loop at 50% of each peak (fixed rate, latency from the intended send time)"
open_loop web "http://127.0.0.1:$WEB" "$WORK/web-sessions.tsv" || fail "open loop against Tenant.Web failed"
open_loop base "http://127.0.0.1:$BASE" "$WORK/base-sessions.tsv" || fail "open loop against the baseline failed"
log "Tenant.Web at ${R[web_ol_rate]}/s: p99 ${R[web_ol_p99_ms]} ms; baseline at ${R[base_ol_rate]}/s: p99 ${R[base_ol_p99_ms]} ms"

# ---------------------------------------------------------------- where the time goes (profile under load)
if [ "${BENCH_PROFILE:-$([ "$BENCH_RUN" = 1 ] && echo 1 || echo 0)}" = 1 ]; then
  # A second Tenant.Web, started for the profile only, so that the measured instance runs exactly as deployed: perf names
  # managed frames through the runtime's perf map, which needs W^X off (with it on, jitted code lives in a memfd that
  # perf cannot match to the map). Same publish, database and settings; the measured instance idles meanwhile.
  PROF=$(free_port)
  log "Profile: perf CPU samples of every process during 20 s of wrk on a profiled Tenant.Web (:$PROF); shares and top functions into the report"
  DOTNET_PerfMapEnabled=3 DOTNET_EnableWriteXorExecute=0 Jobs__RunServer=false ASPNETCORE_URLS="http://127.0.0.1:$PROF" \
    dotnet "$WEB_DLL" --contentRoot "$WEB_PUBLISH" >"$WORK/logs/web-profiled.log" 2>&1 &
  PIDS[web_profiled]=$!
  wait_http "http://127.0.0.1:$PROF/health/ready" "127.0.0.1:$PROF" 60 || fail "the profiled Tenant.Web did not start"
  BENCH_SESSIONS="$WORK/web-sessions.tsv" wrk -t2 -c"$CONNECTIONS" -d38s -s bench/timeline.lua "http://127.0.0.1:$PROF/" >"$WORK/wrk-profile.txt" &
  wrk_pid=$!
  sleep 15 # warm-up: tiering has re-jitted the hot ReadyToRun code by then
  if bench/cpu-profile.sh "$WORK/profile-cpu.txt" 20 "${PIDS[web_profiled]}" "$(head -n 1 "$WORK/pg/postmaster.pid")" "$wrk_pid" \
       2>"$WORK/logs/perf.log"; then
    cp "$WORK/profile-cpu.txt" "$ROOT/bench/results/profile-cpu.txt"
    R[profile]="bench/results/profile-cpu.txt (run $BENCH_RUN)"
  else
    R[profile]="perf failed: $(tail -n 2 "$WORK/logs/perf.log" | tr '\n' ' ' | cut -c1-200)"
  fi
  wait "$wrk_pid" || true
  R[profile_rps]=$(awk '/^Requests\/sec:/ { print $2 }' "$WORK/wrk-profile.txt")
  kill "${PIDS[web_profiled]}" 2>/dev/null || true
  wait "${PIDS[web_profiled]}" 2>/dev/null || true
  rm -f "/tmp/perf-${PIDS[web_profiled]}.map" "/tmp/perfinfo-${PIDS[web_profiled]}.map"
  unset 'PIDS[web_profiled]'
fi

# ---------------------------------------------------------------- fan-out
PUSH_DIR="$ROOT/.tools/bench-push"
# The independent local push service of the tests (Node, npm http_ece: checks VAPID, decrypts, logs each push
# with its arrival). Its stdin is a FIFO this script holds open: it exits when the script does.
mkfifo "$WORK/push-stdin"
exec 9<>"$WORK/push-stdin"
HTTP_ECE_MODULE="$PUSH_DIR/node_modules/http_ece/package.json" \
  node "$ROOT/tests/Tenant.Web.Tests/Notifications/push-service.mjs" <&9 >"$WORK/push.jsonl" 2>"$WORK/logs/push-service.log" &
PIDS[push]=$!
for _ in $(seq 1 100); do [ -s "$WORK/push.jsonl" ] && break; sleep 0.1; done
PUSH_READY=$(head -n 1 "$WORK/push.jsonl")
PUSH_PORT=$(jq -r .port <<<"$PUSH_READY"); PUSH_P256DH=$(jq -r .p256dh <<<"$PUSH_READY"); PUSH_AUTH=$(jq -r .auth <<<"$PUSH_READY")
[ -n "$PUSH_PORT" ] && [ "$PUSH_PORT" != null ] || fail "the local push service did not start"
# Every parent of bench-001 has one subscribed phone (endpoints /p/1 .. /p/1000 of the local service).
R[push_subscriptions]=$(sql -c "
  INSERT INTO push_subscriptions (id, tenant_id, user_id, endpoint, p256dh, auth, created_at)
  SELECT gen_random_uuid(), md5('t:1')::uuid, user_id, 'http://127.0.0.1:$PUSH_PORT/p/' || row_number() OVER (ORDER BY user_id),
         '$PUSH_P256DH', '$PUSH_AUTH', now()
  FROM (SELECT DISTINCT user_id FROM guardianships WHERE tenant_id = md5('t:1')::uuid) parents
  RETURNING 1" | wc -l)
log "Urgent message to the 1,000 parents of bench-001 (mail and web push), then the same 1,000 mails by a bare MailKit loop and the same pushes by a bare loop"
# In the profiled run, the worker's thread stacks during the fan-out (it ends in about 11 s) and Tenant.Web's during
# the booking burst (about 2 s) go into bench/results: where each mail's, push's and booking's time goes.
PROFILE_MORE=${BENCH_PROFILE:-$([ "$BENCH_RUN" = 1 ] && echo 1 || echo 0)}
trace_start() { # name pid seconds
  [ "$PROFILE_MORE" = 1 ] || return 0
  # Beside the .NET stacks of one process: which process had the CPU in the same window (perf, every process).
  bench/cpu-split.sh "$WORK/cpu-split-$1.txt" "$3" "$(head -n 1 "$WORK/pg/postmaster.pid")" \
    Tenant.Web="${PIDS[web]}" worker="${PIDS[worker]}" smtp4dev="${PIDS[smtp4dev]}" push_service="${PIDS[push]:-0}" \
    2>"$WORK/logs/cpu-split-$1.log" &
  SPLIT_PID=$!
  dotnet tool run dotnet-trace collect -p "$2" --profile dotnet-sampled-thread-time --duration "00:00:00:$3" \
    -o "$WORK/$1.nettrace" >"$WORK/logs/trace-$1.log" 2>&1 &
  TRACE_PID=$!
  # The session is open once the trace file exists (a second or so).
  for _ in $(seq 1 100); do [ -s "$WORK/$1.nettrace" ] && break; sleep 0.05; done
}
trace_report() { # name what
  [ "$PROFILE_MORE" = 1 ] || return 0
  if wait "$SPLIT_PID" && [ -s "$WORK/cpu-split-$1.txt" ]; then
    cp "$WORK/cpu-split-$1.txt" "$ROOT/bench/results/cpu-split-$1.txt"
  fi
  if wait "$TRACE_PID" && [ -s "$WORK/$1.nettrace" ]; then
    dotnet tool run dotnet-trace report "$WORK/$1.nettrace" topN -n 25 >"$ROOT/bench/results/profile-$1-exclusive.txt" 2>&1 || true
    dotnet tool run dotnet-trace report "$WORK/$1.nettrace" topN -n 40 --inclusive >"$ROOT/bench/results/profile-$1-inclusive.txt" 2>&1 || true
    R[profile_$1]="$2: bench/results/profile-$1-exclusive.txt and profile-$1-inclusive.txt (run $BENCH_RUN)"
  else
    R[profile_$1]="$2: dotnet-trace failed: $(tail -n 2 "$WORK/logs/trace-$1.log" | tr '\n' ' ' | cut -c1-200)"
  fi
}
trace_start fanout "${PIDS[worker]}" 14
"${TOOL[@]}" fanout --base "http://127.0.0.1:$WEB" --host "$(WEB_HOST 1)" --admin directie@bench-001.test --password "$PASSWORD" \
  --smtp-web "http://127.0.0.1:$SMTP_WEB" --smtp-host 127.0.0.1 --smtp-port "$SMTP_PORT" \
  --db "$CS;Username=postgres" --expect 1000 --push-log "$WORK/push.jsonl" | tee "$WORK/fanout.out" | kv || fail "fan-out failed"
trace_report fanout "the worker (dotnet-sampled-thread-time, 14 s from the publishing post: the whole fan-out)"
# The bare loop sends what the app sent (one decrypted payload of the fan-out) as many times as the app pushed.
grep -m 1 '^{"path":"/p/' "$WORK/push.jsonl" | jq -j .payload >"$WORK/push-payload.json"
[ -s "$WORK/push-payload.json" ] || fail "the fan-out sent no web push"
PUSH_MODULES="$PUSH_DIR" node "$ROOT/bench/push-loop.mjs" "$PUSH_PORT" "${R[fanout_push]}" "$PUSH_P256DH" "$PUSH_AUTH" "$WORK/push-payload.json" \
  2>"$WORK/logs/push-loop.log" | tee "$WORK/push-loop.out" | kv || fail "the bare push loop failed"
R[push_loop_received]=$(grep -c '^{"path":"/loop/.*"payload"' "$WORK/push.jsonl" || true)
# The bookings below measure the burst alone, as before the push step existed.
sql -c "DELETE FROM push_subscriptions" >/dev/null

# ---------------------------------------------------------------- 200 parallel bookings on 20 slots
log "200 parents book at once on 20 slots (bench-001)"
sql -F $'\t' -c "
  SELECT '$(WEB_HOST 1)', u.email, g.pupil_id, md5('slot:' || ((row_number() OVER (ORDER BY u.email) - 1) % 20))::uuid
  FROM guardianships g JOIN pupils k ON k.id = g.pupil_id JOIN users u ON u.id = g.user_id
  WHERE g.tenant_id = md5('t:1')::uuid AND k.group_id IN (SELECT md5('g:' || n)::uuid FROM generate_series(100, 103) n)
  ORDER BY u.email LIMIT 200" >"$WORK/bookings.tsv"
# The tool signs the 200 parents in first; in the profiled run it then writes the ready file and waits for ".go", so
# that the trace (6 s) covers the burst alone.
READY=()
[ "$PROFILE_MORE" = 1 ] && READY=(--ready-file "$WORK/bookings.ready")
"${TOOL[@]}" bookings --base "http://127.0.0.1:$WEB" --file "$WORK/bookings.tsv" --password "$PASSWORD" "${READY[@]}" \
  >"$WORK/bookings.out" &
BOOKINGS_PID=$!
if [ "$PROFILE_MORE" = 1 ]; then
  for _ in $(seq 1 1200); do { [ -e "$WORK/bookings.ready" ] || ! kill -0 "$BOOKINGS_PID" 2>/dev/null; } && break; sleep 0.1; done
  trace_start bookings "${PIDS[web]}" 6
  touch "$WORK/bookings.ready.go"
fi
wait "$BOOKINGS_PID" || fail "the booking run failed"
kv <"$WORK/bookings.out"
cat "$WORK/bookings.out"
trace_report bookings "Tenant.Web (dotnet-sampled-thread-time, 6 s from the release of the 200 booking posts)"
R[bookings_in_db]=$(sql -c "SELECT count(*) FROM conference_bookings")

# ---------------------------------------------------------------- memory
R[web_peak_rss_mb]=$(awk '/^VmHWM:/ { printf "%.0f", $2 / 1024 }' "/proc/${PIDS[web]}/status")
R[worker_peak_rss_mb]=$(awk '/^VmHWM:/ { printf "%.0f", $2 / 1024 }' "/proc/${PIDS[worker]}/status")
R[web_rss_mb]=$(awk '/^VmRSS:/ { printf "%.0f", $2 / 1024 }' "/proc/${PIDS[web]}/status")
R[base_peak_rss_mb]=$(awk '/^VmHWM:/ { printf "%.0f", $2 / 1024 }' "/proc/${PIDS[baseline]}/status")
kill "${PIDS[rss_sampler]}" 2>/dev/null || true
if [ -s "$WORK/web-rss-peak.txt" ]; then # "VmRSS: n kB RssAnon: n kB RssFile: n kB RssShmem: n kB" at the highest sample
  R[web_peak_split]=$(awk '{ for (i = 1; i < NF; i++) v[$i] = $(i + 1) }
    END { printf "anonymous %.0f MB (GC heap and native), file-backed %.0f MB (mapped DLLs, ReadyToRun code), shared %.0f MB (JIT code and stubs, W^X memfd)",
      v["RssAnon:"] / 1024, v["RssFile:"] / 1024, v["RssShmem:"] / 1024 }' "$WORK/web-rss-peak.txt")
fi
# What the managed heap holds at the end of the load (run 1): dotnet-gcdump (it forces a full collection, so after
# VmHWM was read); its types summed over the size buckets of "report", top 15 by bytes into bench/results.
if [ "${BENCH_GCDUMP:-$([ "$BENCH_RUN" = 1 ] && echo 1 || echo 0)}" = 1 ]; then
  if dotnet tool run dotnet-gcdump collect -p "${PIDS[web]}" -o "$WORK/web.gcdump" >"$WORK/logs/gcdump.log" 2>&1 \
     && dotnet tool run dotnet-gcdump report "$WORK/web.gcdump" >"$WORK/gcdump-report.txt" 2>>"$WORK/logs/gcdump.log"; then
    python3 - "$WORK/gcdump-report.txt" >"$ROOT/bench/results/gcdump-top.txt" <<'PY'
import collections, re, sys
total, types = 0, collections.Counter()
counts = collections.Counter()
for line in open(sys.argv[1], encoding="utf-8"):
    if m := re.match(r"\s*([\d,]+)\s+GC Heap bytes", line):
        total = int(m[1].replace(",", ""))
    elif m := re.match(r"\s*([\d,]+)\s+([\d,]+)\s+(.*?)(?:\s+\(Bytes > [^)]*\))?\s+\[([^\]]*)\]\s*$", line):
        key = f"{m[3]}  [{m[4]}]"
        # "report" gives the size of one object (of that size bucket) and the count
        size, count = int(m[1].replace(",", "")), int(m[2].replace(",", ""))
        types[key] += size * count; counts[key] += count
print(f"GC heap {total / 1048576:.1f} MB (live objects after a full collection); top 15 types by bytes:")
print(f"{'MB':>8} {'objects':>9}  type")
for key, size in types.most_common(15):
    print(f"{size / 1048576:8.2f} {counts[key]:9,}  {key}")
PY
    R[gc_heap_mb]=$(awk 'NR == 1 { print $3 }' "$ROOT/bench/results/gcdump-top.txt")
    R[gcdump]="bench/results/gcdump-top.txt (run $BENCH_RUN, at the end of the load)"
  else
    R[gcdump]="dotnet-gcdump failed: $(tail -n 2 "$WORK/logs/gcdump.log" | tr '\n' ' ' | cut -c1-200)"
  fi
fi
# Requests Tenant.Web answered with 5xx, and the distinct exceptions behind them (first line of each).
R[web_5xx]=$(grep -c '"StatusCode":5[0-9][0-9]' "$WORK/logs/web.log" || true)
R[web_5xx_canceled]=$(grep '"StatusCode":5[0-9][0-9]' "$WORK/logs/web.log" | grep -c 'OperationCanceledException' || true)
grep '"StatusCode":5[0-9][0-9]' "$WORK/logs/web.log" | jq -r '(.["@x"] // .["@m"]) | split("\n")[0] | .[0:200]' 2>/dev/null \
  | sort | uniq -c | sort -rn | head -n 10 >"$WORK/web-5xx.txt" || true

# ---------------------------------------------------------------- report
R[total_s]=$((SECONDS - STARTED))
R[gc_settings]=$(jq -c '.runtimeOptions.configProperties // {} | with_entries(select(.key | test("GC|Tiered|ReadyToRun")))' \
  "$WEB_PUBLISH/Schoolplein.Tenant.Web.runtimeconfig.json")
R[load_start]=$LOAD_START
R[load_end]=$(cut -d' ' -f1-3 /proc/loadavg)
R[commit]=$(git -C "$ROOT" rev-parse --short HEAD)
for key in "${!R[@]}"; do printf '%s\t%s\n' "$key" "${R[$key]}"; done | sort >"${OUT%.md}.tsv"
source "$ROOT/bench/report.sh"
write_report >"$OUT"
log "Report written to ${OUT#"$ROOT"/} (${R[total_s]} s)"
