#!/usr/bin/env bash
# Metrics overhead: routed GET /hello with metrics on (the distribution as shipped: dev.graft.metrics
# counts every request by route template and version, times it in a histogram, tracks it in flight)
# against metrics off (the same distribution with system/4/metrics*.jar removed, so no metrics
# middleware runs and the launcher falls back to the router as its readiness signal), side by side
# in one run. Each side runs in JVMS Graft JVMs (default 3; round r measures the ((r - 1) mod JVMS + 1)-th
# of each side, see bench/sides.sh); every JVM is warmed up alone for WARMUP seconds
# (default 40: the JIT needs it on a busy machine; with 20 s the first measured rounds still
# showed the metrics side warming up), then only the JVM being measured runs (the others are SIGSTOPped). Each round
# measures both sides, the order reversing every other round; the result is the median of the per-round
# ratios on/off. Target: at least 0.95. For information, each round also shows the server's CPU
# time per request (user + system from /proc over the wrk run): on a busy machine it varies less
# than req/s, as it does not count the time the server waits for a core. With taskset the servers run on CPU 0 and wrk on CPU 1.
# A run takes about 2 x (rounds x seconds + JVMS x WARMUP) plus start-up: about 7 minutes by default.
# Usage: bench/metrics-overhead.sh [seconds per round] [rounds] [connections]   (default 8 7 16)
# Needs runtime/target/graft (mvn -q -DskipTests package), wrk (apt-get install wrk) and curl.
set -euo pipefail
DURATION=${1:-8}
ROUNDS=${2:-7}
CONNECTIONS=${3:-16}
source "$(dirname "$0")/common.sh"
source "$(dirname "$0")/sides.sh"

SIDES=(on off)
# every JVM runs a distribution of its own (its own framework cache and deploy records)
for i in $(seq 1 "$JVMS"); do
    cp -r "$DIST" "$WORK/on.$i"
    cp -r "$DIST" "$WORK/off.$i"
    ls "$WORK"/off.$i/system/*/metrics*.jar >/dev/null 2>&1 || { echo "no metrics bundle in $DIST/system" >&2; exit 1; }
    rm "$WORK"/off.$i/system/*/metrics*.jar
    for side in "${SIDES[@]}"; do
        port=$(free_port)
        "${SERVER_CPU[@]}" "$WORK/$side.$i/bin/graft" --port "$port" </dev/null >"$WORK/$side.$i.txt" 2>&1 &
        PID[$side]=$!
        URL[$side]="http://127.0.0.1:$port/hello"
        kept "$side"
    done
done
metrics_url() { echo "${URL[$1]%/hello}/metrics"; }
for i in $(seq 1 "$JVMS"); do
    use_jvm "$i" "${SIDES[@]}"
    for side in "${SIDES[@]}"; do
        for _ in $(seq 1 1200); do grep -q "Graft started" "$WORK/$side.$i.txt" && break; sleep 0.1; done
        body=$(curl -sf "${URL[$side]}") || { echo "$side ($i) did not answer; see:" >&2; cat "$WORK/$side.$i.txt" >&2; exit 1; }
        [ "$body" = "hello from 1.0.0" ] || { echo "$side ($i) answered '$body'" >&2; exit 1; }
    done
    scrape=$(curl -sf "$(metrics_url on)") # whole, then searched: grep -q on a pipe would cut curl short
    grep -q '^graft_http_requests_total{' <<<"$scrape" || { echo "metrics are not on in 'on'" >&2; exit 1; }
    [ "$(curl -s -o /dev/null -w '%{http_code}' "$(metrics_url off)")" = 404 ] || { echo "metrics are not off in 'off'" >&2; exit 1; }
    for side in "${SIDES[@]}"; do kill -STOP "${PID[$side]}"; done
done

echo "GET /hello, wrk -t1 -c$CONNECTIONS, ${DURATION}s per side and round, $ROUNDS rounds; metrics on vs off; $JVMS JVMs a side"
"$JAVA" -version 2>&1 | head -1 | sed 's/^/  /'
echo "  load average before the run: $(cut -d' ' -f1-3 /proc/loadavg)"
WARMUP=${WARMUP:-40}
echo "warming up each JVM for ${WARMUP}s"
for i in $(seq 1 "$JVMS"); do
    use_jvm "$i" "${SIDES[@]}"
    for side in "${SIDES[@]}"; do DURATION=$WARMUP alone "$side" >/dev/null; done
done

declare -A RPS CPU
RATIOS=(); CPU_RATIOS=()
printf "%-6s %-4s %-8s %9s %9s %8s   %14s %14s %12s\n" round jvm order on off on/off "CPU µs/req on" "CPU µs/req off" "CPU off/on"
for r in $(seq 1 "$ROUNDS"); do
    use_jvm "$(round_jvm "$r")" "${SIDES[@]}"
    order=(on off)
    if [ $((r % 2)) -eq 0 ]; then order=(off on); fi
    for side in "${order[@]}"; do read -r "RPS[$side]" "CPU[$side]" <<<"$(alone "$side")"; done
    RATIOS+=("$(ratio "${RPS[on]}" "${RPS[off]}")")
    CPU_RATIOS+=("$(ratio "${CPU[off]}" "${CPU[on]}")")
    printf "%-6s %-4s %-8s %9d %9d %8s   %14s %14s %12s\n" "$r" "$(round_jvm "$r")" "$(IFS=,; echo "${order[*]}")" "${RPS[on]}" "${RPS[off]}" \
        "${RATIOS[-1]}" "${CPU[on]}" "${CPU[off]}" "${CPU_RATIOS[-1]}"
done
counted=0
for i in $(seq 1 "$JVMS"); do
    use_jvm "$i" on
    kill -CONT "${PID[on]}"
    counted=$((counted + $(curl -sf "$(metrics_url on)" | awk '/^graft_http_requests_total\{.*route="\/hello".*version="1.0.0"/ { s += $2 } END { printf "%d", s }')))
done
stop_all
echo "  load average after the run:  $(cut -d' ' -f1-3 /proc/loadavg)"
echo "  requests the 'on' JVMs counted for GET /hello 1.0.0: $counted"
m=$(median "${RATIOS[@]}")
printf "median of the per-round ratios on/off over %d rounds: %.3f (target at least 0.95: %s)\n" "$ROUNDS" "$m" \
    "$(awk -v m="$m" 'BEGIN { print (m >= 0.95 ? "met" : "NOT met") }')"
printf "for information, the server's CPU time per request, median of the per-round ratios off/on: %.3f\n" \
    "$(median "${CPU_RATIOS[@]}")"
