#!/usr/bin/env bash
# Scenario 6: one large file uploaded to the same Carryon server by four clients in turn: curl (create + one
# PATCH, the reference), the carryon CLI, tus-js-client under Node and tus-java-client. The three tus clients
# send requests of 256 MiB (the CLI's default). Each run is timed as a whole command, so the Java clients pay
# for starting a JVM and tus-js-client for starting Node; both Java clients run with the options the carryon
# launcher gives its client commands (C1 only, the serial collector, a class-data archive made on first use).
. "$(dirname "$0")/../lib.sh"
SIZE=$BENCH_SIZE
CHUNK=$((256 << 20))
FILE=$(payload "$SIZE")
title 6 "Clients uploading $(human "$SIZE")"
describe "Four clients upload the same $(human "$SIZE") file to the same Carryon server, in turn: curl (create + one PATCH), the carryon CLI, tus-js-client under Node and tus-java-client, the last three in requests of up to 256 MiB. A run is the whole command, from starting it to its exit, so the Java clients include starting a JVM and tus-js-client starting Node. The second measure is the CLI's transfer alone, as it reports it with \`--json\`, beside the same curl runs."
measure whole MiB/s higher "Carryon CLI" "Whole command"
target whole "Carryon CLI" curl 0.9 "at least 0.9× curl"
measure transfer MiB/s higher "Carryon CLI" "Transfer alone (without starting the JVM)"

TUS_JAVA_CP=$(tr ':' '\n' < "$PEERS_JAVA/peers.classpath" | grep '/tus-java-client-[^/]*\.jar$')
JAVA_CLIENT=(-XX:TieredStopAtLevel=1 -XX:+UseSerialGC -XX:+AutoCreateSharedArchive "-XX:SharedArchiveFile=$BENCH_WORK/tus-java.jsa"
             -Xlog:cds=off -Xlog:cds+dynamic=off)
start_carryon "$BENCH_WORK/data"
servers_up
command_of curl "url=\$(curl -s -D - -o /dev/null -X POST \$BASE -H 'Tus-Resumable: 1.0.0' -H 'Upload-Length: $SIZE' | sed -n 's/^Location: //p'); curl -X PATCH \$url -H 'Tus-Resumable: 1.0.0' -H 'Upload-Offset: 0' -H 'Content-Type: application/offset+octet-stream' -T \$CACHE/payload-$SIZE"
command_of "Carryon CLI" "./carryon upload \$CACHE/payload-$SIZE \$BASE -q --no-resume --chunk-size $CHUNK --checkpoint-dir \$WORK/checkpoints --json"
command_of tus-js-client "node bench/peers/clients/tus-js-upload.cjs \$CACHE/payload-$SIZE \$BASE $CHUNK"
command_of tus-java-client "java ${JAVA_CLIENT[*]} -cp $TUS_JAVA_CP:bench/peers/java/target/tus-java-upload.jar TusJavaUpload \$CACHE/payload-$SIZE \$BASE $CHUNK"

upload() { # CLIENT → the upload's URL on the last line
  case $1 in
    curl)
      local url
      url=$(tus_create "$BASE" "$SIZE")
      tus_patch "$url" "$FILE"
      echo "$url" ;;
    "Carryon CLI")
      "$BENCH_ROOT/carryon" upload "$FILE" "$BASE" -q --no-resume --chunk-size "$CHUNK" \
          --checkpoint-dir "$BENCH_WORK/checkpoints" --json > "$BENCH_WORK/result.json"
      sed -n 's/.*"seconds":\([0-9.]*\).*/\1/p' "$BENCH_WORK/result.json" > "$BENCH_WORK/transfer-seconds"
      sed -n 's/.*"url":"\([^"]*\)".*/\1/p' "$BENCH_WORK/result.json" ;;
    tus-js-client)
      node "$PEERS/clients/tus-js-upload.cjs" "$FILE" "$BASE" "$CHUNK" ;;
    tus-java-client)
      "$JDK/bin/java" "${JAVA_CLIENT[@]}" -cp "$TUS_JAVA_CP:$PEERS_JAVA/tus-java-upload.jar" TusJavaUpload "$FILE" "$BASE" "$CHUNK" ;;
  esac
}

once() { # CLIENT → MiB/s of the whole command; checks what the server stored, then deletes the upload
  local start seconds url
  start=$(now)
  url=$(upload "$1" | tail -1)
  seconds=$(since "$start")
  expect_offset "$url" "$SIZE"
  tus_delete "$url"
  calc "$(mib "$SIZE") / $seconds"
}

CLIENTS=(curl "Carryon CLI" tus-js-client tus-java-client)
for c in "${CLIENTS[@]}"; do once "$c" >/dev/null; done # warm-up (and the class-data archives), not counted
for pair in $(seq 1 "$BENCH_PAIRS"); do
  log "round $pair"
  for c in "${CLIENTS[@]}"; do
    rate=$(once "$c")
    sample whole "$c" "$rate"
    case $c in
      curl) sample transfer curl "$rate" ;;
      "Carryon CLI") sample transfer "Carryon CLI" "$(calc "$(mib "$SIZE") / $(cat "$BENCH_WORK/transfer-seconds")")" ;;
    esac
  done
done
