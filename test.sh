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
# The compiler server. Some machines (this project's development machines among them) set UseSharedCompilation=false
# in the environment, which MSBuild reads as a property: every project then compiles in a csc process of its own that loads and
# warms Roslyn again. With the server the build took 39–46 s against 83–90 s without (clean build, same machine). It
# also serves the tests' child builds (the NUnit specs). It is shut down on exit, so nothing is left running.
export UseSharedCompilation=true
trap 'dotnet build-server shutdown --vbcscompiler >/dev/null 2>&1 || true' EXIT
# Dynamic PGO off for what this script starts, but the last test process: the compiler server, the format check and the
# test processes live a minute or less, and the instrumented re-JIT costs them more than it gives back (the tool ships
# with TieredPGO off for the same reason). A clean build from a cold compiler server took 35–43 s against 60–74 s with
# it on (56–71 against 103–127 s of user CPU); the default category's tests 105–109 s against 121–123 s.
export DOTNET_TieredPGO=0
user_filter=""; rest=()
while [ $# -gt 0 ]; do
  case "$1" in
    --filter) user_filter="${2:-}"; shift 2 || shift ;;
    --filter=*) user_filter="${1#--filter=}"; shift ;;
    *) rest+=("$1"); shift ;;
  esac
done
dotnet restore Artifacts.sln -v q || { echo "0 passed, 1 failed, 0 skipped"; exit 1; }
# Without a --filter the tool is published with native AOT beside the tests (step 3). Its RID-specific restore is done
# here, before the build: done by the publish, it rewrote the restore files of the libraries the tests had just been
# built from, and the next build of any of them (the NUnit specs' child builds) compiled the core again.
if [ -z "$user_filter" ]; then
  dotnet restore src/RunArtifacts.Cli/RunArtifacts.Cli.csproj -r linux-x64 -p:PublishAot=true -v q || { echo "0 passed, 1 failed, 0 skipped"; exit 1; }
fi

# 2. Code style is part of the build's contract (.editorconfig): no formatting drift. Analyzer and code-style
#    diagnostics of warning severity fail the build itself (TreatWarningsAsErrors, EnforceCodeStyleInBuild), and so does
#    the order of using directives (StyleCop's SA1208 and SA1210, the only StyleCop rules on). What the compiler cannot
#    see is whitespace, checked here per file with no compilation, beside the build; its verdict is read at the end.
format_log=$(mktemp)
dotnet format whitespace --folder --verify-no-changes -v q . >"$format_log" 2>&1 &
format_pid=$!

# 3. Build once, then run every test project, Release, with TRX results to sum. The test projects start in the
#    solution's order, two at a time (one per core): the tool's tests are listed first so they do not run alone at
#    the end; the short ones fill in behind the core's tests.
#    The native-AOT publish of the tool (minutes of CPU) starts as soon as the build is done and runs beside those tests.
#    Then, in one last process and with nothing else running: the gallery's timing test (category GalleryBenchmark: the
#    10,000-run gallery written and opened in Chromium, its figures printed against their 3 s and 2 s targets), and the
#    test of the native tool (category NativeAot: the publish's exit code, no trim or AOT warning, then the published
#    tool commits, lists, finds and verifies), handed the finished publish through RUNARTIFACTS_NATIVE_PUBLISH.
#    A --filter given to this script applies to every phase; with one, nothing is started early, and the native tool's
#    test, if the filter selects it, publishes the tool itself among the other tests.
results="${TEST_RESULTS_DIR:-TestResults}"
rm -rf "$results"; mkdir -p "$results"; results=$(cd "$results" && pwd)
and_user() { if [ -n "$user_filter" ]; then echo "($user_filter)&$1"; else echo "$1"; fi; }
run_tests() { # run_tests PROJECT_OR_SLN TRX_NAME FILTER
  dotnet test "$1" -c Release --no-build --logger "trx${2:+;LogFileName=$2}" --logger "console;verbosity=minimal" --results-directory "$results" --filter "$3" "${rest[@]}"
}
status=0
if dotnet build Artifacts.sln -c Release --no-restore -v q -nologo; then
  first="$(and_user TestCategory!=GalleryBenchmark)"; publish_pid=""; native=""
  if [ -z "$user_filter" ]; then
    native="$results/native-publish"; mkdir -p "$native"
    # The same command as NativeToolTests.PublishArguments, restored before the build (step 1), linking the libraries
    # the build just made (BuildProjectReferences=false) instead of compiling them again beside the tests.
    ( dotnet publish src/RunArtifacts.Cli/RunArtifacts.Cli.csproj -o "$native/out" --no-restore -c Release -r linux-x64 -p:PublishAot=true -p:TreatWarningsAsErrors=true -p:BuildProjectReferences=false -nologo -v q >"$native/publish.log" 2>&1
      echo $? >"$native/publish.exit" ) &
    publish_pid=$!
    first="TestCategory!=GalleryBenchmark&TestCategory!=NativeAot"
  fi
  run_tests Artifacts.sln "" "$first" || status=1
  # Last, in one process: the gallery's timing test, alone now, and the native tool's test once its publish is done.
  last="TestCategory=GalleryBenchmark"
  if [ -n "$publish_pid" ]; then wait "$publish_pid"; last="TestCategory=GalleryBenchmark|TestCategory=NativeAot"; fi
  # Both categories of the last process are also Slow: a filter that is a conjunction (no '|') with TestCategory!=Slow,
  # such as the default category's, selects none of its tests, so the process is not started.
  if ! [[ "$user_filter" != *"|"* && "$user_filter" == *"TestCategory!=Slow"* ]]; then
    # With the runtime's defaults (dynamic PGO on): the gallery's timing test is a measurement, taken under the same
    # settings as before.
    ( unset DOTNET_TieredPGO; RUNARTIFACTS_NATIVE_PUBLISH="${native:-}" run_tests tests/RunArtifacts.Cli.Tests last.trx "$(and_user "($last)")" ) || status=1
  fi
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
