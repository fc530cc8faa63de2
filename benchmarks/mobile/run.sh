#!/usr/bin/env bash
# Home-screen benchmark (issue 10): what one GET /mobile/v1/home saves a mobile app.
# Builds this checkout offline, starts the real user-, order- and product-service with their seeded
# data, bff-mobile and bff-web on free ports (18110-18125, never the suite's), with a dev issuer
# (JWKS + one signed token for user u-004 of acme), then prints
#   - the bytes of /mobile/v1/home, raw and gzip/brotli/zstd, against the raw service responses the
#     app would otherwise fetch (through the /api pass-through routes) and against bff-web's GraphQL
#     answer for the same screen;
#   - round trips saved;
#   - p50/p99 of /mobile/v1/home against each downstream call made straight to its service.
# Needs only a JDK 17+ and curl. Figures are for comparison within one run on one machine.
#
#   benchmarks/mobile/run.sh [--no-build] [--requests 500] [--hold]
#   (--hold: start everything, print the URLs and the token, and wait instead of measuring)
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cd "$ROOT"
WORK=$ROOT/benchmarks/mobile/target
mkdir -p "$WORK"

BUILD=true
REQUESTS=500
HOLD=false
while [ $# -gt 0 ]; do
	case "$1" in
		--no-build) BUILD=false ;;
		--requests) REQUESTS=$2; shift ;;
		--hold) HOLD=true ;;
		*) echo "unknown option $1" >&2; exit 2 ;;
	esac
	shift
done

ISSUER=18110 USERS=18111 ORDERS=18112 PRODUCTS=18113 MOBILE=18114 WEB=18115
JAVA_OPTS=(-Xms128m -Xmx384m)
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
	echo "building (offline) ..."
	./mvnw -o -q -pl sample-services/user-service,sample-services/order-service,sample-services/product-service,bff-mobile,bff-web \
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

start() { # name, command...
	local name=$1; shift
	"$@" >"$WORK/$name.log" 2>&1 &
	PIDS+=($!)
}

start issuer java benchmarks/mobile/MobileHomeBench.java issuer $ISSUER "$WORK/token.txt"
wait_for "http://127.0.0.1:$ISSUER/jwks"
TOKEN=$(cat "$WORK/token.txt")

start user-service java "${JAVA_OPTS[@]}" -jar "$(app_jar sample-services/user-service)" --server.port=$USERS
start product-service java "${JAVA_OPTS[@]}" -jar "$(app_jar sample-services/product-service)" --server.port=$PRODUCTS
start order-service java "${JAVA_OPTS[@]}" -jar "$(app_jar sample-services/order-service)" --server.port=$ORDERS \
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
# shellcheck disable=SC2046
start bff-mobile java "${JAVA_OPTS[@]}" -jar "$(app_jar bff-mobile)" $(gateway_args $MOBILE)
# shellcheck disable=SC2046
start bff-web java "${JAVA_OPTS[@]}" -jar "$(app_jar bff-web)" $(gateway_args $WEB)

wait_for "http://127.0.0.1:$USERS/actuator/health"
wait_for "http://127.0.0.1:$PRODUCTS/actuator/health"
wait_for "http://127.0.0.1:$ORDERS/actuator/health"
wait_for "http://127.0.0.1:$MOBILE/mobile/v1/home" "Authorization: Bearer $TOKEN"
wait_for "http://127.0.0.1:$WEB/api/users/me" "Authorization: Bearer $TOKEN"

if $HOLD; then
	echo "bff-mobile http://127.0.0.1:$MOBILE  bff-web http://127.0.0.1:$WEB  services :$USERS :$ORDERS :$PRODUCTS"
	echo "token in $WORK/token.txt; Ctrl-C stops everything"
	wait
fi
java benchmarks/mobile/MobileHomeBench.java measure "http://127.0.0.1:$MOBILE" "http://127.0.0.1:$WEB" \
	"http://127.0.0.1:$USERS" "http://127.0.0.1:$ORDERS" "http://127.0.0.1:$PRODUCTS" "$WORK/token.txt" "$REQUESTS"
