#!/usr/bin/env bash
# Downloads, Carryon against nginx serving the same bytes from the same disk:
#  1. full GETs of one file with curl, alternately (A B A B …);
#  2. random 1 MiB range requests over 8 connections with wrk, alternately.
# Usage: bench/downloads.sh [SIZE_MIB=200] [PAIRS=5] [WRK_SECONDS=10]
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
SIZE_MIB=${1:-200}
PAIRS=${2:-5}
SECONDS_EACH=${3:-10}
WORK=$(mktemp -d /var/tmp/carryon-bench.XXXXXX)
trap 'kill $(jobs -p) 2>/dev/null; nginx -p "$WORK/nginx" -c "$WORK/nginx/nginx.conf" -s stop 2>/dev/null; rm -rf "$WORK"' EXIT
for tool in nginx wrk curl; do
  command -v $tool >/dev/null || { echo "needs $tool: apt-get install nginx-light wrk curl" >&2; exit 1; }
done

. "$ROOT/scripts/jdk.sh"
JDK=$(carryon_java_home)
[ -f "$ROOT/cli/target/carryon.jar" ] || (cd "$ROOT" && ./carryon --version >/dev/null)
SIZE=$((SIZE_MIB << 20))
mkdir -p "$WORK/www" "$WORK/nginx/logs" "$WORK/data"
head -c $SIZE /dev/urandom > "$WORK/www/file.bin"
chmod 755 "$WORK" "$WORK/www" && chmod 644 "$WORK/www/file.bin" # nginx workers may run as an unprivileged user

cat > "$WORK/nginx/nginx.conf" <<CONF
daemon on;
worker_processes 2;
pid $WORK/nginx/nginx.pid;
error_log $WORK/nginx/logs/error.log;
events { worker_connections 1024; }
http {
  access_log off;
  client_body_temp_path $WORK/nginx/body;
  sendfile on; tcp_nopush on; keepalive_requests 1000000;
  server { listen 127.0.0.1:1288; root $WORK/www; }
}
CONF
nginx -p "$WORK/nginx" -c "$WORK/nginx/nginx.conf"
"$JDK/bin/java" -jar "$ROOT/cli/target/carryon.jar" serve --port 1280 --data "$WORK/data" >/dev/null 2>&1 &
for _ in $(seq 1 100); do curl -s -o /dev/null http://127.0.0.1:1280/healthz && break; sleep 0.1; done
url=$(curl -s -D - -o /dev/null -X POST http://127.0.0.1:1280/files/ -H 'Tus-Resumable: 1.0.0' \
      -H "Upload-Length: $SIZE" | tr -d '\r' | sed -n 's/^Location: //p')
curl -s -f -X PATCH "$url" -H 'Tus-Resumable: 1.0.0' -H 'Upload-Offset: 0' \
     -H 'Content-Type: application/offset+octet-stream' -T "$WORK/www/file.bin"
NGINX_URL=http://127.0.0.1:1288/file.bin
cmp <(curl -s "$url") "$WORK/www/file.bin" && cmp <(curl -s "$NGINX_URL") "$WORK/www/file.bin"

median() { printf '%s\n' "$@" | sort -g | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
full_get() { curl -s -o /dev/null -w '%{time_total}' "$1"; }
# Warm both once (page cache, JIT) before measuring.
full_get "$url" >/dev/null; full_get "$NGINX_URL" >/dev/null

declare -a c n
for i in $(seq 1 "$PAIRS"); do
  c+=("$(full_get "$url")"); n+=("$(full_get "$NGINX_URL")")
  echo "full GET pair $i: carryon ${c[-1]} s, nginx ${n[-1]} s"
done
mc=$(median "${c[@]}"); mn=$(median "${n[@]}")
awk -v c="$mc" -v n="$mn" -v s="$SIZE_MIB" 'BEGIN { printf "full GET of %d MiB, median: carryon %.3f s, nginx %.3f s, time ratio carryon/nginx %.2f\n", s, c, n, c / n }'

rate() { SIZE=$SIZE wrk -t2 -c8 -d"${SECONDS_EACH}s" -s "$ROOT/bench/random-range.lua" "$1" | awk '/Requests\/sec/ {print $2}'; }
rate "$url" >/dev/null 2>&1 || true
declare -a rc rn
for i in $(seq 1 "$PAIRS"); do
  rc+=("$(rate "$url")"); rn+=("$(rate "$NGINX_URL")")
  echo "1 MiB ranges pair $i: carryon ${rc[-1]} req/s, nginx ${rn[-1]} req/s"
done
mrc=$(median "${rc[@]}"); mrn=$(median "${rn[@]}")
awk -v c="$mrc" -v n="$mrn" 'BEGIN { printf "1 MiB random ranges over 8 connections, median: carryon %.0f req/s, nginx %.0f req/s, rate ratio carryon/nginx %.2f\n", c, n, c / n }'
