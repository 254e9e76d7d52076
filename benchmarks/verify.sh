#!/usr/bin/env bash
# Verify throughput benchmark (see benchmarks/README.md, "Verify").
#
#   benchmarks/verify.sh                 # 4 runs x 256 MiB, and 1000 small runs
#   LARGE_RUNS=8 LARGE_MIB=128 SMALL_RUNS=2000 REPEAT=5 benchmarks/verify.sh
#
# Makes the data once (through the library, benchmarks/verify/make-data.cs) under $VERIFY_BENCH_DIR, warms the page
# cache, then times `artifacts verify` (Release build, whole process, best of $REPEAT) against `openssl dgst -sha256`
# of the same original files (one process per file, as many at once as verify hashes at once).
set -euo pipefail
cd "$(dirname "$0")/.."

WORK=${VERIFY_BENCH_DIR:-${TMPDIR:-/tmp}/ra-verify-bench}
LARGE_RUNS=${LARGE_RUNS:-4}
LARGE_MIB=${LARGE_MIB:-256}
SMALL_RUNS=${SMALL_RUNS:-1000}
REPEAT=${REPEAT:-3}
CORES=$(nproc)

echo "building artifacts (Release)..." >&2
dotnet build src/RunArtifacts.Cli -c Release -nologo -v q >&2
CLI=(dotnet src/RunArtifacts.Cli/bin/Release/net10.0/artifacts.dll)

LARGE=$WORK/large-${LARGE_RUNS}x${LARGE_MIB}
SMALL=$WORK/small-${SMALL_RUNS}
[[ -f $LARGE/index.jsonl ]] || dotnet run -c Release benchmarks/verify/make-data.cs -- large "$LARGE" "$LARGE_RUNS" "$LARGE_MIB" >&2
[[ -f $SMALL/index.jsonl ]] || dotnet run -c Release benchmarks/verify/make-data.cs -- small "$SMALL" "$SMALL_RUNS" >&2

now() { date +%s%N; }
# best_of CMD...: the smallest wall-clock time of $REPEAT runs, in seconds; the command must succeed.
best_of() {
  local best="" t0 t1 dt
  for _ in $(seq "$REPEAT"); do
    t0=$(now); "$@" >/dev/null; t1=$(now)
    dt=$(( t1 - t0 ))
    if [[ -z $best || $dt -lt $best ]]; then best=$dt; fi
  done
  python3 -c "print(f'{$best/1e9:.3f}')"
}
ratio() { python3 -c "print(f'{$1/$2:.2f}')"; }
mbs() { python3 -c "print(f'{$1/1e6/$2:.1f}')"; }

mapfile -t FILES < <(find "$LARGE" -path '*/original/*' -type f ! -name '*.clip.json' | sort)
BYTES=$(cat "${FILES[@]}" | wc -c)
cat "${FILES[@]}" >/dev/null # warm the page cache: both sides read from memory

openssl_parallel() { printf '%s\0' "${FILES[@]}" | xargs -0 -n1 -P"$CORES" openssl dgst -sha256; }
openssl_serial() { openssl dgst -sha256 "${FILES[@]}"; }

echo "timing (best of $REPEAT)..." >&2
T_VERIFY_P=$(best_of "${CLI[@]}" verify --root "$LARGE")
T_OPENSSL_P=$(best_of openssl_parallel)
T_VERIFY_1=$(best_of "${CLI[@]}" verify --root "$LARGE" --parallel 1)
T_OPENSSL_1=$(best_of openssl_serial)
T_SMALL=$(best_of "${CLI[@]}" verify --root "$SMALL")
T_NOOP=$(best_of "${CLI[@]}" --help)
SUMMARY_LARGE=$("${CLI[@]}" verify --root "$LARGE")
SUMMARY_SMALL=$("${CLI[@]}" verify --root "$SMALL")

echo
echo "machine: $CORES core(s), $(openssl version), $(dotnet --version) SDK"
echo "large: $LARGE_RUNS run(s) x $LARGE_MIB MiB = $(python3 -c "print(f'{$BYTES/1e6:.0f}')") MB of originals (+ records and logs)"
printf '%-44s %8s s %9s MB/s\n' "artifacts verify (parallel $CORES)" "$T_VERIFY_P" "$(mbs "$BYTES" "$T_VERIFY_P")"
printf '%-44s %8s s %9s MB/s\n' "openssl dgst -sha256 (xargs -P $CORES)" "$T_OPENSSL_P" "$(mbs "$BYTES" "$T_OPENSSL_P")"
printf '%-44s %8s\n' "  ratio verify/openssl (target >= 0.90)" "$(ratio "$T_OPENSSL_P" "$T_VERIFY_P")"
printf '%-44s %8s s %9s MB/s\n' "artifacts verify --parallel 1" "$T_VERIFY_1" "$(mbs "$BYTES" "$T_VERIFY_1")"
printf '%-44s %8s s %9s MB/s\n' "openssl dgst -sha256 (one process)" "$T_OPENSSL_1" "$(mbs "$BYTES" "$T_OPENSSL_1")"
printf '%-44s %8s\n' "  ratio verify/openssl, one core" "$(ratio "$T_OPENSSL_1" "$T_VERIFY_1")"
echo "  verify's own summary: $SUMMARY_LARGE"
echo "small: $SMALL_RUNS run(s)"
printf '%-44s %8s s %9s runs/s\n' "artifacts verify (parallel $CORES)" "$T_SMALL" "$(python3 -c "print(f'{$SMALL_RUNS/$T_SMALL:.0f}')")"
printf '%-44s %8s s\n' "  of which process start (artifacts --help)" "$T_NOOP"
echo "  verify's own summary: $SUMMARY_SMALL"
