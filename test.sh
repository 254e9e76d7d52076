#!/usr/bin/env bash
# The test command: installs what a fresh machine lacks, runs every test project, prints "N passed, N failed".
set -uo pipefail
cd "$(dirname "$0")"

# 1. System packages the tests need (one per line in .ci/apt-packages.txt).
if [ -f .ci/apt-packages.txt ]; then
  mapfile -t wanted < <(grep -vE '^\s*(#|$)' .ci/apt-packages.txt)
  missing=()
  for p in "${wanted[@]}"; do dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done
  if [ ${#missing[@]} -gt 0 ]; then
    echo "test.sh: installing ${missing[*]}"
    if [ "$(id -u)" = 0 ]; then SUDO=""; elif command -v sudo >/dev/null; then SUDO="sudo"; else
      echo "test.sh: missing system packages: ${missing[*]} (apt-get install them, or run as root)" >&2; exit 1; fi
    $SUDO apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}" >/dev/null \
      || { echo "test.sh: could not install: ${missing[*]}" >&2; exit 1; }
  fi
fi

# 2. Code style is part of the build's contract (.editorconfig): no formatting drift.
if ! dotnet format Artifacts.sln --verify-no-changes -v q; then
  echo "test.sh: 'dotnet format Artifacts.sln' would change files; run it and commit the result" >&2
  echo "0 passed, 1 failed"
  exit 1
fi

# 3. Every test project, Release, with TRX results to sum.
results="${TEST_RESULTS_DIR:-TestResults}"
rm -rf "$results"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
dotnet test Artifacts.sln -c Release --logger "trx" --logger "console;verbosity=minimal" --results-directory "$results" "$@"
status=$?

# 4. One closing line summed over all test projects.
passed=0; failed=0; skipped=0
for trx in "$results"/*.trx; do
  [ -f "$trx" ] || continue
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -1)
  p=$(sed -n 's/.* passed="\([0-9]*\)".*/\1/p' <<<"$counters"); f=$(sed -n 's/.* failed="\([0-9]*\)".*/\1/p' <<<"$counters")
  t=$(sed -n 's/.* total="\([0-9]*\)".*/\1/p' <<<"$counters"); e=$(sed -n 's/.* executed="\([0-9]*\)".*/\1/p' <<<"$counters")
  passed=$((passed + ${p:-0})); failed=$((failed + ${f:-0})); skipped=$((skipped + ${t:-0} - ${e:-0}))
done
if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then failed=1; echo "test.sh: dotnet test failed before or outside the tests (exit $status)" >&2; fi
echo "$passed passed, $failed failed, $skipped skipped"
exit "$status"
