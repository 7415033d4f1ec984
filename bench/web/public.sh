#!/usr/bin/env bash
# The public pages under load against a running Liaison (see docs/benchmarks.md, issue 11):
#   ./liaison demo --data-dir DIR --bookings 1000000 --port 5287 &        # once generated, left running
#   bench/web/public.sh [PORT] [SECONDS] [CONNECTIONS]
# No sign-in: /health (the baseline: the same server, no page work), then /transparency and the two downloads.
set -euo pipefail
port=${1:-5287}
seconds=${2:-30}
connections=${3:-20}
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
command -v wrk >/dev/null || { echo "wrk is needed: apt-get install -y wrk" >&2; exit 1; }
for path in /health /transparency /api/public/statistics.csv /api/public/statistics.json; do
  curl -s -o /dev/null -w "warm-up $path: %{http_code} %{size_download} bytes\n" "http://127.0.0.1:$port$path"
  printf '%-28s c=%s ' "$path" "$connections"
  wrk -t2 -c"$connections" -d"${seconds}s" --timeout 10s -s "$here/p95.lua" "http://127.0.0.1:$port$path" | tail -1
done
