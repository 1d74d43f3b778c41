#!/usr/bin/env bash
# Which process had the CPU during a phase of the bench (the urgent fan-out, the booking burst): Linux perf samples
# every process (cpu-clock, 499 Hz per core, no call stacks) for SECONDS and counts them per process.
#
#   bench/cpu-split.sh OUT_FILE SECONDS POSTMASTER_PID LABEL=PID...
#
# PostgreSQL is the postmaster and its children (backends, workers); each LABEL=PID names one more process (no spaces).
set -euo pipefail
out=$1 seconds=$2 postmaster=$3
shift 3
data=$(mktemp -d)
trap 'rm -rf "$data"' EXIT
perf record -F 499 -a -o "$data/perf.data" -- sleep "$seconds" >"$data/record.log" 2>&1 || {
  tail -n 3 "$data/record.log" >&2
  exit 1
}
pg=",$postmaster,$(pgrep -P "$postmaster" | paste -sd, -),"
# A named process's children count as it (dotnet tool run starts smtp4dev as a child).
named=""
for pair in "$@"; do
  for pid in ${pair##*=} $(pgrep -P "${pair##*=}" 2>/dev/null); do named+=" ${pair%%=*}=$pid"; done
done
set +e +o pipefail
{
  echo "CPU samples by process over ${seconds} s on $(nproc) cores (perf record -F 499 -a; 100 % = all cores):"
  echo
  perf script -i "$data/perf.data" -F pid,comm 2>/dev/null | awk -v pg="$pg" -v named="$named" '
    BEGIN { n = split(named, pairs, " "); for (i = 1; i <= n; i++) { split(pairs[i], kv, "="); label[kv[2]] = kv[1] } }
    { total++; p = $NF
      if (p == 0) k = "idle"
      else if (p in label) k = label[p]
      else if (index(pg, "," p ",")) k = "PostgreSQL"
      else { $NF = ""; sub(/ +$/, ""); sub(/^ +/, ""); k = "other: " $0 }
      c[k]++ }
    END { for (k in c) if (100 * c[k] / total >= 0.5) printf "%6.1f %%  %s\n", 100 * c[k] / total, k }' | sort -rn
} >"$out"
