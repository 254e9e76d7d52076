#!/usr/bin/env bash
# Per-test overhead of [RecordRun] committing a prompt-only bundle (flush on): 500 trivial NUnit tests with the attribute
# against the same 500 without it. Runs each side ROUNDS times, alternating which goes first, and prints per round:
#   the summed NUnit test durations from the TRX (the commit is inside each test's measured time), per test;
#   the whole `dotnet test --no-build` wall time (process start, discovery and all).
# The overhead per test is (recorded - plain) / 500: the mean, which carries the suite's one-time costs (the first
# recorded test opens the store and JIT-compiles the commit path; first_ms is the slowest test). median_ms and p90_ms are
# of the tests' own durations: a recorded test's median minus a plain test's is the steady cost of one more test.
# Sides: Recorded is the NUnit default (files flushed before each publish rename; the rename's and the index line's flush
# grouped in the background, DeferPublishFlush, and waited for after the suite); Recorded-fullflush waits for both flush
# rounds in every commit (DeferPublishFlush = false, OVERHEAD_FULLFLUSH=1); Recorded-noflush sets FlushToDisk = false
# (OVERHEAD_NOFLUSH=1), to show how much of it is fsync; all three through the project's [assembly: RecordRunSetup].
# Needs python3. Usage: benchmarks/nunit-overhead.sh [ROUNDS]
set -euo pipefail
cd "$(dirname "$0")/.."
rounds="${1:-5}"
project=benchmarks/RunArtifacts.NUnit.Overhead/RunArtifacts.NUnit.Overhead.csproj
work="$(mktemp -d)"; trap 'rm -rf "$work"' EXIT
dotnet build "$project" -c Release -v q -nodeReuse:false | grep -E " error " && exit 1 || true
echo "load: $(cut -d' ' -f1-3 /proc/loadavg)"

side() { # side NAME ROUND [noflush|fullflush] -> prints "NAME tests wall_s sum_test_ms per_test_ms"
  local name=$1 round=$2 out="$work/$1-$2-${3:-flush}" label=$1${3:+-$3}
  local t0 t1
  t0=$(date +%s.%N)
  OVERHEAD_NOFLUSH=$([ "${3:-}" = noflush ] && echo 1 || echo 0) OVERHEAD_FULLFLUSH=$([ "${3:-}" = fullflush ] && echo 1 || echo 0) RUNARTIFACTS_ROOT="$work/root-$label-$round" dotnet test "$project" -c Release --no-build --filter "FullyQualifiedName~NUnitOverhead.$name." \
    --logger "trx;LogFileName=$name.trx" --results-directory "$out" >/dev/null
  t1=$(date +%s.%N)
  python3 - "$out/$name.trx" "$label" "$t0" "$t1" <<'PY'
import sys, re, xml.etree.ElementTree as ET
ns = {"t": "http://microsoft.com/schemas/VisualStudio/TeamTest/2010"}
results = ET.parse(sys.argv[1]).getroot().findall(".//t:UnitTestResult", ns)
def secs(d):
    h, m, s = d.split(":"); return int(h) * 3600 + int(m) * 60 + float(s)
each = sorted(secs(r.get("duration")) * 1000 for r in results)
total = sum(each)
median = each[len(each) // 2]
p90 = each[int(len(each) * 0.9)]
print(f"{sys.argv[2]} tests={len(results)} wall_s={float(sys.argv[4]) - float(sys.argv[3]):.2f} sum_test_ms={total:.0f} per_test_ms={total / len(results):.3f} median_ms={median:.3f} p90_ms={p90:.3f} first_ms={max(each):.1f}")
PY
}

for r in $(seq 1 "$rounds"); do
  if (( r % 2 )); then side Recorded "$r"; side Plain "$r"; side Recorded "$r" fullflush; side Recorded "$r" noflush
  else side Recorded "$r" noflush; side Recorded "$r" fullflush; side Plain "$r"; side Recorded "$r"; fi
done
echo "load: $(cut -d' ' -f1-3 /proc/loadavg)"
