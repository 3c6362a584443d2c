#!/usr/bin/env bash
# Throughput: GET /hello routed by Graft, with one middleware (examples/requestid) deployed, beside
# three baselines answering the same body, in one run on the same machine:
#   jetty       a plain Jetty 12 servlet in a JVM of its own (bench/plain-jetty), the Jetty version
#               Felix HTTP embeds, configured like it (one acceptor, one selector)
#   whiteboard  a plain servlet on the same Felix HTTP / Jetty 12 as Graft, registered straight on
#               the Servlet Whiteboard at /plain (bench/plain-whiteboard): what a servlet behind the
#               whiteboard gets (Graft's routes are served ahead of it, see docs/routing.md)
#   core        a bare Jetty core handler put in front of Felix HTTP's servlet context in the same
#               server (bench/felix-core-handler, GET /core): the most that anything served through
#               Felix HTTP's Jetty can reach on this machine, i.e. the ceiling for Graft's router
# The figure the target is about: Graft / plain Jetty in its own JVM (at least 90 %).
# wrk drives all the same way (loopback); each is warmed up first. Rounds alternate so that no side
# gets the quieter machine; the best round of each counts. Prints the figures and the ratios.
# With taskset (util-linux) the servers run on CPU 0 and wrk on CPU 1, so that client and server do
# not take turns on the same core (on this 2-core machine that is what makes rounds comparable).
# Usage: bench/throughput.sh [seconds per round] [rounds] [connections]   (default 10 3 16)
# Needs runtime/target/graft (mvn -q -DskipTests package), wrk (apt-get install wrk) and Maven
# (to fetch the baseline's Jetty jars).
set -euo pipefail
DURATION=${1:-10}
ROUNDS=${2:-3}
CONNECTIONS=${3:-16}
source "$(dirname "$0")/common.sh"
command -v wrk >/dev/null || { echo "wrk is needed: apt-get install wrk" >&2; exit 1; }
trap 'pkill -f "$WORK" 2>/dev/null || true; pkill -f PlainJetty.java 2>/dev/null || true; rm -rf "$WORK"' EXIT

mvn -q -f "$ROOT/bench/plain-jetty/pom.xml" dependency:copy-dependencies -DoutputDirectory=target/lib
mvn -q -f "$ROOT/bench/plain-whiteboard/pom.xml" package
mvn -q -f "$ROOT/bench/felix-core-handler/pom.xml" package

SERVER_CPU=(); CLIENT_CPU=()
if command -v taskset >/dev/null && [ "$(nproc)" -ge 2 ]; then SERVER_CPU=(taskset -c 0); CLIENT_CPU=(taskset -c 1); fi

PLAIN_PORT=$(free_port)
"${SERVER_CPU[@]}" "$JAVA" -cp "$ROOT/bench/plain-jetty/target/lib/*" "$ROOT/bench/plain-jetty/PlainJetty.java" "$PLAIN_PORT" >"$WORK/plain.txt" 2>&1 &
PLAIN_PID=$!

GRAFT_PORT=$(free_port)
cp -r "$DIST" "$WORK/graft"
cp "$WORK/graft/examples/requestid-1.0.0.jar" "$WORK/graft/requestid.tmp"
mv "$WORK/graft/requestid.tmp" "$WORK/graft/deploy/requestid.jar"
cp "$ROOT/bench/plain-whiteboard/target/plain-whiteboard-1.0.0.jar" "$WORK/graft/deploy/"
cp "$ROOT/bench/felix-core-handler/target/felix-core-handler-1.0.0.jar" "$WORK/graft/deploy/"
"${SERVER_CPU[@]}" "$WORK/graft/bin/graft" --port "$GRAFT_PORT" </dev/null >"$WORK/graft.txt" 2>&1 &
GRAFT_PID=$!

JETTY="http://127.0.0.1:$PLAIN_PORT/hello"
WHITEBOARD="http://127.0.0.1:$GRAFT_PORT/plain"
GRAFT="http://127.0.0.1:$GRAFT_PORT/hello"
CORE="http://127.0.0.1:$GRAFT_PORT/core"
for url in "$JETTY" "$WHITEBOARD" "$GRAFT" "$CORE"; do
    for _ in $(seq 1 300); do curl -sf -o /dev/null "$url" && break; sleep 0.1; done
done
curl -si "http://127.0.0.1:$GRAFT_PORT/hello" | grep -q '^X-Request-Id:' || { echo "the middleware is not active" >&2; exit 1; }

rps() { "${CLIENT_CPU[@]}" wrk -t1 -c"$CONNECTIONS" -d"${DURATION}s" "$1" | awk '/Requests\/sec/ {print int($2)}'; }

echo "warming up each for ${DURATION}s"
for url in "$JETTY" "$WHITEBOARD" "$GRAFT" "$CORE"; do rps "$url" >/dev/null; done

best_jetty=0; best_white=0; best_graft=0; best_core=0
for r in $(seq 1 "$ROUNDS"); do
    j=$(rps "$JETTY"); w=$(rps "$WHITEBOARD"); g=$(rps "$GRAFT"); c=$(rps "$CORE")
    printf "  round %d: jetty %7d   whiteboard %7d   graft %7d   core %7d  req/s\n" "$r" "$j" "$w" "$g" "$c"
    [ "$j" -gt "$best_jetty" ] && best_jetty=$j
    [ "$w" -gt "$best_white" ] && best_white=$w
    [ "$g" -gt "$best_graft" ] && best_graft=$g
    [ "$c" -gt "$best_core" ] && best_core=$c
done
kill "$PLAIN_PID" "$GRAFT_PID"
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.1f %%", 100 * a / b }'; }
echo "GET /hello, wrk -t1 -c$CONNECTIONS${CLIENT_CPU:+ (servers on CPU 0, wrk on CPU 1)}, ${DURATION}s rounds, best of $ROUNDS, $("$JAVA" -version 2>&1 | head -1)"
printf "plain Jetty 12 servlet (own JVM):         %7d req/s\n" "$best_jetty"
printf "plain servlet on Graft's Felix HTTP:      %7d req/s\n" "$best_white"
printf "Graft router + 1 middleware:              %7d req/s\n" "$best_graft"
printf "bare Jetty handler in Felix HTTP's Jetty: %7d req/s\n" "$best_core"
printf "Graft / plain servlet on the same server: %s\n" "$(ratio "$best_graft" "$best_white")"
printf "Graft / plain Jetty in its own JVM:       %s\n" "$(ratio "$best_graft" "$best_jetty")"
printf "bare handler in Felix HTTP / plain Jetty: %s   (the ceiling for any router behind Felix HTTP)\n" "$(ratio "$best_core" "$best_jetty")"
