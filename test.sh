#!/usr/bin/env bash
# Runs every check Liaison has: format, build (warnings are errors), all test projects, the liaison
# command itself and a smoke run of the benchmarks. Ends with a pass/fail summary; exits non-zero on
# any failure. Works on a fresh Debian 12 machine with the .NET 10 SDK (CI runs it as root, CI=true).
set -uo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

PG_BIN=${LIAISON_PG_BIN:-/usr/lib/postgresql/15/bin}
PG_DIR="" # the throwaway PostgreSQL cluster, while it runs
declare -a results=()
failed=0
TEST_LOG=$(mktemp /tmp/liaison-tests.XXXXXX.log) # every test run's output, so the summary can name what failed
run_tests() { # dotnet test ARGS...: shown as it runs, and kept in TEST_LOG
  dotnet test "$@" 2>&1 | tee -a "$TEST_LOG"
  return "${PIPESTATUS[0]}"
}
stage() { # stage NAME COMMAND...: runs one stage, records its outcome and duration
  local name=$1; shift
  local started=$SECONDS
  echo
  echo "==> $name"
  if "$@"; then
    results+=("PASS  $name ($((SECONDS - started))s)")
  else
    results+=("FAIL  $name ($((SECONDS - started))s)")
    failed=1
  fi
}

command -v dotnet >/dev/null || { echo "test.sh: the .NET 10 SDK (dotnet) is required" >&2; exit 1; }

# System packages the tests need: Debian's Chromium for the browser tests (Playwright drives it; it
# cannot download its own browser here), Noto fonts so pages and screenshots render as designed, the fonts
# the PDFs embed (DejaVu Sans for reports; Noto, WenQuanYi Micro Hei and Nanum Gothic for the person's
# documents in eleven languages) and poppler-utils, with which the tests read the PDFs back.
system_packages() {
  local missing=()
  [ -x "${LIAISON_CHROMIUM:-/usr/bin/chromium}" ] || missing+=(chromium)
  [ -f /usr/share/fonts/truetype/noto/NotoNaskhArabic-Regular.ttf ] || missing+=(fonts-noto-core) # Latin, Cyrillic, Vietnamese, Arabic
  [ -f /usr/share/fonts/truetype/wqy/wqy-microhei.ttc ] || missing+=(fonts-wqy-microhei) # Chinese (TrueType outlines PDFsharp can embed)
  [ -f /usr/share/fonts/truetype/nanum/NanumGothic.ttf ] || missing+=(fonts-nanum) # Korean
  command -v pdftotext >/dev/null || missing+=(poppler-utils) # pdftotext, pdftoppm, pdffonts
  [ -f /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ] || missing+=(fonts-dejavu-core) # embedded in the PDF reports
  command -v sqlite3 >/dev/null || missing+=(sqlite3) # the import benchmark's baseline
  command -v afl-fuzz >/dev/null || missing+=(afl++) # fuzzing the feed, API and NIEM readers
  [ -x "$PG_BIN/initdb" ] || missing+=(postgresql) # the second database every data and web test runs on
  [ ${#missing[@]} -eq 0 ] && return 0
  if [ "$(id -u)" -ne 0 ]; then
    echo "test.sh: missing ${missing[*]}; install them (sudo apt-get install -y ${missing[*]}) or run as root" >&2
    return 1
  fi
  echo "installing ${missing[*]} (apt-get)"
  DEBIAN_FRONTEND=noninteractive apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
}

restore() { dotnet restore Liaison.slnx --nologo -v quiet; }
format() { dotnet format Liaison.slnx --verify-no-changes --no-restore -v quiet; }
build() { dotnet build Liaison.slnx -c Release --no-restore --nologo -v quiet -clp:"ErrorsOnly;Summary"; }

tests() {
  run_tests --solution Liaison.slnx -c Release --no-build --no-progress
  local code=$?
  case $code in
    0) return 0 ;;
    8) echo "test.sh: no test ran (exit code 8): a test project lost its tests or its filter matched nothing" >&2; return 1 ;;
    *) return "$code" ;;
  esac
}

