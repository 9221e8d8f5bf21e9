#!/usr/bin/env bash
# Scenario 1: one large upload streamed in a single PATCH by curl, to Carryon, @tus/server and tus-java-server
# in turn, each server running for the whole scenario on its own empty directory of the same disk; and
# `dd conv=fdatasync` writing the same bytes to that disk as the limit. Each run is create + PATCH, timed
# from the creation request to the PATCH's response; the upload is deleted after it.
. "$(dirname "$0")/../lib.sh"
SIZE=$BENCH_SIZE
title 1 "One $(human "$SIZE") upload in one PATCH"
describe "curl creates an upload and streams $(human "$SIZE") of random bytes in one PATCH; the time runs from the creation request to the PATCH's response. Each server keeps uploads on the same disk. \`dd conv=fdatasync\` writing the same bytes to that disk is the limit. Carryon answers a PATCH only once its bytes are forced to disk; the peers do not force them, so they are measured without that cost."
measure upload MiB/s higher Carryon "Upload throughput (create + one PATCH)"
limit upload "dd conv=fdatasync"
target upload Carryon "@tus/server,tus-java-server" 1.7 "at least 1.7× the faster peer"
target upload Carryon "dd conv=fdatasync" 0.75 "at least 0.75× dd to the same disk"

FILE=$(payload "$SIZE")
declare -A BASES
start_carryon "$BENCH_WORK/carryon"; BASES[Carryon]=$BASE
start_tus_node "$BENCH_WORK/tus-node"; BASES[@tus/server]=$BASE
start_tus_java "$BENCH_WORK/tus-java"; BASES[tus-java-server]=$BASE
servers_up
command_of curl "url=\$(curl -s -D - -o /dev/null -X POST \$BASE -H 'Tus-Resumable: 1.0.0' -H 'Upload-Length: $SIZE' | sed -n 's/^Location: //p'); curl -X PATCH \$url -H 'Tus-Resumable: 1.0.0' -H 'Upload-Offset: 0' -H 'Content-Type: application/offset+octet-stream' -T \$CACHE/payload-$SIZE"
command_of "dd conv=fdatasync" "dd if=\$CACHE/payload-$SIZE of=\$WORK/dd.out bs=1M conv=fdatasync"

upload_once() { # SUBJECT → MiB/s
  local base=${BASES[$1]} start url seconds
  start=$(now)
  url=$(tus_create "$base" "$SIZE")
  tus_patch "$url" "$FILE"
  seconds=$(since "$start")
  expect_offset "$url" "$SIZE"
  tus_delete "$url"
  calc "$(mib "$SIZE") / $seconds"
}

dd_once() {
  local start seconds
  rm -f "$BENCH_WORK/dd.out"
  start=$(now)
  dd if="$FILE" of="$BENCH_WORK/dd.out" bs=1M conv=fdatasync status=none
  seconds=$(since "$start")
  rm -f "$BENCH_WORK/dd.out"
  calc "$(mib "$SIZE") / $seconds"
}

SUBJECTS=(Carryon @tus/server tus-java-server)
for s in "${SUBJECTS[@]}"; do upload_once "$s" >/dev/null; done # warm-up, not counted
for pair in $(seq 1 "$BENCH_PAIRS"); do
  log "pair $pair"
  for s in "${SUBJECTS[@]}"; do sample upload "$s" "$(upload_once "$s")"; done
  sample upload "dd conv=fdatasync" "$(dd_once)"
done
