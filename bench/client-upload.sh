#!/usr/bin/env bash
# One large file uploaded to the same warm Carryon server by four clients, in turn (A B C D A B C D …):
# curl with a single PATCH (the reference), the carryon CLI, tus-js-client under Node and tus-java-client.
# The three tus clients send requests of CHUNK bytes (256 MiB, the CLI's default); each run is timed from
# the start of the command to its end, so the Java clients pay for starting a JVM and Node for starting
# Node. Both Java clients run with the launcher's client options (C1, serial GC, class-data archive).
# For the CLI, the time of the transfer alone (as it reports it, without starting the JVM) is shown too.
# Every upload is deleted after its run. Prints each run, the medians and the speed of each relative to curl.
# Usage: [BENCH_DIR=/var/tmp] bench/client-upload.sh [SIZE_MIB=1024] [ROUNDS=3]
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
SIZE_MIB=${1:-1024}
ROUNDS=${2:-3}
CHUNK=$((256 << 20))
WORK=$(mktemp -d "${BENCH_DIR:-/var/tmp}/carryon-bench.XXXXXX")
trap 'kill $(jobs -p) 2>/dev/null; rm -rf "$WORK"' EXIT

. "$ROOT/scripts/jdk.sh"
JDK=$(carryon_java_home)
JAR="$ROOT/cli/target/carryon.jar"
[ -f "$JAR" ] || (cd "$ROOT" && ./carryon --version >/dev/null)
[ -d "$ROOT/server/src/test/node/node_modules/tus-js-client" ] || npm ci --prefix "$ROOT/server/src/test/node" --no-audit --no-fund --loglevel=error
TUS_JAVA=$(find "$HOME/.m2/repository/io/tus/java/client/tus-java-client" -name 'tus-java-client-*.jar' | sort | tail -1)
[ -n "$TUS_JAVA" ] || (cd "$ROOT" && ./mvnw -q -B dependency:get -Dartifact=io.tus.java.client:tus-java-client:0.5.1)
TUS_JAVA=$(find "$HOME/.m2/repository/io/tus/java/client/tus-java-client" -name 'tus-java-client-*.jar' | sort | tail -1)
mkdir -p "$WORK/classes"
"$JDK/bin/javac" -nowarn -d "$WORK/classes" -cp "$TUS_JAVA" "$ROOT/bench/peers/clients/TusJavaUpload.java" 2>/dev/null
"$JDK/bin/jar" cf "$WORK/tus-java-upload.jar" -C "$WORK/classes" . # a class-data archive takes jars only
JAVA_CLIENT=(-XX:TieredStopAtLevel=1 -XX:+UseSerialGC -XX:+AutoCreateSharedArchive -Xlog:cds=off -Xlog:cds+dynamic=off)

head -c $((SIZE_MIB << 20)) /dev/urandom > "$WORK/payload"
mkdir -p "$WORK/data"
"$JDK/bin/java" -jar "$JAR" serve --port 1182 --data "$WORK/data" >/dev/null 2>&1 &
BASE=http://127.0.0.1:1182/files/
for _ in $(seq 1 100); do curl -s -o /dev/null -X OPTIONS "$BASE" && break; sleep 0.1; done

upload_curl() {
  local url
  url=$(curl -s -D - -o /dev/null -X POST "$BASE" -H 'Tus-Resumable: 1.0.0' -H "Upload-Length: $((SIZE_MIB << 20))" |
        tr -d '\r' | sed -n 's/^[Ll]ocation: //p')
  curl -s -f -o /dev/null -X PATCH "$url" -H 'Tus-Resumable: 1.0.0' -H 'Upload-Offset: 0' \
       -H 'Content-Type: application/offset+octet-stream' -T "$WORK/payload"
  echo "$url"
}
upload_carryon() {
  "$JDK/bin/java" "${JAVA_CLIENT[@]}" -XX:SharedArchiveFile="$WORK/carryon.jsa" -jar "$JAR" upload "$WORK/payload" "$BASE" \
      -q --no-resume --chunk-size $CHUNK --checkpoint-dir "$WORK/checkpoints" --json > "$WORK/result.json"
  sed -n 's/.*"seconds":\([0-9.]*\).*/\1/p' "$WORK/result.json" >> "$WORK/carryon-transfer"
  sed -n 's/.*"url":"\([^"]*\)".*/\1/p' "$WORK/result.json"
}
upload_tusjs() {
  node "$ROOT/bench/peers/clients/tus-js-upload.cjs" "$WORK/payload" "$BASE" $CHUNK
}
upload_tusjava() {
  "$JDK/bin/java" "${JAVA_CLIENT[@]}" -XX:SharedArchiveFile="$WORK/tus-java.jsa" -cp "$TUS_JAVA:$WORK/tus-java-upload.jar" \
      TusJavaUpload "$WORK/payload" "$BASE" $CHUNK
}
run_once() { # client → seconds; checks the stored size, then deletes the upload
  local start end url
  start=$(date +%s.%N)
  url=$("upload_$1" | tail -1)
  end=$(date +%s.%N)
  local stored
  stored=$(curl -s -I -H 'Tus-Resumable: 1.0.0' "$url" | tr -d '\r' | sed -n 's/^[Uu]pload-[Oo]ffset: //p')
  [ "$stored" = $((SIZE_MIB << 20)) ] || { echo "$1 stored '$stored' bytes at '$url'" >&2; exit 1; }
  curl -s -o /dev/null -X DELETE "$url" -H 'Tus-Resumable: 1.0.0'
  awk "BEGIN { printf \"%.3f\", $end - $start }"
}

CLIENTS=(curl carryon tusjs tusjava)
for c in "${CLIENTS[@]}"; do run_once "$c" >/dev/null; done # warm-up (and class-data archives), not counted
: > "$WORK/carryon-transfer"
declare -A TIMES
for i in $(seq 1 "$ROUNDS"); do
  line="round $i:"
  for c in "${CLIENTS[@]}"; do
    t=$(run_once "$c")
    TIMES[$c]="${TIMES[$c]:-} $t"
    line="$line $c $t s,"
  done
  echo "${line%,}"
done
median() { printf '%s\n' $@ | sort -g | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
mc=$(median ${TIMES[curl]})
for c in "${CLIENTS[@]}"; do
  m=$(median ${TIMES[$c]})
  awk -v c="$c" -v m="$m" -v s="$SIZE_MIB" -v ref="$mc" 'BEGIN {
    printf "%-8s median %.3f s  %6.0f MiB/s  speed vs curl %.2fx\n", c, m, s / m, ref / m }'
done
mt=$(median $(cat "$WORK/carryon-transfer"))
awk -v m="$mt" -v s="$SIZE_MIB" -v ref="$mc" 'BEGIN {
  printf "carryon transfer alone (without starting the JVM): median %.3f s  %6.0f MiB/s  vs curl %.2fx\n", m, s / m, ref / m }'
