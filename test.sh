#!/usr/bin/env bash
# The test command: installs what a fresh machine lacks, runs every test project, prints "N passed, N failed, N skipped".
#   ./test.sh                                  # everything (what CI runs)
#   ./test.sh --filter "TestCategory!=Slow"    # the default category only: no native-AOT publish, no timing or kill tests
# Extra arguments go to `dotnet test`.
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
    # Another apt or dpkg (unattended upgrades, a parallel job) may hold the lock: wait for it instead of failing.
    lock=(-o DPkg::Lock::Timeout=600)
    $SUDO apt-get "${lock[@]}" update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive $SUDO apt-get "${lock[@]}" install -y -qq "${missing[@]}" >/dev/null \
      || { echo "test.sh: could not install: ${missing[*]}" >&2; exit 1; }
  fi
fi

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
dotnet restore Artifacts.sln -v q || { echo "0 passed, 1 failed, 0 skipped"; exit 1; }

# 2. Code style is part of the build's contract (.editorconfig): no formatting drift. Analyzer and code-style
#    diagnostics of warning severity fail the build itself (TreatWarningsAsErrors, EnforceCodeStyleInBuild), and so does
#    the order of using directives (StyleCop's SA1208 and SA1210, the only StyleCop rules on). What the compiler cannot
#    see is whitespace, checked here per file with no compilation, beside the build; its verdict is read at the end.
format_log=$(mktemp)
dotnet format whitespace --folder --verify-no-changes -v q . >"$format_log" 2>&1 &
format_pid=$!

# 3. Build once, then run every test project, Release, with TRX results to sum. The test projects start in the
#    solution's order, two at a time (one per core): the tool's tests, the longest (they publish the tool with native
#    AOT), are listed first so they do not run alone at the end; the short ones fill in behind the core's tests.
#    The gallery's timing test (category GalleryBenchmark: the 10,000-run gallery written and opened in Chromium, its
#    figures printed against their 3 s and 2 s targets) runs after them, alone, so another test project cannot slow it. A --filter
#    given to this script applies to both phases.
user_filter=""; rest=()
while [ $# -gt 0 ]; do
  case "$1" in
    --filter) user_filter="${2:-}"; shift 2 || shift ;;
    --filter=*) user_filter="${1#--filter=}"; shift ;;
    *) rest+=("$1"); shift ;;
  esac
done
alone="TestCategory=GalleryBenchmark"
if [ -n "$user_filter" ]; then first="($user_filter)&TestCategory!=GalleryBenchmark"; last="($user_filter)&$alone"
else first="TestCategory!=GalleryBenchmark"; last="$alone"; fi
results="${TEST_RESULTS_DIR:-TestResults}"
rm -rf "$results"
if dotnet build Artifacts.sln -c Release --no-restore -v q -nologo; then
  dotnet test Artifacts.sln -c Release --no-build --logger "trx" --logger "console;verbosity=minimal" --results-directory "$results" --filter "$first" "${rest[@]}"
  status=$?
  dotnet test tests/RunArtifacts.Cli.Tests -c Release --no-build --logger "trx;LogFileName=gallery-benchmark.trx" --logger "console;verbosity=minimal" --results-directory "$results" --filter "$last" "${rest[@]}" || status=1
else
  status=1
fi

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
if ! wait "$format_pid"; then
  cat "$format_log" >&2
  echo "test.sh: 'dotnet format whitespace --folder .' would change files; run it and commit the result" >&2
  failed=$((failed + 1)); [ "$status" -ne 0 ] || status=1
fi
rm -f "$format_log"
echo "$passed passed, $failed failed, $skipped skipped"
exit "$status"
