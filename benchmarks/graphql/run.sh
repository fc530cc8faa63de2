#!/usr/bin/env bash
# GraphQL benchmark (issue 9): the same page -- the caller and 20 orders with their lines and
# products -- fetched side by side in one run
#   1. through bff-web's GraphQL (OrdersPage, guardrails on, as shipped) and with the guardrails off
#   2. the N+1 way: a client calling the services directly (orders, then one call per line's product)
#   3. through a hand-written REST aggregate (an edge app with the same starter, GET /orders-page)
# against the real sample services. Prints requests/s, p50/p99, response bytes and downstream calls
# per page, and the guardrails' cost as on/off ratios. With two or more CPUs the gateway under test
# runs pinned to CPU 1 (taskset) and the services and load driver to CPU 0, so the ratios compare
# like with like; the figures are for comparison within one run, not absolute.
#
# Every mode is warmed once, then measured in --rounds interleaved rounds (each round starts with
# another mode); the summary gives the median and range of the per-round ratios against the targets.
#
#   benchmarks/graphql/run.sh [--rounds 3] [--duration 15] [--warmup 15] [--connections 16] [--no-build] [--profile]
#
# --profile records bff-web (guardrails on) with Java Flight Recorder and prints where its CPU
# samples fall: the hottest methods (self) and the share of samples under each layer.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cd "$ROOT"
WORK=$ROOT/benchmarks/graphql/target/run
mkdir -p "$WORK"

ROUNDS=3
PROFILE=false
DURATION=15
WARMUP=15
CONNECTIONS=16
BUILD=true
while [ $# -gt 0 ]; do
	case "$1" in
		--rounds) ROUNDS=$2; shift ;;
		--duration) DURATION=$2; shift ;;
		--warmup) WARMUP=$2; shift ;;
		--connections) CONNECTIONS=$2; shift ;;
		--no-build) BUILD=false ;;
		--profile) PROFILE=true ;;
		*) echo "unknown option $1" >&2; exit 2 ;;
	esac
	shift
done
for tool in java curl; do
	command -v "$tool" >/dev/null || { echo "benchmark needs $tool" >&2; exit 1; }
done

