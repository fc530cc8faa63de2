#!/usr/bin/env bash
# Edge chain overhead benchmark (issues 5 and 12): the same 700-byte JSON GET measured side by side in
# one run, through
#   nginx       an nginx reverse proxy
#   plain-scg   a plain Spring Cloud Gateway route (the 1.00x baseline)
#   jwt-cached  Spring Cloud Gateway + Spring Boot's OAuth2 resource server tuned: a validated-token
#               cache and the shortest chain (the "Spring Security, tuned" peer)
#   docs-peer   Spring Cloud Gateway + Spring Boot's OAuth2 resource server (JWT) + SCG's
#               RequestRateLimiter with RedisRateLimiter, set up as their reference docs show
#   jwt-only    Spring Cloud Gateway + Spring Boot's OAuth2 resource server, nothing else
#   bff-memory  bff-web's full edge chain (JWT, identity headers, scope rules, rate limit on the
#               memory store, request id, access log, metrics, tracing) with the logging a user gets
#   bff-redis   the same with the rate limit on the Redis store
#   bff-no-timers  bff-memory without Reactor Netty's per-request timers (server idle and read
#               timeouts, the proxy client's response timeout): what those timers cost, as its own row
#   partner     bff-partner's full edge chain with an API key (memory store) on a proxied route
# Every row gets the same Authorization header (the partner row its X-API-Key header instead), so
# every gateway parses and forwards the same bytes.
# The backend is a second nginx serving a static file. The gateway under test runs on one core and
# wrk and the backend on the other (taskset), so the rows do not fight the load generator for CPU.
# After a warm-up of every row, each row runs ROUNDS interleaved rounds at full load (wrk -t1 -c32;
# req/s and the gateway process's CPU microseconds per request, read from /proc),
# then ROUNDS interleaved rounds at a paced load (about 400 req/s, the latency a gateway adds when it
# is not saturated); the output gives median, min and max per row and the ratios of the medians of
# the per-round ratios. Last, a 3-call aggregation whose calls take 20/40/80 ms.
# Needs wrk, nginx and taskset (Debian: apt-get install -y wrk nginx util-linux), a JDK, and a Redis at
# REDIS_URL (default redis://127.0.0.1:6379) for the Redis rows (skipped, with a note, without one).
#
#   benchmarks/run.sh [--rounds 3] [--duration 10s] [--connections 32] [--no-build] [--rows "plain-scg bff-memory"]
#                     [--ab "--some.property=value"] [--no-aggregation]
# --ab adds a row bff-b: bff-memory with those extra arguments, for an A/B run of one change in the
# same run (its ratio to bff-memory is printed); AB_JAVA_OPTS in the environment adds JVM options to it,
# and AB_JAR runs bff-b from another bff-web jar (a copy built before a code change, say).
#   (WARMUP_MIN/MAX/STEP/TOLERANCE, JIT_TOLERANCE (percent of a step spent compiling) or a fixed WARMUP=60s,
#   REWARM=10 (seconds of unmeasured load on a row before each of its measured rounds), PACED_RATE=400, PACED_DURATION=10s in the environment tune the warm-up and the paced
#   load; GATEWAY_CPU=0 and LOAD_CPU=1 choose the cores)
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
WORK=$ROOT/benchmarks/target
mkdir -p "$WORK"

DURATION=10s
ROUNDS=3
# Warm-up: on one pinned core the JIT shares the core with the requests, and bff-web's throughput
# keeps rising for about two minutes of load (560 -> 2,300 req/s); a fixed 45 s warm-up measured it
# at half its speed. So each row warms in WARMUP_STEP chunks until the last three agree within
# WARMUP_TOLERANCE percent and the JIT has (nearly) stopped compiling (JIT_TOLERANCE, below; at least
# WARMUP_MIN, at most WARMUP_MAX seconds); WARMUP=60s instead
# gives a fixed warm-up.
WARMUP=${WARMUP:-}
WARMUP_STEP=${WARMUP_STEP:-15}
WARMUP_MIN=${WARMUP_MIN:-60}
WARMUP_MAX=${WARMUP_MAX:-300}
WARMUP_TOLERANCE=${WARMUP_TOLERANCE:-4}
PACED_RATE=${PACED_RATE:-400}
PACED_DURATION=${PACED_DURATION:-10s}
CONNECTIONS=32
BUILD=true
AB_ARGS=""
AGGREGATION=true
ALL_ROWS=(nginx plain-scg jwt-cached docs-peer jwt-only bff-memory bff-redis bff-no-timers partner)
ROWS=("${ALL_ROWS[@]}")
while [ $# -gt 0 ]; do
	case "$1" in
		--rounds) ROUNDS=$2; shift ;;
		--duration) DURATION=$2; shift ;;
		--connections) CONNECTIONS=$2; shift ;;
		--no-build) BUILD=false ;;
		--rows) read -r -a ROWS <<<"$2"; shift ;;
		--rate-limit) ;; # the rate-limit rows are always there now (kept for old command lines)
		--ab) AB_ARGS=$2; shift ;;
		--no-aggregation) AGGREGATION=false ;;
		*) echo "unknown option $1" >&2; exit 2 ;;
	esac
	shift
