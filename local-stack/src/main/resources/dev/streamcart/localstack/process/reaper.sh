#!/bin/sh
# Stops the processes listed in a pid file once the JVM that started them is gone, so a launcher or
# test JVM killed with SIGKILL leaves nothing running. Usage: reaper.sh <watched-pid> <pid-file>
watched="$1"; pidfile="$2"
trap '' INT HUP
while kill -0 "$watched" 2>/dev/null; do sleep 1; done
[ -f "$pidfile" ] || exit 0
for pid in $(cat "$pidfile"); do kill -TERM "$pid" 2>/dev/null; done
tries=0
while [ $tries -lt 20 ]; do
  alive=0
  for pid in $(cat "$pidfile"); do kill -0 "$pid" 2>/dev/null && alive=1; done
  [ $alive -eq 0 ] && break
  tries=$((tries + 1)); sleep 0.5
done
for pid in $(cat "$pidfile"); do kill -KILL "$pid" 2>/dev/null; done
rm -f "$pidfile"
