#!/usr/bin/env bash
# Gateway overhead benchmark (issue 5): the same small JSON GET measured side by side in one run,
#   1. direct to the backend   2. through nginx   3. through a plain Spring Cloud Gateway app
#   3b. reference: Spring Cloud Gateway plus Spring Security's JWT resource server, nothing else
#   4. through bff-web's pass-through route with the full edge chain (JWT, identity headers,
#      access log, metrics, tracing, EdgeDownstream policies) [+ rate limit, memory and Redis stores,
#      with --rate-limit]
# first at full load (wrk as fast as it goes: throughput, p50/p99 under saturation), then every row at
# the same paced load (the latency a gateway adds when it is not saturated), then a 3-call aggregation
# whose calls take 20/40/80 ms. Prints requests/s, p50, p99 and the ratios.
# Needs wrk and nginx (Debian: apt-get install -y wrk nginx). Figures are for comparison on the same
# machine in the same run, not absolute; load generator, backend and gateway share the CPU.
#
#   benchmarks/run.sh [--rate-limit] [--duration 10s] [--connections 32] [--no-build]
#   (WARMUP=30s, PACED_RATE=400 and PACED_DURATION=20s in the environment tune the warm-up and the paced load)
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
WORK=$ROOT/benchmarks/target
mkdir -p "$WORK"

DURATION=10s
# bff-web's JIT keeps compiling for about half a minute of load before its throughput settles
WARMUP=${WARMUP:-30s}
PACED_RATE=${PACED_RATE:-400}
# tail latencies at a low rate need more samples than throughput does
PACED_DURATION=${PACED_DURATION:-20s}
CONNECTIONS=32
THREADS=2
RATE_LIMIT=false
BUILD=true
while [ $# -gt 0 ]; do
	case "$1" in
		--rate-limit) RATE_LIMIT=true ;;
		--duration) DURATION=$2; shift ;;
		--connections) CONNECTIONS=$2; shift ;;
		--no-build) BUILD=false ;;
		*) echo "unknown option $1" >&2; exit 2 ;;
	esac
	shift
