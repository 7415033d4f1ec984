#!/usr/bin/env bash
# Feed import benchmark (issue 9): `./liaison import feed` against Debian's sqlite3 `.import` of the same CSV into a
# plain table, in the same run on the same machine. Prints rows per second, the ratio, and peak memory.
# Usage: bench/import/run.sh [BOOKINGS ...]   (default: 30000 305000, about 100,000 and 1,000,000 events)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
command -v sqlite3 >/dev/null || { echo "needs sqlite3 (apt-get install -y sqlite3)" >&2; exit 2; }
dotnet build "$root/src/Liaison.Cli/Liaison.Cli.csproj" -c Release --nologo -v quiet -clp:"ErrorsOnly;NoSummary" >&2
liaison=(dotnet "$root/src/Liaison.Cli/bin/Release/net10.0/liaison.dll")
work="$(mktemp -d /tmp/liaison-import-bench.XXXXXX)"
trap 'rm -rf "$work"' EXIT
"${liaison[@]}" demo --bookings 0 --no-serve --data-dir "$work/agency" >/dev/null
for bookings in "${@:-30000 305000}"; do
  feed="$work/feed-$bookings.csv"
  "${liaison[@]}" demo feed --bookings "$bookings" --out "$feed" >/dev/null
  rows=$(( $(wc -l <"$feed") - 1 ))
  size=$(du -m "$feed" | cut -f1)

  start=$(date +%s.%N)
  sqlite3 "$work/baseline-$bookings.db" ".mode csv" ".import $feed events"
  base=$(echo "$(date +%s.%N) - $start" | bc)

  cp -r "$work/agency" "$work/data-$bookings"
  start=$(date +%s.%N)
  /usr/bin/time -f "%M" -o "$work/rss" "${liaison[@]}" import feed "$feed" --data-dir "$work/data-$bookings" --json >"$work/out"
  ours=$(echo "$(date +%s.%N) - $start" | bc)
  tail -1 "$work/out" >&2

  printf 'events %s (%s MB): sqlite3 .import %.2f s (%.0f rows/s); liaison import %.2f s (%.0f rows/s, whole process); ratio %.3f of the baseline rate; peak RSS %s MB\n' \
    "$rows" "$size" "$base" "$(echo "$rows / $base" | bc -l)" "$ours" "$(echo "$rows / $ours" | bc -l)" \
    "$(echo "$base / $ours" | bc -l)" "$(( $(cat "$work/rss") / 1024 ))"
done
