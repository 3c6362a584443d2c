#!/usr/bin/env bash
# Deploy latency: the time from the moment a new hello jar is mv-ed over deploy/hello.jar to the
# first answer of GET /hello from the new version (target: median of 20 rounds at most 0.25 s).
# Two sides, each a Graft of its own, started once and measured in turn:
#   graft        the distribution as built: Graft's deployment manager (bundle dev.graft.deploy)
#                sees the file through file-system events and switches blue/green
#   fileinstall  the baseline, how Graft deployed before: the same distribution with Felix
#                FileInstall polling deploy/ every 500 ms (etc/org.apache.felix.fileinstall-deploy.cfg)
#                and doing Bundle.update in place; Graft's manager watches an empty folder instead
#                (graft.deploy.dir in etc/config.properties)
# Each round measures both sides, one after the other; the order reverses every other round
# (graft fileinstall, then fileinstall graft, ...). A side's round: the other hello version
# (1.1.0 and 1.0.0 in turn, from its examples/) is copied to a file beside deploy/ (same file system),
# then bench/tools/DeployProbe.java renames it over deploy/hello.jar, as mv does, and sends
# GET /hello every 5 ms until the body is "hello from <new version>"; the latency runs from just
# before the rename to that answer (System.nanoTime, in one JVM started once for the whole run).
# After each measurement PAUSE seconds (default 1) pass, so that the old version drains, plus a
# random 0-500 ms: otherwise the mv falls at the same point of FileInstall's 500 ms poll cycle
# round after round (a first run without it gave fileinstall only ~400 or ~520 ms, never between).
# Prints per round each side's ms and the ratio graft/fileinstall; at the end each side's median,
# the median of the per-round ratios, and whether graft's median is at most 250 ms.
# A round in which the new version does not answer within 10 s ends the rounds, with the side's
# log (data/log/graft.log); so does a run of rounds longer than 150 s. About 70 s by default.
# Usage: bench/deploy-latency.sh [rounds]   (default 20)
# Environment: KEEP=1 keeps the scratch folder (both Graft homes, their consoles and logs);
# JAVA_HOME picks the JVM. Needs runtime/target/graft (mvn -q -DskipTests package) and curl.
# Both Grafts listen on 127.0.0.1 only; it ends by itself and stops what it started.
set -euo pipefail
ROUNDS=${1:-20}
PAUSE=${PAUSE:-1}
POLL_MS=5
JITTER_MS=500 # FileInstall's poll period
TIMEOUT_MS=10000
ROUNDS_LIMIT_S=150
TARGET_MS=250
source "$(dirname "$0")/common.sh"
command -v curl >/dev/null || { echo "curl is needed" >&2; exit 1; }

SIDES=(graft fileinstall)
declare -A PORT PID VERSION
PROBE_PID=
cleanup() { # stops only what this script started, by process id
    local pid
    [ -n "$PROBE_PID" ] && kill "$PROBE_PID" 2>/dev/null || true
    for pid in "${PID[@]}"; do kill "$pid" 2>/dev/null || true; done
    for pid in "${PID[@]}"; do wait "$pid" 2>/dev/null || true; done
    if [ -n "${KEEP:-}" ]; then echo "kept $WORK"; else rm -rf "$WORK"; fi
}
trap cleanup EXIT

for side in "${SIDES[@]}"; do
    home="$WORK/$side"
    cp -r "$DIST" "$home"
    if [ "$side" = fileinstall ]; then
        # shellcheck disable=SC2016 # ${graft.home} is for FileInstall and the launcher to expand
        printf '%s\n' 'felix.fileinstall.dir=${graft.home}/deploy' 'felix.fileinstall.poll=500' \
            'felix.fileinstall.noInitialDelay=true' 'felix.fileinstall.bundles.new.start=true' \
            >"$home/etc/org.apache.felix.fileinstall-deploy.cfg"
        # shellcheck disable=SC2016
        printf '\n%s\n' 'graft.deploy.dir=${graft.home}/unused-deploy' >>"$home/etc/config.properties"
        mkdir -p "$home/unused-deploy"
    fi
    PORT[$side]=$(free_port)
    "$home/bin/graft" --port "${PORT[$side]}" --host 127.0.0.1 </dev/null >"$home/console.txt" 2>&1 &
    PID[$side]=$!
    VERSION[$side]=1.0.0
