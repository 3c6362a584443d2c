#!/usr/bin/env bash
# Throughput: GET /hello routed by Graft with one middleware (examples/requestid) deployed, beside
# baselines answering the same body ("hello from 1.0.0", text/plain; charset=UTF-8, Content-Length),
# side by side in one run on this machine. Each side is a JVM of its own:
#   jetty       a plain Jetty 12 servlet (bench/plain-jetty/PlainJetty.java)
#   core        a bare Jetty 12 core handler in a standalone server (bench/plain-jetty/CoreHandler.java):
#               the level at which Graft's router takes requests, with nothing else in the path
#   graft       the distribution (runtime/target/graft) with examples/requestid-1.0.0.jar in deploy/
#               and without the optional auth and metrics bundles (system/4/auth*.jar, metrics*.jar; and so
#               with auth.required=false in etc/dev.graft.routing.cfg, as docs/auth.md says to run without auth):
#               GET /hello served by the hello module through the router and that one middleware
# and a fourth side for information, INFO (default shipped):
#   shipped     the distribution as shipped, with requestid in deploy/: every request also passes the
#               authentication gate and the metrics middleware (their own costs: bench/auth-overhead.sh,
#               bench/metrics-overhead.sh)
#   whiteboard  a plain servlet on Graft's Servlet Whiteboard, GET /plain (bench/plain-whiteboard), in a
#               Graft of its own: what a route served behind the whiteboard could reach at most
# jetty and core run Graft's Jetty (the root pom's jetty.version, through bench/plain-jetty/pom.xml)
# set up like Graft's server with its defaults: QueuedThreadPool(200), one default ServerConnector,
# sendServerVersion=false (see the two .java files).
# The targets: graft/jetty at least 1.00 and graft/core at least 0.95, as the median of the
# per-round ratios over at least 5 rounds.
# Method: every side runs in JVMS JVMs (default 3; round r measures the ((r - 1) mod JVMS + 1)-th JVM of
# each side, see bench/sides.sh); every JVM starts once and is warmed up alone for WARMUP seconds (default 30: Graft's
# request path runs through more code than a bare handler, and the JIT takes longer than one short
# round to compile it; measured, Graft's CPU per request still fell round by round after a 10 s
# warm-up, while the baselines' did not); after that only the side
# being measured runs, the others are paused (SIGSTOP) so that no idle neighbour takes its core.
# Each round measures every side once, one after the other; the order reverses every other round
# (jetty core graft INFO, then INFO graft core jetty, ...), so that a drift in the
# machine's speed during a run favours no side. Each round prints every side's req/s and that
# round's ratios; the end prints the median of the per-round ratios (never best-of per side) and,
# for information, each side's median req/s. For information too, each round and the end show the
# server's CPU time per request (user + system from /proc, over the wrk run): on a busy machine it
# varies less than req/s, as it does not count the time the server waits for a core.
# With taskset (util-linux) the servers run on CPU 0 and wrk on CPU 1, so that client and server do
# not take turns on the same core. wrk runs with 1 thread and [connections] connections.
# A run takes about 4 x (rounds x seconds + JVMS x WARMUP), plus start-up: about 10 minutes by default.
# Usage: bench/throughput.sh [seconds per round] [rounds] [connections]   (default 10 5 16)
# Environment: JAVA_HOME picks the JVM of every side; JAVA_OPTS, if set, applies to every side; INFO
# (shipped or whiteboard) the fourth side; JVMS and WARMUP as above.
# Needs runtime/target/graft (mvn -q -DskipTests package), wrk (apt-get install wrk), curl and
# Maven (for the baselines' Jetty jars and the whiteboard probe).
set -euo pipefail
DURATION=${1:-10}
ROUNDS=${2:-5}
CONNECTIONS=${3:-16}
source "$(dirname "$0")/common.sh"
source "$(dirname "$0")/sides.sh"

# the baselines' jars go to a fresh folder: jars of an earlier jetty.version must not join them
LIB="$WORK/lib"
build "$ROOT/bench/plain-jetty/pom.xml" dependency:copy-dependencies -DoutputDirectory="$LIB"
INFO=${INFO:-shipped}
case $INFO in
    shipped) ;;
    whiteboard) build "$ROOT/bench/plain-whiteboard/pom.xml" package ;;
    *) echo "INFO is shipped or whiteboard, not '$INFO'" >&2; exit 2 ;;
esac

