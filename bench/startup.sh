#!/usr/bin/env bash
# Start-up benchmark: starts the distribution, polls until GET /hello answers 200, stops it with
# SIGTERM; repeats. Prints, per mode, the median/min/max time from launch to the first 200, the
# resident memory (RSS) at that moment and the time SIGTERM took to end the process.
#   cold: a fresh copy of the distribution (empty data/: every bundle is installed)
#   warm: a restart of the same copy (bundles come from the framework cache)
# Usage: bench/startup.sh [runs]   (default 5; needs runtime/target/graft: mvn -DskipTests package)
# Environment: JAVA_HOME picks the JVM. Loopback only; every run ends by itself.
set -euo pipefail
RUNS=${1:-5}
source "$(dirname "$0")/common.sh"
command -v curl >/dev/null || { echo "curl is needed" >&2; exit 1; }
PORT=$(free_port)

now_ms() { date +%s%3N; }

# one run: prints "<ms to first 200> <rss MiB> <ms to stop>"
run_once() {
    local home=$1
    local start pid first rss stop_start stopped
    start=$(now_ms)
    "$home/bin/graft" --port "$PORT" </dev/null >"$home/console.txt" 2>&1 &
    pid=$!
    until [ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$PORT/hello")" = 200 ]; do
        if ! kill -0 "$pid" 2>/dev/null; then echo "graft exited early:" >&2; cat "$home/console.txt" >&2; exit 1; fi
        if [ $(( $(now_ms) - start )) -gt 60000 ]; then echo "no 200 within 60 s" >&2; kill -9 "$pid"; exit 1; fi
        sleep 0.02
    done
    first=$(( $(now_ms) - start ))
    rss=$(awk '/VmRSS/ {printf "%.0f", $2/1024}' "/proc/$pid/status")
    stop_start=$(now_ms)
    kill -TERM "$pid"
    wait "$pid" 2>/dev/null || true
    stopped=$(( $(now_ms) - stop_start ))
    echo "$first $rss $stopped"
}

stats() { # column number, values on stdin -> "median min max"
    sort -n | awk '{v[NR]=$1} END {m = (NR % 2) ? v[(NR+1)/2] : (v[NR/2] + v[NR/2+1]) / 2; printf "%d %d %d\n", m, v[1], v[NR]}'
}

report() {
    local mode=$1 file=$2
    read -r fmed fmin fmax < <(awk '{print $1}' "$file" | stats)
    read -r rmed rmin rmax < <(awk '{print $2}' "$file" | stats)
    read -r smed smin smax < <(awk '{print $3}' "$file" | stats)
    printf "%-5s  first 200: median %5d ms  min %5d  max %5d | RSS: median %4d MiB  min %4d  max %4d | SIGTERM to exit: median %4d ms\n" \
        "$mode" "$fmed" "$fmin" "$fmax" "$rmed" "$rmin" "$rmax" "$smed"
}

echo "Graft start-up, $RUNS runs each, port $PORT, $("$JAVA" -version 2>&1 | head -1)"
for i in $(seq 1 "$RUNS"); do
    home="$WORK/cold-$i"
    cp -r "$DIST" "$home"
    run_once "$home" >>"$WORK/cold.txt"
    run_once "$home" >>"$WORK/warm.txt"
    printf "  run %d: cold %s  warm %s\n" "$i" "$(tail -1 "$WORK/cold.txt")" "$(tail -1 "$WORK/warm.txt")"
done
report cold "$WORK/cold.txt"
report warm "$WORK/warm.txt"

# baseline, same machine, same run: what the JVM alone costs to start and exit
for i in $(seq 1 "$RUNS"); do
    start=$(now_ms)
    "$JAVA" -version >/dev/null 2>&1
    echo $(( $(now_ms) - start )) >>"$WORK/jvm.txt"
done
read -r jmed jmin jmax < <(stats <"$WORK/jvm.txt")
printf "base   bare JVM start+exit (java -version): median %5d ms  min %5d  max %5d\n" "$jmed" "$jmin" "$jmax"
