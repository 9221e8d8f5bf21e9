#!/usr/bin/env bash
# The carryon CLI's heap while it uploads a long generated stream from stdin (`carryon stream`), with a
# small maximum heap: samples `jstat -gc` every second and prints the heap in use over time, its peak,
# and the collections, so that one can see it does not grow with the size of the stream. The stream is
# generated (zeros from /dev/zero through a pipe), not read from a file, and stored by a local Carryon
# server whose uploads are deleted at the end. Needs SIZE_GIB of free disk under BENCH_DIR.
# Usage: [BENCH_DIR=/var/tmp] bench/stream-heap.sh [SIZE_GIB=10] [XMX=64m]
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
SIZE_GIB=${1:-10}
XMX=${2:-64m}
WORK=$(mktemp -d "${BENCH_DIR:-/var/tmp}/carryon-bench.XXXXXX")
trap 'kill $(jobs -p) 2>/dev/null; rm -rf "$WORK"' EXIT

. "$ROOT/scripts/jdk.sh"
JDK=$(carryon_java_home)
JAR="$ROOT/cli/target/carryon.jar"
[ -f "$JAR" ] || (cd "$ROOT" && ./carryon --version >/dev/null)

mkdir -p "$WORK/data"
"$JDK/bin/java" -jar "$JAR" serve --port 1183 --data "$WORK/data" >/dev/null 2>&1 &
BASE=http://127.0.0.1:1183/files/
for _ in $(seq 1 100); do curl -s -o /dev/null -X OPTIONS "$BASE" && break; sleep 0.1; done

start=$(date +%s.%N)
head -c $((SIZE_GIB << 30)) /dev/zero |
  "$JDK/bin/java" -Xmx"$XMX" -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -jar "$JAR" stream "$BASE" -q \
      > "$WORK/url" 2> "$WORK/stderr" &
sleep 0.5
PID=$(pgrep -f -n "carryon.jar stream $BASE")
# S0U S1U EU OU are the used parts of the heap (KB); YGC and FGC count collections.
"$JDK/bin/jstat" -gc "$PID" 1000 > "$WORK/jstat" 2>/dev/null &
wait "$PID" || { echo "carryon stream failed:"; cat "$WORK/stderr"; exit 1; }
end=$(date +%s.%N)
sleep 1.2

url=$(cat "$WORK/url")
stored=$(curl -s -I -H 'Tus-Resumable: 1.0.0' "$url" | tr -d '\r' | sed -n 's/^[Uu]pload-[Oo]ffset: //p')
[ "$stored" = $((SIZE_GIB << 30)) ] || { echo "the server stored '$stored' bytes at $url"; exit 1; }
curl -s -o /dev/null -X DELETE "$url" -H 'Tus-Resumable: 1.0.0'

awk -v xmx="$XMX" -v size="$SIZE_GIB" -v secs="$(awk "BEGIN { print $end - $start }")" '
  $1 == "S0C" { for (i = 1; i <= NF; i++) col[$i] = i; next }
  col["EU"] && NF > 10 {
    used = ($col["S0U"] + $col["S1U"] + $col["EU"] + $col["OU"]) / 1024
    n++; heap[n] = used; if (used > peak) peak = used
    old[n] = $col["OU"] / 1024; ygc = $col["YGC"]; fgc = $col["FGC"]
  }
  END {
    printf "streamed %d GiB in %.1f s (%.0f MiB/s) with -Xmx%s; %d samples\n", size, secs, size * 1024 / secs, xmx, n
    printf "heap in use (MiB) at 10%%, 25%%, 50%%, 75%%, 100%% of the run: %.1f %.1f %.1f %.1f %.1f\n",
      heap[int(n * 0.1) + 1], heap[int(n * 0.25) + 1], heap[int(n * 0.5) + 1], heap[int(n * 0.75) + 1], heap[n]
    printf "old generation (MiB) at the same points: %.1f %.1f %.1f %.1f %.1f\n",
      old[int(n * 0.1) + 1], old[int(n * 0.25) + 1], old[int(n * 0.5) + 1], old[int(n * 0.75) + 1], old[n]
    printf "peak heap in use %.1f MiB; %d young and %d full collections\n", peak, ygc, fgc
  }' "$WORK/jstat"
