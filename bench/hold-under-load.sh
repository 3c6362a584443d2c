#!/usr/bin/env bash
# Holds under an open-loop load: GET /hello at 2,000 requests/s and GET /echo/x (the echo module,
# "another route") at 200 requests/s, sent on a fixed schedule whatever the answers
# (bench/tools/OpenLoop.java; latency from each request's scheduled time).
#   warmup  30 s, not counted: the rates grow from a tenth to all of it over 20 s, then hold
#   A       15 s, no updates: the baseline
#   B       the same load while hello, the only version of /hello, is updated 10 times through
#           deploy/ (1.0.1 … 1.0.10 by atomic mv), one every 1.5 s, each awaited before the next;
#           at least 15 s
#   A2      15 s more without updates: how much A's figures vary by themselves on this machine
# Graft's thread count is sampled every 0.5 s. Asserts, and exits non-zero if one fails:
#   1. every /hello request got 200, or 503 beyond the hold queue's cap: no other status, no
#      connection error, no timeout (10 s); every /echo/x request got 200
#   2. threads stay bounded: the most in B is at most the most in A + 50
#   3. /echo/x does not slow down: its p99 in B is at most 1.2 × its p99 in A
# Usage: bench/hold-under-load.sh [hello-rate] [echo-rate] [updates]   (default 2000 200 10)
# Environment: KEEP=1 keeps the scratch folder (Graft's home, console, the load's output);
# ROUTING_CFG lines for etc/dev.graft.routing.cfg (e.g. "hold.millis=0"). With 0 updates, B measures
# how much A's figures vary by themselves.
# Needs runtime/target/graft (mvn -q -DskipTests package). Loopback only; it ends by itself.
set -euo pipefail
HELLO_RATE=${1:-2000}
ECHO_RATE=${2:-200}
UPDATES=${3:-10}
WARMUP=${WARMUP:-30}
RAMP=$((WARMUP * 2 / 3)) # the load grows to its full rate over two thirds of the warm-up, then holds
PHASE_SECONDS=${PHASE_SECONDS:-15}
UPDATE_EVERY=1.5
THREAD_MARGIN=50
P99_GROWTH=1.2
source "$(dirname "$0")/common.sh"

PIDS=()
cleanup() { # stops only what this script started, by process id
    exec 3>&- 2>/dev/null || true
    for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
    if [ -n "${KEEP:-}" ]; then echo "kept $WORK"; else rm -rf "$WORK"; fi
}
trap cleanup EXIT

echo "making hello 1.0.1 … 1.0.$UPDATES"
mkdir -p "$WORK/jars"
for i in $(seq 1 "$UPDATES"); do
    "$JAVA" "$ROOT/bench/tools/Reversion.java" "$DIST/deploy/hello.jar" "1.0.$i" "$WORK/jars/hello-1.0.$i.jar"
done

home="$WORK/graft"
cp -r "$DIST" "$home"
cp "$home/examples/echo-1.0.0.jar" "$home/deploy/echo.jar"
[ -n "${ROUTING_CFG:-}" ] && printf '\n%s\n' "$ROUTING_CFG" >>"$home/etc/dev.graft.routing.cfg"
port=$(free_port)
"$home/bin/graft" --port "$port" </dev/null >"$home/console.txt" 2>&1 &
graft=$!
PIDS+=("$graft")
until curl -sf -o /dev/null "http://127.0.0.1:$port/hello" && curl -sf -o /dev/null "http://127.0.0.1:$port/echo/x"; do
    kill -0 "$graft" 2>/dev/null || { cat "$home/console.txt" >&2; exit 1; }
    sleep 0.1
done
echo "Graft pid $graft on port $port; router: $(grep -v '^#' "$home/etc/dev.graft.routing.cfg" | grep -E 'hold|drain' | tr '\n' ' ')(hold.max.waiters: default 1000)"
echo "load: /hello $HELLO_RATE/s, /echo/x $ECHO_RATE/s; load average before: $(cut -d' ' -f1-3 /proc/loadavg)"

echo warmup >"$WORK/phase"
(while kill -0 "$graft" 2>/dev/null; do
    echo "$(cat "$WORK/phase") $(awk '/^Threads/ {print $2}' /proc/$graft/status)"
    sleep 0.5
done >"$WORK/threads.txt") &
PIDS+=("$!")

mkfifo "$WORK/control"
"$JAVA" "$ROOT/bench/tools/OpenLoop.java" 127.0.0.1 "$port" "/hello=$HELLO_RATE" "/echo/x=$ECHO_RATE" --ramp "$RAMP" \
    <"$WORK/control" >"$WORK/load.txt" 2>&1 &
load=$!
PIDS+=("$load")
exec 3>"$WORK/control"
until grep -q '^started' "$WORK/load.txt"; do # the source launcher compiles first
    kill -0 "$load" 2>/dev/null || { cat "$WORK/load.txt" >&2; exit 1; }
    sleep 0.1
done
phase() { echo "$1" >"$WORK/phase"; echo "phase $1" >&3; echo "phase $1 at $(date +%T)"; }

