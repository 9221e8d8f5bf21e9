#!/usr/bin/env bash
# Scenario 2: many uploads of 16 MiB sent in 1 MiB PATCHes, by wrk with bench/wrk/tus-upload.lua over 2, 8 and
# 64 connections, one upload after another on each connection, for BENCH_SECONDS. Every server runs for the
# whole scenario on its own directory of the same disk, which is emptied after each run.
. "$(dirname "$0")/../lib.sh"
command -v wrk >/dev/null || skip "wrk is not installed (Debian: apt-get install wrk)"
UPLOAD=$((16 << 20)) CHUNK=$((1 << 20))
[ "$BENCH_SMOKE" = 1 ] && UPLOAD=$((1 << 20)) CHUNK=$((256 << 10))
CONNECTIONS=(2 8 64)
title 2 "Many $(human $UPLOAD) uploads in $(human $CHUNK) PATCHes"
describe "wrk runs complete tus uploads of $(human $UPLOAD), each a creation request and PATCHes of $(human $CHUNK), one after another on each of 2, 8 and 64 connections for ${BENCH_SECONDS} s ([bench/wrk/tus-upload.lua](bench/wrk/tus-upload.lua)). MiB/s counts every byte acknowledged. Uploads/s is the rate of whole uploads that this sustains, the bytes acknowledged divided by the upload's size: an upload still in progress when the run ends counts by the share of it stored, since counting finished uploads alone would drop up to one upload per connection (at 64 connections, most of what a short run moves). Carryon forces every PATCH's bytes to disk before it answers; the peers do not."
for c in "${CONNECTIONS[@]}"; do
  measure "uploads-$c" uploads/s higher Carryon "Uploads over $c connections"
  target "uploads-$c" Carryon "@tus/server,tus-java-server" 2 "at least 2× the faster peer"
done
for c in "${CONNECTIONS[@]}"; do
  measure "mibs-$c" MiB/s higher Carryon "Bytes acknowledged over $c connections"
done

declare -A BASES DATA
DATA[Carryon]=$BENCH_WORK/carryon DATA[@tus/server]=$BENCH_WORK/tus-node DATA[tus-java-server]=$BENCH_WORK/tus-java
start_carryon "${DATA[Carryon]}"; BASES[Carryon]=$BASE
start_tus_node "${DATA[@tus/server]}"; BASES[@tus/server]=$BASE
start_tus_java "${DATA[tus-java-server]}"; BASES[tus-java-server]=$BASE
servers_up
command_of wrk "TUS_SIZE=$UPLOAD TUS_CHUNK=$CHUNK wrk -t\$C -c\$C -d${BENCH_SECONDS}s -s bench/wrk/tus-upload.lua \$BASE"

# wrk_once SUBJECT CONNECTIONS SECONDS: prints "uploads/s MiB/s", then empties the server's directory.
wrk_once() {
  local out line
  out=$(TUS_SIZE=$UPLOAD TUS_CHUNK=$CHUNK wrk -t"$2" -c"$2" -d"$3s" --timeout 60s \
        -s "$BENCH_ROOT/bench/wrk/tus-upload.lua" "${BASES[$1]}")
  line=$(grep '^tus ' <<< "$out") || { log "wrk printed no result: $out"; return 1; }
  local uploads bytes errors seconds
  read -r uploads bytes errors seconds < <(sed -E 's/^tus uploads=([0-9]+) bytes=([0-9]+) errors=([0-9]+) seconds=([0-9.]+)$/\1 \2 \3 \4/' <<< "$line")
  if [ "$errors" != 0 ]; then
    note "$1 refused $errors requests over $2 connections in one run (wrk then starts a new upload)."
  fi
  sleep 0.2 # let the servers finish with the connections wrk closed
  find "${DATA[$1]}" -mindepth 1 -type f -delete
  find "${DATA[$1]}" -mindepth 2 -type d -empty -delete
  calc "$bytes / $UPLOAD / $seconds"; printf ' '; calc "$(mib "$bytes") / $seconds"; echo
}

SUBJECTS=(Carryon @tus/server tus-java-server)
WARM=$([ "$BENCH_SMOKE" = 1 ] && echo 1 || echo 3)
for s in "${SUBJECTS[@]}"; do wrk_once "$s" 8 "$WARM" >/dev/null; done # warm-up, not counted
for c in "${CONNECTIONS[@]}"; do
  for pair in $(seq 1 "$BENCH_PAIRS"); do
    log "$c connections, pair $pair"
    for s in "${SUBJECTS[@]}"; do
      read -r rate mibs < <(wrk_once "$s" "$c" "$BENCH_SECONDS" || true)
      [ -n "${mibs:-}" ] || exit 1
      sample "uploads-$c" "$s" "$rate"
      sample "mibs-$c" "$s" "$mibs"
    done
  done
done
