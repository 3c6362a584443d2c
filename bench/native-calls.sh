#!/usr/bin/env bash
# Native calls (JMH): calc_add of libcalc through the native bridge's proxy, through JNA's own
# interface mapping (the same mapping, no bridge), as plain Java, and through an isolated library's
# worker process. Each round runs every side in a JVM of its own, in alternating order; the result is
# the MEDIAN of the per-round ratios (target: bridge / raw JNA within 1.2x).
# Usage: bench/native-calls.sh [rounds]   (builds bench/native-calls with -Pbench; about 2 minutes for 5 rounds)
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
ROUNDS=${1:-5}
mvn -q -Pbench -DskipTests package -pl bench/native-calls -am
JAVA="${JAVA_HOME:+$JAVA_HOME/bin/}java"
OUT=$(mktemp -d)
trap 'rm -rf "$OUT"' EXIT
CP="bench/native-calls/target/classes:bench/native-calls/target/lib/*"
ACCESS=""
if "$JAVA" -XX:+IgnoreUnrecognizedVMOptions --enable-native-access=ALL-UNNAMED -version >/dev/null 2>&1; then
    ACCESS="--enable-native-access=ALL-UNNAMED"
fi
run() { # benchmark -> ns/op
    "$JAVA" -cp "$CP" org.openjdk.jmh.Main "NativeCallBenchmark.$1\$" -f 1 -wi 3 -w 1s -i 5 -r 1s \
        ${ACCESS:+-jvmArgsAppend "$ACCESS"} -rf csv -rff "$OUT/$1.csv" >/dev/null 2>&1
    awk -F, 'NR == 2 { print $5 }' "$OUT/$1.csv"
}
echo "calc_add, ns per call ($("$JAVA" -version 2>&1 | head -1)); $ROUNDS rounds, sides alternated"
printf '%-6s %10s %10s %10s %12s   %14s %14s\n' round plainJava rawJna bridge isolated bridge/rawJna isolated/rawJna
RATIOS=()
ISO_RATIOS=()
for r in $(seq 1 "$ROUNDS"); do
    if (( r % 2 )); then order="rawJna bridge plainJava isolatedWorker"; else order="bridge rawJna isolatedWorker plainJava"; fi
    declare -A ns=()
    for side in $order; do ns[$side]=$(run "$side"); done
    ratio=$(awk -v b="${ns[bridge]}" -v r="${ns[rawJna]}" 'BEGIN { printf "%.3f", b / r }')
    iso=$(awk -v b="${ns[isolatedWorker]}" -v r="${ns[rawJna]}" 'BEGIN { printf "%.1f", b / r }')
    RATIOS+=("$ratio")
    ISO_RATIOS+=("$iso")
    printf '%-6s %10.1f %10.1f %10.1f %12.1f   %14s %14s\n' "$r" "${ns[plainJava]}" "${ns[rawJna]}" "${ns[bridge]}" \
        "${ns[isolatedWorker]}" "$ratio" "$iso"
    unset ns
done
median() { printf '%s\n' "$@" | sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
echo "median bridge / raw JNA: $(median "${RATIOS[@]}")x (target: within 1.2x)"
echo "median isolated worker / raw JNA: $(median "${ISO_RATIOS[@]}")x"
