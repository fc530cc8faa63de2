#!/usr/bin/env bash
# bff-web over TLS against bff-web over plain HTTP, side by side in one run (issue 23).
#
#   benchmarks/tls/run.sh [--no-build] [--rounds 3] [--duration 10s] [--connections 32]
#
# Two bff-web processes from the same jar on the gateway core (CPU 0): `plain` (HTTP/1.1 and
# h2c) and `tls` (the `tls` profile, dev CA certificates from ./suite certs; HTTP/1.1 and h2 by
# ALPN). h2load (Debian: apt-get install nghttp2-client), an nginx backend serving a 700-byte JSON
# document and a JWKS/token stub run on CPU 1. Every request is the same authenticated
# GET /api/products/p-0001 through the full edge chain. Rows:
#   kept-alive connections: plain-h1, tls-h1, plain-h2c, tls-h2 (one stream per connection)
#   a new connection per request: plain-new, tls-new (full TLS handshakes; what a handshake costs
#   is the difference in gateway CPU per request)
# Each row is warmed up, then the rows run in interleaved rounds; the table gives the median
# req/s, p50/p99 (h2load's request time), CPU µs per request of the gateway process, and the
# ratio TLS/plain per round (median). Target: TLS keeps >= 0.8x of plain on kept-alive connections.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cd "$ROOT"
BUILD=true
ROUNDS=${ROUNDS:-3}
DURATION=${DURATION:-10}
CONNECTIONS=${CONNECTIONS:-32}
WARMUP=${WARMUP:-60}
NEW_CONNECTIONS=${NEW_CONNECTIONS:-1500}
while (($#)); do
	case $1 in
		--no-build) BUILD=false ;;
		--rounds) ROUNDS=$2; shift ;;
		--duration) DURATION=${2%s}; shift ;;
		--connections) CONNECTIONS=$2; shift ;;
		*) echo "unknown option $1" >&2; exit 2 ;;
	esac
	shift
done
for tool in h2load nginx taskset java curl openssl python3; do
	command -v "$tool" >/dev/null || { echo "tls bench: $tool not found (apt-get install nghttp2-client nginx util-linux)" >&2; exit 2; }
done
GATEWAY_CPU=${GATEWAY_CPU:-0}
LOAD_CPU=${LOAD_CPU:-1}
WORK=$(mktemp -d)
chmod 755 "$WORK" # nginx workers (www-data when started as root) read the document
PIDS=()
cleanup() {
	local pid
	for pid in "${PIDS[@]+"${PIDS[@]}"}"; do kill "$pid" 2>/dev/null || true; done
	[[ -f $WORK/nginx.pid ]] && kill "$(cat "$WORK/nginx.pid")" 2>/dev/null || true
	rm -rf "$WORK"
}
trap cleanup EXIT

if $BUILD || [[ ! -f bff-web/target/bff-web-0.1.0-SNAPSHOT.jar || ! -f benchmarks/harness/target/classpath.txt ]]; then
	echo "building ..." >&2
	./mvnw -B -q -P benchmarks -pl shared-edge-starter,bff-web,benchmarks/harness -am package dependency:build-classpath \
		-DskipTests -Dmdep.outputFile=target/classpath.txt
fi
HARNESS_CP="benchmarks/harness/target/classes:$(cat benchmarks/harness/target/classpath.txt)"
./suite certs >/dev/null 2>&1
TLS_DIR=$ROOT/.suite/tls

BACKEND=18480 JWKS=18481 PLAIN=18482 TLS=18483
JAVA_OPTS=(-Xms256m -Xmx512m)
wait_for() { # url [curl options]
	local url=$1; shift
	for _ in $(seq 1 300); do
		curl -s -o /dev/null -m 2 "$@" "$url" && return 0
		sleep 1
	done
	echo "tls bench: $url did not answer" >&2
	exit 1
}
declare -A PID_OF
start() { # name cpu command...
	local name=$1 cpu=$2; shift 2
	taskset -c "$cpu" "$@" >"$WORK/$name.log" 2>&1 &
	PIDS+=($!)
	PID_OF[$name]=$!
}
cpu_ticks() { awk '{ sub(/^.*\) /, ""); print $12 + $13 }' "/proc/${PID_OF[$1]}/stat"; }
TICK=$(getconf CLK_TCK)

