#!/usr/bin/env bash
# Authentication overhead: GET /hello routed by Graft, the same route and module on three sides,
# each a copy of the distribution (runtime/target/graft) in a JVM of its own:
#   none    /hello public (the shipped etc/dev.graft.auth.policy-hello.cfg: access=anonymous); the auth
#           gate still runs and decides "anonymous"
#   jwt     /hello requires the role hello:read; every request carries an RS256 bearer token, verified
#           by the jwt authenticator (Nimbus JOSE+JWT) against a JWKS file, with iss and aud checked
#   apikey  /hello requires the role hello:read; every request carries an API key (X-API-Key), checked
#           against its stored SHA-256
# The targets: jwt/none at least 0.70 and apikey/none at least 0.90, as the median of the per-round
# ratios over at least 5 rounds.
# Method (as bench/throughput.sh): every side runs in JVMS JVMs (default 3, see bench/sides.sh), each
# started and warmed up alone for WARMUP seconds
# (default 60: with 30 s the sides were still speeding up during the rounds, docs/performance.md); then only the side being measured runs, the others are paused (SIGSTOP). Each round
# measures every side once; the order reverses every other round (none jwt apikey, then apikey jwt
# none, ...), so a drift in the machine's speed favours no side. Each round prints every side's req/s
# and that round's ratios; the end prints the median of the per-round ratios (never best-of).
# With taskset the servers run on CPU 0 and wrk on CPU 1. wrk: 1 thread, [connections] connections.
# A run takes about 3 x (rounds x seconds + JVMS x WARMUP) plus start-up: about 11 minutes by default.
# Usage: bench/auth-overhead.sh [seconds per round] [rounds] [connections]   (default 8 5 16)
# Needs runtime/target/graft (mvn -q -DskipTests package), wrk (apt-get install wrk), curl, sha256sum.
set -euo pipefail
DURATION=${1:-8}
ROUNDS=${2:-5}
CONNECTIONS=${3:-16}
source "$(dirname "$0")/common.sh"
source "$(dirname "$0")/sides.sh"
declare -A HEADER