done
for side in "${SIDES[@]}"; do
    url="http://127.0.0.1:${PORT[$side]}/hello"
    for _ in $(seq 1 600); do
        [ "$(curl -s --max-time 2 "$url" || true)" = "hello from 1.0.0" ] && break
        kill -0 "${PID[$side]}" 2>/dev/null || { echo "$side exited:" >&2; cat "$WORK/$side/console.txt" >&2; exit 1; }
        sleep 0.1
    done
    body=$(curl -s --max-time 2 "$url" || true)
    [ "$body" = "hello from 1.0.0" ] || { echo "$side answered '$body' on $url, not 'hello from 1.0.0'" >&2; exit 1; }
done
grep -q "watching $WORK/graft/deploy " "$WORK/graft/data/log/graft.log" ||
    { echo "graft: the deployment manager does not watch deploy/" >&2; exit 1; }
grep -q "watching $WORK/fileinstall/unused-deploy " "$WORK/fileinstall/data/log/graft.log" ||
    { echo "fileinstall: the deployment manager is not pointed away from deploy/" >&2; exit 1; }

coproc PROBE { exec "$JAVA" "$ROOT/bench/tools/DeployProbe.java" "$POLL_MS" "$TIMEOUT_MS" 2>"$WORK/probe.txt"; }
ask() { # one command to the probe (tab-separated fields); sets REPLY to its answer line
    local IFS=$'\t' # coproc descriptors are not passed to subshells
    echo "$*" >&"${PROBE[1]}"
    read -r -t 60 REPLY <&"${PROBE[0]}" || { echo "the probe did not answer:" >&2; cat "$WORK/probe.txt" >&2; exit 1; }
}
for side in "${SIDES[@]}"; do ask warm "http://127.0.0.1:${PORT[$side]}/hello" 500; done

# measures one side's update to the other hello version: sets RESULT to the ms, or to "timeout"
# (no subshell: VERSION must keep the version now served)
QUIET_BEFORE="seen=\\{('hello_from_[0-9.]+'=[0-9]+)?\\}$" # only the old version's 200s before the new one
measure() {
    local side=$1 home="$WORK/$1" next reply
    next=$([ "${VERSION[$side]}" = 1.0.0 ] && echo 1.1.0 || echo 1.0.0)
    cp "$home/examples/hello-$next.jar" "$home/next.jar" # the home's copy: a build may be rewriting $DIST
    ask move "$home/next.jar" "$home/deploy/hello.jar" "http://127.0.0.1:${PORT[$side]}/hello" \
        "hello from $next" "Graft-Module: dev.graft.examples.hello/$next"
    reply=$REPLY
    echo "$side ${VERSION[$side]} -> $next: $reply" >>"$WORK/replies.txt"
    if [[ $reply == ok* ]]; then
        VERSION[$side]=$next
        RESULT=$(sed -n 's/.* ms=\([0-9.]*\) .*/\1/p' <<<"$reply")
        if [[ $reply != *"header=yes"* ]] || ! [[ $reply =~ $QUIET_BEFORE ]]; then
            echo "  note ($side, -> $next): $reply"
        fi
    else
        echo "  $side: hello $next did not answer within $TIMEOUT_MS ms of its mv: $reply"
        RESULT=timeout
    fi
    sleep "$(awk -v p="$PAUSE" -v j="$JITTER_MS" -v r="$RANDOM" 'BEGIN { printf "%.3f", p + j / 1000 * r / 32768 }')"
}