# A throwaway PostgreSQL cluster on a loopback port, for the data and web suites' second run; stopped on exit,
# whatever happened (the trap), so a failed run never leaves a server behind.
postgres_start() {
  PG_DIR=$(mktemp -d /tmp/liaison-pg-XXXXXX)
  PG_PORT=$(( 20000 + RANDOM % 30000 ))
  while (exec 3<>"/dev/tcp/127.0.0.1/$PG_PORT") 2>/dev/null; do PG_PORT=$(( 20000 + RANDOM % 30000 )); done # a port nobody listens on
  local as_postgres=()
  if [ "$(id -u)" -eq 0 ]; then chown postgres "$PG_DIR"; as_postgres=(runuser -u postgres --); fi
  "${as_postgres[@]}" "$PG_BIN/initdb" -D "$PG_DIR/data" -A trust -U liaison >"$PG_DIR/initdb.log" 2>&1 || { cat "$PG_DIR/initdb.log" >&2; return 1; }
  "${as_postgres[@]}" "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -l "$PG_DIR/server.log" \
    -o "-p $PG_PORT -k $PG_DIR -c listen_addresses=127.0.0.1 -c max_connections=300 -c fsync=off" -w start >/dev/null || { cat "$PG_DIR/server.log" >&2; return 1; }
  export LIAISON_TEST_POSTGRES="Host=127.0.0.1;Port=$PG_PORT;Username=liaison;Maximum Pool Size=20"
  echo "PostgreSQL $("$PG_BIN/postgres" --version | awk '{print $3}') on 127.0.0.1:$PG_PORT ($PG_DIR)"
}
postgres_stop() {
  [ -n "$PG_DIR" ] || return 0
  local as_postgres=()
  [ "$(id -u)" -eq 0 ] && as_postgres=(runuser -u postgres --)
  "${as_postgres[@]}" "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -m fast stop >/dev/null 2>&1
  rm -rf "$PG_DIR"
  PG_DIR=""
  unset LIAISON_TEST_POSTGRES
}
trap 'postgres_stop; rm -f "$TEST_LOG"' EXIT

postgres_tests() { # the web and data integration suites again, every test on a fresh PostgreSQL database
  postgres_start || return 1
  echo "==> (PostgreSQL run)" >>"$TEST_LOG"
  run_tests --project tests/Liaison.Web.Tests -c Release --no-build --no-progress
  local code=$?
  postgres_stop
  case $code in
    0) return 0 ;;
    8) echo "test.sh: no test ran on PostgreSQL (exit code 8)" >&2; return 1 ;;
    *) return "$code" ;;
  esac
}

shared_scenarios() { # the README's example, through the ./liaison script itself
  local shared=${LIAISON_SHARED_DIR:-../shared}/scenarios
  [ -d "$shared" ] || { echo "test.sh: $shared is missing" >&2; return 1; }
  local expected actual
  expected=$(cat "$shared"/*.expected.jsonl | grep -c .)
  actual=$(./liaison scenario run "$shared"/[0-9]*.json | grep -c .) || return 1
  [ "$expected" = "$actual" ] || { echo "test.sh: expected $expected lines, got $actual" >&2; return 1; }
  if ./liaison scenario run "$shared"/invalid-*.json >/dev/null 2>&1; then
    echo "test.sh: an invalid scenario file exited 0" >&2; return 1
  fi
}

bench_smoke() { # proves the benchmarks build and run; real numbers come from full runs (docs/benchmarks.md)
  dotnet run --project bench/Liaison.Bench -c Release --no-build -- --job dry --inProcess --filter '*' >/tmp/liaison-bench-smoke.log 2>&1 \
    || { tail -40 /tmp/liaison-bench-smoke.log >&2; return 1; }
  bench/import/run.sh 300 >/tmp/liaison-import-bench-smoke.log 2>&1 || { tail -20 /tmp/liaison-import-bench-smoke.log >&2; return 1; }
}

fuzz() { fuzz/run.sh 20; } # about a minute: 20 s for each of the CSV, JSON and XML readers

stage "system packages (chromium, fonts, poppler-utils, sqlite3, afl++, postgresql)" system_packages
stage "restore packages" restore
stage "format (dotnet format --verify-no-changes)" format
stage "build (Release, warnings as errors)" build
if [[ ${results[-1]} == PASS* ]]; then
  stage "tests (unit, property, scenario, CLI, web on SQLite, browser)" tests
  stage "tests on PostgreSQL (data, web, browser; a throwaway cluster)" postgres_tests
  stage "./liaison scenario run ../shared/scenarios" shared_scenarios
  stage "benchmark smoke run (--job dry)" bench_smoke
  stage "fuzzing (SharpFuzz + AFL++: feed CSV, API JSON, NIEM XML)" fuzz
fi

echo
echo "==================== summary ===================="
printf '%s\n' "${results[@]}"
if grep -q '^failed ' "$TEST_LOG"; then # the failed tests again, last, where a truncated log still shows them
  echo "---- failed tests (first lines of each) ----"
  awk '/^==> \(PostgreSQL run\)/ { print; n = 0; next } /^failed / { n = 8; print; next } /^[a-z]+ / { n = 0 } n > 0 { print; n-- }' "$TEST_LOG" |
    grep -v '^  from ' | cut -c1-300 | head -80
fi
if [ $failed -eq 0 ]; then echo "ALL PASSED"; else echo "FAILED"; fi
exit $failed
