#!/usr/bin/env bash
# Throughput: GET /hello routed by Graft, with one middleware (examples/requestid) deployed, beside
# three baselines answering the same body, in one run on the same machine:
#   jetty       a plain Jetty 12 servlet in a JVM of its own (bench/plain-jetty), the Jetty version
#               Felix HTTP embeds, configured like it (one acceptor, one selector)
#   whiteboard  a plain servlet on Graft's Felix HTTP / Jetty 12, registered straight on the Servlet
#               Whiteboard at /plain (bench/plain-whiteboard): what a servlet behind the whiteboard
#               gets (Graft's routes are served ahead of it, see docs/routing.md)
#   core        a bare Jetty core handler put in front of Felix HTTP's servlet context in its own
#               server (bench/felix-core-handler, GET /core): the most that anything served through
#               Felix HTTP's Jetty can reach on this machine, i.e. the ceiling for Graft's router
# The figure the target is about: Graft / plain Jetty in its own JVM (at least 90 %).
# Graft runs as a user runs it (the distribution and the middleware); each probe runs in a Graft of
# its own, so that every JVM serves only what is measured in it, as the plain Jetty does.
# All four start once and are warmed up; then only the one being measured runs: the others are
# paused (SIGSTOP) so that no idle neighbour takes its core, and resumed (SIGCONT) for their turn.
# Rounds alternate so that no side gets the quieter machine; the best round of each counts.
# Prints the figures and the ratios.
# With taskset (util-linux) the servers run on CPU 0 and wrk on CPU 1, so that client and server do
# not take turns on the same core (on this 2-core machine that is what makes rounds comparable).
# A run takes about 4 x (rounds + 1) x seconds, plus start-up.
# Usage: bench/throughput.sh [seconds per round] [rounds] [connections]   (default 10 5 16)
# Needs runtime/target/graft (mvn -q -DskipTests package), wrk (apt-get install wrk) and Maven
# (to fetch the baseline's Jetty jars).
set -euo pipefail
DURATION=${1:-10}
ROUNDS=${2:-5}
CONNECTIONS=${3:-16}
source "$(dirname "$0")/common.sh"
command -v wrk >/dev/null || { echo "wrk is needed: apt-get install wrk" >&2; exit 1; }
trap 'pkill -CONT -f "$WORK" 2>/dev/null || true; pkill -f "$WORK" 2>/dev/null || true; rm -rf "$WORK"' EXIT

mvn -q -f "$ROOT/bench/plain-jetty/pom.xml" dependency:copy-dependencies -DoutputDirectory=target/lib
mvn -q -f "$ROOT/bench/plain-whiteboard/pom.xml" package
mvn -q -f "$ROOT/bench/felix-core-handler/pom.xml" package

SERVER_CPU=(); CLIENT_CPU=()
if command -v taskset >/dev/null && [ "$(nproc)" -ge 2 ]; then SERVER_CPU=(taskset -c 0); CLIENT_CPU=(taskset -c 1); fi

# the plain Jetty's sources and jars, and three Graft distributions, each with these jars in deploy/
cp "$ROOT/bench/plain-jetty/PlainJetty.java" "$WORK/"
copy_graft() {
    local name=$1
    shift
    cp -r "$DIST" "$WORK/$name"
    for jar in "$@"; do cp "$jar" "$WORK/$name/deploy/"; done
}
copy_graft graft "$DIST/examples/requestid-1.0.0.jar"
copy_graft whiteboard "$ROOT/bench/plain-whiteboard/target/plain-whiteboard-1.0.0.jar"
copy_graft core "$ROOT/bench/felix-core-handler/target/felix-core-handler-1.0.0.jar"

rps() { "${CLIENT_CPU[@]}" wrk -t1 -c"$CONNECTIONS" -d"${DURATION}s" "$1" | awk '/Requests\/sec/ {print int($2)}'; }

