#!/usr/bin/env bash
# `artifacts commit` of one image (web + thumb through RunArtifacts.Vips) against two plain ffmpeg commands and two
# vipsthumbnail calls making the same two files, side by side in one run: the tool runs twice over, as the built
# framework-dependent tool (`dotnet artifacts.dll`, JIT) and published with native AOT (the `artifacts` executable);
# the four sides take turns in a rotating order, each run timed by bash's microsecond clock (wall) and /usr/bin/time (peak RSS), medians printed.
#
# Usage: benchmarks/images-vips.sh [REPEATS] [CASES]     REPEATS default 7; CASES default "png4096 jpeg2048 jpeg40mp"
#        ARTIFACTS_AOT=/path/to/artifacts reuses a native build instead of publishing one (a few minutes).
# Needs: the .NET SDK, ffmpeg, vipsthumbnail (Debian libvips-tools), /usr/bin/time (Debian time). Results: README.md.
#
# What the artifacts sides include: starting the tool (JIT: `dotnet artifacts.dll`; AOT: the native executable), copying and
# hashing the original (sha256), probing its header, the web copy and thumbnail (one decode), hashing them, writing
# run.json/manifest/sidecars, fsync of every file and folder, the atomic rename and the index line. The other sides only
# decode and encode the two files.
#
# Same encoder settings on every side (RunArtifacts.Vips' defaults): WebP Q 82 (web) / 76 (thumb), effort (libwebp
# "method") 4, no smart subsampling, no metadata kept (ours: keep=none; vipsthumbnail 8.14: strip; ffmpeg writes none).
# They are spelled out below although they are each tool's default, so that a changed default shows here.
set -euo pipefail
repeats=${1:-7}
cases=${2:-"png4096 jpeg2048 jpeg40mp"}
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/.." && pwd)
for tool in ffmpeg vipsthumbnail /usr/bin/time; do
  command -v "$tool" >/dev/null || { echo "images-vips.sh: $tool is missing (apt-get install ffmpeg libvips-tools time)" >&2; exit 2; }
done

dotnet build "$repo/src/RunArtifacts.Cli" -c Release -v quiet -nologo >/dev/null
cli="$repo/src/RunArtifacts.Cli/bin/Release/net10.0/artifacts.dll"
work=$(mktemp -d /tmp/images-vips.XXXXXX)
trap 'rm -rf "$work"' EXIT
aot=${ARTIFACTS_AOT:-}
if [ -z "$aot" ]; then
  dotnet publish "$repo/src/RunArtifacts.Cli" -c Release -r linux-x64 -p:PublishAot=true -o "$work/aot" -v quiet -nologo >/dev/null
  aot="$work/aot/artifacts"
fi

make_image() { # name -> path of a generated test image (no download)
  case $1 in
    png4096) ffmpeg -v error -y -f lavfi -i "testsrc2=s=4096x4096" -frames:v 1 "$work/in-png4096.png"; echo "$work/in-png4096.png" ;;
    jpeg2048) ffmpeg -v error -y -f lavfi -i "testsrc2=s=2048x1536" -frames:v 1 -q:v 2 "$work/in-jpeg2048.jpg"; echo "$work/in-jpeg2048.jpg" ;;
    jpeg40mp) ffmpeg -v error -y -f lavfi -i "testsrc2=s=7296x5472" -frames:v 1 -q:v 2 "$work/in-jpeg40mp.jpg"; echo "$work/in-jpeg40mp.jpg" ;;
    *) echo "unknown case $1" >&2; exit 2 ;;
  esac
}

timed() { # label command... -> appends "label seconds kilobytes" to $work/times
  # Wall time from bash's microsecond clock ($EPOCHREALTIME; /usr/bin/time's %e has 10 ms steps, too coarse for a
  # 0.2 s commit), peak RSS from /usr/bin/time, whose own start is in every side alike.
  local label=$1 t0 t1; shift
  t0=$EPOCHREALTIME
  /usr/bin/time -f "%M" -o "$work/rss" "$@" >/dev/null 2>"$work/last.err" || { cat "$work/last.err" >&2; exit 1; }
  t1=$EPOCHREALTIME
  echo "$label $(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.4f", b - a }') $(cat "$work/rss")" >>"$work/times"
}

side() { # side image
  local out="$work/out"; rm -rf "$out"; mkdir -p "$out"
  case $1 in
    artifacts) timed artifacts dotnet "$cli" commit --root "$work/root" --model-key bench --output "$2" ;;
    aot) timed aot "$aot" commit --root "$work/root" --model-key bench --output "$2" ;;
    ffmpeg) timed ffmpeg sh -c '
        ffmpeg -v error -nostdin -y -i "$1" -vf "scale=1600:1600:force_original_aspect_ratio=decrease" -c:v libwebp -quality 82 -compression_level 4 "$2/web.webp" &&
        ffmpeg -v error -nostdin -y -i "$1" -vf "scale=384:384:force_original_aspect_ratio=decrease" -c:v libwebp -quality 76 -compression_level 4 "$2/thumb.webp"' _ "$2" "$out" ;;
    vipsthumbnail) timed vipsthumbnail sh -c '
        vipsthumbnail "$1" --size 1600 -o "$2/web.webp[Q=82,effort=4,strip]" &&
        vipsthumbnail "$1" --size 384 -o "$2/thumb.webp[Q=76,effort=4,strip]"' _ "$2" "$out" ;;
  esac
}

median() { sort -n | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

echo "load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
printf '%-9s %9s %9s %9s %11s %9s %9s %9s %9s %9s %9s\n' case jit_s aot_s ffmpeg_s vipsthumb_s "jit÷ff" "jit÷vips" "aot÷ff" "aot÷vips" jit_MB aot_MB
for c in $cases; do
  img=$(make_image "$c")
  : >"$work/times"
  sides=(artifacts aot ffmpeg vipsthumbnail)
  for s in "${sides[@]}"; do side "$s" "$img"; done   # warm-up: page cache, tool builds; not counted
  : >"$work/times"
  for ((i = 0; i < repeats; i++)); do
    for ((j = 0; j < 4; j++)); do side "${sides[$(((i + j) % 4))]}" "$img"; done
  done
  med() { awk -v s="$1" -v c="$2" '$1 == s { print $c }' "$work/times" | median; }
  ratio() { awk -v x="$1" -v y="$2" 'BEGIN { print x / y }'; }
  a=$(med artifacts 2); n=$(med aot 2); f=$(med ffmpeg 2); v=$(med vipsthumbnail 2)
  am=$(awk '$1 == "artifacts" { print $3 / 1024 }' "$work/times" | median); nm=$(awk '$1 == "aot" { print $3 / 1024 }' "$work/times" | median)
  printf '%-9s %9.3f %9.3f %9.3f %11.3f %9.2f %9.2f %9.2f %9.2f %9.0f %9.0f\n' "$c" "$a" "$n" "$f" "$v" "$(ratio "$a" "$f")" "$(ratio "$a" "$v")" "$(ratio "$n" "$f")" "$(ratio "$n" "$v")" "$am" "$nm"
  for s in artifacts aot ffmpeg vipsthumbnail; do echo "  runs (s) $s: $(awk -v s="$s" '$1 == s { printf "%.3f ", $2 }' "$work/times")"; done
  rm -rf "$work/root"
done
echo "load average at end: $(cut -d' ' -f1-3 /proc/loadavg)"
