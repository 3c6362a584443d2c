#!/usr/bin/env bash
# Slow clients: with Graft's open-file limit at 1024 (prlimit), N clients (default 1,000) send
# their request heads one byte a second and never finish them; each one the server closes connects
# again at once. Meanwhile a probe asks GET /hello every 0.5 s. Asserts, and exits non-zero if one
# fails:
#   1. accepting never fails in a loop: "Too many open files" appears at most 3 times in Graft's
#      console and log (connections are capped below the open-file limit)
#   2. a head must arrive within a bounded time: the server closes attackers at most
#      HEADER_BOUND_MS (default 11,000: the 10 s header timeout plus the sweep) after they connected
#   3. from 20 s into the attack to its end, every probe answers 200 within 1 s
# Prints the probe log, the attackers' counts, and Graft's open files and threads every 5 s.
# Usage: bench/slow-clients.sh [clients] [seconds]   (default 1000 40)
# Environment: HEADER_BOUND_MS (default 11000), RECOVER_AFTER (default 20: seconds into the attack
# from which probes must answer in 1 s), GRAFT_OPTS (extra lines for etc/config.properties),
# KEEP=1 (keep the scratch folder: Graft's home, console and log, the attack's and probes' output).
# Needs runtime/target/graft (mvn -q -DskipTests package) and util-linux prlimit. Loopback only;
# it ends by itself.
set -euo pipefail
CLIENTS=${1:-1000}
ATTACK_SECONDS=${2:-40}
HEADER_BOUND_MS=${HEADER_BOUND_MS:-11000}
RECOVER_AFTER=${RECOVER_AFTER:-20}
FILE_LIMIT=1024
source "$(dirname "$0")/common.sh"
command -v prlimit >/dev/null || { echo "needs prlimit (util-linux)" >&2; exit 1; }

PIDS=()
cleanup() { # stops only what this script started, by process id
    for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
    if [ -n "${KEEP:-}" ]; then echo "kept $WORK"; else rm -rf "$WORK"; fi
}
trap cleanup EXIT

home="$WORK/graft"
cp -r "$DIST" "$home"
[ -n "${GRAFT_OPTS:-}" ] && printf '\n%s\n' "$GRAFT_OPTS" >>"$home/etc/config.properties"
port=$(free_port)
prlimit --nofile=$FILE_LIMIT:$FILE_LIMIT "$home/bin/graft" --port "$port" </dev/null >"$home/console.txt" 2>&1 &
graft=$!
PIDS+=("$graft")
until curl -sf -o /dev/null "http://127.0.0.1:$port/hello"; do
    kill -0 "$graft" 2>/dev/null || { cat "$home/console.txt" >&2; exit 1; }
    sleep 0.1
done
echo "Graft pid $graft on port $port, open-file limit $(awk '/Max open files/ {print $4}' /proc/$graft/limits)"
grep -o 'HTTP on .*' "$home/console.txt"
echo "$CLIENTS slow clients for $ATTACK_SECONDS s; probe GET /hello every 0.5 s"

"$JAVA" "$ROOT/bench/tools/SlowClients.java" 127.0.0.1 "$port" "$CLIENTS" "$ATTACK_SECONDS" >"$WORK/attack.txt" 2>&1 &
attack=$!
PIDS+=("$attack")
until grep -q '^started' "$WORK/attack.txt"; do # the source launcher compiles first
    kill -0 "$attack" 2>/dev/null || { cat "$WORK/attack.txt" >&2; exit 1; }
    sleep 0.1
done
started=$(date +%s.%N)
elapsed() { awk -v s="$started" -v n="$(date +%s.%N)" 'BEGIN { printf "%.1f", n - s }'; }

