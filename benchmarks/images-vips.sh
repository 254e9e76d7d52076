#!/usr/bin/env bash
# `artifacts commit` of one image (web + thumb through RunArtifacts.Vips) against two plain ffmpeg commands and two
# vipsthumbnail calls making the same two files, side by side in one run: the three sides take turns in a rotating
# order, each run timed by /usr/bin/time (wall seconds and peak RSS), medians printed.
#
# Usage: benchmarks/images-vips.sh [REPEATS] [CASES]     REPEATS default 7; CASES default "png4096 jpeg2048 jpeg40mp"
# Needs: the .NET SDK, ffmpeg, vipsthumbnail (Debian libvips-tools), /usr/bin/time (Debian time). Results: README.md.
#
# What the artifacts side includes: starting the built tool (`dotnet artifacts.dll`, JIT, no ReadyToRun), copying and
# hashing the original (sha256), probing its header, the web copy and thumbnail (one decode), hashing them, writing
# run.json/manifest/sidecars, fsync of every file and folder, the atomic rename and the index line. The other sides only
# decode and encode the two files.
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

make_image() { # name -> path of a generated test image (no download)
  case $1 in
    png4096) ffmpeg -v error -y -f lavfi -i "testsrc2=s=4096x4096" -frames:v 1 "$work/in-png4096.png"; echo "$work/in-png4096.png" ;;
    jpeg2048) ffmpeg -v error -y -f lavfi -i "testsrc2=s=2048x1536" -frames:v 1 -q:v 2 "$work/in-jpeg2048.jpg"; echo "$work/in-jpeg2048.jpg" ;;
    jpeg40mp) ffmpeg -v error -y -f lavfi -i "testsrc2=s=7296x5472" -frames:v 1 -q:v 2 "$work/in-jpeg40mp.jpg"; echo "$work/in-jpeg40mp.jpg" ;;
    *) echo "unknown case $1" >&2; exit 2 ;;
  esac
}

timed() { # label command... -> appends "label seconds kilobytes" to $work/times
  local label=$1; shift
  /usr/bin/time -f "$label %e %M" -a -o "$work/times" "$@" >/dev/null 2>"$work/last.err" || { cat "$work/last.err" >&2; exit 1; }
}

side() { # side image
  local out="$work/out"; rm -rf "$out"; mkdir -p "$out"
  case $1 in
    artifacts) timed artifacts dotnet "$cli" commit --root "$work/root" --model-key bench --output "$2" ;;
    ffmpeg) timed ffmpeg sh -c '
        ffmpeg -v error -nostdin -y -i "$1" -vf "scale=1600:1600:force_original_aspect_ratio=decrease" -c:v libwebp -quality 82 "$2/web.webp" &&
        ffmpeg -v error -nostdin -y -i "$1" -vf "scale=384:384:force_original_aspect_ratio=decrease" -c:v libwebp -quality 76 "$2/thumb.webp"' _ "$2" "$out" ;;
    vipsthumbnail) timed vipsthumbnail sh -c '
        vipsthumbnail "$1" --size 1600 -o "$2/web.webp[Q=82]" &&
        vipsthumbnail "$1" --size 384 -o "$2/thumb.webp[Q=76]"' _ "$2" "$out" ;;
  esac
}

median() { sort -n | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

echo "load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
printf '%-9s %12s %12s %12s %9s %9s %16s\n' case artifacts_s ffmpeg_s vipsthumb_s "÷ffmpeg" "÷vips" artifacts_peak_MB
for c in $cases; do
  img=$(make_image "$c")
  : >"$work/times"
  sides=(artifacts ffmpeg vipsthumbnail)
  for s in "${sides[@]}"; do side "$s" "$img"; done   # warm-up: page cache, tool builds; not counted
  : >"$work/times"
  for ((i = 0; i < repeats; i++)); do
    for ((j = 0; j < 3; j++)); do side "${sides[$(((i + j) % 3))]}" "$img"; done
  done
  a=$(awk '$1 == "artifacts" { print $2 }' "$work/times" | median)
  f=$(awk '$1 == "ffmpeg" { print $2 }' "$work/times" | median)
  v=$(awk '$1 == "vipsthumbnail" { print $2 }' "$work/times" | median)
  m=$(awk '$1 == "artifacts" { print $3 / 1024 }' "$work/times" | median)
  printf '%-9s %12.3f %12.3f %12.3f %9.2f %9.2f %16.0f\n' "$c" "$a" "$f" "$v" "$(awk -v x="$a" -v y="$f" 'BEGIN { print x / y }')" "$(awk -v x="$a" -v y="$v" 'BEGIN { print x / y }')" "$m"
  echo "  runs (s): artifacts $(awk '$1 == "artifacts" { printf "%s ", $2 }' "$work/times")| ffmpeg $(awk '$1 == "ffmpeg" { printf "%s ", $2 }' "$work/times")| vipsthumbnail $(awk '$1 == "vipsthumbnail" { printf "%s ", $2 }' "$work/times")"
  rm -rf "$work/root"
done
echo "load average at end: $(cut -d' ' -f1-3 /proc/loadavg)"
