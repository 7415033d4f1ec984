#!/usr/bin/env bash
# Page latency under load against a running Liaison (see docs/benchmarks.md):
#   ./liaison demo --data-dir DIR --bookings 1000000 --port 5287 &        # SQLite, once generated, left running
#   bench/web/run.sh DIR [PORTS] [SECONDS] [CONNECTIONS]
# PORTS is one port, or several comma-separated (instances on one PostgreSQL database: the connections are split
# evenly and each instance is loaded at the same time, one wrk each). Signs in as the first demo account in
# DIR/demo-sign-ins.txt (the cookie is good on every instance), then loads /health (the baseline: the same server,
# no page work), the screening queue, a case page and the release board, one after the other.
set -euo pipefail
dir=${1:?usage: bench/web/run.sh DATA_DIR [PORTS] [SECONDS] [CONNECTIONS]}
IFS=, read -r -a ports <<<"${2:-5287}"
seconds=${3:-30}
connections=${4:-20}
base="http://127.0.0.1:${ports[0]}"
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
command -v wrk >/dev/null || { echo "wrk is needed: apt-get install -y wrk" >&2; exit 1; }

# shellcheck source=signin.sh
. "$here/signin.sh"
sign_in

each=$(( connections / ${#ports[@]} ))
threads=$(( each < 2 ? 1 : 2 ))
for path in /health /queue "/cases/$case_id" /board; do
  for port in "${ports[@]}"; do
    curl -s -o /dev/null -w "warm-up :$port$path: %{http_code}\n" -H "Cookie: $cookie" "http://127.0.0.1:$port$path"
  done
  pids=()
  for port in "${ports[@]}"; do
    ( printf '%-28s :%s c=%s ' "$path" "$port" "$each"
      wrk -t"$threads" -c"$each" -d"${seconds}s" --timeout 10s -H "Cookie: $cookie" -s "$here/p95.lua" "http://127.0.0.1:$port$path" | tail -1 ) &
    pids+=($!)
  done
  wait "${pids[@]}"
done
