#!/usr/bin/env bash
# Fuzzes the readers of what other systems send (the feed CSV, the API's JSON, NIEM XML) with AFL++ and SharpFuzz,
# SECONDS seconds per harness (default 20), and fails on any finding: an input that makes a reader throw an
# exception it should have answered. Findings are copied to tests/fuzz-findings/TARGET/, where FuzzRegressionTests
# replay them; the exception of each is printed here.
#   fuzz/run.sh [SECONDS]
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-20}

if ! command -v afl-fuzz >/dev/null; then
  apt-get install -y -qq afl++ >/dev/null
fi
dotnet tool restore >/dev/null

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
dotnet build fuzz/Liaison.Fuzz -c Release -o "$work/bin" -v quiet -nologo >/dev/null
cp -r "$work/bin" "$work/plain" # to replay findings: instrumented code runs only under the fuzzer
# Coverage from Liaison's own readers (the framework's are not instrumented).
dotnet sharpfuzz "$work/bin/Liaison.Data.dll" >/dev/null

export AFL_SKIP_CPUFREQ=1 AFL_I_DONT_CARE_ABOUT_MISSING_CRASHES=1 AFL_NO_UI=1 AFL_SKIP_BIN_CHECK=1 AFL_NO_AFFINITY=1 AFL_QUIET=1
found=0
for target in csv json xml; do
  afl-fuzz -i "fuzz/corpus/$target" -o "$work/$target" -t 5000 -m none -V "$seconds" -- dotnet "$work/bin/Liaison.Fuzz.dll" "$target" >"$work/$target.log" 2>&1 || {
    echo "fuzz $target: afl-fuzz failed:"; tail -20 "$work/$target.log"; exit 1; }
  stats="$work/$target/default/fuzzer_stats"
  execs=$(awk -F' : ' '/^execs_done/ {print $2}' "$stats")
  paths=$(awk -F' : ' '/^corpus_count/ {print $2}' "$stats")
  crashes=$(find "$work/$target/default/crashes" -type f ! -name README.txt 2>/dev/null || true)
  echo "fuzz $target: ${seconds}s, $execs inputs run, $paths in corpus, $(echo -n "$crashes" | grep -c . || true) findings"
  for crash in $crashes; do
    found=1
    mkdir -p "tests/fuzz-findings/$target"
    name="tests/fuzz-findings/$target/$(sha256sum "$crash" | cut -c1-16)"
    cp "$crash" "$name"
    echo "  finding $name:"
    (dotnet "$work/plain/Liaison.Fuzz.dll" "$target" "$crash" 2>&1 || true) | head -5 | sed 's/^/    /'
  done
done
exit $found
