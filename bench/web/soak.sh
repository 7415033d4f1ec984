#!/usr/bin/env bash
# Memory over a long run (see docs/benchmarks.md): serves an existing demo database with the deadline monitor on
# (every 15 s, the default), keeps a light load on the pages, and samples the server's resident memory every minute.
#   bench/web/soak.sh DATA_DIR MINUTES [--postgres CONNECTION-STRING]
# Prints "minute rss_mb" lines, then the first-quarter and last-quarter averages and their ratio (flat: close to 1).
set -euo pipefail
dir=${1:?usage: bench/web/soak.sh DATA_DIR MINUTES [--postgres CONNECTION-STRING]}
minutes=${2:?minutes}
shift 2
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$here/../.."
port=5391
load=""
dotnet "$root/src/Liaison.Cli/bin/Release/net10.0/liaison.dll" serve --data-dir "$dir" --port "$port" "$@" >/tmp/liaison-soak-server.log 2>&1 &
server=$!
trap 'kill $server 2>/dev/null; [ -n "$load" ] && kill $load 2>/dev/null; true' EXIT
for _ in $(seq 60); do curl -sf "http://127.0.0.1:$port/readyz" >/dev/null && break; sleep 1; done
# A light, steady load for the whole run, as a quiet shift: the queue, the board and a case page, one a second.
base="http://127.0.0.1:$port"
# shellcheck source=signin.sh
. "$here/signin.sh"
sign_in
( while :; do for path in /queue /board "/cases/$case_id"; do curl -s -o /dev/null -H "Cookie: $cookie" "$base$path"; sleep 1; done; done ) &
load=$!
samples=()
for minute in $(seq 1 "$minutes"); do
  sleep 60
  rss=$(awk '/VmRSS/ { printf "%.0f", $2 / 1024 }' "/proc/$server/status")
  samples+=("$rss")
  echo "$minute $rss"
done
python3 - "${samples[@]}" <<'PY'
import sys
s = [int(x) for x in sys.argv[1:]]
q = max(1, len(s) // 4)
first, last = sum(s[:q]) / q, sum(s[-q:]) / q
print(f"first quarter {first:.0f} MB, last quarter {last:.0f} MB, ratio {last / first:.2f}, peak {max(s)} MB")
PY
grep -c "Deadline monitor pass failed" /tmp/liaison-soak-server.log | sed 's/^/monitor passes failed: /' || true
