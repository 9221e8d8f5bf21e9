#!/usr/bin/env bash
# Scenario 7: memory.
#  - Resident memory of each server holding many open, idle uploads: every server starts fresh, then
#    bench/tools/TusLoad.java creates the uploads (1 MiB each) and sends the first 4 KiB of each, 16
#    connections at a time, and leaves them unfinished; the RSS is read two seconds later.
#  - Carryon's heap while it ingests one upload of SIZE and of 4 × SIZE streamed in a single PATCH (curl
#    reading a pipe), and the carryon CLI's heap while it streams the same amounts from stdin (`carryon
#    stream`): the peak of the heap in use, sampled while it runs, should not grow with size.
. "$(dirname "$0")/../lib.sh"
IDLE=10000 SMALL=$BENCH_SIZE SETTLE=2 QUIET=13
if [ "$BENCH_SMOKE" = 1 ]; then IDLE=300 SMALL=$((64 << 20)) SETTLE=1 QUIET=2; fi
LARGE=$((4 * SMALL))
S=$(human "$SMALL") L=$(human "$LARGE")
title 7 "Memory"
describe "**Idle uploads:** each server starts afresh on an empty directory; $(count $IDLE) uploads of 1 MiB are created and given their first 4 KiB (16 connections at a time, [bench/tools/TusLoad.java](bench/tools/TusLoad.java)) and left unfinished; the server's resident memory (RSS) is read ${SETTLE} s later, still holding what the burst of requests left, and again once the server has been idle for ${QUIET} s, when a collector that gives memory back has done so (Carryon's launcher asks G1 for a collection after 10 s without one). **Heap while ingesting:** one Carryon server takes an upload of $S and one of $L, each streamed by curl in a single PATCH from a pipe; then the carryon CLI streams $S and $L from stdin (\`carryon stream\`, with the launcher's client options). Two figures, sampled with \`jstat -gc\` every 100 ms for the server and with \`jcmd GC.heap_info\` about 3 times a second for the CLI (whose serial collector updates jstat's counters only when it collects): the peak of the whole heap in use, garbage not yet collected included, which mostly shows how large the collector let the young generation grow; and the peak of the old generation, what outlives collections, which is what would grow if an upload were held in memory. The target is a heap that does not grow with the size of the upload: the server's old generation, and the CLI's whole heap."
measure idle-rss-burst MiB lower Carryon "Server RSS ${SETTLE} s after creating $(count $IDLE) idle uploads"
measure idle-rss MiB lower Carryon "Server RSS with $(count $IDLE) idle uploads, idle for ${QUIET} s"
measure idle-growth MiB lower Carryon "RSS growth from the fresh server to $(count $IDLE) idle uploads, idle for ${QUIET} s"
measure server-heap MiB lower "$L" "Carryon server: peak heap in use (garbage included) while ingesting one upload"
measure server-old MiB lower "$L" "Carryon server: peak old generation (what outlives collections) while ingesting one upload"
target server-old "$L" "$S" 0.8 "flat with size: peak at $L at most 1.25× the peak at $S"
# The CLI's serial collector keeps a small young generation, so its whole heap is a fair measure too; its old
# generation may hold nothing at all, which no ratio can be taken of.
measure cli-heap MiB lower "$L" "carryon CLI: peak heap in use (garbage included) while streaming from stdin"
target cli-heap "$L" "$S" 0.8 "flat with size: peak at $L at most 1.25× the peak at $S"
measure cli-old MiB lower "$L" "carryon CLI: peak old generation while streaming from stdin"
command_of TusLoad "java -cp \$TOOLS TusLoad idle \$BASE $IDLE 1048576 4096 16"

# ---------------------------------------------------------------- idle uploads

idle_round() {
  declare -A bases pids
  local s
  start_carryon "$BENCH_WORK/idle/carryon"; bases[Carryon]=$BASE pids[Carryon]=$PID
  start_tus_node "$BENCH_WORK/idle/tus-node"; bases[@tus/server]=$BASE pids[@tus/server]=$PID
  start_tus_java "$BENCH_WORK/idle/tus-java"; bases[tus-java-server]=$BASE pids[tus-java-server]=$PID
  servers_up
  log "servers up"
  sleep 1
  for s in Carryon @tus/server tus-java-server; do
    local before after
    before=$(rss_kib "${pids[$s]}")
    tool TusLoad idle "${bases[$s]}" "$IDLE" 1048576 4096 16 > "$BENCH_WORK/idle.out" ||
      { log "$s: $(cat "$BENCH_WORK/idle.out")"; return 1; }
    sleep "$SETTLE"
    sample idle-rss-burst "$s" "$(calc "$(rss_kib "${pids[$s]}") / 1024")"
    sleep $((QUIET - SETTLE))
    after=$(rss_kib "${pids[$s]}")
    sample idle-rss "$s" "$(calc "$after / 1024")"
    sample idle-growth "$s" "$(calc "($after - $before) / 1024")"
  done
  for s in Carryon @tus/server tus-java-server; do stop_pid "${pids[$s]}"; done
  rm -rf "$BENCH_WORK/idle"
}

# ---------------------------------------------------------------- heap

