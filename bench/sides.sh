# Shared by the side-by-side throughput scripts (throughput.sh, metrics-overhead.sh,
# auth-overhead.sh), sourced after common.sh: every side is a server process in PID[side] answering
# at URL[side]; the servers run on CPU 0 and wrk on CPU 1 (taskset, when there are two CPUs), and a
# side is measured alone while the others stay paused (SIGSTOP). Needs wrk; uses CONNECTIONS and
# DURATION of the sourcing script.
command -v wrk >/dev/null || { echo "wrk is needed: apt-get install wrk" >&2; exit 1; }
declare -A URL PID
# resume and stop what the script started, by process id
stop_all() {
    local pid
    for pid in "${PID[@]}"; do kill -CONT "$pid" 2>/dev/null || true; kill "$pid" 2>/dev/null || true; done
    for pid in "${PID[@]}"; do wait "$pid" 2>/dev/null || true; done
    PID=()
}
trap 'stop_all; rm -rf "$WORK"' EXIT

SERVER_CPU=(); CLIENT_CPU=()
if command -v taskset >/dev/null && [ "$(nproc)" -ge 2 ]; then SERVER_CPU=(taskset -c 0); CLIENT_CPU=(taskset -c 1); fi

# alone <side> [wrk option…]: measures one side alone, the others staying paused; prints its req/s
# and the server's CPU time per request in microseconds; errors or non-2xx answers go to stderr
alone() {
    local side=$1 pid=${PID[$1]} out before after
    shift
    kill -CONT "$pid"
    sleep 1
    before=$(cpu_ticks "$pid")
    out=$("${CLIENT_CPU[@]}" wrk -t1 -c"$CONNECTIONS" -d"${DURATION}s" "$@" "${URL[$side]}")
    after=$(cpu_ticks "$pid")
    kill -STOP "$pid"
    if grep -qE 'Non-2xx|Socket errors' <<<"$out"; then
        echo "  note ($side): $(grep -E 'Non-2xx|Socket errors' <<<"$out" | tr -s ' ' | tr '\n' ' ')" >&2
    fi
    awk -v ticks=$((after - before)) -v hz="$(getconf CLK_TCK)" \
        '/requests in/ { n = $1 } /Requests\/sec/ { r = int($2) } END { printf "%d %.1f\n", r, n ? ticks / hz * 1e6 / n : 0 }' <<<"$out"
}