# a Graft distribution per JVM (its own framework cache and deploy records), with these jars in deploy/
copy_graft() {
    local name=$1
    shift
    cp -r "$DIST" "$WORK/$name"
    for jar in "$@"; do cp "$jar" "$WORK/$name/deploy/"; done
}
for i in $(seq 1 "$JVMS"); do
    copy_graft "graft.$i" "$DIST/examples/requestid-1.0.0.jar"
    ls "$WORK/graft.$i"/system/*/auth-*.jar "$WORK/graft.$i"/system/*/metrics-*.jar >/dev/null \
        || { echo "no auth or metrics bundle in $DIST/system" >&2; exit 1; }
    rm "$WORK/graft.$i"/system/*/auth-*.jar "$WORK/graft.$i"/system/*/metrics-*.jar
    # without the auth bundle the router would fail closed (auth.required=true as shipped): docs/auth.md
    sed -i 's/^auth\.required=true$/auth.required=false/' "$WORK/graft.$i/etc/dev.graft.routing.cfg"
    grep -q '^auth\.required=false$' "$WORK/graft.$i/etc/dev.graft.routing.cfg" || { echo "auth.required not set off" >&2; exit 1; }
    case $INFO in
        shipped) copy_graft "shipped.$i" "$DIST/examples/requestid-1.0.0.jar" ;;
        whiteboard) copy_graft "whiteboard.$i" "$ROOT/bench/plain-whiteboard/target/plain-whiteboard-1.0.0.jar" ;;
    esac
done

# starts the i-th JVM of one side; sets URL[side] and PID[side] (taskset and bin/graft exec the JVM: the pid is the JVM's)
start() {
    local side=$1 i=$2 port
    port=$(free_port)
    case $side in
        jetty) # shellcheck disable=SC2086
               "${SERVER_CPU[@]}" "$JAVA" ${JAVA_OPTS:-} -cp "$LIB/*" "$ROOT/bench/plain-jetty/PlainJetty.java" "$port" \
                   </dev/null >"$WORK/jetty.$i.txt" 2>&1 &
               URL[$side]="http://127.0.0.1:$port/hello" ;;
        core)  # shellcheck disable=SC2086
               "${SERVER_CPU[@]}" "$JAVA" ${JAVA_OPTS:-} -cp "$LIB/*" "$ROOT/bench/plain-jetty/CoreHandler.java" "$port" \
                   </dev/null >"$WORK/core.$i.txt" 2>&1 &
               URL[$side]="http://127.0.0.1:$port/hello" ;;
        graft|shipped) "${SERVER_CPU[@]}" "$WORK/$side.$i/bin/graft" --port "$port" </dev/null >"$WORK/$side.$i.txt" 2>&1 &
               URL[$side]="http://127.0.0.1:$port/hello" ;;
        whiteboard) "${SERVER_CPU[@]}" "$WORK/whiteboard.$i/bin/graft" --port "$port" </dev/null >"$WORK/whiteboard.$i.txt" 2>&1 &
                    URL[$side]="http://127.0.0.1:$port/plain" ;;
    esac
    PID[$side]=$!
    kept "$side"
}
SIDES=(jetty core graft "$INFO")
for i in $(seq 1 "$JVMS"); do for side in "${SIDES[@]}"; do start "$side" "$i"; done; done
for i in $(seq 1 "$JVMS"); do
    use_jvm "$i" "${SIDES[@]}"
    for side in "${SIDES[@]}"; do
        for _ in $(seq 1 1200); do curl -sf -o /dev/null "${URL[$side]}" && break; sleep 0.1; done
        body=$(curl -sf "${URL[$side]}") || { echo "$side ($i) did not answer on ${URL[$side]}; see $WORK/$side.$i.txt" >&2; cat "$WORK/$side.$i.txt" >&2; exit 1; }
        [ "$body" = "hello from 1.0.0" ] || { echo "$side ($i) answered '$body', not 'hello from 1.0.0'" >&2; exit 1; }
    done
    curl -si "${URL[graft]}" | grep -qi '^X-Request-Id:' || { echo "the middleware is not active" >&2; exit 1; }
    [ "$(curl -s -o /dev/null -w '%{http_code}' "${URL[graft]%/hello}/metrics")" = 404 ] \
        || { echo "metrics are not off in 'graft'" >&2; exit 1; }
    for side in "${SIDES[@]}"; do kill -STOP "${PID[$side]}"; done
done