# Two ways to sample a JVM's heap: jstat reads the counters that G1 (the server's collector) keeps current,
# every 100 ms at little cost; the serial collector of the client commands updates them only at a collection,
# so the CLI is sampled with `jcmd PID GC.heap_info` instead (about 3 times a second, an attach each).
# heap_start jstat|jcmd PID: starts sampling (jstat: returns after its first sample); sets SAMPLER (its pid).
heap_start() {
  local i
  for i in $(seq 1 100); do [ -e "/tmp/hsperfdata_$(id -un)/$2" ] && break; sleep 0.05; done
  : > "$BENCH_WORK/heap.samples"
  if [ "$1" = jstat ]; then
    "$JDK/bin/jstat" -gc "$2" 100 > "$BENCH_WORK/jstat" 2>/dev/null &
    SAMPLER=$!
    for i in $(seq 1 100); do [ "$(wc -l < "$BENCH_WORK/jstat")" -ge 2 ] && break; sleep 0.05; done
    return 0
  else
    while kill -0 "$2" 2>/dev/null; do
      "$JDK/bin/jcmd" "$2" GC.heap_info 2>/dev/null | awk '/^[^ ].* used [0-9]+K/ {
          for (i = 1; i <= NF; i++) if ($i == "used") { v = $(i + 1); sub(/K.*/, "", v); sum += v; if (/[Tt]enured/) old += v } }
        END { if (sum) print sum, old + 0 }' >> "$BENCH_WORK/heap.samples"
      sleep 0.1
    done &
  fi
  SAMPLER=$!
}
# heap_peak: "HEAP OLD", the peaks of the heap in use and of the old generation in MiB, or nothing without samples.
heap_peak() {
  stop_pid "$SAMPLER"
  wait "$SAMPLER" 2>/dev/null || true
  if [ -s "$BENCH_WORK/jstat" ]; then
    awk '$1 == "S0C" { for (i = 1; i <= NF; i++) col[$i] = i; next }
         col["EU"] && NF > 10 { print $col["S0U"] + $col["S1U"] + $col["EU"] + $col["OU"], $col["OU"] }' "$BENCH_WORK/jstat" > "$BENCH_WORK/heap.samples"
    rm "$BENCH_WORK/jstat"
  fi
  # "HEAP OLD": the peaks of the whole heap in use and of the old generation, in MiB.
  awk '$1 > peak { peak = $1 } $2 > old { old = $2 } END { if (NR) printf "%.1f %.1f\n", peak / 1024, old / 1024 }' \
      "$BENCH_WORK/heap.samples"
}

server_ingest() { # SUBJECT BYTES [warm-up]: one upload of BYTES in one PATCH from a pipe, the server's heap sampled
  local url peak
  url=$(tus_create "$BASE" "$2")
  heap_start jstat "$SERVER_PID"
  head -c "$2" /dev/zero | curl -s -f -o /dev/null -X PATCH "$url" "${TUS[@]}" -H 'Upload-Offset: 0' \
      -H 'Content-Type: application/offset+octet-stream' -H "Content-Length: $2" -H 'Transfer-Encoding:' -H 'Expect:' -T -
  peak=$(heap_peak)
  expect_offset "$url" "$2"
  tus_delete "$url"
  [ -z "${3:-}" ] || return 0
  [ -n "$peak" ] || { note "No heap sample of the server during a $1 upload."; return 0; }
  sample server-heap "$1" "${peak% *}"
  sample server-old "$1" "${peak#* }"
}

cli_stream() { # SUBJECT BYTES: `carryon stream` of BYTES from stdin, with the CLI's heap sampled
  local pid url peak
  head -c "$2" /dev/zero | "$BENCH_ROOT/carryon" stream "$BASE" -q --checkpoint-dir "$BENCH_WORK/checkpoints" \
      > "$BENCH_WORK/stream.url" 2> "$BENCH_WORK/stream.err" &
  pid=$!
  heap_start jcmd "$pid"
  wait "$pid" || { log "carryon stream failed: $(cat "$BENCH_WORK/stream.err")"; return 1; }
  peak=$(heap_peak)
  url=$(tail -1 "$BENCH_WORK/stream.url")
  expect_offset "$url" "$2"
  tus_delete "$url"
  [ -n "$peak" ] || { note "No heap sample of the CLI during a $1 stream (it ended before the first)."; return 0; }
  sample cli-heap "$1" "${peak% *}"
  sample cli-old "$1" "${peak#* }"
}

for pair in $(seq 1 "$BENCH_PAIRS"); do
  log "idle uploads, round $pair"
  idle_round
done

start_carryon "$BENCH_WORK/data"
SERVER_PID=$PID
servers_up
command_of curl "head -c \$BYTES /dev/zero | curl -X PATCH \$url -H 'Tus-Resumable: 1.0.0' -H 'Upload-Offset: 0' -H 'Content-Type: application/offset+octet-stream' -H \"Content-Length: \$BYTES\" -H 'Transfer-Encoding:' -H 'Expect:' -T -"
command_of "carryon CLI" "head -c \$BYTES /dev/zero | ./carryon stream \$BASE -q --checkpoint-dir \$WORK/checkpoints"
command_of "heap samples" "jstat -gc \$SERVER_PID 100   # the server (G1)"
command_of "heap samples" "jcmd \$CLI_PID GC.heap_info   # the CLI (serial collector), in a loop"
server_ingest "$S" "$SMALL" warm-up # not counted
for pair in $(seq 1 "$BENCH_PAIRS"); do
  log "server heap, pair $pair"
  server_ingest "$S" "$SMALL"
  server_ingest "$L" "$LARGE"
done
for pair in $(seq 1 "$BENCH_PAIRS"); do
  log "CLI heap, pair $pair"
  cli_stream "$S" "$SMALL"
  cli_stream "$L" "$LARGE"
done
