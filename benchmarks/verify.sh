#!/usr/bin/env bash
# Verify throughput benchmark (see benchmarks/README.md, "Verify").
#
#   benchmarks/verify.sh                 # 4 runs x 512 MiB, and 1000 small runs
#   LARGE_RUNS=8 LARGE_MIB=128 SMALL_RUNS=2000 REPEAT=5 benchmarks/verify.sh
#   ARTIFACTS_AOT=/path/to/artifacts benchmarks/verify.sh   # also times the tool published with native AOT
#   ARTIFACTS_BASELINE=/path/to/checkout benchmarks/verify.sh   # also times the tool of another checkout (before/after)
#
# With ARTIFACTS_BASELINE (a checkout of an earlier commit, e.g. `git worktree add /tmp/before <commit>`), the data is
# made by that checkout's make-data.cs, in its own folder: records written by the earlier version, which both read.
# Makes the data once (through the library, benchmarks/verify/make-data.cs) under $VERIFY_BENCH_DIR, warms the page
# cache, then times `artifacts verify` (Release build, whole process, median of $REPEAT rounds) against `openssl dgst -sha256`
# of the same original files (one process per file, as many at once as verify hashes at once).
set -euo pipefail
cd "$(dirname "$0")/.."

WORK=${VERIFY_BENCH_DIR:-${TMPDIR:-/tmp}/ra-verify-bench}
LARGE_RUNS=${LARGE_RUNS:-4}
LARGE_MIB=${LARGE_MIB:-512}
SMALL_RUNS=${SMALL_RUNS:-1000}
REPEAT=${REPEAT:-5}
CORES=$(nproc)

echo "building artifacts (Release)..." >&2
dotnet build src/RunArtifacts.Cli -c Release -nologo -v q >&2
CLI=(dotnet src/RunArtifacts.Cli/bin/Release/net10.0/artifacts.dll)
AOT=${ARTIFACTS_AOT:-} # a native build of the tool (see README.md, "The artifacts tool"): no JIT at start
[[ -z $AOT || -x $AOT ]] || { echo "verify.sh: ARTIFACTS_AOT=$AOT is not an executable" >&2; exit 2; }

BASE=${ARTIFACTS_BASELINE:-}
DATA_FROM=.
if [[ -n $BASE ]]; then
  [[ -f $BASE/benchmarks/verify/make-data.cs && -d $BASE/src/RunArtifacts.Cli ]] || { echo "verify.sh: ARTIFACTS_BASELINE=$BASE is not a checkout of this repository" >&2; exit 2; }
  echo "building the baseline's artifacts (Release)..." >&2
  dotnet build "$BASE/src/RunArtifacts.Cli" -c Release -nologo -v q >&2
  BASE_CLI=(dotnet "$BASE/src/RunArtifacts.Cli/bin/Release/net10.0/artifacts.dll")
  DATA_FROM=$BASE
  WORK=$WORK/baseline-$(git -C "$BASE" rev-parse --short HEAD)
fi

LARGE=$WORK/large-${LARGE_RUNS}x${LARGE_MIB}
SMALL=$WORK/small-${SMALL_RUNS}
[[ -f $LARGE/index.jsonl ]] || dotnet run -c Release "$DATA_FROM/benchmarks/verify/make-data.cs" -- large "$LARGE" "$LARGE_RUNS" "$LARGE_MIB" >&2
mkdir -p "$WORK/empty-root"
[[ -f $SMALL/index.jsonl ]] || dotnet run -c Release "$DATA_FROM/benchmarks/verify/make-data.cs" -- small "$SMALL" "$SMALL_RUNS" >&2

# measure_all REPEAT SIDES_FILE: SIDES_FILE holds one side per line, "NAME<TAB>CMD..." (arguments separated by tabs). Each
# round runs every side once, in an order rotated by one each round (no side always runs first or last, after the same
# neighbour), each command must succeed; prints "NAME median_wall_s median_cpu_s" per side, where cpu is user + system
# time of the command and all its children: less sensitive than wall time to other load on the machine.
measure_all() {
  python3 - "$1" "$2" <<'PY'
import resource, statistics, subprocess, sys, time
repeat = int(sys.argv[1])
sides = [line.rstrip("\n").split("\t") for line in open(sys.argv[2]) if line.strip()]
walls = {s[0]: [] for s in sides}
cpus = {s[0]: [] for s in sides}
for round_ in range(repeat):
    for k in range(len(sides)):
        name, *cmd = sides[(k + round_) % len(sides)]
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        t0 = time.perf_counter()
        subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL)
        walls[name].append(time.perf_counter() - t0)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpus[name].append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
for name, *_ in sides:
    print(name, f"{statistics.median(walls[name]):.3f}", f"{statistics.median(cpus[name]):.3f}")
PY
}

mapfile -t FILES < <(find "$LARGE" -path '*/original/*' -type f ! -name '*.clip.json' | sort)
BYTES=$(cat "${FILES[@]}" | wc -c)
cat "${FILES[@]}" >/dev/null # warm the page cache: both sides read from memory

