# Shared by the benchmark scripts: the distribution under test, the Java to use, a scratch folder
# removed on exit, and a free loopback port. Source it; it sets ROOT, DIST, JAVA and WORK.
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
DIST="$ROOT/runtime/target/graft"
[ -x "$DIST/bin/graft" ] || { echo "no distribution at $DIST; run: mvn -q -DskipTests package" >&2; exit 1; }
JAVA="${JAVA_HOME:+$JAVA_HOME/bin/}java"
WORK=$(mktemp -d)
# stop whatever was started from the scratch folder, then remove it
trap 'pkill -f "$WORK" 2>/dev/null || true; rm -rf "$WORK"' EXIT
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
