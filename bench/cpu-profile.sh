#!/usr/bin/env bash
# Where the CPU goes while wrk drives the parent timeline: Linux perf samples every process on the machine
# (cpu-clock, 499 Hz per core), so the report shows Tenant.Web, PostgreSQL, wrk and idle side by side, then
# the top functions inside Tenant.Web and inside its PostgreSQL backends. Managed frames are named through
# the runtime's perf map (Tenant.Web runs with DOTNET_PerfMapEnabled=3 in the profiled run; hot ReadyToRun
# code is re-jitted by tiering, so steady-state code is in the map).
#
#   bench/cpu-profile.sh OUT_FILE SECONDS WEB_PID POSTMASTER_PID WRK_PID
#
# perf comes from Debian (linux-perf); bench.sh installs it. Exit 1 when perf cannot record.
set -euo pipefail
out=$1 seconds=$2 web=$3 postmaster=$4 wrk=$5
data=$(mktemp -d)
trap 'rm -rf "$data"' EXIT

# The backends serving Tenant.Web's pooled connections are children of the postmaster, as are its own workers.
pg_pids=$(pgrep -P "$postmaster" | paste -sd, -)
perf record -F 499 -a -g -o "$data/perf.data" -- sleep "$seconds" >"$data/record.log" 2>&1 || {
  tail -n 3 "$data/record.log" >&2
  exit 1
}

# The reports below cut their output short (head), which ends the upstream commands early: not an error here.
set +e +o pipefail
{
  echo "CPU samples by process over ${seconds} s on $(nproc) cores (perf record -F 499 -a; 100 % = all cores):"
  echo
  perf script -i "$data/perf.data" -F pid,comm 2>/dev/null | awk -v web="$web" -v wrk="$wrk" -v pg=",$pg_pids,$postmaster," '
    { n++; p = $NF
      if (p == 0) k = "idle"
      else if (p == web) k = "Tenant.Web"
      else if (index(pg, "," p ",")) k = "PostgreSQL (backends and workers)"
      else if (p == wrk) k = "wrk (load generator)"
      else { k = "everything else (kernel threads, other processes)"; $NF = ""; sub(/^ +/, ""); sub(/ +$/, ""); o[$0]++ }
      c[k]++ }
    END { for (k in c) printf "a\t%6.1f %%  %s\n", 100 * c[k] / n, k
          for (t in o) if (100 * o[t] / n >= 0.5) printf "b\t%6.1f %%  %s\n", 100 * o[t] / n, t }' \
    | sort -t$'\t' -k1,1 -k2,2rn | awk -F'\t' '$1 == "b" && !seen++ { print "\n  everything else, by thread name:" } { print $2 }'
  echo
  echo "Tenant.Web by module (percent of Tenant.Web's samples; [JIT] = managed code, libcoreclr = the runtime and GC):"
  echo
  perf report -i "$data/perf.data" --pid="$web" --no-children --sort dso --stdio -g none --percentage relative --percent-limit 0.5 2>/dev/null \
    | grep -v '^#' | grep -v '^$' | sed 's/\[JIT\] tid [0-9]*/[JIT]/' | awk '{ a[$2] += $1 } END { for (k in a) printf "%8.2f%%  %s\n", a[k], k }' | sort -rn
  echo
  echo "Tenant.Web: top functions by own samples (percent of Tenant.Web's samples; native frames without symbols left out):"
  echo
  perf report -i "$data/perf.data" --pid="$web" --no-children --sort sym --stdio -g none --percentage relative --percent-limit 0.4 2>/dev/null \
    | grep -v '^#' | grep -v '^$' | grep -v '\[\.\] 0x' | head -n 45
  echo
  echo "Tenant.Web: top functions including what they call (percent of Tenant.Web's samples; frame-pointer call chains, a function counted once per frame, so a recursive or repeated one can pass 100 %):"
  echo
  perf report -i "$data/perf.data" --pid="$web" --children --sort sym --stdio -g none --percentage relative --percent-limit 2 2>/dev/null \
    | grep -v '^#' | grep -v '^$' | grep -v '\[\.\] 0x' | head -n 60
  if [ -n "$pg_pids" ]; then
    echo
    echo "PostgreSQL: top functions by own samples (percent of PostgreSQL's samples):"
    echo
    perf report -i "$data/perf.data" --pid="$pg_pids,$postmaster" --no-children --sort sym --stdio -g none --percentage relative --percent-limit 0.8 2>/dev/null \
      | grep -v '^#' | grep -v '^$' | head -n 30
  fi
} >"$out"
