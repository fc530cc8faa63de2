#!/usr/bin/env bash
# Rate limit benchmark, side by side in one run: the same gateway route (bff-partner, API key auth,
# nginx backend) with no limiter, with the edge limiter on the memory store, on the Redis store, and
# with Spring Cloud Gateway's own RequestRateLimiter/RedisRateLimiter. Limits are set high so every
# request is allowed: this measures the cost of the limiter on the allowed path.
#
#   benchmarks/ratelimit/run.sh            # needs wrk, nginx, a Redis (REDIS_URL, default 127.0.0.1:6379)
#   DURATION=20s CONNECTIONS=64 ROUNDS=3 benchmarks/ratelimit/run.sh
set -euo pipefail
cd "$(dirname "$0")/../.."

DURATION=${DURATION:-10s}
WARMUP=${WARMUP:-8s}
CONNECTIONS=${CONNECTIONS:-32}
THREADS=${THREADS:-2}
ROUNDS=${ROUNDS:-2}
REDIS_URL=${REDIS_URL:-redis://127.0.0.1:6379}
JAR=bff-partner/target/bff-partner-0.1.0-SNAPSHOT.jar

for tool in wrk nginx java; do
	command -v "$tool" > /dev/null || { echo "needs $tool (Debian/Ubuntu: apt-get install -y wrk nginx)" >&2; exit 1; }
done
[ -f "$JAR" ] || ./mvnw -q -pl shared-edge-starter,bff-partner -am install -DskipTests

WORK=$(mktemp -d)
PIDS=()
cleanup() {
	for pid in "${PIDS[@]}"; do kill "$pid" 2> /dev/null || true; done
	[ -f "$WORK/nginx.pid" ] && kill "$(cat "$WORK/nginx.pid")" 2> /dev/null || true
	wait 2> /dev/null || true
}
trap cleanup EXIT

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }

BACKEND=$(free_port)
cat > "$WORK/nginx.conf" <<NGINX
worker_processes 1;
pid $WORK/nginx.pid;
error_log $WORK/nginx-error.log;
events { worker_connections 1024; }
http {
	access_log off;
	client_body_temp_path $WORK; proxy_temp_path $WORK; fastcgi_temp_path $WORK; uwsgi_temp_path $WORK; scgi_temp_path $WORK;
	server { listen 127.0.0.1:$BACKEND; keepalive_requests 1000000; location / { default_type application/json; return 200 '{"ok":true}'; } }
}
NGINX
nginx -c "$WORK/nginx.conf" -p "$WORK"

KEY="bffk_bench_$RANDOM$RANDOM"
HASH=$(printf '%s' "$KEY" | sha256sum | cut -d' ' -f1)
ROUTES=spring.cloud.gateway.server.webflux.routes
COMMON=(
	--spring.data.redis.url="$REDIS_URL" --logging.level.root=warn --spring.main.banner-mode=off
	--edge.security.api-key.hash=sha256 --edge.security.api-key.keys.bench.hash="$HASH"
	--edge.security.api-key.keys.bench.tenant=bench --edge.security.api-key.keys.bench.plan=pro
	--edge.security.api-key.keys.bench.scopes=products:read
	# no web filter binding: only the routes below limit
	--edge.rate-limit.bindings[0].pattern=/__none__ --edge.rate-limit.bindings[0].policies=bench
	--edge.rate-limit.policies.bench.capacity=1000000000 --edge.rate-limit.policies.bench.refill-tokens=1000000000
	--edge.rate-limit.policies.bench.refill-period=1s --edge.rate-limit.policies.bench.key=client
)

start_gateway() { # name store routes...
	local name=$1 store=$2 port management
	shift 2
	port=$(free_port)
	management=$(free_port)
	java -Xmx512m -jar "$JAR" --server.port="$port" --management.server.port="$management" \
		--edge.rate-limit.store="$store" "${COMMON[@]}" "$@" > "$WORK/$name.log" 2>&1 &
	PIDS+=($!)
	eval "PORT_$name=$port"
}

# each store on its own gateway process, each with the unlimited route as its own baseline;
# SCG's RedisRateLimiter sits next to the Redis store so the two Redis variants share a JVM
none_route() { # index
	echo "--$ROUTES[$1].id=none --$ROUTES[$1].uri=http://127.0.0.1:$BACKEND --$ROUTES[$1].predicates[0]=Path=/none/**"
}
# shellcheck disable=SC2046
start_gateway memory memory $(none_route 0) \
	--$ROUTES[1].id=memory --$ROUTES[1].uri=http://127.0.0.1:$BACKEND --$ROUTES[1].predicates[0]=Path=/memory/** \
	--$ROUTES[1].filters[0]=LimitRequestRate=bench
