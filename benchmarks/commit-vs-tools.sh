#!/usr/bin/env bash
# Side by side, in one run: committing 1 GiB of outputs (sha256 on, flushed) against what a person would type for
# the same guarantees: cp + sync of the copies + openssl dgst -sha256 of them; against cp + sync alone (the floor for the
# bytes, no hash); and hard-link mode against openssl dgst -sha256 alone. Prints medians and ratios. Usage: benchmarks/commit-vs-tools.sh [REPEATS] [FILES] [MIB_PER_FILE]
# With no arguments it runs both cases of issue 10: one 1 GiB file, then four 256 MiB files (5 repeats each).
# The sides alternate in order (tools first, then the commit first); the data is deleted on exit. Needs ~2.5 GiB free
# in $BENCH_DIR (default a new folder under /var/tmp): check `df -h /var/tmp` first. Needs /usr/bin/time (GNU time) for the
# commit's CPU time. Fairness: the sources are read once before the first side, so every side reads them from the page
# cache; openssl hashes the fresh copies, also from the page cache; the commit is timed in process after a warm-up commit
# (no process start, no JIT), and it flushes more than `sync` of the copies does (folders, records, the index line).
set -euo pipefail
cd "$(dirname "$0")/.."
if [ $# -eq 0 ]; then
  "$0" 5 1 1024
  "$0" 5 4 256
  exit
fi
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
repeats=${1:-5}; nfiles=${2:-4}; mib=${3:-256}
work=${BENCH_DIR:-$(mktemp -d /var/tmp/ra-commit-bench.XXXXXX)}
trap 'rm -rf "$work"' EXIT
dotnet build benchmarks/RunArtifacts.Benchmarks -c Release -v q -nologo >/dev/null
bench="dotnet benchmarks/RunArtifacts.Benchmarks/bin/Release/net10.0/RunArtifacts.Benchmarks.dll"

mkdir -p "$work/src"
files=()
for i in $(seq 1 "$nfiles"); do
  head -c $((mib * 1024 * 1024)) /dev/urandom > "$work/src/out_$i.bin"; files+=("$work/src/out_$i.bin")
done
sync
cat "${files[@]}" > /dev/null   # sources warm in the page cache for every contender

now() { date +%s%N; }
ms() { echo $(( ($2 - $1) / 1000000 )); }
median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
declare -a tools_ms ours_ms ours_cpu sha_ms link_ms cpsync_ms
tools_side() {
  rm -rf "$work/cp"; sync
  t0=$(now); mkdir "$work/cp"; cp "${files[@]}" "$work/cp/"; sync "$work"/cp/*; openssl dgst -sha256 "$work"/cp/* > /dev/null; t1=$(now)
  tools_ms+=("$(ms "$t0" "$t1")")
  rm -rf "$work/cp"; sync
}
cpsync_side() {   # the floor for the bytes alone: no hash at all
  rm -rf "$work/cp"; sync
  t0=$(now); mkdir "$work/cp"; cp "${files[@]}" "$work/cp/"; sync "$work"/cp/*; t1=$(now)
  cpsync_ms+=("$(ms "$t0" "$t1")")
  rm -rf "$work/cp"; sync
}
copy_side() {
  rm -rf "$work/root"; sync
  ours_ms+=("$(/usr/bin/time -f '%U %S' -o "$work/cpu" $bench commit-once "$work/root" copy "${files[@]}" | cut -d' ' -f1)")
  ours_cpu+=("$(awk '{printf "%d", ($1 + $2) * 1000}' "$work/cpu")")
  rm -rf "$work/root"; sync
}
sha_side() {
  t0=$(now); openssl dgst -sha256 "${files[@]}" > /dev/null; t1=$(now)
  sha_ms+=("$(ms "$t0" "$t1")")
}
link_side() {
  rm -rf "$work/root"; sync
  link_ms+=("$($bench commit-once "$work/root" hardlink "${files[@]}" | cut -d' ' -f1)")
  rm -rf "$work/root"; sync
}
# The sides alternate in order from one repeat to the next, so drift in the machine's load falls on both alike.
for r in $(seq 1 "$repeats"); do
  if (( r % 2 )); then tools_side; copy_side; cpsync_side; sha_side; link_side; else copy_side; tools_side; link_side; sha_side; cpsync_side; fi
done
mt=$(printf '%s\n' "${tools_ms[@]}" | median); mo=$(printf '%s\n' "${ours_ms[@]}" | median)
ms_=$(printf '%s\n' "${sha_ms[@]}" | median); ml=$(printf '%s\n' "${link_ms[@]}" | median)
total=$((nfiles * mib))
echo "data: $nfiles x $mib MiB = $total MiB, $repeats repeats, medians"
echo "cp + sync + openssl dgst -sha256 : ${mt} ms   (runs: ${tools_ms[*]})"
echo "RunArtifacts commit (copy)       : ${mo} ms   (runs: ${ours_ms[*]})"
echo "  its process's CPU (user + sys)  : $(printf '%s\n' "${ours_cpu[@]}" | median) ms   (whole process: start, warm-up commit and the commit; runs: ${ours_cpu[*]})"
awk -v a="$mo" -v b="$mt" 'BEGIN {printf "ratio copy commit / tools        : %.2f (target <= 0.60)\n", a/b}'
mc=$(printf '%s\n' "${cpsync_ms[@]}" | median)
echo "cp + sync (no hash)              : ${mc} ms   (runs: ${cpsync_ms[*]})"
awk -v a="$mo" -v b="$mc" 'BEGIN {printf "ratio copy commit / (cp + sync)  : %.2f (the floor for the bytes alone)\n", a/b}'
echo "openssl dgst -sha256             : ${ms_} ms   (runs: ${sha_ms[*]})"
echo "RunArtifacts commit (hard link)  : ${ml} ms   (runs: ${link_ms[*]})"
awk -v a="$ml" -v b="$ms_" 'BEGIN {printf "ratio hard-link commit / openssl : %.2f (target <= 1.10)\n", a/b}'
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
