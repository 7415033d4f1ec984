#!/usr/bin/env bash
# Mutation testing of the custody engine (src/Liaison.Domain) with Stryker.NET, against the domain tests.
# Prints the score and writes the HTML and JSON reports to ${1:-artifacts/mutation}. Takes about 3 minutes on
# 2 cores. docs/quality.md records the last score and why each surviving mutant is equivalent.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
out="$(realpath -m "${1:-$root/artifacts/mutation}")"
cd "$root"
dotnet tool restore >/dev/null
cd tests/Liaison.Domain.Tests
# The domain tests run on the Microsoft Testing Platform (xunit v3); Stryker's MTP runner is still marked preview.
dotnet stryker --project Liaison.Domain.csproj --test-runner mtp --output "$out" --reporter html --reporter json --reporter progress
# A failed comparison of approved refusal reasons under a mutant writes a .received file; mutants are not reviews.
rm -f "$root"/tests/Liaison.Domain.Tests/Custody/*.received.txt
python3 - "$out/reports/mutation-report.json" <<'PY'
import json, sys
report = json.load(open(sys.argv[1]))
for path, f in sorted(report["files"].items()):
    lines = f["source"].split("\n")
    for m in f["mutants"]:
        if m["status"] in ("Survived", "NoCoverage"):
            line = m["location"]["start"]["line"]
            print(f'{m["status"]:10} {path.split("/src/")[-1]}:{line}  {m["mutatorName"]}: {lines[line - 1].strip()[:90]}')
PY
