#!/usr/bin/env bash
# Runs the test projects with the machine's clock moved, to show that no test depends on the
# hour it runs at: every test sets its own clock, so the suite must pass at any machine time.
#   scripts/test-at.sh +5d            # five days from now (libfaketime offset: +3h, -40d, …)
#   scripts/test-at.sh +114d -- --filter "FullyQualifiedName~Timeline"
# Only the test host (and what it starts: PostgreSQL, smtp4dev, the demo) runs under Debian's
# libfaketime, through the run settings' environment: the dotnet CLI and MSBuild do not cope
# with a faked clock. Every clock is shifted by the same offset (also the monotonic one), so
# timeouts keep working. Build first (./test.sh does, or `dotnet build Schoolplein.sln`).
set -euo pipefail
source "$(dirname "$0")/lib.sh"
cd "$ROOT"
offset="${1:?usage: scripts/test-at.sh OFFSET [-- dotnet test arguments]}"
shift
[ "${1:-}" = "--" ] && shift
ensure_packages faketime=faketime
lib=$(ls /usr/lib/*/faketime/libfaketimeMT.so.1 2>/dev/null | head -n 1)
[ -n "$lib" ] || die "libfaketimeMT.so.1 not found (Debian package faketime)"
settings=$(mktemp --suffix=.runsettings)
trap 'rm -f "$settings"' EXIT
cat >"$settings" <<XML
<RunSettings>
  <RunConfiguration>
    <EnvironmentVariables>
      <LD_PRELOAD>$lib</LD_PRELOAD>
      <FAKETIME>$offset</FAKETIME>
    </EnvironmentVariables>
  </RunConfiguration>
</RunSettings>
XML
log "Tests with the machine clock at $(LD_PRELOAD="$lib" FAKETIME="$offset" date -u '+%A %Y-%m-%d %H:%M UTC') (offset $offset)"
dotnet test Schoolplein.sln -c Debug --no-build --nologo --settings "$settings" --logger "console;verbosity=minimal" "$@"
