#!/usr/bin/env bash
# Updates under load: 16 connections send GET /hello for 30 s while hello is updated 20 times
# through deploy/ (1.0.1 → 1.0.2 → … by atomic mv, i.e. FileInstall's Bundle.update + refresh).
# Runs twice, side by side:
#   graft  Graft's router as configured out of the box: drain + hold (etc/dev.graft.routing.cfg)
#   plain  the same updates with draining and holding off (hold.millis=0, drain.timeout.millis=0):
#          what a plain Bundle.update() gives a client
# and prints requests, non-2xx, connection errors and p50/p99 for each.
# Usage: bench/update-under-load.sh [seconds] [updates] [connections]   (default 30 20 16)
# Needs runtime/target/graft (mvn -q -DskipTests package). Loopback only; each run ends by itself.
set -euo pipefail
SECONDS_TOTAL=${1:-30}
UPDATES=${2:-20}
CONNECTIONS=${3:-16}
source "$(dirname "$0")/common.sh"

echo "making hello 1.0.1 … 1.0.$UPDATES"
mkdir -p "$WORK/jars"
for i in $(seq 1 "$UPDATES"); do
    "$JAVA" "$ROOT/bench/tools/Reversion.java" "$DIST/deploy/hello.jar" "1.0.$i" "$WORK/jars/hello-1.0.$i.jar"
done

run() { # mode
    local mode=$1 home="$WORK/$1" port pid
    cp -r "$DIST" "$home"
    if [ "$mode" = plain ]; then
        printf 'hold.millis=0\ndrain.timeout.millis=0\nroute.timeout.millis=30000\n' >"$home/etc/dev.graft.routing.cfg"
    fi
    port=$(free_port)
    "$home/bin/graft" --port "$port" </dev/null >"$home/console.txt" 2>&1 &
    pid=$!
    until curl -sf -o /dev/null "http://127.0.0.1:$port/hello"; do
        kill -0 "$pid" 2>/dev/null || { cat "$home/console.txt" >&2; exit 1; }
        sleep 0.1
    done
    "$JAVA" "$ROOT/bench/tools/LoadClient.java" "http://127.0.0.1:$port/hello" "$CONNECTIONS" "$SECONDS_TOTAL" >"$home/load.txt" &
    local load=$!
    local interval
    interval=$(awk -v s="$SECONDS_TOTAL" -v n="$UPDATES" 'BEGIN { printf "%.2f", (s - 4) / n }')
    sleep 2
    for i in $(seq 1 "$UPDATES"); do
        cp "$WORK/jars/hello-1.0.$i.jar" "$home/next.jar"
        mv "$home/next.jar" "$home/deploy/hello.jar"
        sleep "$interval"
    done
    wait "$load"
    local served
    served=$(curl -s "http://127.0.0.1:$port/hello")
    kill -TERM "$pid"; wait "$pid" 2>/dev/null || true
    printf "%-6s %s  (after: %s)\n" "$mode" "$(cat "$home/load.txt")" "$served"
}

echo "$CONNECTIONS connections, $SECONDS_TOTAL s, $UPDATES updates through deploy/, $("$JAVA" -version 2>&1 | head -1)"
run graft
run plain
