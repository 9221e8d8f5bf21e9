#!/usr/bin/env bash
# One large upload streamed in a single PATCH with curl, Carryon and @tus/server alternately (A B A B …),
# each on an empty data directory on the same disk. Prints each run and the medians.
# Usage: bench/single-patch.sh [SIZE_MIB=200] [PAIRS=5]
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
SIZE_MIB=${1:-200}
PAIRS=${2:-5}
WORK=$(mktemp -d /var/tmp/carryon-bench.XXXXXX)
trap 'kill $(jobs -p) 2>/dev/null; rm -rf "$WORK"' EXIT

. "$ROOT/scripts/jdk.sh"
JDK=$(carryon_java_home)
[ -d "$ROOT/bench/peers/node_modules/@tus/server" ] || npm install --prefix "$ROOT/bench/peers" --no-audit --no-fund --loglevel=error
[ -f "$ROOT/cli/target/carryon.jar" ] || (cd "$ROOT" && ./carryon --version >/dev/null)
head -c $((SIZE_MIB << 20)) /dev/urandom > "$WORK/payload"

wait_up() { for _ in $(seq 1 100); do curl -s -o /dev/null -X OPTIONS "$1" && return 0; sleep 0.1; done; return 1; }

run_once() { # name → seconds for create + one PATCH of the payload
  local name=$1 port url start end
  rm -rf "$WORK/data" && mkdir -p "$WORK/data"
  case $name in
    carryon) port=1180; "$JDK/bin/java" -jar "$ROOT/cli/target/carryon.jar" serve --port $port --data "$WORK/data" >/dev/null 2>&1 & ;;
    tus-node) port=1181; node "$ROOT/bench/peers/tus-node-server.mjs" $port "$WORK/data" >/dev/null 2>&1 & ;;
  esac
  local pid=$!
  wait_up "http://127.0.0.1:$port/files/"
  start=$(date +%s.%N)
  url=$(curl -s -D - -o /dev/null -X POST "http://127.0.0.1:$port/files/" -H 'Tus-Resumable: 1.0.0' \
        -H "Upload-Length: $((SIZE_MIB << 20))" | tr -d '\r' | sed -n 's/^[Ll]ocation: //p')
  curl -s -f -o /dev/null -X PATCH "$url" -H 'Tus-Resumable: 1.0.0' -H 'Upload-Offset: 0' \
       -H 'Content-Type: application/offset+octet-stream' -T "$WORK/payload"
  end=$(date +%s.%N)
  kill $pid; wait $pid 2>/dev/null || true
  awk "BEGIN { printf \"%.3f\", $end - $start }"
}

declare -a carryon tusnode
for i in $(seq 1 "$PAIRS"); do
  carryon+=("$(run_once carryon)")
  tusnode+=("$(run_once tus-node)")
  echo "pair $i: carryon ${carryon[-1]} s, @tus/server ${tusnode[-1]} s"
done
median() { printf '%s\n' "$@" | sort -g | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
mc=$(median "${carryon[@]}"); mt=$(median "${tusnode[@]}")
awk -v n="$PAIRS" -v s="$SIZE_MIB" -v c="$mc" -v t="$mt" 'BEGIN { printf "median of %d: carryon %.3f s (%.0f MiB/s), @tus/server %.3f s (%.0f MiB/s), speed ratio %.2fx\n", n, c, s / c, t, s / t, t / c }'