sleep "$WARMUP"
phase A
sleep "$PHASE_SECONDS"
phase B
b_started=$(date +%s.%N)
for i in $(seq 1 "$UPDATES"); do
    next=$(awk -v s="$b_started" -v i="$i" -v e="$UPDATE_EVERY" 'BEGIN { printf "%.3f", s + (i - 1) * e }')
    wait_s=$(awk -v n="$next" -v now="$(date +%s.%N)" 'BEGIN { w = n - now; printf "%.3f", (w > 0 ? w : 0) }')
    sleep "$wait_s"
    cp "$WORK/jars/hello-1.0.$i.jar" "$home/next.jar"
    moved=$(date +%s%N)
    mv "$home/next.jar" "$home/deploy/hello.jar"
    until [ "$(curl -s --max-time 2 "http://127.0.0.1:$port/hello" || true)" = "hello from 1.0.$i" ]; do
        if [ $(( ($(date +%s%N) - moved) / 1000000 )) -gt 30000 ]; then
            echo "hello 1.0.$i did not answer within 30 s of its mv" >&2
            break
        fi
        sleep 0.05
    done
    echo "update $i: hello 1.0.$i answers $(( ($(date +%s%N) - moved) / 1000000 )) ms after its mv"
done
rest=$(awk -v s="$b_started" -v now="$(date +%s.%N)" -v p="$PHASE_SECONDS" 'BEGIN { r = s + p - now; printf "%.3f", (r > 0 ? r : 0) }')
sleep "$rest"
echo "phase B ran $(awk -v s="$b_started" -v now="$(date +%s.%N)" 'BEGIN { printf "%.1f", now - s }') s"
phase A2
sleep "$PHASE_SECONDS"
echo end >&3
echo done >"$WORK/phase"
wait "$load" || true
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"

echo "--- per second of A, B and A2: answers and p99 (ms) of /hello and /echo/x, and /hello's answers by status"
awk '/^SECOND / && / phase=(A|B|A2) / {
        sub("t=", "", $2); sub("phase=", "", $3); hello = ""; echo = ""
        for (i = 4; i <= NF; i++) {
            split($i, kv, /[:,]/) # path:n=…,p99=…ms,max=…ms,status={…}
            n = kv[2]; p99 = kv[3]; sub("n=", "", n); sub("p99=", "", p99); sub("ms", "", p99)
            status = $i; sub(/.*status=/, "", status)
            if (kv[1] == "/hello") hello = sprintf("hello n=%s p99=%s %s", n, p99, status)
            if (kv[1] == "/echo/x") echo = sprintf("echo n=%s p99=%s", n, p99)
        }
        printf "%s %3ss  %-44s %s\n", $3, $2, hello, echo
    }' "$WORK/load.txt"
echo "--- load (OpenLoop): per phase and path"
grep -E '^(RESULT|CONNECTIONS)' "$WORK/load.txt" || { cat "$WORK/load.txt"; exit 1; }
field() { # phase path key
    grep "^RESULT phase=$1 path=$2 " "$WORK/load.txt" | tr ' ' '\n' | sed -n "s/^$3=//p" | sed 's/ms$//'
}
threads() { # phase min|max
    awk -v p="$1" -v what="$2" '$1 == p { if (min == "" || $2 < min) min = $2; if ($2 > max) max = $2 }
        END { print (what == "min" ? min : max) }' "$WORK/threads.txt"
}
echo "--- Graft's threads (sampled every 0.5 s)"
for p in warmup A B A2; do echo "$p: min $(threads $p min), max $(threads $p max)"; done
echo "(Jetty's pool is capped at graft.http.maxThreads, 200 by default; the JVM and the framework add about 45)"

failed=0
check() { # ok? message
    if [ "$1" = 1 ]; then echo "PASS $2"; else echo "FAILED $2"; failed=1; fi
}
for p in A B A2; do
    status=$(field $p /hello status)
    others=$(echo "$status" | tr -d '{}' | tr ',' '\n' | grep -vE '^(200|503)=' | grep . || true)
    problems=$(( $(field $p /hello errors) + $(field $p /hello timeouts) ))
    check "$([ -z "$others" ] && [ "$problems" = 0 ] && [ "$(field $p /hello requests)" = "$(field $p /hello answered)" ] && echo 1)" \
        "(1) phase $p: /hello $(field $p /hello requests) requests, answers $status, connection errors $(field $p /hello errors), timeouts $(field $p /hello timeouts) (resent after a keep-alive close: $(field $p /hello retried))"
    echo_status=$(field $p /echo/x status)
    check "$([ "$echo_status" = "{200=$(field $p /echo/x requests)}" ] && echo 1)" \
        "(1) phase $p: /echo/x $(field $p /echo/x requests) requests, answers $echo_status, connection errors $(field $p /echo/x errors), timeouts $(field $p /echo/x timeouts)"
done
max_a=$(threads A max)
max_b=$(threads B max)
check "$([ "$max_b" -le $((max_a + THREAD_MARGIN)) ] && echo 1)" \
    "(2) threads in B peaked at $max_b; bound: A's peak $max_a + $THREAD_MARGIN = $((max_a + THREAD_MARGIN))"
p99_a=$(field A /echo/x p99)
p99_b=$(field B /echo/x p99)
check "$(awk -v a="$p99_a" -v b="$p99_b" -v g="$P99_GROWTH" 'BEGIN { if (b <= a * g) print 1 }')" \
    "(3) /echo/x p99: A $p99_a ms, B $p99_b ms ($(awk -v a="$p99_a" -v b="$p99_b" 'BEGIN { printf "%+.0f %%", (b / a - 1) * 100 }'); at most ${P99_GROWTH}×)"
p99_a2=$(field A2 /echo/x p99)
echo "    the same load without updates again (A2): /echo/x p99 $p99_a2 ms ($(awk -v a="$p99_a" -v b="$p99_a2" 'BEGIN { printf "%+.0f %%", (b / a - 1) * 100 }') of A), threads peaked at $(threads A2 max): how much the figures move by themselves on this machine"
for p in A B A2; do
    echo "/hello in $p: p50 $(field $p /hello p50) ms, p99 $(field $p /hello p99) ms, max $(field $p /hello max) ms, answers $(field $p /hello status)"
done
exit $failed
