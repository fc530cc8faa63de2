#!/usr/bin/env bash
# REST -> REST against REST -> gRPC through bff-partner (issue 26), side by side in one run: the same
# product read by a partner with an API key,
#   rest   GET /partner/v2/products/p-0001          bff-partner's controller, product-service over HTTP
#                                                   (its response cache off, so every read reaches the service)
#   grpc   GET /partner/v2/catalog/products/p-0001  the GrpcTranscode route, product-service over gRPC (h2c)
# Both rows run through the same bff-partner process (its application.yml: API keys, scope rules, rate
# limits with a bench policy raised so that every request passes, access log) and the same
# product-service process, so only the path behind the edge differs.
# bff-partner runs on one core, product-service and wrk on the other (taskset). After a warm-up of
# both rows, ROUNDS interleaved rounds (wrk -t1 -cCONNECTIONS --latency) give req/s and p50 per row;
# the output prints median, min and max, and the ratio grpc/rest of the medians.
# Target (issue 26): grpc keeps >= 0.9x the rest row's throughput and its p50 is no worse.
# Needs wrk and taskset (Debian: apt-get install -y wrk util-linux), a JDK, curl. Run it on an idle
# machine: other builds on the same cores make the figures meaningless.
#
#   benchmarks/grpc/run.sh [--rounds 5] [--duration 10s] [--connections 32] [--warmup 150s] [--no-build]
#   (GATEWAY_CPU=0 and LOAD_CPU=1 choose the cores; BASE_PORT=19000 the ports)
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cd "$ROOT"
WORK=$ROOT/benchmarks/grpc/target
mkdir -p "$WORK"

ROUNDS=5
DURATION=10s
CONNECTIONS=32
WARMUP=150s
BUILD=true
while [ $# -gt 0 ]; do
	case "$1" in
		--rounds) ROUNDS=$2; shift ;;
		--duration) DURATION=$2; shift ;;
		--connections) CONNECTIONS=$2; shift ;;
		--warmup) WARMUP=$2; shift ;;
		--no-build) BUILD=false ;;
		*) echo "unknown option $1" >&2; exit 2 ;;
	esac
	shift
done
for tool in wrk java curl taskset; do
	command -v "$tool" >/dev/null || { echo "needs $tool (Debian: apt-get install -y wrk util-linux)" >&2; exit 1; }
done
GATEWAY_CPU=${GATEWAY_CPU:-0}
LOAD_CPU=${LOAD_CPU:-1}
BASE_PORT=${BASE_PORT:-19000}
REST_PORT=$((BASE_PORT + 3))
GRPC_PORT=$((BASE_PORT + 33))
PARTNER=$((BASE_PORT + 82))
JAVA_OPTS=(-Xms512m -Xmx512m -XX:+UseParallelGC)

PIDS=()
cleanup() {
	for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
	sleep 1
	for pid in "${PIDS[@]}"; do kill -9 "$pid" 2>/dev/null || true; done
}
trap cleanup EXIT

if $BUILD; then
	echo "building ..."
	./mvnw -B -q -pl sample-services/product-service,bff-partner -am package -DskipTests
fi

wait_for() { # url [header]
	for _ in $(seq 1 240); do
		code=$(curl -s -o /dev/null -w '%{http_code}' ${2:+-H "$2"} "$1" || true)
		[ "$code" = 200 ] && return 0
		sleep 0.5
	done
	echo "timed out waiting for $1 (see $WORK/*.log)" >&2; exit 1
}
start() { # name cpu command...
	local name=$1 cpu=$2; shift 2
	taskset -c "$cpu" "$@" >"$WORK/$name.log" 2>&1 &
	PIDS+=($!)
}

start product-service "$LOAD_CPU" java "${JAVA_OPTS[@]}" -jar sample-services/product-service/target/product-service-0.1.0-SNAPSHOT.jar \
	--server.port=$REST_PORT --management.server.port=$((REST_PORT + 100)) --product.grpc.port=$GRPC_PORT
wait_for "http://127.0.0.1:$REST_PORT/products/p-0001"

