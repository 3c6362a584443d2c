#!/usr/bin/env bash
# Route lookup (JMH): sampled time per lookup in tables of 10, 1,000 and 10,000 routes, and the
# ratio of the p50 at 10,000 routes to the p50 at 10 (the target: within 1.2x).
# Usage: bench/route-lookup.sh   (builds bench/route-lookup with -Pbench; about 1.5 minutes)
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
mvn -q -Pbench -DskipTests package -pl bench/route-lookup -am
JAVA="${JAVA_HOME:+$JAVA_HOME/bin/}java"
OUT=$(mktemp -d)
trap 'rm -rf "$OUT"' EXIT
"$JAVA" -cp "bench/route-lookup/target/classes:bench/route-lookup/target/lib/*" org.openjdk.jmh.Main \
    RouteLookupBenchmark -rf csv -rff "$OUT/result.csv" | grep -E '^(Benchmark|RouteLookupBenchmark)' || true
echo
echo "route lookup, ns per lookup ($("$JAVA" -version 2>&1 | head -1)):"
awk -F, 'NR > 1 {
    gsub(/"/, "", $1); gsub(/["\r]/, "", $8)
    if ($1 ~ /p0.50$/) p50[$8] = $5
    if ($1 ~ /p0.99$/) p99[$8] = $5
    if ($1 ~ /lookup$/) mean[$8] = $5
} END {
    split("10 1000 10000", n, " ")
    for (i = 1; i <= 3; i++) printf "  %6d routes: p50 %7.1f  p99 %7.1f  mean %7.1f\n", n[i], p50[n[i]], p99[n[i]], mean[n[i]]
    printf "  p50 at 10,000 routes / p50 at 10 routes: %.2fx\n", p50["10000"] / p50["10"]
}' "$OUT/result.csv"
