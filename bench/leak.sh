#!/usr/bin/env bash
# Footprint over updates: hello is updated UPDATES times through deploy/, alternating 1.0.0 and
# 1.1.0 (an atomic mv of the other version's jar over deploy/hello.jar), each time waiting until
# GET /hello answers with the new version's body. After the 10th update, and at the checkpoints
# (default 100 and the last), a full GC is requested (jcmd GC.run) and it prints:
#   metaspace  used metaspace after the GC (jcmd GC.heap_info), MiB
#   classes    live classes (loaded - unloaded, jstat -class)
#   loaders    bundle class loaders alive (jcmd VM.classloader_stats, Felix's BundleClassLoader)
#   rss        the process's resident set, MiB
#   heap       heap used after the GC, MiB
# and, at each checkpoint, the change against the 10th update, with the targets: metaspace within
# 2 %, live classes and bundle class loaders flat, RSS within 10 %.
# Usage: bench/leak.sh [updates] [checkpoint…]   (default 200 100)
# Environment: JAVA_HOME picks the JVM (its jcmd and jstat too). Loopback only; ends by itself.
set -euo pipefail
UPDATES=${1:-200}
shift || true
CHECKPOINTS=("${@:-100}")
source "$(dirname "$0")/common.sh"
JDK_BIN=$(dirname "$(readlink -f "$(command -v "$JAVA")")")
for tool in jcmd jstat; do
    [ -x "$JDK_BIN/$tool" ] || { echo "$tool is needed next to $JAVA (a JDK, not a JRE)" >&2; exit 1; }
done

home="$WORK/graft"
cp -r "$DIST" "$home"
port=$(free_port)
"$home/bin/graft" --port "$port" </dev/null >"$home/console.txt" 2>&1 &
pid=$!
await_body() { # expected body
    local deadline=$(( $(date +%s) + 30 ))
    until [ "$(curl -s "http://127.0.0.1:$port/hello")" = "$1" ]; do
        kill -0 "$pid" 2>/dev/null || { echo "graft exited:" >&2; cat "$home/console.txt" >&2; exit 1; }
        [ "$(date +%s)" -lt "$deadline" ] || { echo "'$1' not served within 30 s" >&2; tail -20 "$home/data/log/graft.log" >&2; exit 1; }
        sleep 0.02
    done
}
await_body "hello from 1.0.0"

# prints "metaspace classes loaders rss heap" after a full GC
measure() {
    "$JDK_BIN/jcmd" "$pid" GC.run >/dev/null
    local meta classes loaders rss heap
    local info
    info=$("$JDK_BIN/jcmd" "$pid" GC.heap_info)
    # "Metaspace       used 18478K, committed …" and the heap's own line "… heap   total …K, used …K"
    meta=$(awk '/Metaspace/ {for (i = 1; i < NF; i++) if ($i == "used") {v = $(i+1); sub(/K,?/, "", v); printf "%.2f", v / 1024; exit}}' <<<"$info")
    heap=$(awk '/heap/ && /total/ {for (i = 1; i < NF; i++) if ($i == "used") {v = $(i+1); sub(/K,?/, "", v); printf "%.1f", v / 1024; exit}}' <<<"$info")
    classes=$("$JDK_BIN/jstat" -class "$pid" | awk 'NR == 2 {print $1 - $3}')
    loaders=$("$JDK_BIN/jcmd" "$pid" VM.classloader_stats | grep -c 'BundleClassLoader' || true)
    rss=$(awk '/VmRSS/ {printf "%.1f", $2/1024}' "/proc/$pid/status")
    echo "$meta $classes $loaders $rss $heap"
}

echo "Graft footprint over $UPDATES updates of hello (1.0.0 <-> 1.1.0 through deploy/), $("$JAVA" -version 2>&1 | head -1)"
printf "%8s %12s %9s %9s %9s %9s\n" update "metaspace" classes loaders "rss" "heap"
printf "%8s %12s %9s %9s %9s %9s\n" "" "MiB" "" "" "MiB" "MiB"
report() { # update, figures
    printf "%8s %12s %9s %9s %9s %9s\n" "$1" "$2" "$3" "$4" "$5" "$6"
}
read -r m c l r h < <(measure)
report 0 "$m" "$c" "$l" "$r" "$h"
mkdir -p "$WORK/jars"
cp "$DIST/examples/hello-1.0.0.jar" "$DIST/examples/hello-1.1.0.jar" "$WORK/jars/"
start=$(date +%s)
base=()
for i in $(seq 1 "$UPDATES"); do
    if (( i % 2 )); then version=1.1.0; else version=1.0.0; fi
    cp "$WORK/jars/hello-$version.jar" "$home/hello.next"
    mv "$home/hello.next" "$home/deploy/hello.jar"
    await_body "hello from $version"
    if [ "$i" -eq 10 ] || [ "$i" -eq "$UPDATES" ] || [[ " ${CHECKPOINTS[*]} " == *" $i "* ]]; then
        read -r m c l r h < <(measure)
        report "$i" "$m" "$c" "$l" "$r" "$h"
        if [ "$i" -eq 10 ]; then
            base=("$m" "$c" "$l" "$r")
        else
            awk -v m="$m" -v c="$c" -v l="$l" -v r="$r" -v bm="${base[0]}" -v bc="${base[1]}" -v bl="${base[2]}" -v br="${base[3]}" 'BEGIN {
                printf "         vs update 10: metaspace %+.2f %% (target within 2 %%), classes %+d, loaders %+d (targets 0), rss %+.1f %% (target within 10 %%)\n",
                    100 * (m - bm) / bm, c - bc, l - bl, 100 * (r - br) / br }'
        fi
    elif (( i % 25 == 0 )); then
        echo "  … $i updates ($(( $(date +%s) - start )) s)"
    fi
done
kill -TERM "$pid"
wait "$pid" 2>/dev/null || true