done
REDIS_URL=${REDIS_URL:-redis://127.0.0.1:6379}
[ -n "$AB_ARGS" ] || [ -n "${AB_JAVA_OPTS:-}" ] || [ -n "${AB_JAR:-}" ] && ROWS+=(bff-b)

for tool in wrk nginx java curl taskset; do
	command -v "$tool" >/dev/null || { echo "benchmark needs $tool (Debian: apt-get install -y wrk nginx util-linux)" >&2; exit 1; }
done
GATEWAY_CPU=${GATEWAY_CPU:-0}
LOAD_CPU=${LOAD_CPU:-1}
if [ "$(nproc)" -lt 2 ]; then
	echo "note: fewer than 2 CPUs, gateway and load share one core"
	LOAD_CPU=$GATEWAY_CPU
fi
on_gateway_cpu() { taskset -c "$GATEWAY_CPU" "$@"; }
on_load_cpu() { taskset -c "$LOAD_CPU" "$@"; }

redis_answers() {
	local hostport=${REDIS_URL#redis://}
	hostport=${hostport%%/*}
	exec 3<>"/dev/tcp/${hostport%:*}/${hostport#*:}" 2>/dev/null || return 1
	printf 'PING\r\n' >&3
	local reply=""
	read -r -t 2 reply <&3 || true
	exec 3<&- 3>&-
	[[ $reply == +PONG* ]]
}
REDIS=true
if ! redis_answers; then
	REDIS=false
	echo "note: no Redis answers at $REDIS_URL: the docs-peer and bff-redis rows are skipped"
	kept=()
	for row in "${ROWS[@]}"; do
		[[ $row == docs-peer || $row == bff-redis ]] || kept+=("$row")
	done
	ROWS=("${kept[@]}")
fi
has_row() { local r; for r in "${ROWS[@]}"; do [ "$r" = "$1" ] && return 0; done; return 1; }
has_row plain-scg || { echo "the plain-scg row is the baseline: keep it in --rows" >&2; exit 2; }

BACKEND=18000 NGINX=18001 PLAIN=18002 BFF_B=18003 BFF_MEMORY=18004 BFF_REDIS=18005 AGG=18006 JWT=18007 PEER=18008 JWKS=18009
JWT_CACHED=18010 NO_TIMERS=18011 PARTNER=18012
JAVA_OPTS=(-Xms256m -Xmx512m)
PIDS=()
cleanup() {
	for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
	for f in "$WORK/nginx-backend.pid" "$WORK/nginx-proxy.pid"; do
		[ -f "$f" ] && kill "$(cat "$f")" 2>/dev/null || true
	done
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
	# one reactor, so everything runs this checkout's starter rather than whatever SNAPSHOT ~/.m2 holds;
	# not offline: a fresh machine has to fetch the dependency plugin
	./mvnw -B -q -P benchmarks -pl shared-edge-starter,bff-web,bff-partner,benchmarks/plain-gateway,benchmarks/jwt-gateway,benchmarks/harness -am \
		clean package dependency:build-classpath -DskipTests -Dmdep.outputFile=target/classpath.txt
fi
HARNESS_CP="benchmarks/harness/target/classes:$(cat benchmarks/harness/target/classpath.txt)"
if ! $BUILD; then
	# --no-build runs the jars in target/ as they are: say so when one is older than the sources it contains
	for module in bff-web bff-partner; do
		jar="$module/target/$module-0.1.0-SNAPSHOT.jar"
		[ -f "$jar" ] || continue
		newer=$(find shared-edge-starter/src/main "$module/src/main" -type f -newer "$jar" -print -quit)
		[ -z "$newer" ] || echo "warning: $jar is older than $newer: rebuild it (./mvnw -pl $module -am package -DskipTests) or drop --no-build" >&2
	done
fi

wait_for() { # url [expected status] [header] [second header]
	for _ in $(seq 1 240); do
		code=$(curl -s -o /dev/null -w '%{http_code}' ${3:+-H "$3"} ${4:+-H "$4"} "$1" || true)
		[ "$code" = "${2:-200}" ] && return 0
		sleep 0.5
	done
	echo "timed out waiting for $1 (see $WORK/*.log)" >&2; exit 1
}

declare -A PID_OF
start() { # name cpu command...: taskset execs the command, so $! is the JVM itself
	local name=$1 cpu=$2; shift 2
	# every JVM logs its collections: young collections per 1,000 requests show allocation per
	# request, steadier than CPU time on a shared host, and what sets the paced p99
	rm -f "$WORK/$name-gc.log"
	[ "$1" = java ] && set -- java -Xlog:gc:file="$WORK/$name-gc.log" "${@:2}"
	taskset -c "$cpu" "$@" >"$WORK/$name.log" 2>&1 &
	PIDS+=($!)
	PID_OF[$name]=$!
}
young_gcs() { # row -> young collections the row's JVM has logged so far, or nothing
	[ -r "$WORK/$1-gc.log" ] || return 0
	grep -c 'Pause Young' "$WORK/$1-gc.log" || true
}
cpu_ticks() { # row -> CPU time (user + system, clock ticks) the row's process used so far, or nothing
	local pid=${PID_OF[$1]:-}
	[ -n "$pid" ] && [ -r "/proc/$pid/stat" ] || return 0
	awk '{ sub(/^.*\) /, ""); print $12 + $13 }' "/proc/$pid/stat"
}

# the backend: a static 700-byte JSON document served by nginx on the load core
mkdir -p "$WORK/www/products"
printf '{"id":"p-0001","sku":"BW-0001","name":"Benchmark widget","category":"tools","priceCents":1299,"currency":"EUR","stock":42,"rating":4.6,"reviews":128,"tags":["steel","compact","bench"],"description":"%s","dimensionsMm":{"width":120,"height":45,"depth":30},"weightGrams":310,"updatedAt":"2026-11-28T10:00:00Z"}' \
	"$(printf 'A small, sturdy widget for benchmarks. %.0s' $(seq 1 9))" >"$WORK/www/products/p-0001"
nginx_conf() { # name upstream-block server-block: one worker, no access log
	cat >"$WORK/nginx-$1.conf" <<NGINX
worker_processes 1;
pid $WORK/nginx-$1.pid;
error_log $WORK/nginx-$1-error.log;
events { worker_connections 1024; }
http {
	access_log off;
	keepalive_requests 1000000;
	$2
	server { $3 }
}
NGINX
}
nginx_conf backend "" "listen 127.0.0.1:$BACKEND; location /products/ { root $WORK/www; default_type application/json; }"
on_load_cpu nginx -c "$WORK/nginx-backend.conf" -p "$WORK"
wait_for "http://127.0.0.1:$BACKEND/products/p-0001"
echo "backend document: $(curl -s "http://127.0.0.1:$BACKEND/products/p-0001" | wc -c) bytes"

# JWKS, the token, and the delayed answers of the aggregation row
start jwks "$LOAD_CPU" java "${JAVA_OPTS[@]}" -cp "$HARNESS_CP" io.github.bffsuite.bench.BenchBackend $JWKS "$WORK/token.txt"
wait_for "http://127.0.0.1:$JWKS/jwks"
TOKEN=$(cat "$WORK/token.txt")
AUTH="Authorization: Bearer $TOKEN"

nginx_conf proxy "upstream backend { server 127.0.0.1:$BACKEND; keepalive 64; }" \
	"listen 127.0.0.1:$NGINX; location / { proxy_pass http://backend; proxy_http_version 1.1; proxy_set_header Connection \"\"; }"
if has_row nginx; then
	on_gateway_cpu nginx -c "$WORK/nginx-proxy.conf" -p "$WORK"
	wait_for "http://127.0.0.1:$NGINX/products/p-0001"
fi

scg_route=(--spring.cloud.gateway.server.webflux.routes[0].id=products
	--spring.cloud.gateway.server.webflux.routes[0].uri=http://127.0.0.1:$BACKEND
	--spring.cloud.gateway.server.webflux.routes[0].predicates[0]=Path=/products/**)
if has_row plain-scg; then
	start plain-scg "$GATEWAY_CPU" java "${JAVA_OPTS[@]}" -jar benchmarks/plain-gateway/target/bench-plain-gateway-0.1.0-SNAPSHOT.jar \
		--server.port=$PLAIN "${scg_route[@]}"
fi
jwt_args=(--spring.security.oauth2.resourceserver.jwt.jwk-set-uri=http://127.0.0.1:$JWKS/jwks "${scg_route[@]}")
if has_row jwt-only; then
	start jwt-only "$GATEWAY_CPU" java "${JAVA_OPTS[@]}" -jar benchmarks/jwt-gateway/target/bench-jwt-gateway-0.1.0-SNAPSHOT.jar \
		--server.port=$JWT "${jwt_args[@]}"
fi
if has_row jwt-cached; then
	start jwt-cached "$GATEWAY_CPU" java "${JAVA_OPTS[@]}" -jar benchmarks/jwt-gateway/target/bench-jwt-gateway-0.1.0-SNAPSHOT.jar \
		--server.port=$JWT_CACHED "${jwt_args[@]}" --bench.jwt.cached=true
fi
if has_row docs-peer; then
	# the reference docs' set-up: Boot's default resource-server chain, RequestRateLimiter with
	# RedisRateLimiter and SCG's default key resolver (the principal's name); limits let every request through
	start docs-peer "$GATEWAY_CPU" java "${JAVA_OPTS[@]}" -jar benchmarks/jwt-gateway/target/bench-jwt-gateway-0.1.0-SNAPSHOT.jar \
		--server.port=$PEER "${jwt_args[@]}" --spring.data.redis.url="$REDIS_URL" \
		--spring.cloud.gateway.server.webflux.routes[0].filters[0].name=RequestRateLimiter \
		--spring.cloud.gateway.server.webflux.routes[0].filters[0].args.redis-rate-limiter.replenishRate=100000000 \
		--spring.cloud.gateway.server.webflux.routes[0].filters[0].args.redis-rate-limiter.burstCapacity=100000000
fi

bff_args() { # port
	echo --server.port=$1 --management.server.port=$(($1 + 100)) \
		--edge.security.jwt.issuer-uri=http://bench.issuer --edge.security.jwt.jwk-set-uri=http://127.0.0.1:$JWKS/jwks \
		--edge.downstream.services.user-service.base-url=http://127.0.0.1:$BACKEND \
		--edge.downstream.services.order-service.base-url=http://127.0.0.1:$BACKEND \
		--edge.downstream.services.product-service.base-url=http://127.0.0.1:$BACKEND \
		--edge.rate-limit.policies.web-user.capacity=1000000000 \
		--edge.rate-limit.policies.web-user.refill-tokens=1000000000
}
BFF_JAR=bff-web/target/bff-web-0.1.0-SNAPSHOT.jar
# bff-web as a user runs it: its application.yml, the default logging (access log on), the rate
# limiter on; only the bench policy is raised so that every request passes and all rows measure the
# same successful GET
# shellcheck disable=SC2046
has_row bff-memory && start bff-memory "$GATEWAY_CPU" java "${JAVA_OPTS[@]}" -jar $BFF_JAR $(bff_args $BFF_MEMORY) \
	--edge.rate-limit.store=memory ${BFF_ARGS:-}
# shellcheck disable=SC2046
has_row bff-redis && start bff-redis "$GATEWAY_CPU" java "${JAVA_OPTS[@]}" -jar $BFF_JAR $(bff_args $BFF_REDIS) \
	--edge.rate-limit.store=redis --spring.data.redis.url="$REDIS_URL" ${BFF_ARGS:-}

# the same without Reactor Netty's per-request timers: the server's idle and read timeouts and the
# proxy client's response timeout (an empty value is none)
# shellcheck disable=SC2046
has_row bff-no-timers && start bff-no-timers "$GATEWAY_CPU" java "${JAVA_OPTS[@]}" -jar $BFF_JAR $(bff_args $NO_TIMERS) \
	--edge.rate-limit.store=memory --edge.web.limits.idle-timeout=0 --edge.web.limits.read-timeout=0 \
	--spring.cloud.gateway.server.webflux.httpclient.response-timeout= ${BFF_ARGS:-}

# bff-partner as a user runs it (its application.yml: API keys and JWT, deny by default, the access
# log), with a bench API key, a scope rule and a route for the bench document, and a rate limit
# policy per API key raised so that every request passes
PARTNER_KEY="bffk_bench_partner_key"
PARTNER_HASH=$(printf '%s' "$PARTNER_KEY" | sha256sum | cut -d' ' -f1)
ROUTES=spring.cloud.gateway.server.webflux.routes
if has_row partner; then
	start partner "$GATEWAY_CPU" java "${JAVA_OPTS[@]}" -jar bff-partner/target/bff-partner-0.1.0-SNAPSHOT.jar \
		--server.port=$PARTNER --management.server.port=$((PARTNER + 100)) \
		--edge.security.jwt.issuer-uri=http://bench.issuer --edge.security.jwt.jwk-set-uri=http://127.0.0.1:$JWKS/jwks \
		--edge.rate-limit.store=memory --edge.security.api-key.store=memory \
		--edge.security.api-key.hash=sha256 --edge.security.api-key.require-checksum=false \
		--edge.security.api-key.keys.bench.hash="$PARTNER_HASH" --edge.security.api-key.keys.bench.tenant=bench \
		--edge.security.api-key.keys.bench.plan=pro --edge.security.api-key.keys.bench.scopes=products:read \
		--edge.security.rules[0].pattern=/products/** --edge.security.rules[0].methods=GET \
		--edge.security.rules[0].scopes=products:read \
		--edge.rate-limit.policies.bench.capacity=1000000000 --edge.rate-limit.policies.bench.refill-tokens=1000000000 \
		--edge.rate-limit.policies.bench.key=client \
		--edge.rate-limit.bindings[0].pattern=/products/** --edge.rate-limit.bindings[0].policies=bench \
		--$ROUTES[0].id=bench --$ROUTES[0].uri=http://127.0.0.1:$BACKEND --$ROUTES[0].predicates[0]=Path=/products/** \
		--edge.downstream.services.user-service.base-url=http://127.0.0.1:$BACKEND \
		--edge.downstream.services.order-service.base-url=http://127.0.0.1:$BACKEND \
		--edge.downstream.services.product-service.base-url=http://127.0.0.1:$BACKEND
fi

# shellcheck disable=SC2046,SC2086
has_row bff-b && start bff-b "$GATEWAY_CPU" java "${JAVA_OPTS[@]}" ${AB_JAVA_OPTS:-} -jar "${AB_JAR:-$BFF_JAR}" $(bff_args $BFF_B) \
	--edge.rate-limit.store=memory ${BFF_ARGS:-} $AB_ARGS

$AGGREGATION && start agg "$GATEWAY_CPU" java "${JAVA_OPTS[@]}" -cp "$HARNESS_CP" io.github.bffsuite.bench.AggregationBenchApplication \
	--server.port=$AGG --spring.main.banner-mode=off --edge.observability.access-log.enabled=true \
	--edge.security.permit-paths=/agg --edge.security.jwt.issuer-uri=http://bench.issuer \
	--edge.security.jwt.jwk-set-uri=http://127.0.0.1:$JWKS/jwks \
	--edge.downstream.services.backend.base-url=http://127.0.0.1:$JWKS

declare -A URL HEADER
URL[nginx]="http://127.0.0.1:$NGINX/products/p-0001"
URL[plain-scg]="http://127.0.0.1:$PLAIN/products/p-0001"
URL[docs-peer]="http://127.0.0.1:$PEER/products/p-0001"
URL[jwt-only]="http://127.0.0.1:$JWT/products/p-0001"
URL[bff-memory]="http://127.0.0.1:$BFF_MEMORY/api/products/p-0001"
URL[bff-redis]="http://127.0.0.1:$BFF_REDIS/api/products/p-0001"
URL[bff-b]="http://127.0.0.1:$BFF_B/api/products/p-0001"
URL[jwt-cached]="http://127.0.0.1:$JWT_CACHED/products/p-0001"
URL[bff-no-timers]="http://127.0.0.1:$NO_TIMERS/api/products/p-0001"
URL[partner]="http://127.0.0.1:$PARTNER/products/p-0001"
# the same Authorization header on every row, the baselines included (they parse and forward it);
# the partner row sends its API key only (a partner does not send both; the baseline then carries
# about 700 bytes more than it, which favours the baseline)
declare -A HEADER2
for row in "${ALL_ROWS[@]}" bff-b; do HEADER[$row]=$AUTH; done
HEADER[partner]="X-API-Key: $PARTNER_KEY"

echo
echo "what each row runs per request besides routing (timers, timeouts, observations):"
describe() { has_row "$1" && printf '  %-13s %s\n' "$1" "$2" || true; }
describe nginx "nothing (proxy_pass, keepalive upstream)"
describe plain-scg "SCG defaults: no server timeouts, no client response timeout, no actuator (no observations)"
describe jwt-cached "as plain-scg + resource server (cached tokens, shortest chain, no security observations)"
describe docs-peer "as plain-scg + resource server (RS256 per request, Boot's default chain) + RedisRateLimiter"
describe jwt-only "as plain-scg + resource server (RS256 per request, Boot's default chain)"
describe bff-memory "server idle 60s and read 30s timeouts, client response timeout 10s, CallDownstream timeout 3s; one observation (http.server.requests: timer with percentile histogram, long-task timer, span; 10% of traces sampled, every one propagated, no baggage), edge.downstream timer, access log; small proxied bodies written with their headers in one write (SCG: two)"
describe bff-redis "as bff-memory, rate limit on Redis"
describe bff-no-timers "as bff-memory without the server idle/read timeouts and the client response timeout"
describe partner "as bff-memory (bff-partner's settings), API key credential"
describe bff-b "as bff-memory with: ${AB_JAR:+$AB_JAR }${AB_JAVA_OPTS:-} $AB_ARGS"
for row in "${ROWS[@]}"; do
	wait_for "${URL[$row]}" 200 "${HEADER[$row]:-}" "${HEADER2[$row]:-}"
done
$AGGREGATION && wait_for "http://127.0.0.1:$AGG/agg"

to_ms() { # wrk latency such as 812.00us, 1.23ms, 1.01s
	awk -v v="$1" 'BEGIN { n = v + 0; if (v ~ /us$/) n /= 1000; else if (v ~ /ms$/) n = n; else if (v ~ /s$/) n *= 1000; printf "%.2f", n }'
}
stats() { # format numbers... -> "median min max", each printed with the printf format
	local format=$1; shift
	printf '%s\n' "$@" | sort -g | awk -v f="$format" '{ a[NR] = $1 } END { m = (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2; printf f " " f " " f "\n", m, a[1], a[NR] }'
}
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }
diff_ms() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%+.2f", a - b }'; }

# Paced load: 16 connections, each waiting between requests so that together they send about
# PACED_RATE requests/s, well below what any row can serve; wrk's delay() hook does the pacing.
PACED_CONNECTIONS=16
cat >"$WORK/paced.lua" <<LUA
function delay() return math.floor($PACED_CONNECTIONS * 1000 / $PACED_RATE) end
LUA

declare -A RPS P50 P99 PACED50 PACED99 CPU YGC
TICKS_PER_S=$(getconf CLK_TCK)
run_wrk() { # out-file duration paced(true|false) row
	local out=$1 duration=$2 paced=$3 row=$4
	local args=(-t1 -c"$CONNECTIONS" --latency -d"$duration")
	$paced && args=(-t1 -c$PACED_CONNECTIONS --latency -d"$duration" -s "$WORK/paced.lua")
	[ -n "${HEADER[$row]:-}" ] && args+=(-H "${HEADER[$row]}")
	[ -n "${HEADER2[$row]:-}" ] && args+=(-H "${HEADER2[$row]}")
	on_load_cpu wrk "${args[@]}" "${URL[$row]}" >"$out"
	if grep -q 'Non-2xx\|Socket errors' "$out"; then
		echo "  $row: $(grep 'Non-2xx\|Socket errors' "$out" | tr -s ' ')"
	fi
}

echo
settled() { # req/s... -> true when the last three agree within WARMUP_TOLERANCE percent
	[ $# -ge 3 ] || return 1
	local last=("${@: -3}")
	awk -v a="${last[0]}" -v b="${last[1]}" -v c="${last[2]}" -v t="$WARMUP_TOLERANCE" 'BEGIN {
		max = a; min = a; if (b > max) max = b; if (c > max) max = c; if (b < min) min = b; if (c < min) min = c
		exit !(max > 0 && (max - min) * 100 / max <= t) }'
}
# The JIT: on one pinned core the compiler threads share the core with the requests, and bff-web
# (a much larger program than plain SCG) compiles for two to five minutes of load; three steps can
# agree while it still compiles, and the row is then measured before its settled speed. So a step
# also counts as settled only when the row's JVM spent at most JIT_TOLERANCE percent of it compiling
# (jstat's cumulative compile time; rows without a JVM, or without jstat, skip this check).
JIT_TOLERANCE=${JIT_TOLERANCE:-5}
JSTAT=$(command -v jstat || true)
jit_seconds() { # row -> seconds its JVM has spent compiling so far, or nothing
	local pid=${PID_OF[$1]:-}
	[ -n "$pid" ] && [ -n "$JSTAT" ] || return 0
	"$JSTAT" -compiler "$pid" 2>/dev/null | awk 'NR == 2 { print $4 }'
}
jit_share() { # before after seconds -> percent of the step spent compiling (0 when unknown)
	awk -v a="${1:-0}" -v b="${2:-0}" -v s="$3" 'BEGIN { d = b - a; if (d < 0) d = 0; printf "%.0f", d * 100 / s }'
}
warm_up() { # row
	local row=$1 elapsed=0 series=() rps state jit=0 before after
	if [ -n "$WARMUP" ]; then
		run_wrk "$WORK/warmup-$row.txt" "$WARMUP" false "$row"
		echo "  $row: $WARMUP fixed"
		return
	fi
	while [ "$elapsed" -lt "$WARMUP_MAX" ]; do
		before=$(jit_seconds "$row")
		run_wrk "$WORK/warmup-$row.txt" "${WARMUP_STEP}s" false "$row"
		after=$(jit_seconds "$row")
		jit=$(jit_share "$before" "$after" "$WARMUP_STEP")
		rps=$(awk '/Requests\/sec/ { printf "%.0f", $2 }' "$WORK/warmup-$row.txt")
		series+=("$rps")
		JIT_SERIES[$row]+="$jit "
		elapsed=$((elapsed + WARMUP_STEP))
		[ "$elapsed" -ge "$WARMUP_MIN" ] && [ "$jit" -le "$JIT_TOLERANCE" ] && settled "${series[@]}" && break
	done
	if settled "${series[@]}" && [ "$jit" -le "$JIT_TOLERANCE" ]; then
		state=settled
	else
		state="NOT settled (results for this row are low)"
	fi
	echo "  $row: ${elapsed}s, $state: ${series[*]} req/s; JIT % of each step: ${JIT_SERIES[$row]}"
}
declare -A JIT_SERIES

if [ -n "$WARMUP" ]; then
	echo "warm-up: $WARMUP per row at full load"
else
	echo "warm-up: each row at full load in ${WARMUP_STEP}s steps until three agree within ${WARMUP_TOLERANCE}% and the JIT took at most ${JIT_TOLERANCE}% of the last (${WARMUP_MIN}-${WARMUP_MAX}s)"
fi
for row in "${ROWS[@]}"; do
	warm_up "$row"
done

echo "full load: wrk -t1 -c$CONNECTIONS -d$DURATION, $ROUNDS interleaved rounds, gateway on CPU $GATEWAY_CPU, wrk and backend on CPU $LOAD_CPU"
# Each row sits idle while the others warm up and run (many minutes with every row), and a JVM that
# was idle that long runs its first seconds of load well below its warmed speed (seen: bff-memory
# warmed to 2,300 req/s measured 1,142 in its first round, 1,959 in its third). So each measured
# round of a row follows REWARM seconds of unmeasured load on that row.
REWARM=${REWARM:-10}
for round in $(seq 1 "$ROUNDS"); do
	line="round $round:"
	for row in "${ROWS[@]}"; do
		out="$WORK/wrk-$row-$round.txt"
		[ "$REWARM" -gt 0 ] && run_wrk "$WORK/rewarm-$row.txt" "${REWARM}s" false "$row"
		before=$(cpu_ticks "$row")
		gcs_before=$(young_gcs "$row")
		run_wrk "$out" "$DURATION" false "$row"
		after=$(cpu_ticks "$row")
		gcs_after=$(young_gcs "$row")
		YGC[$row,$round]=-
		if [ -n "$gcs_before" ] && [ -n "$gcs_after" ]; then
			YGC[$row,$round]=$(awk -v n=$((gcs_after - gcs_before)) '/requests in/ { printf "%.3f", n * 1000 / $1 }' "$out")
		fi
		RPS[$row,$round]=$(awk '/Requests\/sec/ { printf "%.0f", $2 }' "$out")
		# CPU time of the gateway's process per request, a second view of the cost next to
		# req/s (it still moves with the core's speed on a shared host)
		CPU[$row,$round]=-
		if [ -n "$before" ] && [ -n "$after" ]; then
			CPU[$row,$round]=$(awk -v t=$((after - before)) -v hz="$TICKS_PER_S" '/requests in/ { printf "%.0f", t * 1e6 / hz / $1 }' "$out")
		fi
		P50[$row,$round]=$(to_ms "$(awk '$1 == "50%" { print $2 }' "$out")")
		P99[$row,$round]=$(to_ms "$(awk '$1 == "99%" { print $2 }' "$out")")
		line+=" $row ${RPS[$row,$round]} (${CPU[$row,$round]} us CPU/req, ${YGC[$row,$round]} young GCs/1k req)"
	done
	echo "$line"
done

echo "paced load: about $PACED_RATE req/s on $PACED_CONNECTIONS connections, -d$PACED_DURATION, $ROUNDS interleaved rounds"
for round in $(seq 1 "$ROUNDS"); do
	for row in "${ROWS[@]}"; do
		out="$WORK/wrk-paced-$row-$round.txt"
		[ "$REWARM" -gt 0 ] && run_wrk "$WORK/rewarm-$row.txt" "${REWARM}s" false "$row"
		run_wrk "$out" "$PACED_DURATION" true "$row"
		PACED50[$row,$round]=$(to_ms "$(awk '$1 == "50%" { print $2 }' "$out")")
		PACED99[$row,$round]=$(to_ms "$(awk '$1 == "99%" { print $2 }' "$out")")
	done
done

per_round() { # array-name row -> the row's values, one per round
	local -n values=$1
	local r
	for r in $(seq 1 "$ROUNDS"); do echo "${values[$2,$r]}"; done
}
round_ratios() { # array-name row base -> row/base per round
	local -n values=$1
	local r
	for r in $(seq 1 "$ROUNDS"); do ratio "${values[$2,$r]}" "${values[$3,$r]}"; echo; done
}
round_diffs() { # array-name row base -> row-base per round
	local -n values=$1
	local r
	for r in $(seq 1 "$ROUNDS"); do diff_ms "${values[$2,$r]}" "${values[$3,$r]}"; echo; done
}

echo
printf '%-11s %24s %10s %14s %20s %20s %22s\n' row 'req/s median (min-max)' 'vs plain' 'CPU us/req' 'p50 / p99 ms' 'paced p50 / p99 ms' 'paced p99 vs plain'
for row in "${ROWS[@]}"; do
	read -r med min max < <(stats %.0f $(per_round RPS "$row"))
	read -r rmed _ _ < <(stats %.2f $(round_ratios RPS "$row" plain-scg))
	cpu=-
	[ "${CPU[$row,1]}" != - ] && read -r cpu _ _ < <(stats %.0f $(per_round CPU "$row"))
	read -r p50 _ _ < <(stats %.2f $(per_round P50 "$row"))
	read -r p99 _ _ < <(stats %.2f $(per_round P99 "$row"))
	read -r pp50 _ _ < <(stats %.2f $(per_round PACED50 "$row"))
	read -r pp99 _ _ < <(stats %.2f $(per_round PACED99 "$row"))
	read -r dmed dmin dmax < <(stats %+.2f $(round_diffs PACED99 "$row" plain-scg))
	printf '%-11s %24s %9sx %14s %20s %20s %22s\n' "$row" "$med ($min-$max)" "$rmed" "$cpu" "$p50 / $p99" "$pp50 / $pp99" "$dmed ($dmin..$dmax)"
done

echo
echo "young collections per 1,000 requests at full load (allocation per request; median (min-max) of the rounds):"
for row in "${ROWS[@]}"; do
	[ "${YGC[$row,1]}" != - ] || continue
	read -r med min max < <(stats %.3f $(per_round YGC "$row"))
	printf '  %-11s %s (%s-%s)\n' "$row" "$med" "$min" "$max"
done

target() { # label row base goal
	has_row "$2" && has_row "$3" || return 0
	read -r med min max < <(stats %.2f $(round_ratios RPS "$2" "$3"))
	local verdict=met
	awk -v m="$med" -v g="$4" 'BEGIN { exit !(m < g) }' && verdict="NOT met"
	printf '%-44s %5sx (rounds %s-%s)  target >= %s: %s\n' "$1" "$med" "$min" "$max" "$4" "$verdict"
}
paced_target() { # label row goal-ms
	has_row "$2" || return 0
	read -r med min max < <(stats %+.2f $(round_diffs PACED99 "$2" plain-scg))
	local verdict=met
	awk -v m="$med" -v g="$3" 'BEGIN { exit !(m > g) }' && verdict="NOT met"
	printf '%-44s %+6.2f ms (rounds %s..%s)  target <= +%s ms: %s\n' "$1" "$med" "$min" "$max" "$3" "$verdict"
}
echo
echo "targets (median of the per-round ratios):"
target "bff-memory / plain-scg, full load (goal 0.8)" bff-memory plain-scg 0.6
target "bff-redis / plain-scg, full load (goal 0.7)" bff-redis plain-scg 0.5
target "bff-memory / docs-peer, full load" bff-memory docs-peer 2.5
target "partner (API key) / plain-scg, full load" partner plain-scg 0.6
target "bff-memory / jwt-cached (Spring Security, tuned)" bff-memory jwt-cached 0
target "bff-no-timers / bff-memory (per-request timers)" bff-no-timers bff-memory 0
target "jwt-only / plain-scg (Boot's resource server)" jwt-only plain-scg 0
cpu_ratio() { # label row base: the row's CPU per request over the base's, per round (lower is better)
	has_row "$2" && has_row "$3" && [ "${CPU[$2,1]}" != - ] && [ "${CPU[$3,1]}" != - ] || return 0
	read -r med min max < <(stats %.2f $(round_ratios CPU "$2" "$3"))
	printf '%-44s %5sx (rounds %s-%s)\n' "$1" "$med" "$min" "$max"
}
has_row bff-b && target "bff-b / bff-memory (A/B: ${AB_JAR:+$AB_JAR }${AB_JAVA_OPTS:-} $AB_ARGS)" bff-b bff-memory 0
cpu_ratio "bff-memory / plain-scg, CPU per request" bff-memory plain-scg
cpu_ratio "bff-b / bff-memory, CPU per request" bff-b bff-memory
cpu_ratio "partner / plain-scg, CPU per request" partner plain-scg
cpu_ratio "jwt-cached / plain-scg, CPU per request" jwt-cached plain-scg
paced_target "bff-memory paced p99 - plain-scg paced p99" bff-memory 1
paced_target "bff-redis paced p99 - plain-scg paced p99" bff-redis 2

$AGGREGATION || exit 0
echo
echo "3-call aggregation, calls of 20/40/80 ms in parallel, wrk -t1 -c16 -d$DURATION"
on_load_cpu wrk -t1 -c16 --latency -d"${WARMUP:-60s}" "http://127.0.0.1:$AGG/agg" >/dev/null
on_load_cpu wrk -t1 -c16 --latency -d"$DURATION" "http://127.0.0.1:$AGG/agg" >"$WORK/wrk-aggregation.txt"
agg50=$(to_ms "$(awk '$1 == "50%" { print $2 }' "$WORK/wrk-aggregation.txt")")
echo "aggregation $(awk '/Requests\/sec/ { printf "%.0f", $2 }' "$WORK/wrk-aggregation.txt") req/s, p50 $agg50 ms: $(diff_ms "$agg50" 80) ms over the slowest call (target <= +10 ms)"
