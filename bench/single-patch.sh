#!/usr/bin/env bash
# One large upload streamed in a single PATCH with curl, Carryon and @tus/server alternately (A B A B …),
# each on an empty data directory on the same disk, and `dd conv=fdatasync` of the same bytes to that disk
# as the physical limit. Carryon acknowledges only bytes forced to disk; @tus/server does not force them,
# so on a disk it is measured without that cost. Set BENCH_DIR=/dev/shm to take the disk out of the
# comparison. Prints each run and the medians.
# Usage: [BENCH_DIR=/var/tmp] bench/single-patch.sh [SIZE_MIB=200] [PAIRS=5]
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
SIZE_MIB=${1:-200}
PAIRS=${2:-5}
WORK=$(mktemp -d "${BENCH_DIR:-/var/tmp}/carryon-bench.XXXXXX")
trap 'kill $(jobs -p) 2>/dev/null; rm -rf "$WORK"' EXIT

. "$ROOT/scripts/jdk.sh"
JDK=$(carryon_java_home)
[ -d "$ROOT/bench/peers/node_modules/@tus/server" ] || npm install --prefix "$ROOT/bench/peers" --no-audit --no-fund --loglevel=error
[ -f "$ROOT/cli/target/carryon.jar" ] || (cd "$ROOT" && ./carryon --version >/dev/null)
head -c $((SIZE_MIB << 20)) /dev/urandom > "$WORK/payload"

wait_up() { for _ in $(seq 1 100); do curl -s -o /dev/null -X OPTIONS "$1" && return 0; sleep 0.1; done; return 1; }

# Each server runs for the whole benchmark, as servers do, on its own empty directory on the same disk.
mkdir -p "$WORK/carryon" "$WORK/tus-node"
"$JDK/bin/java" -jar "$ROOT/cli/target/carryon.jar" serve --port 1180 --data "$WORK/carryon" >/dev/null 2>&1 &
node "$ROOT/bench/peers/tus-node-server.mjs" 1181 "$WORK/tus-node" >/dev/null 2>&1 &
declare -A PORT=([carryon]=1180 [tus-node]=1181)
wait_up "http://127.0.0.1:1180/files/"
wait_up "http://127.0.0.1:1181/files/"

run_once() { # name → seconds for create + one PATCH of the payload; the upload is deleted afterwards
  local base="http://127.0.0.1:${PORT[$1]}/files/" url start end
  start=$(date +%s.%N)
  url=$(curl -s -D - -o /dev/null -X POST "$base" -H 'Tus-Resumable: 1.0.0' \
        -H "Upload-Length: $((SIZE_MIB << 20))" | tr -d '\r' | sed -n 's/^[Ll]ocation: //p')
  curl -s -f -o /dev/null -X PATCH "$url" -H 'Tus-Resumable: 1.0.0' -H 'Upload-Offset: 0' \
       -H 'Content-Type: application/offset+octet-stream' -T "$WORK/payload"
  end=$(date +%s.%N)
  curl -s -o /dev/null -X DELETE "$url" -H 'Tus-Resumable: 1.0.0'
  awk "BEGIN { printf \"%.3f\", $end - $start }"
}

dd_once() {
  rm -f "$WORK/dd.out"
  local start end
  start=$(date +%s.%N)
  dd if="$WORK/payload" of="$WORK/dd.out" bs=1M conv=fdatasync status=none
  end=$(date +%s.%N)
  rm -f "$WORK/dd.out"
  awk "BEGIN { printf \"%.3f\", $end - $start }"
}

run_once carryon >/dev/null; run_once tus-node >/dev/null # warm-up, not counted
declare -a carryon tusnode ddlimit
for i in $(seq 1 "$PAIRS"); do
  carryon+=("$(run_once carryon)")
  tusnode+=("$(run_once tus-node)")
  ddlimit+=("$(dd_once)")
  echo "run $i: carryon ${carryon[-1]} s, @tus/server ${tusnode[-1]} s, dd conv=fdatasync ${ddlimit[-1]} s"
done
median() { printf '%s\n' "$@" | sort -g | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
mc=$(median "${carryon[@]}"); mt=$(median "${tusnode[@]}"); md=$(median "${ddlimit[@]}")
awk -v n="$PAIRS" -v s="$SIZE_MIB" -v c="$mc" -v t="$mt" -v d="$md" 'BEGIN {
  printf "median of %d: carryon %.3f s (%.0f MiB/s), @tus/server %.3f s (%.0f MiB/s), dd %.3f s (%.0f MiB/s)\n", n, c, s / c, t, s / t, d, s / d
  printf "carryon speed vs @tus/server %.2fx, vs the dd limit %.2fx\n", t / c, d / c }'
