#!/usr/bin/env bash
# Scenario 5: one large file into an S3-compatible server three ways, in turn, each into its own bucket of the
# same server: through Carryon on the S3 store (create + one PATCH with curl), straight to the server with
# `aws s3 cp`, and through @tus/server with @tus/s3-store. The server is S3Proxy (Maven Central, keeping
# objects in files on the disk measured) and, when `radosgw` is installed, Ceph RGW keeping them in memory
# (scripts/rgw.sh). Each run ends when the object is complete in the bucket; it is deleted afterwards.
. "$(dirname "$0")/../lib.sh"
[ -n "$AWS_BIN" ] || skip "the aws CLI is not installed (Debian: apt-get install awscli)"
SIZE=$BENCH_SIZE
FILE=$(payload "$SIZE")
title 5 "S3 relay of a $(human "$SIZE") upload"
describe "The same $(human "$SIZE") file goes into an S3-compatible server through Carryon on its S3 store (curl: create + one PATCH; Carryon sends 8 MiB parts, 4 at a time, while the bytes arrive), straight with \`aws s3 cp\` (8 MiB parts, 10 at a time), and through @tus/server with @tus/s3-store (curl as for Carryon; 8 MiB parts). A run ends when the object is complete in its bucket."
SUBJECTS=(Carryon "aws s3 cp" "@tus/server + @tus/s3-store")

export AWS_DEFAULT_REGION=us-east-1 AWS_EC2_METADATA_DISABLED=true AWS_CONFIG_FILE=/dev/null \
       AWS_SHARED_CREDENTIALS_FILE=/dev/null AWS_PAGER=

# backend NAME TITLE ENDPOINT PROVIDER: measures the three subjects against the S3 server at ENDPOINT.
backend() {
  local name=$1 what=$2 endpoint=$3 provider=$4
  measure "$name" MiB/s higher Carryon "Upload into $what"
  target "$name" Carryon "aws s3 cp" 0.8 "at least 0.8× aws s3 cp straight to $what"
  local aws=("$AWS_BIN" --endpoint-url "$endpoint")
  for bucket in bench-carryon bench-aws bench-tus-node; do "${aws[@]}" s3 mb "s3://$bucket" >/dev/null; done

  local carryon_pid node_pid carryon_base node_base port
  start_carryon "$BENCH_WORK/$name-carryon" --store s3 --s3-endpoint "$endpoint" --s3-bucket bench-carryon --s3-provider "$provider"
  carryon_pid=$PID carryon_base=$BASE
  port=$(free_port)
  S3_ENDPOINT=$endpoint S3_BUCKET=bench-tus-node background tus-node-s3 node "$PEERS/tus-node-s3-server.mjs" "$port"
  node_pid=$PID node_base=http://127.0.0.1:$port/files/
  STARTING+=("$node_base $node_pid")
  servers_up
  command_of "@tus/server + @tus/s3-store" "S3_ENDPOINT=\$ENDPOINT S3_BUCKET=bench-tus-node node bench/peers/tus-node-s3-server.mjs \$PORT"
  command_of "aws s3 cp" "aws --endpoint-url \$ENDPOINT s3 cp \$CACHE/payload-$SIZE s3://bench-aws/payload --only-show-errors"
  command_of curl "url=\$(curl -s -D - -o /dev/null -X POST \$BASE -H 'Tus-Resumable: 1.0.0' -H 'Upload-Length: $SIZE' | sed -n 's/^Location: //p'); curl -X PATCH \$url -H 'Tus-Resumable: 1.0.0' -H 'Upload-Offset: 0' -H 'Content-Type: application/offset+octet-stream' -T \$CACHE/payload-$SIZE"

  tus_once() { # BASE → MiB/s
    local start url seconds
    start=$(now)
    url=$(tus_create "$1" "$SIZE")
    tus_patch "$url" "$FILE"
    seconds=$(since "$start")
    tus_delete "$url"
    calc "$(mib "$SIZE") / $seconds"
  }
  aws_once() {
    local start seconds
    start=$(now)
    "${aws[@]}" s3 cp "$FILE" s3://bench-aws/payload --only-show-errors
    seconds=$(since "$start")
    "${aws[@]}" s3 rm s3://bench-aws/payload --only-show-errors
    calc "$(mib "$SIZE") / $seconds"
  }
  once() {
    case $1 in
      Carryon) tus_once "$carryon_base" ;;
      "aws s3 cp") aws_once ;;
      *) tus_once "$node_base" ;;
    esac
  }
  local s pair
  for s in "${SUBJECTS[@]}"; do once "$s" >/dev/null; done # warm-up, not counted
  for pair in $(seq 1 "$BENCH_PAIRS"); do
    log "$name, pair $pair"
    for s in "${SUBJECTS[@]}"; do sample "$name" "$s" "$(once "$s")"; done
  done
  stop_pid "$carryon_pid"
  stop_pid "$node_pid"
}

# S3Proxy on the filesystem of the disk measured.
port=$(free_port)
mkdir -p "$BENCH_WORK/s3proxy"
cat > "$BENCH_WORK/s3proxy.conf" <<EOF
s3proxy.endpoint=http://127.0.0.1:$port
s3proxy.authorization=aws-v2-or-v4
s3proxy.identity=bench-access-key
s3proxy.credential=bench-secret-key
jclouds.provider=filesystem-nio2
jclouds.filesystem.basedir=$BENCH_WORK/s3proxy
EOF
background s3proxy "$JDK/bin/java" -Xmx1g -jar "$PEERS_JAVA/s3proxy.jar" --properties "$BENCH_WORK/s3proxy.conf"
command_of S3Proxy "java -Xmx1g -jar bench/peers/java/target/s3proxy.jar --properties \$WORK/s3proxy.conf   # filesystem-nio2 under \$WORK/s3proxy"
wait_http "http://127.0.0.1:$port/" "$PID"
s3proxy_pid=$PID
export AWS_ACCESS_KEY_ID=bench-access-key AWS_SECRET_ACCESS_KEY=bench-secret-key
backend s3proxy "S3Proxy (filesystem)" "http://127.0.0.1:$port" generic
stop_pid "$s3proxy_pid"

if ! command -v radosgw >/dev/null || ! command -v ceph-mon >/dev/null || ! command -v ceph-osd >/dev/null; then
  note "Ceph RGW was not measured: it is not installed (Debian: apt-get install radosgw ceph-mon ceph-osd)."
elif [ "$BENCH_SMOKE" = 1 ]; then
  note "Ceph RGW is left out of the smoke run (it takes a while to start); a full run measures it."
else
  CLEANUP_HOOKS+=("'$BENCH_ROOT/scripts/rgw.sh' stop '$BENCH_WORK/rgw'")
  read -r _ endpoint _ AWS_ACCESS_KEY_ID _ AWS_SECRET_ACCESS_KEY < <("$BENCH_ROOT/scripts/rgw.sh" start "$BENCH_WORK/rgw" "$(free_port)" "$(free_port)" | tail -1)
  export AWS_ACCESS_KEY_ID AWS_SECRET_ACCESS_KEY
  command_of "Ceph RGW" "scripts/rgw.sh start \$WORK/rgw \$PORT \$MON_PORT   # one monitor, one memstore OSD, radosgw"
  backend rgw "Ceph RGW (memory)" "$endpoint" ceph
fi