echo "timing (medians of $REPEAT rounds, sides in rotating order)..." >&2
SIDES=$(mktemp); trap 'rm -f "$SIDES"' EXIT
side() { local IFS=$'\t'; echo "$*" >>"$SIDES"; }
side verify_p "${CLI[@]}" verify --root "$LARGE"
side openssl_p sh -c 'printf "%s\0" "$@" | xargs -0 -n1 -P'"$CORES"' openssl dgst -sha256' sh "${FILES[@]}"
side verify_1 "${CLI[@]}" verify --root "$LARGE" --parallel 1
side openssl_1 openssl dgst -sha256 "${FILES[@]}"
side small "${CLI[@]}" verify --root "$SMALL"
side start "${CLI[@]}" verify --root "$WORK/empty-root"
if [[ -n $AOT ]]; then
  side aot_p "$AOT" verify --root "$LARGE"
  side aot_1 "$AOT" verify --root "$LARGE" --parallel 1
  side aot_small "$AOT" verify --root "$SMALL"
  side aot_start "$AOT" verify --root "$WORK/empty-root"
fi
if [[ -n $BASE ]]; then
  side base_p "${BASE_CLI[@]}" verify --root "$LARGE"
  side base_1 "${BASE_CLI[@]}" verify --root "$LARGE" --parallel 1
  side base_small "${BASE_CLI[@]}" verify --root "$SMALL"
  side base_start "${BASE_CLI[@]}" verify --root "$WORK/empty-root"
fi
RESULTS=$(measure_all "$REPEAT" "$SIDES")
SUMMARY_LARGE=$("${CLI[@]}" verify --root "$LARGE")
SUMMARY_SMALL=$("${CLI[@]}" verify --root "$SMALL")

echo
echo "machine: $CORES core(s), load average $(cut -d' ' -f1-3 /proc/loadavg), $(openssl version | cut -d' ' -f1-2), .NET SDK $(dotnet --version)"
BASE_NAME=${BASE:+$(git -C "$BASE" log -1 --format='%h %ad' --date=short)}
python3 - "$BYTES" "$LARGE_RUNS" "$LARGE_MIB" "$SMALL_RUNS" "$CORES" "$BASE_NAME" <<PY
import sys
bytes_, large_runs, large_mib, small_runs, cores = (int(a) for a in sys.argv[1:6])
base_name = sys.argv[6]
r = {}
for line in """$RESULTS""".strip().splitlines():
    name, wall, cpu = line.split()
    r[name] = (float(wall), float(cpu))
mb = bytes_ / 1e6
def row(label, key):
    wall, cpu = r[key]
    print(f"{label:<44} {wall:7.3f} s wall {mb / wall:8.1f} MB/s   {cpu:7.3f} s cpu {mb / cpu:8.1f} MB/cpu-s")
print(f"large: {large_runs} run(s) x {large_mib} MiB = {mb:.0f} MB of originals (+ records and logs)")
row(f"artifacts verify (parallel {cores})", "verify_p")
row(f"openssl dgst -sha256 (xargs -P {cores})", "openssl_p")
row("artifacts verify --parallel 1", "verify_1")
row("openssl dgst -sha256 (one process)", "openssl_1")
for label, v, o in (("parallel", "verify_p", "openssl_p"), ("one core", "verify_1", "openssl_1")):
    print(f"  ratio verify/openssl, {label:<9} wall {r[o][0] / r[v][0]:.2f}   cpu {r[o][1] / r[v][1]:.2f}   (target >= 0.90)")
print(f"small: {small_runs} run(s)")
wall, cpu = r["small"]
print(f"{'artifacts verify (parallel ' + str(cores) + ')':<44} {wall:7.3f} s wall {small_runs / wall:8.0f} runs/s {cpu:7.3f} s cpu")
print(f"{'  of which process start (empty root)':<44} {r['start'][0]:7.3f} s wall {'':>16} {r['start'][1]:7.3f} s cpu")
def other(prefix, title, label):
    if prefix + "_p" not in r:
        return
    print(title)
    row(f"artifacts verify, {label} (parallel {cores})", prefix + "_p")
    row(f"artifacts verify, {label}, --parallel 1", prefix + "_1")
    for mode, v, o in (("parallel", prefix + "_p", "openssl_p"), ("one core", prefix + "_1", "openssl_1")):
        print(f"  ratio {label} verify/openssl, {mode:<9} wall {r[o][0] / r[v][0]:.2f}   cpu {r[o][1] / r[v][1]:.2f}   (target >= 0.90)")
    wall, cpu = r[prefix + "_small"]
    print(f"{'artifacts verify, ' + label + ', small runs':<44} {wall:7.3f} s wall {small_runs / wall:8.0f} runs/s {cpu:7.3f} s cpu")
    print(f"{'  of which process start (empty root)':<44} {r[prefix + '_start'][0]:7.3f} s wall {'':>16} {r[prefix + '_start'][1]:7.3f} s cpu")
other("aot", "native AOT build of the tool:", "native")
other("base", f"the baseline's tool ({base_name}), same data:", "baseline")
PY
echo "  verify's own summary: $SUMMARY_LARGE"
echo "  verify's own summary: $SUMMARY_SMALL"
