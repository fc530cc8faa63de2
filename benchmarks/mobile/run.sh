#!/usr/bin/env bash
# Home-screen benchmark (issues 10 and 22): what one GET /mobile/v1/home saves a mobile app, and what
# it costs over its slowest downstream call.
# Builds this checkout offline, starts the real user-, order- and product-service with their seeded
# data, two bff-mobile (product cache off: "cold"; on: "warm") and bff-web on fixed ports
# (18110-18127, never the suite's), with a dev issuer (JWKS + one signed token for user u-004 of
# acme), then prints
#   - the bytes of /mobile/v1/home, raw and gzip/brotli/zstd, against the raw service responses the
#     app would otherwise fetch (through the /api pass-through routes) and against bff-web's GraphQL
#     answer for the same screen;
#   - round trips saved;
#   - p50/p99 of each downstream call made straight to its service;
#   - /mobile/v1/home cold and warm: each gateway warmed until the p50 of three successive steps agrees
#     within 4 %, then ROUNDS interleaved rounds of REQUESTS sequential requests per row; each round's
#     p50/p99 against the slowest downstream call's own p50/p99 on the same requests (the gateway's
#     edge.downstream.requests histogram read from its management port before and after the round),
#     the difference and ratio, and whether the issue's target (warm p50 <= slowest call + 5 ms) is met.
# The gateways run on CPU $GATEWAY_CPU (0), the services, bff-web and the load on CPU $LOAD_CPU (1)
# (taskset, when there is one). Needs only a JDK 17+ and curl. Run it on an otherwise idle machine.
#
#   benchmarks/mobile/run.sh [--no-build] [--requests 500] [--rounds 3] [--smoke] [--hold]
#   --smoke: a few seconds' check that the script works (no figures to keep)
#   --hold: start everything, print the URLs and the token, and wait instead of measuring
#   env: WARMUP_MIN (60 s), WARMUP_MAX (300 s), WARMUP_STEP (10 s), WARMUP_TOLERANCE (0.04);
#        COLD_ARGS / WARM_ARGS: the product cache's properties for each row (defaults below)
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cd "$ROOT"
WORK=$ROOT/benchmarks/mobile/target
mkdir -p "$WORK"

BUILD=true
REQUESTS=500
ROUNDS=3
HOLD=false
while [ $# -gt 0 ]; do
	case "$1" in
		--no-build) BUILD=false ;;
		--requests) REQUESTS=$2; shift ;;
		--rounds) ROUNDS=$2; shift ;;
		--smoke) REQUESTS=30; ROUNDS=1; WARMUP_MIN=1; WARMUP_MAX=3; WARMUP_STEP=1 ;;
		--hold) HOLD=true ;;
		*) echo "unknown option $1" >&2; exit 2 ;;
	esac
	shift
done

ISSUER=18110 USERS=18111 ORDERS=18112 PRODUCTS=18113 MOBILE=18114 WEB=18115 MOBILE_WARM=18117
JAVA_OPTS=(-Xms128m -Xmx384m)
GATEWAY_CPU=${GATEWAY_CPU:-0}
LOAD_CPU=${LOAD_CPU:-1}
# the product cache of the starter (edge.downstream.services.<name>.cache.*); a build without it
# ignores these and the warm row says so
COLD_ARGS=${COLD_ARGS:---edge.downstream.services.product-service.cache.enabled=false}
WARM_ARGS=${WARM_ARGS:---edge.downstream.services.product-service.cache.enabled=true}
PIN=false
if command -v taskset >/dev/null && [ "$(nproc)" -ge 2 ]; then
	PIN=true
else
	echo "note: no taskset or a single CPU: nothing is pinned"
fi
on_cpu() { # cpu command...
	local cpu=$1; shift
	if $PIN; then taskset -c "$cpu" "$@"; else "$@"; fi
}
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
trap 'exit 130' INT TERM

if $BUILD; then
	echo "building ..."
	./mvnw -q -pl sample-services/user-service,sample-services/order-service,sample-services/product-service,bff-mobile,bff-web \
		-am package -DskipTests