# SYNs the kernel dropped because an accept queue was full (system-wide; loopback tests only here)
listen_overflows() { awk '/^TcpExt:/ { if (!n) { for (i = 1; i <= NF; i++) if ($i == "ListenOverflows") c = i; n = 1 } else print $c }' /proc/net/netstat; }
overflows_before=$(listen_overflows)
# open files every 0.2 s, for the peak between the 5 s samples
(while kill -0 "$attack" 2>/dev/null; do ls /proc/$graft/fd 2>/dev/null | wc -l; sleep 0.2; done >"$WORK/files.txt") &
PIDS+=("$!")
next_sample=0
: >"$WORK/probes.txt"
: >"$WORK/resources.txt"
while kill -0 "$attack" 2>/dev/null; do
    t=$(elapsed)
    if awk -v t="$t" -v n="$next_sample" 'BEGIN { exit !(t >= n) }'; then
        printf 't=%ss open-files=%d threads=%d listen-overflows=+%d\n' "$t" "$(ls /proc/$graft/fd | wc -l)" \
            "$(awk '/^Threads/ {print $2}' /proc/$graft/status)" "$(( $(listen_overflows) - overflows_before ))" \
            | tee -a "$WORK/resources.txt"
        next_sample=$((next_sample + 5))
    fi
    # time_connect is the TCP handshake: over 1 s means the kernel dropped a SYN (a full accept queue)
    answer=$(curl -s -o /dev/null -w '%{http_code} %{time_total} %{time_connect}' --max-time 5 "http://127.0.0.1:$port/hello" || true)
    echo "$t $answer" >>"$WORK/probes.txt"
    sleep 0.5
done
wait "$attack" || true
after=$(curl -s -o /dev/null -w '%{http_code} %{time_total}' --max-time 5 "http://127.0.0.1:$port/hello" || true)

echo "--- attackers (SlowClients)"
cat "$WORK/attack.txt"
echo "--- probes (seconds into the attack, status, seconds to answer, of which to connect)"
awk '{ printf "%5.1f %s %.3f %.3f%s", $1, $2, $3, $4, (NR % 4 == 0 ? "\n" : "  |  ") } END { print "" }' "$WORK/probes.txt"
echo "--- after the attack: /hello $after"

failed=0
check() { # ok? message
    if [ "$1" = 1 ]; then echo "PASS $2"; else echo "FAILED $2"; failed=1; fi
}
kill -0 "$graft" 2>/dev/null && alive=1 || alive=0
check "$alive" "Graft is still running"
# the console repeats the log's entries, and adds what the JVM prints itself: count each, take the larger
emfile_console=$(grep -c 'Too many open files' "$home/console.txt" || true)
emfile_log=$(grep -c 'Too many open files' "$home/data/log/graft.log" 2>/dev/null || true)
emfile=$(( emfile_console > ${emfile_log:-0} ? emfile_console : ${emfile_log:-0} ))
max_files=$(sort -n "$WORK/files.txt" | tail -1)
check "$([ "$emfile" -le 3 ] && echo 1)" "(1) 'Too many open files': $emfile (at most 3); open files peaked at $max_files of $FILE_LIMIT (sampled every 0.2 s)"
grep -m 5 -A 3 'Too many open files' "$home/console.txt" | sed 's/^/    /' || true
limit_lines=$(grep -c 'Network connection limit' "$home/data/log/graft.log" 2>/dev/null || true)
echo "note: Jetty logged 'Network connection limit … reached/cleared' $limit_lines times in graft.log"
max_age=$(sed -n 's/.*SUMMARY.* max=\([0-9]*\).*/\1/p' "$WORK/attack.txt")
check "$([ -n "$max_age" ] && [ "$max_age" -le "$HEADER_BOUND_MS" ] && echo 1)" \
    "(2) attackers closed by the server at most ${max_age:-?} ms after connecting (bound $HEADER_BOUND_MS ms); $(grep -o 'closed-by-server=[0-9]*' "$WORK/attack.txt" | tail -1)"
late=$(awk -v from="$RECOVER_AFTER" '$1 >= from && !($2 == 200 && $3 <= 1.0)' "$WORK/probes.txt")
counted=$(awk -v from="$RECOVER_AFTER" '$1 >= from' "$WORK/probes.txt" | wc -l)
slowest=$(awk -v from="$RECOVER_AFTER" '$1 >= from { if ($3 > m) m = $3 } END { print m + 0 }' "$WORK/probes.txt")
check "$([ -z "$late" ] && [ "$counted" -gt 0 ] && echo 1)" \
    "(3) probes from ${RECOVER_AFTER} s on: $counted, slowest ${slowest} s, not 200 within 1 s: $(printf '%s' "$late" | grep -c . || true)"
[ -n "$late" ] && echo "$late" | sed 's/^/    late: /'
exit $failed