done
# Properties that switch the edge rate limiter on (issue 4); override when its property names differ.
RL_MEMORY_ARGS=${RL_MEMORY_ARGS:---edge.rate-limit.enabled=true --edge.rate-limit.store=memory}
RL_REDIS_ARGS=${RL_REDIS_ARGS:---edge.rate-limit.enabled=true --edge.rate-limit.store=redis --spring.data.redis.url=${REDIS_URL:-redis://127.0.0.1:6379}}

for tool in wrk nginx java curl; do
	command -v "$tool" >/dev/null || { echo "benchmark needs $tool (Debian: apt-get install -y wrk nginx)" >&2; exit 1; }
done

BACKEND=18000 NGINX=18001 PLAIN=18002 BFF=18003 BFF_RL_MEMORY=18004 BFF_RL_REDIS=18005 AGG=18006 JWT=18007
JAVA_OPTS=(-Xms256m -Xmx512m -XX:TieredStopAtLevel=4)
PIDS=()
cleanup() {
	for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
	[ -f "$WORK/nginx.pid" ] && kill "$(cat "$WORK/nginx.pid")" 2>/dev/null || true
	for _ in $(seq 1 20); do
		alive=false
		for pid in "${PIDS[@]}"; do kill -0 "$pid" 2>/dev/null && alive=true; done
		$alive || return 0
		sleep 0.5
	done
	for pid in "${PIDS[@]}"; do kill -9 "$pid" 2>/dev/null || true; done
}
trap cleanup EXIT

if $BUILD; then
	echo "building (offline) ..."
	# one reactor, so everything runs this checkout's starter rather than whatever SNAPSHOT ~/.m2 holds
	./mvnw -o -q -P benchmarks -pl shared-edge-starter,bff-web,benchmarks/plain-gateway,benchmarks/jwt-gateway,benchmarks/harness \
		clean package dependency:build-classpath -DskipTests -Dmdep.outputFile=target/classpath.txt
fi
STARTER_JAR=$(ls shared-edge-starter/target/shared-edge-starter-*-SNAPSHOT.jar | grep -v tests | head -1)
HARNESS_CP="benchmarks/harness/target/classes:$(cat benchmarks/harness/target/classpath.txt)"

wait_for() { # url [expected status]
	for _ in $(seq 1 240); do
		code=$(curl -s -o /dev/null -w '%{http_code}' ${3:+-H "$3"} "$1" || true)
		[ "$code" = "${2:-200}" ] && return 0
		sleep 0.5
	done
	echo "timed out waiting for $1" >&2; exit 1
}

start() { # name, command...
	local name=$1; shift
	"$@" >"$WORK/$name.log" 2>&1 &
	PIDS+=($!)
}

start backend java "${JAVA_OPTS[@]}" -cp "$HARNESS_CP" io.github.bffsuite.bench.BenchBackend $BACKEND "$WORK/token.txt"
wait_for "http://127.0.0.1:$BACKEND/products/p-0001"
TOKEN=$(cat "$WORK/token.txt")

cat >"$WORK/nginx.conf" <<NGINX
worker_processes 2;
pid $WORK/nginx.pid;
error_log $WORK/nginx-error.log;
events { worker_connections 1024; }
http {
	access_log off;
	upstream backend { server 127.0.0.1:$BACKEND; keepalive 64; }
	server {
		listen 127.0.0.1:$NGINX;
		location / { proxy_pass http://backend; proxy_http_version 1.1; proxy_set_header Connection ""; }
	}
}
NGINX
nginx -c "$WORK/nginx.conf" -p "$WORK"
wait_for "http://127.0.0.1:$NGINX/products/p-0001"

start plain java "${JAVA_OPTS[@]}" -jar benchmarks/plain-gateway/target/bench-plain-gateway-0.1.0-SNAPSHOT.jar \
	--server.port=$PLAIN --spring.cloud.gateway.server.webflux.routes[0].id=products \
	--spring.cloud.gateway.server.webflux.routes[0].uri=http://127.0.0.1:$BACKEND \
	--spring.cloud.gateway.server.webflux.routes[0].predicates[0]=Path=/products/**
wait_for "http://127.0.0.1:$PLAIN/products/p-0001"

start jwt java "${JAVA_OPTS[@]}" -jar benchmarks/jwt-gateway/target/bench-jwt-gateway-0.1.0-SNAPSHOT.jar \
	--server.port=$JWT --spring.security.oauth2.resourceserver.jwt.jwk-set-uri=http://127.0.0.1:$BACKEND/jwks \
	--spring.cloud.gateway.server.webflux.routes[0].id=products \
	--spring.cloud.gateway.server.webflux.routes[0].uri=http://127.0.0.1:$BACKEND \
	--spring.cloud.gateway.server.webflux.routes[0].predicates[0]=Path=/products/**
wait_for "http://127.0.0.1:$JWT/products/p-0001" 200 "Authorization: Bearer $TOKEN"

bff_args() { # port
	echo --server.port=$1 --management.server.port=$(($1 + 100)) \
		--edge.security.jwt.issuer-uri=http://bench.issuer --edge.security.jwt.jwk-set-uri=http://127.0.0.1:$BACKEND/jwks \
		--edge.downstream.services.user-service.base-url=http://127.0.0.1:$BACKEND \
		--edge.downstream.services.order-service.base-url=http://127.0.0.1:$BACKEND \
		--edge.downstream.services.product-service.base-url=http://127.0.0.1:$BACKEND \
		--edge.rate-limit.policies.web-user.capacity=1000000000 \
		--edge.rate-limit.policies.web-user.refill-tokens=1000000000
}
BFF_JAR=bff-web/target/bff-web-0.1.0-SNAPSHOT.jar
# shellcheck disable=SC2046
# the full chain without a limiter; with --rate-limit also with the memory and Redis stores, whose
# bench policy lets every request through so all rows measure the same successful GET
start bff java "${JAVA_OPTS[@]}" -jar $BFF_JAR $(bff_args $BFF) --edge.rate-limit.enabled=false
wait_for "http://127.0.0.1:$BFF/api/products/p-0001" 200 "Authorization: Bearer $TOKEN"

RL_AVAILABLE=false
if $RATE_LIMIT; then
	if unzip -Z1 "$STARTER_JAR" 'io/github/bffsuite/edge/ratelimit/*' >/dev/null 2>&1; then
		RL_AVAILABLE=true
		# shellcheck disable=SC2046,SC2086
		start bff-rl-memory java "${JAVA_OPTS[@]}" -jar $BFF_JAR $(bff_args $BFF_RL_MEMORY) $RL_MEMORY_ARGS
		# shellcheck disable=SC2046,SC2086
		start bff-rl-redis java "${JAVA_OPTS[@]}" -jar $BFF_JAR $(bff_args $BFF_RL_REDIS) $RL_REDIS_ARGS
		wait_for "http://127.0.0.1:$BFF_RL_MEMORY/api/products/p-0001" 200 "Authorization: Bearer $TOKEN"
		wait_for "http://127.0.0.1:$BFF_RL_REDIS/api/products/p-0001" 200 "Authorization: Bearer $TOKEN"
	else
		echo "note: this build of shared-edge-starter has no rate limiter (package edge.ratelimit); rate-limit rows skipped"
	fi
fi

start agg java "${JAVA_OPTS[@]}" -cp "$HARNESS_CP" io.github.bffsuite.bench.AggregationBenchApplication \
	--server.port=$AGG --spring.main.banner-mode=off --edge.observability.access-log.enabled=true \
	--edge.security.permit-paths=/agg --edge.security.jwt.issuer-uri=http://bench.issuer \
	--edge.security.jwt.jwk-set-uri=http://127.0.0.1:$BACKEND/jwks \
	--edge.downstream.services.backend.base-url=http://127.0.0.1:$BACKEND
wait_for "http://127.0.0.1:$AGG/agg"

to_ms() { # wrk latency such as 812.00us, 1.23ms, 1.01s
	awk -v v="$1" 'BEGIN { n = v + 0; if (v ~ /us$/) n /= 1000; else if (v ~ /ms$/) n = n; else if (v ~ /s$/) n *= 1000; printf "%.2f", n }'
}

declare -A RPS P50 P99 PACED50 PACED99
measure() { # name url [header]
	local name=$1 url=$2 header=${3:-}
	local args=(-t$THREADS -c$CONNECTIONS --latency)
	[ -n "$header" ] && args+=(-H "$header")
	wrk "${args[@]}" -d$WARMUP "$url" >/dev/null
	wrk "${args[@]}" -d$DURATION "$url" >"$WORK/wrk-$name.txt"
	RPS[$name]=$(awk '/Requests\/sec/ { printf "%.0f", $2 }' "$WORK/wrk-$name.txt")
	P50[$name]=$(to_ms "$(awk '$1 == "50%" { print $2 }' "$WORK/wrk-$name.txt")")
	P99[$name]=$(to_ms "$(awk '$1 == "99%" { print $2 }' "$WORK/wrk-$name.txt")")
	local errors
	errors=$(awk '/Non-2xx|Socket errors/' "$WORK/wrk-$name.txt")
	printf '%-22s %10s req/s   p50 %8s ms   p99 %8s ms  %s\n' "$name" "${RPS[$name]}" "${P50[$name]}" "${P99[$name]}" "$errors"
}

# Paced load: 16 connections, each waiting between requests so that together they send about
# PACED_RATE requests/s, well below what any row can serve; wrk's delay() hook does the pacing.
PACED_CONNECTIONS=16
cat >"$WORK/paced.lua" <<LUA
function delay() return math.floor($PACED_CONNECTIONS * 1000 / $PACED_RATE) end
LUA
measure_paced() { # name url [header]
	local name=$1 url=$2 header=${3:-}
	local args=(-t$THREADS -c$PACED_CONNECTIONS --latency -s "$WORK/paced.lua")
	[ -n "$header" ] && args+=(-H "$header")
	wrk "${args[@]}" -d$PACED_DURATION "$url" >"$WORK/wrk-paced-$name.txt"
	local rps
	rps=$(awk '/Requests\/sec/ { printf "%.0f", $2 }' "$WORK/wrk-paced-$name.txt")
	PACED50[$name]=$(to_ms "$(awk '$1 == "50%" { print $2 }' "$WORK/wrk-paced-$name.txt")")
	PACED99[$name]=$(to_ms "$(awk '$1 == "99%" { print $2 }' "$WORK/wrk-paced-$name.txt")")
	printf '%-22s %10s req/s   p50 %8s ms   p99 %8s ms\n' "$name" "$rps" "${PACED50[$name]}" "${PACED99[$name]}"
}

ROWS=(direct nginx plain-scg scg+jwt-only bff-full-chain)
declare -A URL HEADER
URL[direct]="http://127.0.0.1:$BACKEND/products/p-0001"
URL[nginx]="http://127.0.0.1:$NGINX/products/p-0001"
URL[plain-scg]="http://127.0.0.1:$PLAIN/products/p-0001"
URL[scg+jwt-only]="http://127.0.0.1:$JWT/products/p-0001"
HEADER[scg+jwt-only]="Authorization: Bearer $TOKEN"
URL[bff-full-chain]="http://127.0.0.1:$BFF/api/products/p-0001"
HEADER[bff-full-chain]="Authorization: Bearer $TOKEN"
if $RL_AVAILABLE; then
	ROWS+=(bff+rl-memory bff+rl-redis)
	URL[bff+rl-memory]="http://127.0.0.1:$BFF_RL_MEMORY/api/products/p-0001"
	HEADER[bff+rl-memory]="Authorization: Bearer $TOKEN"
	URL[bff+rl-redis]="http://127.0.0.1:$BFF_RL_REDIS/api/products/p-0001"
	HEADER[bff+rl-redis]="Authorization: Bearer $TOKEN"
fi

echo
echo "full load: same small JSON GET, wrk -t$THREADS -c$CONNECTIONS -d$DURATION (after $WARMUP warm-up), $(nproc) CPUs"
for row in "${ROWS[@]}"; do
	measure "$row" "${URL[$row]}" "${HEADER[$row]:-}"
done

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }
diff_ms() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%+.2f", a - b }'; }
echo
echo "scg+jwt-only vs plain-scg: throughput $(ratio "${RPS[scg+jwt-only]}" "${RPS[plain-scg]}")x (the floor of any edge chain built on Spring Security's JWT validation)"
for full in bff-full-chain bff+rl-memory bff+rl-redis; do
	[ -n "${RPS[$full]:-}" ] || continue
	[ "$full" != bff-full-chain ] && echo "$full vs bff-full-chain (no limiter): throughput $(ratio "${RPS[$full]}" "${RPS[bff-full-chain]}")x"
	echo "$full vs plain-scg (4/3): throughput $(ratio "${RPS[$full]}" "${RPS[plain-scg]}")x (target >= 0.80), p99 $(diff_ms "${P99[$full]}" "${P99[plain-scg]}") ms (target <= +2 ms)"
	echo "$full vs nginx     (4/2): throughput $(ratio "${RPS[$full]}" "${RPS[nginx]}")x, p99 $(diff_ms "${P99[$full]}" "${P99[nginx]}") ms"
	echo "$full vs scg+jwt-only   : throughput $(ratio "${RPS[$full]}" "${RPS[scg+jwt-only]}")x"
done

echo
echo "paced load: about $PACED_RATE req/s on $PACED_CONNECTIONS connections, wrk -d$PACED_DURATION"
for row in "${ROWS[@]}"; do
	measure_paced "$row" "${URL[$row]}" "${HEADER[$row]:-}"
done
echo
for full in bff-full-chain bff+rl-memory bff+rl-redis; do
	[ -n "${PACED50[$full]:-}" ] || continue
	echo "$full vs plain-scg at paced load: p50 $(diff_ms "${PACED50[$full]}" "${PACED50[plain-scg]}") ms, p99 $(diff_ms "${PACED99[$full]}" "${PACED99[plain-scg]}") ms (target <= +2 ms)"
done

echo
echo "3-call aggregation, calls of 20/40/80 ms in parallel, wrk -t$THREADS -c16"
CONNECTIONS=16
measure aggregation "http://127.0.0.1:$AGG/agg"
echo "aggregation p50 - slowest call (80 ms): $(diff_ms "${P50[aggregation]}" 80) ms (target <= +10 ms)"
