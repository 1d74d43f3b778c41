# Sourced by ../bench.sh: write_report prints bench/results/latest.md from the figures in R.
# shellcheck shell=bash

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b + 0 == 0) print "n/a"; else printf "%.2f", a / b }'; }
QUIET_LOAD=1.5
# True when the run started on a quiet machine (1-minute load average at most QUIET_LOAD).
quiet_start() { awk -v l="${LOAD_START%% *}" -v q="$QUIET_LOAD" 'BEGIN { exit !(l <= q) }'; }
verdict() { # awk condition on the figures -> met / not met; nothing is judged after a busy start
  if ! quiet_start; then echo "not judged: load ${LOAD_START%% *} at start, re-run on a quiet machine"
  elif awk "BEGIN { exit !($1) }" 2>/dev/null; then echo "**met**"; else echo "**not met**"; fi
}
or_na() { echo "${1:-n/a}"; }

write_report() {
  set +u  # a figure that a failed step did not produce prints empty
  local cpu ram commit dirty load_end throughput_ratio fanout_ratio push_ratio
  cpu=$(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo)
  ram=$(free -h | awk '/^Mem:/ { print $2 }')
  commit=$(git -C "$ROOT" rev-parse --short HEAD)
  dirty=$(git -C "$ROOT" status --porcelain --untracked-files=no -- . ':!bench/results' | grep -q . && echo " (with uncommitted changes)" || true)
  load_end=$(cut -d' ' -f1-3 /proc/loadavg)
  throughput_ratio=$(ratio "${R[web_rps]}" "${R[base_rps]}")
  fanout_ratio=$(ratio "${R[fanout_mail_s]:-0}" "${R[mailkit_loop_s]:-0}")
  push_ratio=$(ratio "${R[fanout_push_s]:-0}" "${R[push_loop_s]:-0}")
  cat <<MD
# Benchmark report

Written by \`./bench.sh\` on $(date -u '+%Y-%m-%d %H:%M UTC'), commit \`$commit\`$dirty, in ${R[total_s]} s.

| machine | |
|---|---|
| CPU | $cpu, $(nproc) cores |
| memory | $ram |
| load average (1, 5, 15 min) | at start $LOAD_START, at end $load_end |
| software | $(dotnet --version | sed 's/^/.NET SDK /'), $(psql --version | awk '{ print "PostgreSQL " $3 }'), $(wrk -v 2>&1 | head -n 1 | awk '{ print $1 " " $2 }') |

Everything ran on this one machine: PostgreSQL (throwaway cluster, shared_buffers 512 MB), smtp4dev, Tenant.Web
(Release, Production environment, as deployed: the web instance only enqueues jobs, \`Jobs__RunServer=false\`) and its worker
(the same build started with \`worker\`: runs the delivery jobs; recurring jobs off), the baseline
and the load generators all share the $(nproc) cores, so the figures are for this box, not for a deployment.

## Targets

| target | figure | result |
|---|---|---|
| timeline throughput ≥ 0.7× the baseline | ${R[web_rps]} / ${R[base_rps]} req/s = **${throughput_ratio}×** | $(verdict "$throughput_ratio >= 0.7") |
| p99 ≤ 50 ms at 50% of peak (Tenant.Web) | p99 **$(or_na "${R[web_ol_p99_ms]}") ms** at ${R[web_ol_rate]} req/s | $(verdict "${R[web_ol_p99_ms]:-9999} <= 50") |
| fan-out ≤ 2× the bare MailKit loop | $(or_na "${R[fanout_mail_s]}") s / $(or_na "${R[mailkit_loop_s]}") s = **${fanout_ratio}×** | $(verdict "${R[fanout_mails]:-0} >= 1000 && ${R[mailkit_loop_s]:-0} > 0 && ${R[fanout_mail_s]:-9999} <= 2 * ${R[mailkit_loop_s]:-0}") |
| exactly 20 bookings succeed, 0 server errors | **${R[bookings_succeeded]}** succeeded, **${R[bookings_server_errors]}** server errors (${R[bookings_in_db]} bookings in the database) | $(verdict "${R[bookings_succeeded]} == 20 && ${R[bookings_server_errors]} == 0 && ${R[bookings_transport_errors]} == 0 && ${R[bookings_in_db]} == 20") |
| peak RSS ≤ 300 MB | **${R[web_peak_rss_mb]} MB** (VmHWM of Tenant.Web over the whole run) | $(verdict "${R[web_peak_rss_mb]} <= 300") |
| 200 bookings: p99 ≤ 1 s | p99 **${R[bookings_p99_ms]} ms** (p50 ${R[bookings_p50_ms]} ms) | $(verdict "${R[bookings_p99_ms]:-99999} <= 1000") |
| cold start ≤ 2 s | **${R[cold_ready_s]} s** to the first 200 on /health/ready (${R[cold_home_s]} s to the first home page) | $(verdict "${R[cold_ready_s]:-99} <= 2") |
| timeline page ≤ 60 KB without photos (as served: no compression) | **${R[page_kb]} KB** (HTML ${R[page_html_bytes]} B + CSS/JS; gzip would make it ${R[page_gzip_kb]} KB) | $(verdict "${R[page_bytes]:-999999} <= 61440") |
| Lighthouse 12.2.3 mobile performance ≥ 95 | **$(or_na "${R[lh_performance]}")** (accessibility $(or_na "${R[lh_accessibility]}")) | $(verdict "${R[lh_performance]:-0} >= 95") |
| web push fan-out ≤ 2× a bare loop of the same pushes | $(or_na "${R[fanout_push_s]}") s / $(or_na "${R[push_loop_s]}") s = **${push_ratio}×** | $(verdict "${R[fanout_push]:-0} >= 1000 && ${R[push_loop_s]:-0} > 0 && ${R[fanout_push_s]:-9999} <= 2 * ${R[push_loop_s]:-0}") |

## Data set

Seeded with SQL (\`bench/seed.sql\`, INSERT … SELECT generate_series as the owner role, after the real migrations)
in **${R[seed_s]} s** including VACUUM ANALYZE; database size ${R[db_size]}.

| schools | users | parents | pupils | guardian links | posts | likes | urgent recipients | read receipts | absences |
|---|---|---|---|---|---|---|---|---|---|
| ${R[rows_tenants]} | ${R[rows_users]} | ${R[rows_parents]} | ${R[rows_pupils]} | ${R[rows_guardianships]} | ${R[rows_posts]} | ${R[rows_likes]} | ${R[rows_urgent_recipients]} | ${R[rows_receipts]} | ${R[rows_absences]} |

## Parent timeline: Tenant.Web against the baseline

The same ${R[verify_sessions]} parents (one per school, signed in through the real sign-in form; wrk rotates their
cookies and school host names), the same data, the same run. Before and after the load both apps were checked to show
each parent exactly the same first page (${R[verify_posts_per_page]} posts, same ids, same order).
The baseline (\`bench/Baseline\`) is one prepared Npgsql statement and a StringBuilder: no sign-in cryptography
(a plain uid cookie), no row-level security (a BYPASSRLS role that filters on tenant_id), no layout, menu,
localisation or antiforgery tokens.

| | Tenant.Web | baseline | ratio |
|---|---|---|---|
| closed-loop peak (wrk -t2 -c$CONNECTIONS, ${SECONDS_EACH} s) | ${R[web_rps]} req/s | ${R[base_rps]} req/s | ${throughput_ratio}× |
| wrk latency p50 / p99 at peak | ${R[web_wrk_p50]} / ${R[web_wrk_p99]} | ${R[base_wrk_p50]} / ${R[base_wrk_p99]} | |
| wrk errors | ${R[web_wrk_errors]} | ${R[base_wrk_errors]} | |
| open loop rate (50% of peak, ${SECONDS_EACH} s) | ${R[web_ol_rate]} req/s (achieved ${R[web_ol_achieved_rps]}) | ${R[base_ol_rate]} req/s (achieved ${R[base_ol_achieved_rps]}) | |
| open loop p50 / p95 / p99 / max (ms) | ${R[web_ol_p50_ms]} / ${R[web_ol_p95_ms]} / ${R[web_ol_p99_ms]} / ${R[web_ol_max_ms]} | ${R[base_ol_p50_ms]} / ${R[base_ol_p95_ms]} / ${R[base_ol_p99_ms]} / ${R[base_ol_max_ms]} | $(ratio "${R[web_ol_p99_ms]}" "${R[base_ol_p99_ms]}")× (p99) |
| open loop errors / non-200 | ${R[web_ol_errors]} / ${R[web_ol_non200]} | ${R[base_ol_errors]} / ${R[base_ol_non200]} | |
| SQL statements per timeline request (pg_stat_statements, 100 requests) | ${R[stmts_web]} | ${R[stmts_base]} | $(ratio "${R[stmts_web]}" "${R[stmts_base]}")× |
| peak RSS | ${R[web_peak_rss_mb]} MB | ${R[base_peak_rss_mb]} MB | $(ratio "${R[web_peak_rss_mb]}" "${R[base_peak_rss_mb]}")× |

Open-loop latency is measured from the moment each request was due (HdrHistogram, \`bench/Tool\`), so queueing
behind a slow request counts.

Statements for 100 timeline requests (calls, mean execution ms, statement), Tenant.Web:

\`\`\`
$(cut -c1-200 "$WORK/statements-schoolplein_app.txt")
\`\`\`

Baseline (Npgsql's reset of a pooled connection that holds prepared statements is the CLOSE ALL … RESET ALL group):

\`\`\`
$(cut -c1-200 "$WORK/statements-schoolplein_backoffice.txt")
\`\`\`

## Urgent message fan-out (bench-001, 1,000 parents)

Published school-wide and urgent by the school admin through the real form; timed from the form post to the moment
smtp4dev received the last of the mails. Then the same mails (read back from the outbox) sent by a bare MailKit loop
over one SMTP connection to the same smtp4dev, timed the same way. Every parent also has one subscribed phone at a
local push service (the tests' own, Node with npm http_ece: it checks the VAPID signature and decrypts each push):
the urgent message goes out by mail and web push at once, as in production, and the pushes are timed from the form
post to the last push received. Then the same pushes (the app's payload, as many as it sent) by a bare loop.

| | mails | seconds | ratio |
|---|---|---|---|
| Tenant.Web (outbox → Hangfire → SMTP) | ${R[fanout_mails]} | $(or_na "${R[fanout_mail_s]}") | $fanout_ratio× |
| bare MailKit loop, one connection | ${R[mailkit_loop_mails]} | $(or_na "${R[mailkit_loop_s]}") (client side ${R[mailkit_loop_send_s]}) | 1× |
| Tenant.Web web push (outbox → Hangfire → push service), at the same time as the mails | ${R[fanout_push]:-0} of ${R[push_subscriptions]:-0} subscriptions | $(or_na "${R[fanout_push_s]}") | $push_ratio× |
| bare web push loop (npm web-push encrypts and signs, one keep-alive connection) | ${R[push_loop_received]:-0} | $(or_na "${R[push_loop_s]}") | 1× |

The publishing request itself took ${R[publish_request_ms]} ms.

## 200 parallel bookings on 20 slots

200 parents of bench-001 (children in the four groups of the round), each signed in, post the real booking form
(\`/gesprekken?handler=Book\`) at the same moment, ten per slot.

| succeeded | slot taken (clear message) | other refusals | server errors | transport errors | bookings in the database | wall time | p50 / p99 / max |
|---|---|---|---|---|---|---|---|
| ${R[bookings_succeeded]} | ${R[bookings_slot_taken]} | ${R[bookings_other_refusals]} | ${R[bookings_server_errors]} | ${R[bookings_transport_errors]} | ${R[bookings_in_db]} | ${R[bookings_wall_ms]} ms | ${R[bookings_p50_ms]} / ${R[bookings_p99_ms]} / ${R[bookings_max_ms]} ms |

## Memory and start

| | |
|---|---|
| Tenant.Web peak RSS (VmHWM) | ${R[web_peak_rss_mb]} MB (RSS at the end ${R[web_rss_mb]} MB) |
| Tenant.Web RSS at its highest half-second sample, split | ${R[web_peak_split]:-not sampled} |
| Tenant.Web managed heap at the end of the load (dotnet-gcdump, live objects) | ${R[gc_heap_mb]:-?} MB: ${R[gcdump]:-not taken in this run (the first run of ./bench.sh takes it)} |
| worker peak RSS (VmHWM; a separate process, not in the target) | ${R[worker_peak_rss_mb]:-?} MB |
| cold start to /health/ready | ${R[cold_ready_s]} s |
| cold start to the first home page (anonymous, a school host) | ${R[cold_home_s]} s |
| requests Tenant.Web logged as 5xx during the whole run | ${R[web_5xx]}, of which ${R[web_5xx_canceled]} were requests cancelled because wrk closed its connections at the end of a run (OperationCanceledException; no client saw them) |
| GC and runtime settings of Tenant.Web (Release, published ReadyToRun; runtimeconfig) | \`${R[gc_settings]}\` |

## Timeline page weight and Lighthouse

The first parent's timeline (\`/\`), as served (the app does not compress responses): HTML ${R[page_html_bytes]} bytes plus
${R[page_assets]:-no linked CSS or JS}. Total ${R[page_kb]} KB; gzip -6 of the same files ${R[page_gzip_kb]} KB.

Lighthouse 12.2.3 (npm, \`.tools/lighthouse\`), mobile form factor with its default simulated throttling, Debian Chromium
headless, signed in as that parent: performance **$(or_na "${R[lh_performance]}")**, accessibility **$(or_na "${R[lh_accessibility]}")**;
FCP ${R[lh_fcp_ms]} ms, LCP ${R[lh_lcp_ms]} ms, TBT ${R[lh_tbt_ms]} ms. ${R[lh_error]:+Lighthouse failed: ${R[lh_error]}}

## Profile

${R[profile]:-Not profiled in this run (the first run of ./bench.sh profiles).}

Urgent fan-out, ${R[profile_fanout]:-not profiled in this run}.

Booking burst, ${R[profile_bookings]:-not profiled in this run}.
MD
  if [ -s "$WORK/profile-cpu.txt" ]; then
    printf '\nwrk during the profile: %s req/s.\n\n```\n%s\n```\n' "${R[profile_rps]:-?}" "$(cat "$WORK/profile-cpu.txt")"
  fi
  if [ -s "$WORK/web-5xx.txt" ]; then
    printf '\nExceptions behind those 5xx answers (count, first line):\n\n```\n%s\n```\n' "$(cat "$WORK/web-5xx.txt")"
  fi
}