echo "mv of a new hello jar over deploy/hello.jar to the first answer from it, GET /hello every $POLL_MS ms; $ROUNDS rounds"
"$JAVA" -version 2>&1 | head -1 | sed 's/^/  /'
echo "  graft: deployment manager (file-system events, blue/green); fileinstall: FileInstall polling every 500 ms, Bundle.update"
echo "  load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
declare -A MS
ALL_GRAFT=(); ALL_FI=(); RATIOS=()
failed=
rounds_started=$(date +%s)
printf "%-6s %-18s %-17s %10s %15s %18s\n" round order version "graft ms" "fileinstall ms" "graft/fileinstall"
for r in $(seq 1 "$ROUNDS"); do
    order=(graft fileinstall)
    [ $((r % 2)) -eq 0 ] && order=(fileinstall graft)
    versions="${VERSION[graft]}/${VERSION[fileinstall]}"
    for side in "${order[@]}"; do
        measure "$side"
        MS[$side]=$RESULT
        [ "$RESULT" = timeout ] && { failed=$side; break; }
    done
    [ -n "$failed" ] && break
    ALL_GRAFT+=("${MS[graft]}"); ALL_FI+=("${MS[fileinstall]}")
    RATIOS+=("$(ratio "${MS[graft]}" "${MS[fileinstall]}")")
    printf "%-6s %-18s %-17s %10.1f %15.1f %18s\n" "$r" "$(IFS=,; echo "${order[*]}")" \
        "$versions -> ${VERSION[graft]}" "${MS[graft]}" "${MS[fileinstall]}" "${RATIOS[-1]}"
    if [ $(($(date +%s) - rounds_started)) -gt "$ROUNDS_LIMIT_S" ] && [ "$r" -lt "$ROUNDS" ]; then
        echo "stopping after $r rounds: the rounds have taken more than $ROUNDS_LIMIT_S s"
        break
    fi
done
echo "  load average after:  $(cut -d' ' -f1-3 /proc/loadavg)"

for side in "${SIDES[@]}"; do
    log="$WORK/$side/data/log/graft.log"
    echo "$side's log: $(grep -c ' ERROR ' "$log" || true) ERROR and $(grep -c ' WARN ' "$log" || true) WARN lines"
    grep -E ' (ERROR|WARN) ' "$log" | head -10 | sed 's/^/  /' || true
done
if [ -n "$failed" ]; then
    echo "FAILED: on $failed the new version did not answer; the last lines of its log:"
    tail -40 "$WORK/$failed/data/log/graft.log" | sed 's/^/  /'
    exit 1
fi
[ ${#RATIOS[@]} -gt 0 ] || exit 1

m_graft=$(median "${ALL_GRAFT[@]}"); m_fi=$(median "${ALL_FI[@]}"); m_ratio=$(median "${RATIOS[@]}")
lowest() { printf '%s\n' "$@" | sort -g | head -1; }
highest() { printf '%s\n' "$@" | sort -g | tail -1; }
echo "over ${#RATIOS[@]} rounds:"
printf "  graft        median %6.1f ms   (%s to %s)\n" "$m_graft" "$(lowest "${ALL_GRAFT[@]}")" "$(highest "${ALL_GRAFT[@]}")"
printf "  fileinstall  median %6.1f ms   (%s to %s)\n" "$m_fi" "$(lowest "${ALL_FI[@]}")" "$(highest "${ALL_FI[@]}")"
printf "  median of the per-round ratios graft/fileinstall: %.3f   (%s to %s)\n" "$m_ratio" "$(lowest "${RATIOS[@]}")" "$(highest "${RATIOS[@]}")"
verdict=$(awk -v m="$m_graft" -v t="$TARGET_MS" 'BEGIN { print (m <= t ? "met" : "NOT met") }')
[ "${#RATIOS[@]}" -lt 20 ] && verdict="$verdict; fewer than 20 rounds"
printf "  target: graft's median at most %d ms: %s\n" "$TARGET_MS" "$verdict"