mkdir -p "$WORK/www/products"
printf '{"id":"p-0001","sku":"BW-0001","name":"Benchmark widget","category":"tools","priceCents":1299,"currency":"EUR","stock":42,"rating":4.6,"reviews":128,"tags":["steel","compact","bench"],"description":"%s","dimensionsMm":{"width":120,"height":45,"depth":30},"weightGrams":310,"updatedAt":"2026-11-28T10:00:00Z"}' \
	"$(printf 'A small, sturdy widget for benchmarks. %.0s' $(seq 1 9))" >"$WORK/www/products/p-0001"
cat >"$WORK/nginx.conf" <<NGINX
worker_processes 1;
pid $WORK/nginx.pid;
error_log $WORK/nginx-error.log;
events { worker_connections 1024; }
http { access_log off; keepalive_requests 1000000;
	server { listen 127.0.0.1:$BACKEND; location /products/ { root $WORK/www; default_type application/json; } } }
NGINX
taskset -c "$LOAD_CPU" nginx -c "$WORK/nginx.conf" -p "$WORK"
start jwks "$LOAD_CPU" java "${JAVA_OPTS[@]}" -cp "$HARNESS_CP" io.github.bffsuite.bench.BenchBackend $JWKS "$WORK/token.txt"
wait_for "http://127.0.0.1:$JWKS/jwks"
AUTH="Authorization: Bearer $(cat "$WORK/token.txt")"

bff_args() { # port
	echo --server.port=$1 --management.server.port=$(($1 + 100)) \
		--edge.security.jwt.issuer-uri=http://bench.issuer --edge.security.jwt.jwk-set-uri=http://127.0.0.1:$JWKS/jwks \
		--edge.downstream.services.user-service.base-url=http://127.0.0.1:$BACKEND \
		--edge.downstream.services.order-service.base-url=http://127.0.0.1:$BACKEND \
		--edge.downstream.services.product-service.base-url=http://127.0.0.1:$BACKEND \
		--edge.rate-limit.policies.web-user.capacity=1000000000 \
		--edge.rate-limit.policies.web-user.refill-tokens=1000000000
}
JAR=bff-web/target/bff-web-0.1.0-SNAPSHOT.jar
# plain: HTTP/1.1 and h2c (prior knowledge) on one port
# shellcheck disable=SC2046
start plain "$GATEWAY_CPU" java "${JAVA_OPTS[@]}" -jar $JAR $(bff_args $PLAIN) --server.http2.enabled=true
# shellcheck disable=SC2046
EDGE_TLS_CERT=$TLS_DIR/bff-web-server.crt EDGE_TLS_KEY=$TLS_DIR/bff-web-server.key \
	start tls "$GATEWAY_CPU" java "${JAVA_OPTS[@]}" -jar $JAR $(bff_args $TLS) --spring.profiles.active=tls
wait_for "http://127.0.0.1:$PLAIN/api/products/p-0001" -H "$AUTH"
wait_for "https://localhost:$TLS/api/products/p-0001" -H "$AUTH" --cacert "$TLS_DIR/ca.crt"
for url in "http://127.0.0.1:$PLAIN/api/products/p-0001" "https://localhost:$TLS/api/products/p-0001"; do
	code=$(curl -s -o "$WORK/first.json" -w '%{http_code}' -H "$AUTH" --cacert "$TLS_DIR/ca.crt" "$url")
	[[ $code == 200 ]] || { echo "tls bench: $url answered $code: $(head -c 300 "$WORK/first.json")" >&2; exit 1; }
done

PLAIN_URL="http://127.0.0.1:$PLAIN/api/products/p-0001"
TLS_URL="https://localhost:$TLS/api/products/p-0001"
ROWS=(plain-h1 tls-h1 plain-h2c tls-h2 plain-new tls-new)
declare -A GW=([plain-h1]=plain [tls-h1]=tls [plain-h2c]=plain [tls-h2]=tls [plain-new]=plain [tls-new]=tls)
load() { # row seconds -> h2load output
	local row=$1 secs=$2 url
	[[ ${GW[$row]} == tls ]] && url=$TLS_URL || url=$PLAIN_URL
	case $row in
		*-h1) taskset -c "$LOAD_CPU" h2load --h1 -t1 -c "$CONNECTIONS" -D "$secs" -H "$AUTH" "$url" ;;
		*-h2 | *-h2c) taskset -c "$LOAD_CPU" h2load -t1 -c "$CONNECTIONS" -m1 -D "$secs" -H "$AUTH" "$url" ;;
		# one request per connection: every request opens (and for tls, handshakes) a new connection
		*-new) taskset -c "$LOAD_CPU" h2load --h1 -t1 -c "$NEW_CONNECTIONS" -n "$NEW_CONNECTIONS" \
			-r 50 --rate-period 100ms -H "$AUTH" "$url" ;;
	esac 2>&1
}
echo "warming up each row for ${WARMUP}s ..." >&2
for row in "${ROWS[@]}"; do
	case $row in
		*-new) load "$row" 0 >/dev/null ;;
		*) load "$row" "$WARMUP" >/dev/null ;;
	esac
