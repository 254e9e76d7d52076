#!/usr/bin/env bash
# Verify throughput benchmark (see benchmarks/README.md, "Verify").
#
#   benchmarks/verify.sh                 # 4 runs x 512 MiB, and 1000 small runs
#   LARGE_RUNS=8 LARGE_MIB=128 SMALL_RUNS=2000 REPEAT=5 benchmarks/verify.sh
#
# Makes the data once (through the library, benchmarks/verify/make-data.cs) under $VERIFY_BENCH_DIR, warms the page
# cache, then times `artifacts verify` (Release build, whole process, best of $REPEAT) against `openssl dgst -sha256`
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

LARGE=$WORK/large-${LARGE_RUNS}x${LARGE_MIB}
SMALL=$WORK/small-${SMALL_RUNS}
[[ -f $LARGE/index.jsonl ]] || dotnet run -c Release benchmarks/verify/make-data.cs -- large "$LARGE" "$LARGE_RUNS" "$LARGE_MIB" >&2
mkdir -p "$WORK/empty-root"
[[ -f $SMALL/index.jsonl ]] || dotnet run -c Release benchmarks/verify/make-data.cs -- small "$SMALL" "$SMALL_RUNS" >&2

# measure NAME CMD...: runs CMD $REPEAT times (it must succeed) and prints "NAME best_wall_s best_cpu_s", where cpu is
# user + system time of the command and all its children: less sensitive than wall time to other load on the machine.
measure() {
  python3 - "$REPEAT" "$@" <<'PY'
import resource, subprocess, sys, time
repeat, name, cmd = int(sys.argv[1]), sys.argv[2], sys.argv[3:]
walls, cpus = [], []
for _ in range(repeat):
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL)
    walls.append(time.perf_counter() - t0)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpus.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
print(name, f"{min(walls):.3f}", f"{min(cpus):.3f}")
PY
}

mapfile -t FILES < <(find "$LARGE" -path '*/original/*' -type f ! -name '*.clip.json' | sort)
BYTES=$(cat "${FILES[@]}" | wc -c)
cat "${FILES[@]}" >/dev/null # warm the page cache: both sides read from memory

echo "timing (best of $REPEAT)..." >&2
RESULTS=$(
  measure verify_p "${CLI[@]}" verify --root "$LARGE"
  measure openssl_p sh -c 'printf "%s\0" "$@" | xargs -0 -n1 -P'"$CORES"' openssl dgst -sha256' sh "${FILES[@]}"
  measure verify_1 "${CLI[@]}" verify --root "$LARGE" --parallel 1
  measure openssl_1 openssl dgst -sha256 "${FILES[@]}"
  measure small "${CLI[@]}" verify --root "$SMALL"
  measure start "${CLI[@]}" verify --root "$WORK/empty-root"
)
SUMMARY_LARGE=$("${CLI[@]}" verify --root "$LARGE")
SUMMARY_SMALL=$("${CLI[@]}" verify --root "$SMALL")

echo
echo "machine: $CORES core(s), load average $(cut -d' ' -f1-3 /proc/loadavg), $(openssl version | cut -d' ' -f1-2), .NET SDK $(dotnet --version)"
python3 - "$BYTES" "$LARGE_RUNS" "$LARGE_MIB" "$SMALL_RUNS" "$CORES" <<PY
import sys
bytes_, large_runs, large_mib, small_runs, cores = (int(a) for a in sys.argv[1:])
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
PY
echo "  verify's own summary: $SUMMARY_LARGE"
echo "  verify's own summary: $SUMMARY_SMALL"