SIDES=(none jwt apikey)
# each side is set up once, then copied for each of its JVMs (their own framework caches)
for side in "${SIDES[@]}"; do cp -r "$DIST" "$WORK/$side"; done
# jwt: a key pair made with the JOSE library the runtime ships; its public half in a JWKS file
NIMBUS=$(ls "$DIST"/system/*/nimbus-jose-jwt-*.jar | head -1)
TOKEN=$("$JAVA" -cp "$NIMBUS" "$ROOT/bench/auth-token/MakeToken.java" "$WORK/jwt/etc/bench-jwks.json" hello:read)
printf 'jwks.file=etc/bench-jwks.json\nissuer=bench\naudience=graft\nroles.claim=roles\n' > "$WORK/jwt/etc/dev.graft.auth.jwt.cfg"
HEADER[jwt]="Authorization: Bearer $TOKEN"
# apikey: a random key; only its SHA-256 goes into etc/, as graft:apikey-add does
KEY="gk_$(head -c 32 /dev/urandom | base64 | tr '+/' '-_' | tr -d '=')"
printf 'name=bench\nhash=sha256:%s\nroles=hello:read\n' "$(printf '%s' "$KEY" | sha256sum | cut -d' ' -f1)" \
    > "$WORK/apikey/etc/dev.graft.auth.apikey-bench.cfg"
HEADER[apikey]="X-API-Key: $KEY"
HEADER[none]="X-Nothing: none"
for side in jwt apikey; do
    printf 'pattern=/hello/*\nroles=hello:read\n' > "$WORK/$side/etc/dev.graft.auth.policy-hello.cfg"
done

for i in $(seq 1 "$JVMS"); do
    for side in "${SIDES[@]}"; do
        cp -r "$WORK/$side" "$WORK/$side.$i"
        port=$(free_port)
        "${SERVER_CPU[@]}" "$WORK/$side.$i/bin/graft" --port "$port" --host 127.0.0.1 </dev/null >"$WORK/$side.$i.txt" 2>&1 &
        PID[$side]=$!
        URL[$side]="http://127.0.0.1:$port/hello"
        kept "$side"
    done
done
for i in $(seq 1 "$JVMS"); do
    use_jvm "$i" "${SIDES[@]}"
    for side in "${SIDES[@]}"; do
        for _ in $(seq 1 1200); do curl -sf -o /dev/null -H "${HEADER[$side]}" "${URL[$side]}" && break; sleep 0.1; done
        body=$(curl -sf -H "${HEADER[$side]}" "${URL[$side]}") || { echo "$side ($i) did not answer; see $WORK/$side.$i.txt" >&2; exit 1; }
        [ "$body" = "hello from 1.0.0" ] || { echo "$side ($i) answered '$body'" >&2; exit 1; }
    done
    # the protected sides really are protected
    for side in jwt apikey; do
        code=$(curl -s -o /dev/null -w '%{http_code}' "${URL[$side]}")
        [ "$code" = 401 ] || { echo "$side ($i) answers $code without credentials, not 401" >&2; exit 1; }
    done
    for side in "${SIDES[@]}"; do kill -STOP "${PID[$side]}"; done
done

echo "GET /hello, wrk -t1 -c$CONNECTIONS, ${DURATION}s per side and round, $ROUNDS rounds, $JVMS JVMs a side"
"$JAVA" -version 2>&1 | head -1 | sed 's/^/  /'
echo "  load average before the run: $(cut -d' ' -f1-3 /proc/loadavg)"
WARMUP=${WARMUP:-60}
echo "warming up each JVM for ${WARMUP}s"
for i in $(seq 1 "$JVMS"); do
    use_jvm "$i" "${SIDES[@]}"
    for side in "${SIDES[@]}"; do DURATION=$WARMUP alone "$side" -H "${HEADER[$side]}" >/dev/null; done
done

declare -A RPS
JN=(); AN=(); ALL_NONE=(); ALL_JWT=(); ALL_KEY=()
printf "%-6s %-4s %-18s %9s %9s %9s   %8s %11s\n" round jvm order none jwt apikey jwt/none apikey/none
for r in $(seq 1 "$ROUNDS"); do
    use_jvm "$(round_jvm "$r")" "${SIDES[@]}"
    order=("${SIDES[@]}")
    if [ $((r % 2)) -eq 0 ]; then order=(apikey jwt none); fi
    for side in "${order[@]}"; do read -r "RPS[$side]" _ <<<"$(alone "$side" -H "${HEADER[$side]}")"; done
    ALL_NONE+=("${RPS[none]}"); ALL_JWT+=("${RPS[jwt]}"); ALL_KEY+=("${RPS[apikey]}")
    JN+=("$(ratio "${RPS[jwt]}" "${RPS[none]}")"); AN+=("$(ratio "${RPS[apikey]}" "${RPS[none]}")")
    printf "%-6s %-4s %-18s %9d %9d %9d   %8s %11s\n" "$r" "$(round_jvm "$r")" "$(IFS=,; echo "${order[*]}")" \
        "${RPS[none]}" "${RPS[jwt]}" "${RPS[apikey]}" "${JN[-1]}" "${AN[-1]}"
done
stop_all
echo "  load average after the run:  $(cut -d' ' -f1-3 /proc/loadavg)"
m_jn=$(median "${JN[@]}"); m_an=$(median "${AN[@]}")
printf "%-30s %9.0f %9.0f %9.0f   %8.3f %11.3f\n" "median (req/s: for info)" "$(median "${ALL_NONE[@]}")" \
    "$(median "${ALL_JWT[@]}")" "$(median "${ALL_KEY[@]}")" "$m_jn" "$m_an"
verdict() {
    if [ "$ROUNDS" -lt 5 ]; then echo "no verdict: fewer than 5 rounds"; return; fi
    awk -v m="$1" -v t="$2" 'BEGIN { print (m >= t ? "met" : "NOT met") }'
}
echo "median of the per-round ratios over $ROUNDS rounds:"
printf "  jwt/none     %.3f   (target at least 0.70: %s)\n" "$m_jn" "$(verdict "$m_jn" 0.70)"
printf "  apikey/none  %.3f   (target at least 0.90: %s)\n" "$m_an" "$(verdict "$m_an" 0.90)"
