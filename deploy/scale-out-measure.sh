# Sourced by scale-out-check.sh when SCALE_OUT_MEASURE=1 (all processes running, instance 1 alive).
# Short closed-loop load tests with hey on loopback; figures for deploy/SCALING.md. Bounded: each
# run lasts MEASURE_SECONDS (default 15 s). Writes artifacts/scale-out-measure.md.
MEASURE_SECONDS="${MEASURE_SECONDS:-15}"
MEASURE_OUT="$ROOT/artifacts/scale-out-measure.md"
mkdir -p "$ROOT/artifacts"
COOKIE=$(awk '$6 == "schoolplein.auth" { print $6 "=" $7 }' "$JAR")
[ -n "$COOKIE" ] || fail "no auth cookie for the measurements"

run_hey() { # label port path concurrency [extra hey args]
  local label="$1" port="$2" path="$3" c="$4" out
  out=$(hey -z "${MEASURE_SECONDS}s" -c "$c" -host "$HOST:$PROXY" "${@:5}" "http://127.0.0.1:$port$path")
  local rps p50 p95 p99 codes
  rps=$(awk '/Requests\/sec/ { printf "%.0f", $2 }' <<<"$out")
  p50=$(awk '/ 50% in/ { printf "%.1f", $3 * 1000 }' <<<"$out")
  p95=$(awk '/ 95% in/ { printf "%.1f", $3 * 1000 }' <<<"$out")
  p99=$(awk '/ 99% in/ { printf "%.1f", $3 * 1000 }' <<<"$out")
  codes=$(sed -n '/Status code distribution/,/^$/p' <<<"$out" | grep -o '\[[0-9]*\][[:space:]]*[0-9]*' | tr -s '[:space:]' ' ' | paste -sd ' ' -)
  printf '| %s | %s | %s | %s | %s | %s | %s |\n' "$label" "$c" "$rps" "$p50" "$p95" "$p99" "$codes" | tee -a "$MEASURE_OUT" >&2
}

db_cost_per_request() { # port path -> "statements ms" (database work of one request, from pg_stat_statements)
  psql -h 127.0.0.1 -p "$PG_PORT" -U postgres -d schoolplein -qAtX -c "SELECT pg_stat_statements_reset()" >/dev/null
  hey -n 400 -c 2 -host "$HOST:$PROXY" -H "Cookie: $COOKIE" "http://127.0.0.1:$1$2" >/dev/null
  psql -h 127.0.0.1 -p "$PG_PORT" -U postgres -d schoolplein -qAtX -F ' ' -c \
    "SELECT round(sum(calls) / 400.0, 1), round((sum(total_exec_time + total_plan_time) / 400.0)::numeric, 3) FROM pg_stat_statements s JOIN pg_roles r ON r.oid = s.userid WHERE r.rolname = 'schoolplein_app' AND query NOT ILIKE '%hangfire%'"
}

# CPU time (user + system, ms) used by processes: robust to other load on the machine, unlike req/s.
cpu_ms() { local total=0 pid; for pid in "$@"; do [ -r "/proc/$pid/stat" ] && total=$((total + $(awk '{ print $14 + $15 }' "/proc/$pid/stat"))); done; echo $((total * 1000 / $(getconf CLK_TCK))); }
pg_pids() { local master; master=$(head -n 1 "$WORK/pg/postmaster.pid"); echo "$master" $(ps -o pid= --ppid "$master"); }
cpu_per_request() { # port path requests -> "web_ms db_ms nginx_ms" per request
  local n="$3" web0 db0 ng0 pg
  pg=$(pg_pids)
  web0=$(cpu_ms "${PIDS[web1]}" "${PIDS[web2]}"); db0=$(cpu_ms $pg); ng0=$(cpu_ms $(pgrep -f "nginx: worker process" -P "${PIDS[nginx]}") "${PIDS[nginx]}")
  hey -n "$n" -c 8 -host "$HOST:$PROXY" -H "Cookie: $COOKIE" "http://127.0.0.1:$1$2" >/dev/null
  pg=$(pg_pids)
  awk -v w=$(($(cpu_ms "${PIDS[web1]}" "${PIDS[web2]}") - web0)) -v d=$(($(cpu_ms $pg) - db0)) \
      -v g=$(($(cpu_ms $(pgrep -f "nginx: worker process" -P "${PIDS[nginx]}") "${PIDS[nginx]}") - ng0)) -v n="$n" \
      'BEGIN { printf "%.2f %.2f %.2f", w / n, d / n, g / n }'
}

{
  echo "# Scale-out measurements ($(date -u +%Y-%m-%dT%H:%MZ), commit $(git -C "$ROOT" rev-parse --short HEAD))"
  echo
  echo "Machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB; all processes (PostgreSQL, nginx, 2 web, worker, smtp4dev, hey) on it."
  echo "Build: $CONFIG. hey closed loop, ${MEASURE_SECONDS} s per row, through nginx unless noted."
  echo "Load average before: $(cut -d' ' -f1-3 /proc/loadavg) (other work on the machine competes for the same 2 cores)."
  echo
  echo "| what | connections | req/s | p50 ms | p95 ms | p99 ms | status codes |"
  echo "|---|---|---|---|---|---|---|"
} >"$MEASURE_OUT"

hey -n 200 -c 4 -host "$HOST:$PROXY" "http://127.0.0.1:$PROXY/Account/SignIn" >/dev/null   # warm-up
hey -n 200 -c 4 -host "$HOST:$PROXY" -H "Cookie: $COOKIE" "http://127.0.0.1:$PROXY/" >/dev/null
run_hey "sign-in page, anonymous, 2 instances" "$PROXY" /Account/SignIn 16
run_hey "parent home, signed in, 2 instances" "$PROXY" / 16 -H "Cookie: $COOKIE"
run_hey "parent home, signed in, instance 1 direct" "$WEB1" / 16 -H "Cookie: $COOKIE"
run_hey "health/ready (DB round trip), instance 1 direct" "$WEB1" /health/ready 16
{
  echo
  read -r web_cpu db_cpu nginx_cpu <<<"$(cpu_per_request "$PROXY" / 2000)"
  echo "CPU time per signed-in parent home request (2000 requests, 8 connections): web $web_cpu ms, PostgreSQL $db_cpu ms, nginx $nginx_cpu ms"
  read -r statements db_ms <<<"$(db_cost_per_request "$PROXY" /)"
  echo "Database work per signed-in parent home request (pg_stat_statements, app role, 400 requests): $statements statements, $db_ms ms execution + planning"
  echo "Load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
  echo "Memory after the runs (RSS MiB): instance 1 $(($(ps -o rss= -p "${PIDS[web1]}") / 1024)), instance 2 $(($(ps -o rss= -p "${PIDS[web2]}") / 1024)), worker $(($(ps -o rss= -p "${PIDS[worker]}") / 1024))"
} | tee -a "$MEASURE_OUT" >&2
log "Measurements written to $MEASURE_OUT"
