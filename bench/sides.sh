# Shared by the side-by-side throughput scripts (throughput.sh, metrics-overhead.sh,
# auth-overhead.sh), sourced after common.sh: every side is a server process in PID[side] answering
# at URL[side]; the servers run on CPU 0 and wrk on CPU 1 (taskset, when there are two CPUs), and a
# side is measured alone while the others stay paused (SIGSTOP). Needs wrk; uses CONNECTIONS and
# DURATION of the sourcing script.
#
# Each side runs in JVMS JVMs (default 3), all started and warmed up before the first round; round r
# measures the ((r - 1) mod JVMS + 1)-th JVM of every side (`use_jvm`). One JVM's JIT can compile the
# same code better or worse than the next one's for its whole life: measured 2026-12-02, the same
# metrics on/off comparison with one JVM per side gave 0.922 in one run and 1.143 in the next, every
# round of each run on the same side of 1. With several JVMs per side the median of the per-round
# ratios measures the code, not one JVM's luck. Keep JVMS odd, so that the order, which reverses
# every round, does not always put the same JVM first.
command -v wrk >/dev/null || { echo "wrk is needed: apt-get install wrk" >&2; exit 1; }
JVMS=${JVMS:-3}
declare -A URL PID JVM_PIDS JVM_URLS
# kept <side>: records the JVM of the side just started (its PID[side] and URL[side])
kept() { JVM_PIDS[$1]+="${PID[$1]} "; JVM_URLS[$1]+="${URL[$1]} "; }
# use_jvm <i> <side…>: from now on PID[side] and URL[side] name the side's i-th JVM (from 1)
use_jvm() {
    local i=$1 side pids urls
    shift
    for side in "$@"; do
        read -r -a pids <<<"${JVM_PIDS[$side]}"
        read -r -a urls <<<"${JVM_URLS[$side]}"
        PID[$side]=${pids[$((i - 1))]}
        URL[$side]=${urls[$((i - 1))]}
    done
}
# the JVM round r measures
round_jvm() { echo $((($1 - 1) % JVMS + 1)); }
# resume and stop what the script started, by process id
stop_all() {
    local pid all
    read -r -a all <<<"${JVM_PIDS[*]} ${PID[*]}"
    for pid in "${all[@]}"; do kill -CONT "$pid" 2>/dev/null || true; kill "$pid" 2>/dev/null || true; done
    for pid in "${all[@]}"; do wait "$pid" 2>/dev/null || true; done
    PID=(); JVM_PIDS=()
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
