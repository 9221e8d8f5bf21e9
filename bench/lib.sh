# Sourced by every scenario in bench/scenarios: starting and stopping the servers, tus requests with curl,
# timing, and recording results for the report. bench/run sets the environment:
#   BENCH_ROOT     the repository            BENCH_WORK    this scenario's scratch directory (on the disk measured)
#   BENCH_RESULTS  the results file          BENCH_CACHE   payloads shared by the scenarios of one run
#   BENCH_PAIRS    runs of each subject      BENCH_SIZE    the large size in bytes (1 GiB by default)
#   BENCH_SECONDS  seconds of each wrk run   BENCH_SMOKE   1 in the smoke mode
#   BENCH_TOOLS    compiled bench/tools      JDK           the JDK that runs Carryon and the Java peers
#   AWS_BIN        the aws CLI, if any
set -euo pipefail

SCENARIO=$(basename "$0" .sh)
PEERS=$BENCH_ROOT/bench/peers
PEERS_JAVA=$PEERS/java/target
declare -a BENCH_PIDS=()

# ---------------------------------------------------------------- results (tab-separated, one record a line)

record() { local IFS=$'\t'; printf '%s\n' "$*" >> "$BENCH_RESULTS"; }
title() { record S "$SCENARIO" "$1" "$2"; }  # title NUMBER TEXT
describe() { record D "$SCENARIO" "$1"; }
note() { record N "$SCENARIO" "$1"; }
# measure ID UNIT higher|lower PRIMARY TITLE: PRIMARY is the subject that the ratios are about.
measure() { record M "$SCENARIO" "$@"; }
# limit ID SUBJECT: the subject is a physical limit (drawn apart, and never the "faster peer").
limit() { record L "$SCENARIO" "$@"; }
sample() { record V "$SCENARIO" "$1" "$2" "$3"; log "  $1 $2: $3"; }
# target ID SUBJECT REFS MIN LABEL: SUBJECT's median is at least MIN times as good as the best of REFS
# (comma-separated), "good" meaning higher or lower as the measure says.
target() { record T "$SCENARIO" "$@"; }
# command_of SUBJECT TEXT [PORT]: the exact command of a subject, as the report shows it: scratch paths read
# $WORK and $CACHE, paths are relative to the repository, and the server's port (chosen at random) reads $PORT.
command_of() {
  local text=$2
  text=${text//$BENCH_WORK/\$WORK}
  text=${text//$BENCH_CACHE/\$CACHE}
  text=${text//$BENCH_ROOT\/carryon/./carryon}
  text=${text//$BENCH_ROOT\//}
  text=${text//$HOME\//\~/}
  [ -z "${3:-}" ] || text=$(sed -E "s/(^|[ :])$3([ /]|\$)/\1\$PORT\2/g" <<< "$text")
  record C "$SCENARIO" "$1" "$text"
}
skip() { record X "$SCENARIO" "$1"; log "skipped: $1"; exit 0; }
SCENARIO_START=$EPOCHREALTIME
log() { printf '[%s %5.1fs] %s\n' "$SCENARIO" "$(awk -v a="$SCENARIO_START" -v b="$EPOCHREALTIME" 'BEGIN { print b - a }')" "$*" >&2; }

# ---------------------------------------------------------------- time and arithmetic

now() { echo "$EPOCHREALTIME"; }
since() { awk -v a="$1" -v b="$EPOCHREALTIME" 'BEGIN { printf "%.4f", b - a }'; }
calc() { awk "BEGIN { printf \"%.4f\", $1 }"; }
mib() { awk -v b="$1" 'BEGIN { printf "%g", b / 1048576 }'; }
# A count for people: 10,000.
count() { printf '%s' "$1" | rev | sed -E 's/([0-9]{3})/\1,/g; s/,$//' | rev; }
# A size for people: 1 GiB, 64 MiB, 64 KiB.
human() {
  local b=$1
  if (( b % (1 << 30) == 0 )); then echo "$((b >> 30)) GiB"
  elif (( b % (1 << 20) == 0 )); then echo "$((b >> 20)) MiB"
  else echo "$((b >> 10)) KiB"; fi
}

# ---------------------------------------------------------------- processes

# A port nothing listens on, below the ephemeral range so that client connections never take it.
free_port() {
  local p
  while :; do
    p=$((20000 + RANDOM % 12000))
    (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null || { echo "$p"; return; }
  done
}

# background NAME COMMAND…: starts a server in the background, its output in $BENCH_WORK/NAME.log; sets PID.
background() {
  local name=$1; shift
  "$@" > "$BENCH_WORK/$name.log" 2>&1 &
  PID=$!
  BENCH_PIDS+=("$PID")
}

# wait_http URL [PID]: until URL answers at all (any status), for at most 60 s.
wait_http() {
  local i
  for i in $(seq 1 600); do
    curl -s -o /dev/null -m 2 -X OPTIONS "$1" && return 0
    if [ -n "${2:-}" ] && ! kill -0 "$2" 2>/dev/null; then break; fi
    sleep 0.1
  done
  log "$1 did not come up; its log:"; tail -20 "$BENCH_WORK"/*.log >&2 || true
  return 1
}

stop_pid() {
  local pid=$1 i
  kill "$pid" 2>/dev/null || return 0
  for i in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || return 0; sleep 0.1; done
  kill -9 "$pid" 2>/dev/null || true
}

cleanup() {
  local pid
  for pid in "${BENCH_PIDS[@]}"; do stop_pid "$pid"; done
  for hook in "${CLEANUP_HOOKS[@]}"; do eval "$hook" || true; done
}
declare -a CLEANUP_HOOKS=()
trap cleanup EXIT
trap 'exit 143' TERM INT # bash runs no EXIT trap when a signal kills it

# Resident memory of a process in KiB.
rss_kib() { awk '/^VmRSS:/ { print $2 }' "/proc/$1/status"; }

# ---------------------------------------------------------------- the servers
# Each start_… function starts a server in the background and sets PID and BASE (its creation URL);
# servers_up then waits until every server started so far answers, so that they start side by side.
declare -a STARTING=()
servers_up() {
  local entry
  for entry in "${STARTING[@]}"; do wait_http ${entry}; done
  STARTING=()
}

start_carryon() { # start_carryon DATA_DIR [serve options…]
  local port data=$1; shift
  port=$(free_port)
  mkdir -p "$data"
  local cmd=("$BENCH_ROOT/carryon" serve --port "$port" --data "$data" "$@")
  background carryon "${cmd[@]}"
  BASE=http://127.0.0.1:$port/files/
  command_of Carryon "${cmd[*]}" "$port"
  STARTING+=("$BASE $PID")
}

start_tus_node() { # start_tus_node DATA_DIR: @tus/server with @tus/file-store
  local port data=$1
  port=$(free_port)
  mkdir -p "$data"
  local cmd=(node "$PEERS/tus-node-server.mjs" "$port" "$data")
  background tus-node "${cmd[@]}"
  BASE=http://127.0.0.1:$port/files/
  command_of @tus/server "${cmd[*]}" "$port"
  STARTING+=("$BASE $PID")
}

start_tus_java() { # start_tus_java DATA_DIR: tus-java-server in embedded Jetty 12; it takes POSTs at /files only
  local port data=$1
  port=$(free_port)
  mkdir -p "$data"
  local cmd=("$JDK/bin/java" -cp "$PEERS_JAVA/classes:$(cat "$PEERS_JAVA/peers.classpath")" TusJavaServer "$port" "$data")
  background tus-java "${cmd[@]}"
  BASE=http://127.0.0.1:$port/files
  command_of tus-java-server "java -cp \"bench/peers/java/target/classes:\$(cat bench/peers/java/target/peers.classpath)\" TusJavaServer $port $data" "$port"
  STARTING+=("$BASE $PID")
}

# ---------------------------------------------------------------- tus with curl

TUS=(-H 'Tus-Resumable: 1.0.0')

# tus_create BASE LENGTH: prints the new upload's absolute URL.
tus_create() {
  local location
  location=$(curl -s -f -D - -o /dev/null -X POST "$1" "${TUS[@]}" -H "Upload-Length: $2" -H 'Content-Length: 0' |
             tr -d '\r' | sed -n 's/^[Ll]ocation: //p')
  [ -n "$location" ] || { log "no upload created at $1"; return 1; }
  case $location in
    http://*|https://*) echo "$location" ;;
    *) echo "${1%%/files*}$location" ;;
  esac
}

# tus_patch URL FILE: sends the whole file in one PATCH at offset 0.
tus_patch() {
  curl -s -f -o /dev/null -X PATCH "$1" "${TUS[@]}" -H 'Upload-Offset: 0' \
       -H 'Content-Type: application/offset+octet-stream' -T "$2"
}

tus_offset() {
  curl -s -I "$1" "${TUS[@]}" | tr -d '\r' | sed -n 's/^[Uu]pload-[Oo]ffset: //p'
}

tus_delete() { curl -s -o /dev/null -X DELETE "$1" "${TUS[@]}" || true; }

# expect_offset URL LENGTH: fails unless the server stored LENGTH bytes.
expect_offset() {
  local stored
  stored=$(tus_offset "$1")
  [ "$stored" = "$2" ] || { log "$1 stored '$stored' bytes, not $2"; return 1; }
}

# ---------------------------------------------------------------- payloads

# payload BYTES: prints the path of a file of BYTES random bytes, made once per run.
payload() {
  local file=$BENCH_CACHE/payload-$1
  if [ ! -f "$file" ]; then
    head -c "$1" /dev/urandom > "$file.tmp"
    mv "$file.tmp" "$file"
  fi
  echo "$file"
}

# Java tools compiled by bench/run (TusLoad…).
tool() { "$JDK/bin/java" -cp "$BENCH_TOOLS" "$@"; }
