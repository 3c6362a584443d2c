#!/usr/bin/env bash
# A real Prometheus scrapes Graft: starts the built distribution with hello 1.0.0 (deploy/hello.jar)
# and hello 2.0.0 beside it, sends known traffic to each version, checks a scrape with
# `promtool check metrics`, then starts a real Prometheus server scraping Graft every second, waits
# until it has scraped at least twice, and asks its HTTP API for
# sum by (version) (graft_http_requests_total{route="/hello"}): each version's count must be the
# number of requests sent to it. Exits non-zero on any mismatch.
# Needs runtime/target/graft (mvn -q -DskipTests package), the Debian package prometheus
# (apt-get install -y prometheus: /usr/bin/prometheus and /usr/bin/promtool), curl and python3.
set -euo pipefail
source "$(dirname "$0")/common.sh"
for tool in prometheus promtool curl python3; do
    command -v "$tool" >/dev/null || { echo "$tool is needed (apt-get install -y prometheus curl python3)" >&2; exit 1; }
done
PIDS=()
stop_all() { local pid; for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; done; }
trap 'stop_all; rm -rf "$WORK"' EXIT

cp -r "$DIST" "$WORK/graft"
cp "$DIST/examples/hello-2.0.0.jar" "$WORK/graft/deploy/hello2.jar"
PORT=$(free_port)
"$WORK/graft/bin/graft" --port "$PORT" --host 127.0.0.1 </dev/null >"$WORK/graft.txt" 2>&1 &
PIDS+=($!)
for _ in $(seq 1 600); do grep -q "Graft started" "$WORK/graft.txt" && break; sleep 0.1; done
grep "Graft started" "$WORK/graft.txt" || { echo "Graft did not start:" >&2; cat "$WORK/graft.txt" >&2; exit 1; }
[ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$PORT/health/ready")" = 200 ] || { echo "not ready after the start-up line" >&2; exit 1; }

send() { local n=$1 version=$2; for _ in $(seq 1 "$n"); do curl -sf -o /dev/null -H "X-API-Version: $version" "http://127.0.0.1:$PORT/hello"; done; }
send 17 1
send 23 2
declare -A EXPECTED=([1.0.0]=17 [2.0.0]=23)

curl -sf "http://127.0.0.1:$PORT/metrics" >"$WORK/scrape.txt"
echo "promtool check metrics on a scrape of $(wc -l <"$WORK/scrape.txt") lines:"
if promtool check metrics <"$WORK/scrape.txt"; then echo "  no problems"; else echo "  promtool rejected the exposition" >&2; exit 1; fi

PROM_PORT=$(free_port)
cat >"$WORK/prometheus.yml" <<YAML
global:
  scrape_interval: 1s
  scrape_timeout: 1s
scrape_configs:
  - job_name: graft
    static_configs:
      - targets: ['127.0.0.1:$PORT']
YAML
promtool check config "$WORK/prometheus.yml" >/dev/null
prometheus --config.file="$WORK/prometheus.yml" --storage.tsdb.path="$WORK/tsdb" \
    --web.listen-address="127.0.0.1:$PROM_PORT" >"$WORK/prometheus.txt" 2>&1 &
PIDS+=($!)
API="http://127.0.0.1:$PROM_PORT/api/v1"
query() { curl -sf --get "$API/query" --data-urlencode "query=$1"; }
scrapes=0
for _ in $(seq 1 60); do
    scrapes=$(query 'count_over_time(up{job="graft"}[5m])' 2>/dev/null | python3 -c \
        'import json,sys; r=json.load(sys.stdin)["data"]["result"]; print(r[0]["value"][1] if r else 0)' 2>/dev/null || echo 0)
    [ "${scrapes%.*}" -ge 2 ] && break
    sleep 1
done
[ "${scrapes%.*}" -ge 2 ] || { echo "Prometheus did not scrape Graft twice; its log:" >&2; tail -20 "$WORK/prometheus.txt" >&2; exit 1; }
up=$(query 'up{job="graft"}' | python3 -c 'import json,sys; print(json.load(sys.stdin)["data"]["result"][0]["value"][1])')
echo "Prometheus $(prometheus --version 2>&1 | head -1 | awk '{print $3}') scraped Graft $scrapes times; up=$up"
[ "$up" = 1 ] || { echo "the target is down" >&2; exit 1; }
result=$(query 'sum by (version) (graft_http_requests_total{job="graft",route="/hello",method="GET"})')
echo "sum by (version) (graft_http_requests_total{route=\"/hello\"}) from Prometheus' HTTP API:"
status=0
while read -r version value; do
    printf "  version %-6s %5s   (sent %s)\n" "$version" "$value" "${EXPECTED[$version]:-?}"
    [ "$value" = "${EXPECTED[$version]:-x}" ] || status=1
done < <(python3 -c 'import json,sys
for r in json.load(sys.stdin)["data"]["result"]:
    print(r["metric"].get("version", "?"), r["value"][1])' <<<"$result" | sort)
[ "$(python3 -c 'import json,sys; print(len(json.load(sys.stdin)["data"]["result"]))' <<<"$result")" = 2 ] || status=1
if [ $status -eq 0 ]; then echo "OK: Prometheus sees exactly the requests sent, per version"; else echo "MISMATCH" >&2; fi
exit $status