# starts one side; sets URL[side] and PID[side]
declare -A URL PID
start() {
    local side=$1 port
    port=$(free_port)
    case $side in
        jetty) "${SERVER_CPU[@]}" "$JAVA" -cp "$ROOT/bench/plain-jetty/target/lib/*" "$WORK/PlainJetty.java" "$port" \
                   >"$WORK/jetty.txt" 2>&1 &
               URL[$side]="http://127.0.0.1:$port/hello" ;;
        graft) "${SERVER_CPU[@]}" "$WORK/graft/bin/graft" --port "$port" </dev/null >"$WORK/graft.txt" 2>&1 &
               URL[$side]="http://127.0.0.1:$port/hello" ;;
        whiteboard) "${SERVER_CPU[@]}" "$WORK/whiteboard/bin/graft" --port "$port" </dev/null >"$WORK/whiteboard.txt" 2>&1 &
                    URL[$side]="http://127.0.0.1:$port/plain" ;;
        core) "${SERVER_CPU[@]}" "$WORK/core/bin/graft" --port "$port" </dev/null >"$WORK/core.txt" 2>&1 &
              URL[$side]="http://127.0.0.1:$port/core" ;;
    esac
    PID[$side]=$!
}
SIDES=(jetty whiteboard graft core)
for side in "${SIDES[@]}"; do start "$side"; done
for side in "${SIDES[@]}"; do
    for _ in $(seq 1 300); do curl -sf -o /dev/null "${URL[$side]}" && break; sleep 0.1; done
    curl -sf -o /dev/null "${URL[$side]}" || { echo "$side did not answer on ${URL[$side]}; see $WORK/$side.txt" >&2; exit 1; }
done
curl -si "${URL[graft]}" | grep -qi '^X-Request-Id:' || { echo "the middleware is not active" >&2; exit 1; }
for side in "${SIDES[@]}"; do kill -STOP "${PID[$side]}"; done

# measures one side alone: the others stay paused
alone() {
    kill -CONT "${PID[$1]}"
    sleep 0.5
    rps "${URL[$1]}"
    kill -STOP "${PID[$1]}"
}

echo "warming up each for ${DURATION}s"
for side in "${SIDES[@]}"; do alone "$side" >/dev/null; done

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.1f %%", 100 * a / b }'; }
best_jetty=0; best_white=0; best_graft=0; best_core=0
for r in $(seq 1 "$ROUNDS"); do
    j=$(alone jetty); w=$(alone whiteboard); g=$(alone graft); c=$(alone core)
    printf "  round %d: jetty %7d   whiteboard %7d   graft %7d   core %7d  req/s   graft/jetty %s\n" \
        "$r" "$j" "$w" "$g" "$c" "$(ratio "$g" "$j")"
    [ "$j" -gt "$best_jetty" ] && best_jetty=$j
    [ "$w" -gt "$best_white" ] && best_white=$w
    [ "$g" -gt "$best_graft" ] && best_graft=$g
    [ "$c" -gt "$best_core" ] && best_core=$c
done
for side in "${SIDES[@]}"; do kill -CONT "${PID[$side]}"; kill "${PID[$side]}"; done
echo "GET /hello, wrk -t1 -c$CONNECTIONS${CLIENT_CPU:+ (servers on CPU 0, one at a time; wrk on CPU 1)}, ${DURATION}s rounds, best of $ROUNDS, $("$JAVA" -version 2>&1 | head -1)"
printf "plain Jetty 12 servlet (own JVM):         %7d req/s\n" "$best_jetty"
printf "plain servlet on Felix HTTP's whiteboard: %7d req/s\n" "$best_white"
printf "Graft router + 1 middleware:              %7d req/s\n" "$best_graft"
printf "bare Jetty handler in Felix HTTP's Jetty: %7d req/s\n" "$best_core"
printf "Graft / plain servlet on the whiteboard:  %s\n" "$(ratio "$best_graft" "$best_white")"
printf "Graft / plain Jetty in its own JVM:       %s\n" "$(ratio "$best_graft" "$best_jetty")"
printf "bare handler in Felix HTTP / plain Jetty: %s   (the ceiling for any router behind Felix HTTP)\n" "$(ratio "$best_core" "$best_jetty")"
