#!/usr/bin/env bash
# A throw-away Ceph RADOS Gateway for tests and benchmarks: one monitor, one OSD keeping its data in memory
# (memstore), and radosgw on 127.0.0.1, all under DIR, with authentication between the daemons off. Needs
# the Debian packages radosgw, ceph-mon and ceph-osd. Takes about 15 s to start.
#
#   scripts/rgw.sh start DIR RGW_PORT MON_PORT   prints "endpoint URL access-key KEY secret-key SECRET"
#   scripts/rgw.sh stop DIR                      stops the daemons started in DIR (by their pid files)
set -euo pipefail
ACCESS=carryon-rgw-access-key
SECRET=carryon-rgw-secret-key

start() {
  local D=$1 RGW_PORT=$2 MON_PORT=$3
  for tool in ceph-mon ceph-osd radosgw radosgw-admin monmaptool ceph; do
    command -v "$tool" >/dev/null || { echo "$tool is missing: apt-get install radosgw ceph-mon ceph-osd" >&2; exit 3; }
  done
  mkdir -p "$D"/run "$D"/log "$D"/mon "$D"/osd "$D"/rgw
  local fsid conf=$D/ceph.conf
  fsid=$(cat /proc/sys/kernel/random/uuid)
  cat > "$conf" <<EOF
[global]
fsid = $fsid
mon host = v1:127.0.0.1:$MON_PORT
public network = 127.0.0.0/8
auth cluster required = none
auth service required = none
auth client required = none
auth supported = none
ms bind ipv4 = true
ms bind ipv6 = false
osd pool default size = 1
osd pool default min size = 1
osd pool default pg num = 8
osd pool default pgp num = 8
osd pool default pg autoscale mode = off
mon allow pool size one = true
mon warn on pool no redundancy = false
# A throw-away monitor on a nearly full disk (benchmark payloads beside it) must still start.
mon data avail crit = 0
mon data avail warn = 0
osd crush chooseleaf type = 0
osd objectstore = memstore
memstore device bytes = 6442450944
run dir = $D/run
pid file = $D/run/\$name.pid
log file = $D/log/\$name.log
admin socket = $D/run/\$name.asok
[mon.a]
mon data = $D/mon
mon addr = v1:127.0.0.1:$MON_PORT
[osd.0]
osd data = $D/osd
[client.rgw.a]
rgw frontends = beast endpoint=127.0.0.1:$RGW_PORT tcp_nodelay=1
rgw data = $D/rgw
# Deleted objects and aborted parts are freed within seconds rather than hours: memory is all the OSD has.
rgw gc obj min wait = 0
rgw gc processor period = 5
EOF
  local ceph=(ceph -c "$conf" --connect-timeout 30)
  # A command sent before the client has the monitor map goes out with an empty fsid and is refused (under
  # load this happens now and then); such a command is simply sent again.
  mon_command() {
    local tries=0
    until "${ceph[@]}" "$@" >>"$D/log/commands.log" 2>&1; do
      tries=$((tries + 1))
      [ "$tries" -lt 5 ] || { echo "ceph $* failed; see $D/log/commands.log" >&2; exit 1; }
      sleep 0.5
    done
  }
  monmaptool --create --addv a "[v1:127.0.0.1:$MON_PORT]" --fsid "$fsid" "$D/monmap" >/dev/null
  ceph-mon --mkfs -i a --monmap "$D/monmap" -c "$conf"
  ceph-mon -i a -c "$conf"
  mon_command osd create
  ceph-osd -i 0 --mkfs -c "$conf" 2>>"$D/log/commands.log"
  mon_command osd crush add-bucket localhost host
  mon_command osd crush move localhost root=default
  mon_command osd crush add osd.0 1.0 host=localhost
  # An OSD started right after the CRUSH changes sometimes asks the monitor too early and gives up.
  local tries=0
  until ceph-osd -i 0 -c "$conf" 2>/dev/null; do
    tries=$((tries + 1))
    [ "$tries" -lt 5 ] || { echo "the OSD did not start; see $D/log/osd.0.log" >&2; exit 1; }
    sleep 1
  done
  radosgw -n client.rgw.a -c "$conf"
  local up=
  for _ in $(seq 1 240); do
    curl -s -o /dev/null "http://127.0.0.1:$RGW_PORT/" && { up=1; break; }
    sleep 0.25
  done
  [ -n "$up" ] || { echo "radosgw did not answer within 60 s; see $D/log" >&2; exit 1; }
  radosgw-admin -c "$conf" user create --uid=carryon --display-name=carryon \
      --access-key="$ACCESS" --secret-key="$SECRET" >/dev/null
  echo "endpoint http://127.0.0.1:$RGW_PORT access-key $ACCESS secret-key $SECRET"
}

stop() {
  local D=$1 pid
  for name in client.rgw.a osd.0 mon.a; do
    [ -f "$D/run/$name.pid" ] || continue
    pid=$(cat "$D/run/$name.pid")
    kill "$pid" 2>/dev/null || true
    for _ in $(seq 1 40); do kill -0 "$pid" 2>/dev/null || break; sleep 0.25; done
    kill -9 "$pid" 2>/dev/null || true
    rm -f "$D/run/$name.pid"
  done
}

case "${1:-}" in
  start) start "$2" "$3" "$4" ;;
  stop) stop "$2" ;;
  *) echo "usage: $0 start DIR RGW_PORT MON_PORT | stop DIR" >&2; exit 2 ;;
esac
