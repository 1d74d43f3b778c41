#!/usr/bin/env bash
# Fan-out measurement: one urgent notification to N parents (default 1000), NotifyAsync to the
# last mail in smtp4dev, against a baseline of raw-inserting N outbox rows. Starts its own
# throwaway PostgreSQL and smtp4dev (like the tests). Prints one JSON line on stdout.
# Usage: bench/fanout/run.sh [recipients]   (FANOUT_WORKERS=5 sets the Hangfire worker count)
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$root"
dotnet tool restore >/dev/null
dotnet build bench/fanout/FanoutBench.csproj -c Release -v quiet -nologo >&2
out="$(dotnet bench/fanout/bin/Release/net10.0/Schoolplein.Bench.Fanout.dll "${1:-1000}" 2>/dev/null)"
line="$(printf '%s\n' "$out" | grep '^{"bench":"fanout"' | tail -n 1)"
if [ -z "$line" ]; then
  printf '%s\n' "$out" | tail -n 20 >&2
  echo '{"bench":"fanout","error":"no result"}'
  exit 1
fi
echo "$line"
