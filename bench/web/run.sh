#!/usr/bin/env bash
# Page latency under load against a running demo (see docs/benchmarks.md):
#   ./liaison demo --data-dir DIR --bookings 1000000 --port 5287 &   # once generated, leave it running
#   bench/web/run.sh DIR [PORT] [SECONDS]
# Signs in as the demo designated officer, then runs wrk with 20 connections against /health (the
# baseline: the same server, no page work) and the screening queue, a case page and the release board.
set -euo pipefail
dir=${1:?usage: bench/web/run.sh DATA_DIR [PORT] [SECONDS]}
port=${2:-5287}
seconds=${3:-30}
base="http://127.0.0.1:$port"
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
command -v wrk >/dev/null || { echo "wrk is needed: apt-get install -y wrk" >&2; exit 1; }

read -r user password _ < <(head -1 "$dir/demo-sign-ins.txt")
jar=$(mktemp)
trap 'rm -f "$jar"' EXIT
token=$(curl -s -c "$jar" "$base/account/sign-in" | grep -o 'name="__RequestVerificationToken" type="hidden" value="[^"]*"' | sed 's/.*value="//;s/"$//')
curl -s -b "$jar" -c "$jar" -o /dev/null --data-urlencode "UserName=$user" --data-urlencode "Password=$password" --data-urlencode "__RequestVerificationToken=$token" "$base/account/sign-in"
cookie=$(awk '$6 == "liaison" { print "liaison=" $7 }' "$jar")
[ -n "$cookie" ] || { echo "sign-in failed" >&2; exit 1; }
case_id=$(curl -s -H "Cookie: $cookie" "$base/board" | grep -o 'href="/cases/[^"]*"' | sed -n '1{s|href="/cases/||;s|"||;p}' || true)
[ -n "$case_id" ] || case_id=$(curl -s -H "Cookie: $cookie" "$base/queue" | grep -o 'href="/cases/[^"]*"' | sed -n '1{s|href="/cases/||;s|"||;p}' || true)

for path in /health /queue "/cases/$case_id" /board; do
  curl -s -o /dev/null -w "warm-up $path: %{http_code}\n" -H "Cookie: $cookie" "$base$path"
  printf '%-28s ' "$path"
  wrk -t2 -c20 -d"${seconds}s" -H "Cookie: $cookie" -s "$here/p95.lua" "$base$path" | tail -1
done