echo "GET /hello, wrk -t1 -c$CONNECTIONS, ${DURATION}s per side and round, $ROUNDS rounds, $JVMS JVMs a side"
"$JAVA" -version 2>&1 | head -2 | sed 's/^/  /'
echo "  $(head -1 "$WORK/jetty.1.txt"); $(head -1 "$WORK/core.1.txt")"
echo "  Graft's Jetty: $(cd "$WORK/graft.1/system" && ls -- */jetty-server*.jar 2>/dev/null | sed 's|.*/||' | head -1)"
if [ ${#SERVER_CPU[@]} -gt 0 ]; then echo "  servers on CPU 0, one at a time (the others SIGSTOPped); wrk on CPU 1"; fi
echo "  load average before the run: $(cut -d' ' -f1-3 /proc/loadavg)"
WARMUP=${WARMUP:-30}
echo "warming up each JVM for ${WARMUP}s"
for i in $(seq 1 "$JVMS"); do
    use_jvm "$i" "${SIDES[@]}"
    for side in "${SIDES[@]}"; do DURATION=$WARMUP alone "$side" >/dev/null; done
done

declare -A RPS CPU
ALL_JETTY=(); ALL_CORE=(); ALL_GRAFT=(); ALL_INFO=(); GJ=(); GC=(); IJ=()
CPU_JETTY=(); CPU_CORE=(); CPU_GRAFT=(); CPU_INFO=()
printf "%-6s %-4s %-24s %9s %9s %9s %11s   %11s %10s %16s\n" round jvm order jetty core graft "$INFO" graft/jetty graft/core "$INFO/jetty"
for r in $(seq 1 "$ROUNDS"); do
    use_jvm "$(round_jvm "$r")" "${SIDES[@]}"
    order=("${SIDES[@]}")
    if [ $((r % 2)) -eq 0 ]; then order=(); for ((i = ${#SIDES[@]} - 1; i >= 0; i--)); do order+=("${SIDES[$i]}"); done; fi
    for side in "${order[@]}"; do read -r "RPS[$side]" "CPU[$side]" <<<"$(alone "$side")"; done
    CPU_JETTY+=("${CPU[jetty]}"); CPU_CORE+=("${CPU[core]}"); CPU_GRAFT+=("${CPU[graft]}"); CPU_INFO+=("${CPU[$INFO]}")
    ALL_JETTY+=("${RPS[jetty]}"); ALL_CORE+=("${RPS[core]}"); ALL_GRAFT+=("${RPS[graft]}"); ALL_INFO+=("${RPS[$INFO]}")
    GJ+=("$(ratio "${RPS[graft]}" "${RPS[jetty]}")")
    GC+=("$(ratio "${RPS[graft]}" "${RPS[core]}")")
    IJ+=("$(ratio "${RPS[$INFO]}" "${RPS[jetty]}")")
    printf "%-6s %-4s %-24s %9d %9d %9d %11d   %11s %10s %16s\n" "$r" "$(round_jvm "$r")" "$(IFS=,; echo "${order[*]}")" \
        "${RPS[jetty]}" "${RPS[core]}" "${RPS[graft]}" "${RPS[$INFO]}" "${GJ[-1]}" "${GC[-1]}" "${IJ[-1]}"
    printf "%-36s %9s %9s %9s %11s\n" "  server CPU µs per request" "${CPU[jetty]}" "${CPU[core]}" "${CPU[graft]}" "${CPU[$INFO]}"
done
stop_all
echo "  load average after the run:  $(cut -d' ' -f1-3 /proc/loadavg)"

m_gj=$(median "${GJ[@]}"); m_gc=$(median "${GC[@]}"); m_ij=$(median "${IJ[@]}")
printf "%-36s %9.0f %9.0f %9.0f %11.0f   %11.3f %10.3f %16.3f\n" "median (req/s: for information)" \
    "$(median "${ALL_JETTY[@]}")" "$(median "${ALL_CORE[@]}")" "$(median "${ALL_GRAFT[@]}")" "$(median "${ALL_INFO[@]}")" \
    "$m_gj" "$m_gc" "$m_ij"
printf "%-36s %9.1f %9.1f %9.1f %11.1f\n" "  server CPU µs per request" \
    "$(median "${CPU_JETTY[@]}")" "$(median "${CPU_CORE[@]}")" "$(median "${CPU_GRAFT[@]}")" "$(median "${CPU_INFO[@]}")"
# the targets count over 5 rounds or more
verdict() {
    if [ "$ROUNDS" -lt 5 ]; then echo "no verdict: fewer than 5 rounds"; return; fi
    awk -v m="$1" -v t="$2" 'BEGIN { print (m >= t ? "met" : "NOT met") }'
}
echo "median of the per-round ratios over $ROUNDS rounds:"
printf "  graft/jetty       %.3f   (target at least 1.00: %s)\n" "$m_gj" "$(verdict "$m_gj" 1.00)"
printf "  graft/core        %.3f   (target at least 0.95: %s)\n" "$m_gc" "$(verdict "$m_gc" 0.95)"
printf "  %-17s %.3f   (for information)\n" "$INFO/jetty" "$m_ij"
lowest() { printf '%s\n' "$@" | sort -g | head -1; }
highest() { printf '%s\n' "$@" | sort -g | tail -1; }
printf "  single rounds: graft/jetty %s to %s, graft/core %s to %s\n" \
    "$(lowest "${GJ[@]}")" "$(highest "${GJ[@]}")" "$(lowest "${GC[@]}")" "$(highest "${GC[@]}")"
