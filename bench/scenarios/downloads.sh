#!/usr/bin/env bash
# Scenario 4: downloads from Carryon and from nginx serving the very file Carryon stored (same bytes, same
# disk, same page cache): full GETs with curl, and random 1 MiB ranges over 8 connections with wrk.
. "$(dirname "$0")/../lib.sh"
NGINX=$(command -v nginx || echo /usr/sbin/nginx)
[ -x "$NGINX" ] || skip "nginx is not installed (Debian: apt-get install nginx-light)"
command -v wrk >/dev/null || skip "wrk is not installed (Debian: apt-get install wrk)"
SIZE=$BENCH_SIZE
title 4 "Downloads of a $(human "$SIZE") upload"
describe "Carryon serves a finished $(human "$SIZE") upload; nginx serves the same file from Carryon's data directory (sendfile on, 2 workers). Full GETs are single curl downloads; ranges are random 1 MiB \`Range\` requests by wrk over 8 connections for ${BENCH_SECONDS} s ([bench/wrk/random-range.lua](bench/wrk/random-range.lua)). The file is in the page cache for both."
measure full MiB/s higher Carryon "Full GET"
target full Carryon nginx 0.9 "at least 0.9× nginx"
measure ranges MiB/s higher Carryon "Random 1 MiB ranges over 8 connections"
target ranges Carryon nginx 0.9 "at least 0.9× nginx"

start_carryon "$BENCH_WORK/carryon"
servers_up
url=$(tus_create "$BASE" "$SIZE")
tus_patch "$url" "$(payload "$SIZE")"
expect_offset "$url" "$SIZE"
stored=$(find "$BENCH_WORK/carryon" -name '*.bin' | head -1)
[ -f "$stored" ] || { log "no stored file in $BENCH_WORK/carryon"; exit 1; }

# nginx workers may run as an unprivileged user: let them reach the file.
chmod 755 "$(dirname "$BENCH_WORK")" "$BENCH_WORK" "$BENCH_WORK/carryon"
chmod 644 "$stored"
port=$(free_port)
mkdir -p "$BENCH_WORK/nginx/logs"
cat > "$BENCH_WORK/nginx/nginx.conf" <<EOF
daemon on;
worker_processes 2;
pid $BENCH_WORK/nginx/nginx.pid;
error_log $BENCH_WORK/nginx/logs/error.log;
events { worker_connections 1024; }
http {
  access_log off;
  client_body_temp_path $BENCH_WORK/nginx/body;
  sendfile on;
  tcp_nopush on;
  keepalive_requests 1000000;
  server { listen 127.0.0.1:$port; root $BENCH_WORK/carryon; }
}
EOF
"$NGINX" -p "$BENCH_WORK/nginx" -c "$BENCH_WORK/nginx/nginx.conf"
CLEANUP_HOOKS+=("'$NGINX' -p '$BENCH_WORK/nginx' -c '$BENCH_WORK/nginx/nginx.conf' -s stop 2>/dev/null")
nginx_url=http://127.0.0.1:$port/$(basename "$stored")
wait_http "$nginx_url"
command_of nginx "nginx -p \$WORK/nginx -c \$WORK/nginx/nginx.conf   # the configuration is in bench/scenarios/downloads.sh"
command_of curl "curl -s -o /dev/null -w '%{time_total}' \$URL"
command_of wrk "SIZE=$SIZE wrk -t2 -c8 -d${BENCH_SECONDS}s -s bench/wrk/random-range.lua \$URL"

# Both must send exactly the stored bytes.
cmp <(curl -s "$url") "$stored"
cmp <(curl -s "$nginx_url") "$stored"
declare -A URLS=([Carryon]=$url [nginx]=$nginx_url)

full_once() {
  local seconds
  seconds=$(curl -s -f -o /dev/null -w '%{time_total}' "${URLS[$1]}")
  calc "$(mib "$SIZE") / $seconds"
}
ranges_once() { # SUBJECT SECONDS → MiB/s (each response is 1 MiB)
  local out rate
  out=$(SIZE=$SIZE wrk -t2 -c8 -d"$2s" -s "$BENCH_ROOT/bench/wrk/random-range.lua" "${URLS[$1]}")
  if grep -q 'Non-2xx' <<< "$out"; then log "$1 answered ranges with errors: $out"; return 1; fi
  rate=$(awk '/^Requests\/sec:/ { print $2 }' <<< "$out")
  [ -n "$rate" ] || { log "wrk printed no rate: $out"; return 1; }
  echo "$rate"
}

SUBJECTS=(Carryon nginx)
for s in "${SUBJECTS[@]}"; do full_once "$s" >/dev/null; ranges_once "$s" 1 >/dev/null; done # warm-up, not counted
for pair in $(seq 1 "$BENCH_PAIRS"); do
  log "full GETs, pair $pair"
  for s in "${SUBJECTS[@]}"; do sample full "$s" "$(full_once "$s")"; done
done
for pair in $(seq 1 "$BENCH_PAIRS"); do
  log "ranges, pair $pair"
  for s in "${SUBJECTS[@]}"; do sample ranges "$s" "$(ranges_once "$s" "$BENCH_SECONDS")"; done
done
