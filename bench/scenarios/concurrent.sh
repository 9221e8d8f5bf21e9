#!/usr/bin/env bash
# Scenario 3: a crowd of small uploads at the same instant. bench/tools/TusLoad.java opens one connection per
# upload, all at once, and on each sends a creation request and one PATCH of 64 KiB; it records the time of
# each (from opening the connection to the PATCH's response) and samples the server's resident memory.
# Every server runs for the whole scenario on its own directory, emptied after each run.
. "$(dirname "$0")/../lib.sh"
UPLOADS=1000
[ "$BENCH_SMOKE" = 1 ] && UPLOADS=100
SIZE=$((64 << 10))
title 3 "$(count $UPLOADS) concurrent $(human $SIZE) uploads"
describe "$(count $UPLOADS) uploads start at the same instant, each on its own connection: a creation request, then one PATCH of $(human $SIZE). The latency of an upload runs from opening its connection to the PATCH's response ([bench/tools/TusLoad.java](bench/tools/TusLoad.java), one virtual thread and a bare socket per upload). The server's resident memory (RSS) is sampled every 20 ms during the run. Carryon forces each upload's bytes to disk before it answers; the peers do not."
measure p50 ms lower Carryon "Median latency of create + PATCH"
measure p99 ms lower Carryon "99th percentile latency of create + PATCH"
measure rss MiB lower Carryon "Peak server RSS during the run"

declare -A BASES PIDS DATA
DATA[Carryon]=$BENCH_WORK/carryon DATA[@tus/server]=$BENCH_WORK/tus-node DATA[tus-java-server]=$BENCH_WORK/tus-java
start_carryon "${DATA[Carryon]}"; BASES[Carryon]=$BASE PIDS[Carryon]=$PID
start_tus_node "${DATA[@tus/server]}"; BASES[@tus/server]=$BASE PIDS[@tus/server]=$PID
start_tus_java "${DATA[tus-java-server]}"; BASES[tus-java-server]=$BASE PIDS[tus-java-server]=$PID
servers_up
command_of TusLoad "java -cp \$TOOLS TusLoad latency \$BASE $UPLOADS $SIZE \$SERVER_PID"

load_once() { # SUBJECT → the key=value lines of TusLoad
  local out
  out=$(tool TusLoad latency "${BASES[$1]}" "$UPLOADS" "$SIZE" "${PIDS[$1]}") || { log "$1: $out"; return 1; }
  sleep 0.2
  find "${DATA[$1]}" -mindepth 1 -type f -delete
  find "${DATA[$1]}" -mindepth 2 -type d -empty -delete
  echo "$out"
}
value() { sed -n "s/^$1=//p" <<< "$2"; }

SUBJECTS=(Carryon @tus/server tus-java-server)
for s in "${SUBJECTS[@]}"; do load_once "$s" >/dev/null; done # warm-up, not counted
for pair in $(seq 1 "$BENCH_PAIRS"); do
  log "pair $pair"
  for s in "${SUBJECTS[@]}"; do
    out=$(load_once "$s")
    sample p50 "$s" "$(value p50_ms "$out")"
    sample p99 "$s" "$(value p99_ms "$out")"
    sample rss "$s" "$(calc "$(value rss_peak_kib "$out") / 1024")"
  done
done