done

declare -A RPS P50 P99 CPU
for round in $(seq 1 "$ROUNDS"); do
	for row in "${ROWS[@]}"; do
		before=$(cpu_ticks "${GW[$row]}")
		out=$(load "$row" "$DURATION")
		after=$(cpu_ticks "${GW[$row]}")
		rps=$(awk '/^finished in/ { for (i = 1; i <= NF; i++) if ($i ~ /req\/s/) { gsub(",", "", $(i-1)); print $(i-1) } }' <<<"$out")
		# requests: N total, N started, N done, N succeeded (2xx/3xx), N failed, ...
		done_=$(awk '/^requests:/ { print $8 }' <<<"$out")
		failed=$(awk '/^requests:/ { print $10 }' <<<"$out")
		if [[ ${failed:-1} != 0 ]]; then
			echo "tls bench: $row had failed requests: $(grep -E '^(requests|status codes):' <<<"$out" | tr '\n' ' ')" >&2
		fi
		# time for request: min max mean sd; h2load has no percentiles, so mean and max
		mean=$(awk '/^time for request:/ { print $6 }' <<<"$out")
		max=$(awk '/^time for request:/ { print $5 }' <<<"$out")
		cpu_us=$(python3 -c "print(round(($after - $before) * 1e6 / $TICK / max(1, ${done_:-0})))")
		RPS[$row,$round]=$rps P50[$row,$round]=$mean P99[$row,$round]=$max CPU[$row,$round]=$cpu_us
		printf 'round %s %-10s %10s req/s  ok %6s failed %s  mean %8s max %8s  CPU %6s µs/req\n' \
			"$round" "$row" "$rps" "$done_" "$failed" "$mean" "$max" "$cpu_us"
	done
done

python3 - "$ROUNDS" <<PY
import statistics, sys
rounds = int(sys.argv[1])
rows = "${ROWS[*]}".split()
rps = {$(for k in "${!RPS[@]}"; do printf '"%s": %s, ' "$k" "${RPS[$k]:-0}"; done)}
cpu = {$(for k in "${!CPU[@]}"; do printf '"%s": %s, ' "$k" "${CPU[$k]:-0}"; done)}
mean = {$(for k in "${!P50[@]}"; do printf '"%s": "%s", ' "$k" "${P50[$k]:--}"; done)}
def med(v): return statistics.median(v)
print()
print("| row | req/s median (min-max) | CPU µs/req median | mean request time (last round) |")
print("| --- | ---: | ---: | ---: |")
for r in rows:
    v = [rps[f"{r},{i}"] for i in range(1, rounds + 1)]
    c = [cpu[f"{r},{i}"] for i in range(1, rounds + 1)]
    print(f"| {r} | {med(v):,.0f} ({min(v):,.0f}-{max(v):,.0f}) | {med(c):,.0f} | {mean[f'{r},{rounds}']} |")
print()
for tls, plain, target in (("tls-h1", "plain-h1", 0.8), ("tls-h2", "plain-h2c", 0.8), ("tls-h2", "plain-h1", 0.8)):
    ratios = [rps[f"{tls},{i}"] / rps[f"{plain},{i}"] for i in range(1, rounds + 1) if rps[f"{plain},{i}"]]
    print(f"{tls} / {plain}: {med(ratios):.2f}x (rounds {min(ratios):.2f}-{max(ratios):.2f}); target >= {target}x: "
          + ("met" if med(ratios) >= target else "NOT met"))
hs = [cpu[f"tls-new,{i}"] - cpu[f"plain-new,{i}"] for i in range(1, rounds + 1)]
print(f"handshake: a new TLS connection costs the gateway {med(hs):,.0f} µs of CPU more than a new plain one "
      f"(rounds {min(hs):,.0f}-{max(hs):,.0f}); new connections/s plain {med([rps[f'plain-new,{i}'] for i in range(1, rounds + 1)]):,.0f}, "
      f"tls {med([rps[f'tls-new,{i}'] for i in range(1, rounds + 1)]):,.0f} (offered: 500/s)")
PY