KEY="bffk_bench_partner_key"
HASH=$(printf '%s' "$KEY" | sha256sum | cut -d' ' -f1)
start bff-partner "$GATEWAY_CPU" java "${JAVA_OPTS[@]}" -jar bff-partner/target/bff-partner-0.1.0-SNAPSHOT.jar \
	--server.port=$PARTNER --management.server.port=$((PARTNER + 100)) \
	--edge.security.jwt.issuer-uri=http://bench.issuer --edge.security.jwt.jwk-set-uri=http://127.0.0.1:1/jwks \
	--edge.rate-limit.store=memory --edge.security.api-key.store=memory \
	--edge.security.api-key.hash=sha256 --edge.security.api-key.require-checksum=false \
	--edge.security.api-key.keys.bench.hash="$HASH" --edge.security.api-key.keys.bench.tenant=bench \
	--edge.security.api-key.keys.bench.plan=bench --edge.security.api-key.keys.bench.scopes=products:read \
	--edge.rate-limit.policies.bench.capacity=1000000000 --edge.rate-limit.policies.bench.refill-tokens=1000000000 \
	--edge.rate-limit.policies.bench.key=client --edge.rate-limit.plans.bench=bench \
	--edge.downstream.services.product-service.base-url=http://127.0.0.1:$REST_PORT \
	--edge.downstream.services.product-service.cache.enabled=false \
	--edge.grpc.services.product-service.address=127.0.0.1:$GRPC_PORT
declare -A URL
URL[rest]="http://127.0.0.1:$PARTNER/partner/v2/products/p-0001"
URL[grpc]="http://127.0.0.1:$PARTNER/partner/v2/catalog/products/p-0001"
ROWS=(rest grpc)
for row in "${ROWS[@]}"; do
	wait_for "${URL[$row]}" "X-API-Key: $KEY"
	echo "$row: $(curl -s -H "X-API-Key: $KEY" "${URL[$row]}" | wc -c) bytes from ${URL[$row]}"
done

run_wrk() { # row duration -> "req/s p50-ms"
	taskset -c "$LOAD_CPU" wrk -t1 -c"$CONNECTIONS" -d"$2" --latency -H "X-API-Key: $KEY" "${URL[$1]}" >"$WORK/wrk-$1.txt"
	awk '/Requests\/sec/ { rps = $2 }
		/^ +50%/ { v = $2; if (v ~ /us$/) { sub(/us$/, "", v); v /= 1000 } else if (v ~ /ms$/) { sub(/ms$/, "", v) } else if (v ~ /s$/) { sub(/s$/, "", v); v *= 1000 }; p50 = v }
		/Non-2xx/ { bad = $NF }
		END { if (bad > 0) { print "non-2xx answers: " bad > "/dev/stderr" }; printf "%s %s\n", rps, p50 }' "$WORK/wrk-$1.txt"
}

echo "warm-up $WARMUP per row ..."
for row in "${ROWS[@]}"; do run_wrk "$row" "$WARMUP" >/dev/null; done

declare -A RPS P50
for round in $(seq 1 "$ROUNDS"); do
	for row in "${ROWS[@]}"; do
		read -r rps p50 < <(run_wrk "$row" "$DURATION")
		RPS[$row]+="$rps "
		P50[$row]+="$p50 "
		echo "round $round $row: $rps req/s, p50 $p50 ms"
	done
done

stats() { # values -> "median min max"
	tr ' ' '\n' <<<"$1" | grep -v '^$' | sort -g | awk '{ v[NR] = $1 } END { m = (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2; printf "%.1f %.1f %.1f\n", m, v[1], v[NR] }'
}
echo
printf '%-6s %12s %12s %12s %10s\n' row "req/s med" min max "p50 ms"
for row in "${ROWS[@]}"; do
	read -r med min max < <(stats "${RPS[$row]}")
	read -r p50 _ _ < <(stats "${P50[$row]}")
	printf '%-6s %12s %12s %12s %10s\n' "$row" "$med" "$min" "$max" "$p50"
done
read -r rest_rps _ _ < <(stats "${RPS[rest]}")
read -r grpc_rps _ _ < <(stats "${RPS[grpc]}")
read -r rest_p50 _ _ < <(stats "${P50[rest]}")
read -r grpc_p50 _ _ < <(stats "${P50[grpc]}")
awk -v g="$grpc_rps" -v r="$rest_rps" -v gp="$grpc_p50" -v rp="$rest_p50" 'BEGIN {
	ratio = g / r
	printf "\ngrpc / rest throughput: %.2fx (target >= 0.90x: %s)\n", ratio, (ratio >= 0.9) ? "met" : "MISSED"
	printf "p50 grpc %.2f ms, rest %.2f ms (target no worse: %s)\n", gp, rp, (gp <= rp) ? "met" : "MISSED"
}'