# shellcheck disable=SC2046
start_gateway redis redis $(none_route 0) \
	--$ROUTES[1].id=redis --$ROUTES[1].uri=http://127.0.0.1:$BACKEND --$ROUTES[1].predicates[0]=Path=/redis/** \
	--$ROUTES[1].filters[0]=LimitRequestRate=bench \
	--$ROUTES[2].id=scg --$ROUTES[2].uri=http://127.0.0.1:$BACKEND --$ROUTES[2].predicates[0]=Path=/scg/** \
	--$ROUTES[2].filters[0].name=RequestRateLimiter \
	"--$ROUTES[2].filters[0].args[redis-rate-limiter.replenishRate]=1000000" \
	"--$ROUTES[2].filters[0].args[redis-rate-limiter.burstCapacity]=1000000" \
	"--$ROUTES[2].filters[0].args[redis-rate-limiter.requestedTokens]=1"

for name in memory redis; do
	port_var=PORT_$name
	for _ in $(seq 1 120); do
		curl -sf -o /dev/null -H "X-API-Key: $KEY" "http://127.0.0.1:${!port_var}/__none__" && break
		code=$(curl -s -o /dev/null -w '%{http_code}' -H "X-API-Key: $KEY" "http://127.0.0.1:${!port_var}/__none__" || true)
		[ "$code" != "000" ] && break
		sleep 1
	done
done

VARIANTS="none-m memory none-r redis scg"
url() {
	case $1 in
		none-m) echo "http://127.0.0.1:$PORT_memory/none/x" ;;
		memory) echo "http://127.0.0.1:$PORT_memory/memory/x" ;;
		none-r) echo "http://127.0.0.1:$PORT_redis/none/x" ;;
		*) echo "http://127.0.0.1:$PORT_redis/$1/x" ;;
	esac
}

for variant in $VARIANTS; do
	code=$(curl -s -o /dev/null -w '%{http_code}' -H "X-API-Key: $KEY" "$(url $variant)")
	[ "$code" = 200 ] || { echo "$variant answered $code; logs in $WORK" >&2; exit 1; }
	wrk -t"$THREADS" -c"$CONNECTIONS" -d"$WARMUP" -H "X-API-Key: $KEY" "$(url $variant)" > /dev/null
done

RESULTS="$WORK/results.tsv"
for round in $(seq 1 "$ROUNDS"); do
	for variant in $VARIANTS; do
		wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --latency -H "X-API-Key: $KEY" "$(url $variant)" > "$WORK/wrk.txt"
		awk -v v="$variant" '
			function ms(x) { if (x ~ /us$/) return x / 1000; if (x ~ /ms$/) return x + 0; if (x ~ /s$/) return x * 1000; return x }
			/^ +50%/ { p50 = ms($2) } /^ +99%/ { p99 = ms($2) } /^Requests\/sec/ { rps = $2 }
			/Non-2xx/ { errors = $5 }
			END { printf "%s\t%s\t%s\t%s\t%d\n", v, rps, p50, p99, errors }' "$WORK/wrk.txt" >> "$RESULTS"
	done
done

echo
echo "Rate limit benchmark: $ROUNDS round(s) x $DURATION per variant, $CONNECTIONS connections, $THREADS wrk threads"
awk -F'\t' '
	{ rps[$1] += $2; p50[$1] += $3; p99[$1] += $4; err[$1] += $5; n[$1]++ }
	END {
		for (v in rps) { rps[v] /= n[v]; p50[v] /= n[v]; p99[v] /= n[v] }
		printf "%-8s %-22s %10s %9s %9s %12s %8s\n", "variant", "route", "req/s", "p50 ms", "p99 ms", "vs baseline", "non-2xx"
		row("none-m", "memory JVM, no limiter", "none-m")
		row("memory", "LimitRequestRate, memory", "none-m")
		row("none-r", "redis JVM, no limiter", "none-r")
		row("redis", "LimitRequestRate, Redis", "none-r")
		row("scg", "SCG RedisRateLimiter", "none-r")
		printf "\nmemory/none %.2fx (target >= 0.95)   redis/none %.2fx (target >= 0.80)   redis/scg %.2fx (target >= 1.00)\n",
			rps["memory"] / rps["none-m"], rps["redis"] / rps["none-r"], rps["redis"] / rps["scg"]
	}
	function row(v, label, base) {
		printf "%-8s %-22s %10.0f %9.2f %9.2f %11.2fx %8d\n", v, label, rps[v], p50[v], p99[v], rps[v] / rps[base], err[v]
	}' "$RESULTS"
