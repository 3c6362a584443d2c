# Shared by the benchmark scripts: the distribution under test, the Java to use, a scratch folder
# removed on exit, a free loopback port, and the helpers every A/B comparison uses (cpu_ticks, ratio,
# median: the median of the per-round ratios is what the scripts report). Source it; it sets ROOT, DIST, JAVA and WORK.
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
DIST="$ROOT/runtime/target/graft"
[ -x "$DIST/bin/graft" ] || { echo "no distribution at $DIST; run: mvn -q -DskipTests package" >&2; exit 1; }
JAVA="${JAVA_HOME:+$JAVA_HOME/bin/}java"
WORK=$(mktemp -d)
# stop whatever was started from the scratch folder, then remove it
trap 'pkill -f "$WORK" 2>/dev/null || true; rm -rf "$WORK"' EXIT
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
# the CPU time a process has used so far (user + system), in clock ticks
cpu_ticks() { awk '{ print $14 + $15 }' "/proc/$1/stat"; }
# a / b with three decimals
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.3f", a / b }'; }
# the median of the arguments (the mean of the middle two for an even count)
median() {
    printf '%s\n' "$@" | sort -g | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}
# runs Maven quietly on a pom (arguments: the pom, then goals); its output is shown only if it fails
build() { mvn -q -B -f "$@" >"$WORK/mvn.txt" 2>&1 || { cat "$WORK/mvn.txt" >&2; exit 1; }; }