ISSUER=18400 USERS=18401 ORDERS=18402 PRODUCTS=18403 BFF=18410 BFF_OFF=18411 AGG=18412
for port in $ISSUER $USERS $ORDERS $PRODUCTS $BFF $BFF_OFF $AGG $((BFF + 100)) $((BFF_OFF + 100)) $((AGG + 100)); do
	if (echo >"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
		echo "port $port is in use (another benchmark running?); stop it first" >&2
		exit 1
	fi
done
JAVA_OPTS=(-Xms256m -Xmx512m)
SERVICE_CPU=() GATEWAY_CPU=()
if command -v taskset >/dev/null && [ "$(nproc)" -ge 2 ]; then
	SERVICE_CPU=(taskset -c 0) GATEWAY_CPU=(taskset -c 1)
fi
PIDS=()
cleanup() {
	for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
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
	echo "building ..."
	./mvnw -q -P benchmarks -pl shared-edge-starter,sample-services/sample-support,sample-services/user-service,sample-services/order-service,sample-services/product-service,bff-web,benchmarks/harness,benchmarks/graphql -am \
		package dependency:build-classpath -DskipTests -Dmdep.outputFile=target/classpath.txt
fi
HARNESS_CP="benchmarks/harness/target/classes:$(cat benchmarks/harness/target/classpath.txt)"
BENCH_CP="benchmarks/graphql/target/classes:$(cat benchmarks/graphql/target/classpath.txt)"

start() { # name, command...
	local name=$1; shift
	"$@" >"$WORK/$name.log" 2>&1 &
	PIDS+=($!)
}
wait_for() { # url [expected status] [header]
	for _ in $(seq 1 240); do
		code=$(curl -s -o /dev/null -w '%{http_code}' ${3:+-H "$3"} "$1" || true)
		[ "$code" = "${2:-200}" ] && return 0
		sleep 0.5
	done
	echo "timed out waiting for $1 (see $WORK/*.log)" >&2
	exit 1
}

# The issuer: a JWKS endpoint and a signed user token (u-001 of acme, audience bff-web)
start issuer "${SERVICE_CPU[@]}" java "${JAVA_OPTS[@]}" -cp "$HARNESS_CP" io.github.bffsuite.bench.BenchBackend $ISSUER "$WORK/token.txt"
wait_for "http://127.0.0.1:$ISSUER/jwks"
TOKEN=$(cat "$WORK/token.txt")

start user-service "${SERVICE_CPU[@]}" java "${JAVA_OPTS[@]}" -jar sample-services/user-service/target/user-service-0.1.0-SNAPSHOT.jar --server.port=$USERS
start product-service "${SERVICE_CPU[@]}" java "${JAVA_OPTS[@]}" -jar sample-services/product-service/target/product-service-0.1.0-SNAPSHOT.jar --server.port=$PRODUCTS
start order-service "${SERVICE_CPU[@]}" java "${JAVA_OPTS[@]}" -jar sample-services/order-service/target/order-service-0.1.0-SNAPSHOT.jar --server.port=$ORDERS \
	--order.product-service.base-url=http://127.0.0.1:$PRODUCTS
edge_args() { # port
	echo --server.port=$1 --management.server.port=$(($1 + 100)) \
		--edge.security.jwt.issuer-uri=http://bench.issuer --edge.security.jwt.jwk-set-uri=http://127.0.0.1:$ISSUER/jwks \
		--edge.security.jwt.audiences=bff-web --edge.security.jwt.accepted-kinds=user \
		--edge.downstream.services.user-service.base-url=http://127.0.0.1:$USERS \
		--edge.downstream.services.order-service.base-url=http://127.0.0.1:$ORDERS \
		--edge.downstream.services.product-service.base-url=http://127.0.0.1:$PRODUCTS \
		--management.endpoints.web.exposure.include=health,prometheus \
		--logging.level.edge.access=WARN
}
# every row passes the same limiter with a budget it never exhausts, so all rows measure answered pages
LIMITS="--edge.rate-limit.policies.web-user.capacity=1000000000 --edge.rate-limit.policies.web-user.refill-tokens=1000000000 \
	--edge.rate-limit.policies.graphql-cost.capacity=1000000000 --edge.rate-limit.policies.graphql-cost.refill-tokens=1000000000"
BFF_JAR=bff-web/target/bff-web-0.1.0-SNAPSHOT.jar
# shellcheck disable=SC2046,SC2086
PROFILE_OPTS=()
if $PROFILE; then
	PROFILE_OPTS=(-XX:StartFlightRecording=filename=$WORK/bff-web.jfr,settings=profile,dumponexit=true)
fi
start bff-web "${GATEWAY_CPU[@]}" java "${JAVA_OPTS[@]}" "${PROFILE_OPTS[@]}" -jar $BFF_JAR $(edge_args $BFF) $LIMITS
# shellcheck disable=SC2046,SC2086
start bff-web-no-guardrails "${GATEWAY_CPU[@]}" java "${JAVA_OPTS[@]}" -jar $BFF_JAR $(edge_args $BFF_OFF) $LIMITS --edge.graphql.enabled=false
# shellcheck disable=SC2046,SC2086
start rest-aggregate "${GATEWAY_CPU[@]}" java "${JAVA_OPTS[@]}" -cp "$BENCH_CP" io.github.bffsuite.bench.graphql.RestAggregateBenchApplication \
	$(edge_args $AGG) --edge.rate-limit.policies.web-user.capacity=1000000000 --edge.rate-limit.policies.web-user.refill-tokens=1000000000 \
	--edge.rate-limit.policies.web-user.key=user --edge.rate-limit.bindings[0].pattern=/** --edge.rate-limit.bindings[0].policies[0]=web-user \
	--edge.security.permit-paths[0]=/actuator/health --edge.security.permit-paths[1]=/actuator/prometheus

for port in $USERS $ORDERS $PRODUCTS; do wait_for "http://127.0.0.1:$port/actuator/health"; done
for port in $BFF $BFF_OFF $AGG; do wait_for "http://127.0.0.1:$((port + 100))/actuator/health"; done
wait_for "http://127.0.0.1:$AGG/orders-page?limit=1" 200 "Authorization: Bearer $TOKEN"

"${SERVICE_CPU[@]}" java "${JAVA_OPTS[@]}" -cp "$BENCH_CP" \
	-Dtoken="$TOKEN" -Ddocument=bff-web/src/main/resources/graphql/trusted/OrdersPage.graphql \
	-Dgraphql=http://127.0.0.1:$BFF -DgraphqlNoGuardrails=http://127.0.0.1:$BFF_OFF -Daggregate=http://127.0.0.1:$AGG \
	-DgraphqlMetrics=http://127.0.0.1:$((BFF + 100))/actuator/prometheus \
	-DgraphqlNoGuardrailsMetrics=http://127.0.0.1:$((BFF_OFF + 100))/actuator/prometheus \
	-DaggregateMetrics=http://127.0.0.1:$((AGG + 100))/actuator/prometheus \
	-Dusers=http://127.0.0.1:$USERS -Dorders=http://127.0.0.1:$ORDERS -Dproducts=http://127.0.0.1:$PRODUCTS \
	-Dwarmup="$WARMUP" -Dduration="$DURATION" -Dconnections="$CONNECTIONS" -Drounds="$ROUNDS" \
	io.github.bffsuite.bench.graphql.GraphQlBenchmark | tee "$WORK/result.txt"

if $PROFILE; then
	cleanup
	trap - EXIT
	sleep 2
	echo
	echo "bff-web (guardrails on) CPU samples, from $WORK/bff-web.jfr:"
	jfr print --events jdk.ExecutionSample --stack-depth 64 "$WORK/bff-web.jfr" >"$WORK/samples.txt"
	awk '
		/jdk.ExecutionSample/ { if (n) flush(); n = 0; next }
		/line:/ { frame = $1; sub(/\(.*/, "", frame); stack[n++] = frame }
		function flush(   i, seen, layer) {
			total++
			self[stack[0]]++
			delete seen
			for (i = 0; i < n; i++) {
				layer = stack[i]
				if (layer ~ /^graphql\./) layer = "graphql-java"
				else if (layer ~ /^org\.springframework\.graphql\./) layer = "Spring for GraphQL"
				else if (layer ~ /^io\.micrometer\./) layer = "Micrometer (observations)"
				else if (layer ~ /^tools\.jackson\.|^com\.fasterxml\./) layer = "Jackson"
				else if (layer ~ /^io\.github\.bffsuite\.edge\.graphql\./) layer = "edge GraphQL guardrails"
				else if (layer ~ /^io\.github\.bffsuite\.web\./) layer = "bff-web controllers and clients"
				else if (layer ~ /^org\.springframework\.security\./) layer = "Spring Security"
				else if (layer ~ /^io\.netty\.|^reactor\.netty\./) layer = "Netty"
				else continue
				if (!(layer in seen)) { seen[layer] = 1; under[layer]++ }
			}
		}
		END {
			if (n) flush()
			printf "%d samples\n\nshare of samples with a frame of each layer on the stack:\n", total
			for (l in under) printf "  %5.1f%%  %s\n", 100 * under[l] / total, l | "sort -rn"
			close("sort -rn")
			printf "\nhottest methods (self):\n"
			for (f in self) printf "  %5.1f%%  %s\n", 100 * self[f] / total, f | "sort -rn | head -25"
		}' "$WORK/samples.txt"
fi
