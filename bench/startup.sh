#!/usr/bin/env bash
# Start-up benchmark, Graft against a plain Jetty 12 servlet serving the same body, side by side.
# Each round starts a fresh copy of the distribution once (cold: empty data/, every bundle is
# installed), then — in alternating order, Graft first in odd rounds — restarts that copy (warm:
# bundles from the framework cache) and starts the plain Jetty (bench/plain-jetty/PlainJetty.java,
# compiled beforehand, on Graft's Jetty version). Every start is polled every 10 ms until GET
# /hello answers 200 and then stopped with SIGTERM. Measured per start: time from launch to the
# first 200, CPU time (user + system) the JVM used until then, resident memory (RSS) then, and the
# time SIGTERM took to end the process. Printed: each round's figures and warm/plain ratios, then
# the median of the per-round ratios (this machine's speed drifts; see docs/performance.md).
# Usage: bench/startup.sh [runs]   (default 7; needs runtime/target/graft: mvn -DskipTests package)
# Environment: JAVA_HOME picks the JVM for both sides. Loopback only; every start ends by itself.
set -euo pipefail
RUNS=${1:-7}
source "$(dirname "$0")/common.sh"
command -v curl >/dev/null || { echo "curl is needed" >&2; exit 1; }
PORT=$(free_port)
TICK_MS=$(( 1000 / $(getconf CLK_TCK) ))

# the plain Jetty: its jars (Graft's Jetty version) and the class, compiled once (not in each start)
build "$ROOT/bench/plain-jetty/pom.xml" dependency:copy-dependencies -DoutputDirectory="$WORK/lib"
mkdir -p "$WORK/classes"
"${JAVA_HOME:+$JAVA_HOME/bin/}javac" -d "$WORK/classes" -cp "$WORK/lib/*" "$ROOT/bench/plain-jetty/PlainJetty.java"

now_ms() { date +%s%3N; }

# one start of a command; prints "<ms to first 200> <CPU ms until then> <RSS MiB> <ms to stop>"
run_once() {
    local log=$1
    shift
    local start pid first cpu rss stop_start stopped
    start=$(now_ms)
    "$@" </dev/null >"$log" 2>&1 &
    pid=$!
    until [ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$PORT/hello")" = 200 ]; do
        if ! kill -0 "$pid" 2>/dev/null; then echo "exited early: $*" >&2; cat "$log" >&2; exit 1; fi
        if [ $(( $(now_ms) - start )) -gt 60000 ]; then echo "no 200 within 60 s: $*" >&2; kill -9 "$pid"; exit 1; fi
        sleep 0.01
    done
    first=$(( $(now_ms) - start ))
    cpu=$(( $(cpu_ticks "$pid") * TICK_MS ))
    rss=$(awk '/VmRSS/ {printf "%.0f", $2/1024}' "/proc/$pid/status")
    stop_start=$(now_ms)
    kill -TERM "$pid"
    wait "$pid" 2>/dev/null || true
    stopped=$(( $(now_ms) - stop_start ))
    echo "$first $cpu $rss $stopped"
}

graft() { run_once "$1/console.txt" "$1/bin/graft" --port "$PORT"; }
plain() { run_once "$WORK/plain-console.txt" "$JAVA" ${JAVA_OPTS:-} -cp "$WORK/classes:$WORK/lib/*" PlainJetty "$PORT"; }

# the median of one column of a file
column_median() { median $(awk -v c="$2" '{ print $c }' "$1"); }

echo "Graft and a plain Jetty 12 servlet, start to first 200 on /hello, $RUNS rounds, port $PORT, $("$JAVA" -version 2>&1 | head -1)"
printf "%-6s %-26s %-26s %-26s %s\n" "" "cold Graft" "warm Graft (restart)" "plain Jetty" "warm/plain: time  CPU  RSS"
for i in $(seq 1 "$RUNS"); do
    home="$WORK/graft-$i"
    cp -r "$DIST" "$home"
    cold=$(graft "$home")
    if [ $(( i % 2 )) = 1 ]; then
        warm=$(graft "$home"); jetty=$(plain)
    else
        jetty=$(plain); warm=$(graft "$home")
    fi
    read -r wt wc wr _ <<<"$warm"
    read -r jt jc jr _ <<<"$jetty"
    echo "$(ratio "$wt" "$jt") $(ratio "$wc" "$jc") $(ratio "$wr" "$jr")" >>"$WORK/ratios.txt"
    echo "$cold" >>"$WORK/cold.txt"; echo "$warm" >>"$WORK/warm.txt"; echo "$jetty" >>"$WORK/plain.txt"
    read -r ct cc cr _ <<<"$cold"
    printf "round %-2d %5d ms %5d CPU %4d MiB  %5d ms %5d CPU %4d MiB  %5d ms %5d CPU %4d MiB  %s\n" "$i" \
        "$ct" "$cc" "$cr" "$wt" "$wc" "$wr" "$jt" "$jc" "$jr" "$(tail -1 "$WORK/ratios.txt")"
    rm -rf "$home"
done
for side in cold warm plain; do
    file="$WORK/$side.txt"
    printf "%-6s medians: first 200 %5s ms | CPU to it %5s ms | RSS %4s MiB | SIGTERM to exit %4s ms\n" "$side" \
        "$(column_median "$file" 1)" "$(column_median "$file" 2)" "$(column_median "$file" 3)" "$(column_median "$file" 4)"
done
echo "median of the per-round ratios, warm Graft / plain Jetty (targets: time ≤ 1.0, RSS ≤ 1.1):"
echo "  time to first 200 $(column_median "$WORK/ratios.txt" 1)   CPU to it $(column_median "$WORK/ratios.txt" 2)   RSS $(column_median "$WORK/ratios.txt" 3)"