fi
app_jar() { ls "$1"/target/*-SNAPSHOT.jar | grep -v -- '-tests.jar' | head -1; }

wait_for() { # url [header]
	for _ in $(seq 1 240); do
		code=$(curl -s -o /dev/null -w '%{http_code}' ${2:+-H "$2"} "$1" || true)
		[ "$code" = 200 ] && return 0
		sleep 0.5
	done
	echo "timed out waiting for $1 (logs in $WORK)" >&2
	exit 1
}

start() { # name cpu command...: taskset execs the command, so $! is the JVM itself
	local name=$1 cpu=$2; shift 2
	if $PIN; then
		taskset -c "$cpu" "$@" >"$WORK/$name.log" 2>&1 &
	else
		"$@" >"$WORK/$name.log" 2>&1 &
	fi
	PIDS+=($!)
}

start issuer "$LOAD_CPU" java benchmarks/mobile/MobileHomeBench.java issuer $ISSUER "$WORK/token.txt"
wait_for "http://127.0.0.1:$ISSUER/jwks"
TOKEN=$(cat "$WORK/token.txt")

start user-service "$LOAD_CPU" java "${JAVA_OPTS[@]}" -jar "$(app_jar sample-services/user-service)" --server.port=$USERS
start product-service "$LOAD_CPU" java "${JAVA_OPTS[@]}" -jar "$(app_jar sample-services/product-service)" --server.port=$PRODUCTS
start order-service "$LOAD_CPU" java "${JAVA_OPTS[@]}" -jar "$(app_jar sample-services/order-service)" --server.port=$ORDERS \
	--order.product-service.base-url=http://127.0.0.1:$PRODUCTS

gateway_args() { # port
	echo --server.port=$1 --management.server.port=$(($1 + 10)) \
		--edge.security.jwt.issuer-uri=http://bench.issuer \
		--edge.security.jwt.jwk-set-uri=http://127.0.0.1:$ISSUER/jwks \
		--edge.downstream.services.user-service.base-url=http://127.0.0.1:$USERS \
		--edge.downstream.services.order-service.base-url=http://127.0.0.1:$ORDERS \
		--edge.downstream.services.product-service.base-url=http://127.0.0.1:$PRODUCTS \
		--edge.rate-limit.enabled=false
}
# shellcheck disable=SC2046,SC2086
start bff-mobile "$GATEWAY_CPU" java "${JAVA_OPTS[@]}" -jar "$(app_jar bff-mobile)" $(gateway_args $MOBILE) $COLD_ARGS
# shellcheck disable=SC2046,SC2086
start bff-mobile-warm "$GATEWAY_CPU" java "${JAVA_OPTS[@]}" -jar "$(app_jar bff-mobile)" $(gateway_args $MOBILE_WARM) $WARM_ARGS
# shellcheck disable=SC2046
start bff-web "$LOAD_CPU" java "${JAVA_OPTS[@]}" -jar "$(app_jar bff-web)" $(gateway_args $WEB)

wait_for "http://127.0.0.1:$USERS/actuator/health"
wait_for "http://127.0.0.1:$PRODUCTS/actuator/health"
wait_for "http://127.0.0.1:$ORDERS/actuator/health"
wait_for "http://127.0.0.1:$MOBILE/mobile/v1/home" "Authorization: Bearer $TOKEN"
wait_for "http://127.0.0.1:$MOBILE_WARM/mobile/v1/home" "Authorization: Bearer $TOKEN"
wait_for "http://127.0.0.1:$WEB/api/users/me" "Authorization: Bearer $TOKEN"

if $HOLD; then
	echo "bff-mobile http://127.0.0.1:$MOBILE (cold) http://127.0.0.1:$MOBILE_WARM (warm)  bff-web http://127.0.0.1:$WEB  services :$USERS :$ORDERS :$PRODUCTS"
	echo "token in $WORK/token.txt; Ctrl-C stops everything"
	wait
fi
on_cpu "$LOAD_CPU" java benchmarks/mobile/MobileHomeBench.java measure "http://127.0.0.1:$MOBILE" "http://127.0.0.1:$WEB" \
	"http://127.0.0.1:$USERS" "http://127.0.0.1:$ORDERS" "http://127.0.0.1:$PRODUCTS" "$WORK/token.txt" "$REQUESTS" \
	"cold=http://127.0.0.1:$MOBILE" "cold-management=http://127.0.0.1:$((MOBILE + 10))" "cold-args=$COLD_ARGS" \
	"warm=http://127.0.0.1:$MOBILE_WARM" "warm-management=http://127.0.0.1:$((MOBILE_WARM + 10))" "warm-args=$WARM_ARGS" \
	"rounds=$ROUNDS" "warmup-min=${WARMUP_MIN:-60}" "warmup-max=${WARMUP_MAX:-300}" "warmup-step=${WARMUP_STEP:-10}" \
	"warmup-tolerance=${WARMUP_TOLERANCE:-0.04}"
