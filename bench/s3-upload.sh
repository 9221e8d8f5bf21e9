#!/usr/bin/env bash
# One large file into an S3-compatible server three ways, alternately (A B C A B C …), each into its own bucket
# of the same server: through Carryon on the S3 store (create and one PATCH with curl), straight to the server
# with `aws s3 cp` (Debian awscli: 8 MiB parts, 10 at a time), and through @tus/server with @tus/s3-store
# (npm, 8 MiB parts). Each run ends when its object is complete in the bucket. The server is S3Proxy (Maven
# Central, keeping objects in files under BENCH_DIR) or, with `rgw`, Ceph RGW keeping them in memory
# (apt-get install radosgw ceph-mon ceph-osd). Prints each run, the medians and the ratios.
# Usage: [BENCH_DIR=/var/tmp] bench/s3-upload.sh [SIZE_MIB=1024] [PAIRS=3] [s3proxy|rgw]
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
SIZE_MIB=${1:-1024}
PAIRS=${2:-3}
SERVER=${3:-s3proxy}
WORK=$(mktemp -d "${BENCH_DIR:-/var/tmp}/carryon-s3-bench.XXXXXX")
cleanup() {
  kill $(jobs -p) 2>/dev/null || true
  [ "$SERVER" != rgw ] || "$ROOT/scripts/rgw.sh" stop "$WORK/rgw"
  rm -rf "$WORK"
}
trap cleanup EXIT

. "$ROOT/scripts/jdk.sh"
JDK=$(carryon_java_home)
command -v aws >/dev/null || { echo "the aws CLI is missing: apt-get install awscli" >&2; exit 1; }
[ -d "$ROOT/bench/peers/node_modules/@tus/s3-store" ] || npm install --prefix "$ROOT/bench/peers" --no-audit --no-fund --loglevel=error
[ -f "$ROOT/cli/target/carryon.jar" ] || (cd "$ROOT" && ./carryon --version >/dev/null)
head -c $((SIZE_MIB << 20)) /dev/urandom > "$WORK/payload"

wait_up() { for _ in $(seq 1 200); do curl -s -o /dev/null "$1" && return 0; sleep 0.1; done; return 1; }

if [ "$SERVER" = rgw ]; then
  read -r _ ENDPOINT _ AWS_ACCESS_KEY_ID _ AWS_SECRET_ACCESS_KEY < <("$ROOT/scripts/rgw.sh" start "$WORK/rgw" 1480 1489 | tail -1)
  PROVIDER=ceph
else
  (cd "$ROOT" && ./mvnw -q -B dependency:copy -Dartifact=org.gaul:s3proxy:4.1.0:jar:jar-with-dependencies \
      -DoutputDirectory="$WORK") >/dev/null
  mkdir -p "$WORK/s3proxy"
  cat > "$WORK/s3proxy.conf" <<EOF
s3proxy.endpoint=http://127.0.0.1:1480
s3proxy.authorization=aws-v2-or-v4
s3proxy.identity=bench-access-key
s3proxy.credential=bench-secret-key
jclouds.provider=filesystem-nio2
jclouds.filesystem.basedir=$WORK/s3proxy
EOF
  "$JDK/bin/java" -Xmx1g -jar "$WORK"/s3proxy-4.1.0-jar-with-dependencies.jar --properties "$WORK/s3proxy.conf" >/dev/null 2>&1 &
  ENDPOINT=http://127.0.0.1:1480 AWS_ACCESS_KEY_ID=bench-access-key AWS_SECRET_ACCESS_KEY=bench-secret-key PROVIDER=generic
  wait_up "$ENDPOINT/"
fi
export AWS_ACCESS_KEY_ID AWS_SECRET_ACCESS_KEY AWS_DEFAULT_REGION=us-east-1 AWS_EC2_METADATA_DISABLED=true \
       AWS_CONFIG_FILE=/dev/null AWS_SHARED_CREDENTIALS_FILE=/dev/null AWS_PAGER=
AWS=(aws --endpoint-url "$ENDPOINT")
for bucket in bench-carryon bench-aws bench-tus-node; do "${AWS[@]}" s3 mb "s3://$bucket" >/dev/null; done

# Each server runs for the whole benchmark, as servers do, on its own bucket of the same S3 server.
"$JDK/bin/java" -jar "$ROOT/cli/target/carryon.jar" serve --port 1180 --store s3 --s3-endpoint "$ENDPOINT" \
    --s3-bucket bench-carryon --s3-provider "$PROVIDER" >/dev/null 2>&1 &
S3_ENDPOINT=$ENDPOINT S3_BUCKET=bench-tus-node node "$ROOT/bench/peers/tus-node-s3-server.mjs" 1181 >/dev/null 2>&1 &
declare -A PORT=([carryon]=1180 [tus-node]=1181)
wait_up "http://127.0.0.1:1180/files/"
wait_up "http://127.0.0.1:1181/files/"

seconds() { awk "BEGIN { printf \"%.3f\", $2 - $1 }"; }

tus_once() { # name → seconds for create + one PATCH of the payload; the upload is deleted afterwards
  local base="http://127.0.0.1:${PORT[$1]}/files/" url start end
  start=$(date +%s.%N)
  url=$(curl -s -D - -o /dev/null -X POST "$base" -H 'Tus-Resumable: 1.0.0' \
        -H "Upload-Length: $((SIZE_MIB << 20))" | tr -d '\r' | sed -n 's/^[Ll]ocation: //p')
  curl -s -f -o /dev/null -X PATCH "$url" -H 'Tus-Resumable: 1.0.0' -H 'Upload-Offset: 0' \
       -H 'Content-Type: application/offset+octet-stream' -T "$WORK/payload"
  end=$(date +%s.%N)
  curl -s -o /dev/null -X DELETE "$url" -H 'Tus-Resumable: 1.0.0'
  seconds "$start" "$end"
}

aws_once() {
  local start end
  start=$(date +%s.%N)
  "${AWS[@]}" s3 cp "$WORK/payload" s3://bench-aws/payload --only-show-errors
  end=$(date +%s.%N)
  "${AWS[@]}" s3 rm s3://bench-aws/payload --only-show-errors
  seconds "$start" "$end"
}

tus_once carryon >/dev/null; aws_once >/dev/null; tus_once tus-node >/dev/null # warm-up, not counted
declare -a carryon awscli tusnode
for i in $(seq 1 "$PAIRS"); do
  carryon+=("$(tus_once carryon)")
  awscli+=("$(aws_once)")
  tusnode+=("$(tus_once tus-node)")
  echo "run $i: carryon ${carryon[-1]} s, aws s3 cp ${awscli[-1]} s, @tus/server+s3-store ${tusnode[-1]} s"
done
median() { printf '%s\n' "$@" | sort -g | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
mc=$(median "${carryon[@]}"); ma=$(median "${awscli[@]}"); mt=$(median "${tusnode[@]}")
awk -v n="$PAIRS" -v s="$SIZE_MIB" -v c="$mc" -v a="$ma" -v t="$mt" -v server="$SERVER" 'BEGIN {
  printf "%s, median of %d: carryon %.3f s (%.0f MiB/s), aws s3 cp %.3f s (%.0f MiB/s), @tus/server+s3-store %.3f s (%.0f MiB/s)\n", server, n, c, s / c, a, s / a, t, s / t
  printf "carryon throughput vs aws s3 cp %.2fx, vs @tus/server+s3-store %.2fx\n", a / c, t / c }'
