#!/usr/bin/env bash
# Route registration (JMH): the time to register 10,000 and 100,000 routes into an empty table and
# to remove them all again, as siblings of one node and as a mixed tree; the cost per route at each
# size and their ratio (near-linear: close to 1). Then lookups while another thread registers and
# removes routes, against the same lookups alone (lookups never lock: they must not wait for changes).
# The ratio is taken from the median one-second iteration: on a shared 2-core machine, an iteration
# that other work slowed down moves the mean much more than the median (both are printed).
# Usage: bench/route-registration.sh   (builds bench/route-lookup with -Pbench; about 3 minutes)
#   ROUTES=10000,20000 bench/route-registration.sh   other batch sizes (the first and last are compared)
#   JMH_ARGS='-wi 1 -i 3' bench/route-registration.sh   extra JMH options
#   SKIP_BUILD=1 bench/route-registration.sh   run what was built last
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
ROUTES=${ROUTES:-10000,100000}
[ -n "${SKIP_BUILD:-}" ] || mvn -q -Pbench -DskipTests package -pl bench/route-lookup -am
JAVA="${JAVA_HOME:+$JAVA_HOME/bin/}java"
OUT=$(mktemp -d)
trap 'rm -rf "$OUT"' EXIT
# shellcheck disable=SC2086 # JMH_ARGS is a list of options
"$JAVA" -cp "bench/route-lookup/target/classes:bench/route-lookup/target/lib/*" org.openjdk.jmh.Main \
    RouteRegistrationBenchmark -p routes="$ROUTES" ${JMH_ARGS:-} -rf json -rff "$OUT/result.json" \
    | grep -E '^(Benchmark|RouteRegistrationBenchmark)' | grep -vE ':p0\.(9|0)|:p1\.00' || true
echo
echo "route registration ($("$JAVA" -version 2>&1 | head -1)):"
python3 - "$OUT/result.json" "$ROUTES" <<'PY'
import json, statistics, sys
results = json.load(open(sys.argv[1]))
sizes = [int(s) for s in sys.argv[2].split(",")]
small, large = sizes[0], sizes[-1]
batches, samples = {}, {}
for r in results:
    name = r["benchmark"].rsplit(".", 1)[1]
    if name in ("register", "removeAll"):
        p = r["params"]
        iterations = [x for fork in r["primaryMetric"]["rawData"] for x in fork]
        batches[name, p["shape"], int(p["routes"])] = (r["primaryMetric"]["score"], statistics.median(iterations))
    else:
        for label, metric in [(name, r["primaryMetric"])] + list(r.get("secondaryMetrics", {}).items()):
            samples[label if label == name else name + ":" + label] = metric
print(f"  {'':9} {'':8}  {'ms per batch (median / mean)':>44}  {'ns per route (median)':>24}  ratio")
print(f"  {'':9} {'':8}  {f'{small} routes':>21} {f'{large} routes':>22}  {f'@{small}':>11} {f'@{large}':>12}")
for op in ("register", "removeAll"):
    for shape in ("siblings", "mixed"):
        if (op, shape, small) not in batches or (op, shape, large) not in batches:
            continue
        (ma, da), (mb, db) = batches[op, shape, small], batches[op, shape, large]
        pa, pb = da * 1e6 / small, db * 1e6 / large
        print(f"  {op:9} {shape:8}  {da:9.1f} / {ma:9.1f} {db:10.1f} / {mb:9.1f}  {pa:11.0f} {pb:12.0f}  {pb / pa:.2f}x")
print(f"  (ratio: cost per route at {large} / at {small}; 1.00 is linear, {large / small:.2f} would be quadratic)")
def pct(metric, p):
    return metric["scorePercentiles"][p]
alone = samples.get("lookupAlone")
during = samples.get("lookupWhileRegistering:lookup")
changes = samples.get("lookupWhileRegistering:registerAndRemove")
if alone and during:
    print()
    print("lookups (ns per lookup), alone and while another thread registers and removes 2,000 routes:")
    for label, m in (("alone", alone), ("while registering", during)):
        print(f"  {label + ':':19} p50 {pct(m, '50.0'):7.0f}  p99 {pct(m, '99.0'):8.0f}"
              f"  p99.9 {pct(m, '99.9'):9.0f}  max {pct(m, '100.0'):9.0f}")
    if changes:
        # a group takes one operations-per-invocation value (64, for the lookups): undone here
        print(f"  the changes meanwhile: {changes['score'] * 64 / 4000:.0f} ns per add or remove (mean)")
PY
