#!/usr/bin/env bash
# GraphQL guardrail cost benchmark (issue 9): the same query, a page of 20 orders with their line
# items and products, sent to a Spring for GraphQL app on the edge starter twice per round:
#   off  edge.graphql.enabled=false (Spring for GraphQL as it comes, behind the same JWT chain)
#   on   every guardrail at its default: size, parser, depth, aliases, root fields, directives,
#        fields, static cost, cost charged to a (never empty) rate-limit bucket, extensions.cost
# The app is pinned to CPU 0 and wrk to CPU 1 (taskset), one app at a time. Prints requests/s,
# p50, p99 and the app's CPU time per operation for each run, and the on/off ratios. Needs wrk and taskset (apt-get install -y wrk).
#
#   benchmarks/graphql-guardrails/run.sh [--rounds 2] [--duration 10s] [--connections 16] [--no-build]
#   (WARMUP=20s in the environment tunes the warm-up)
# Last, GuardrailCostProbe times the guardrails' own work against graphql-java executing the same
# query in one JVM (steadier than HTTP figures when the machine is shared).
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cd "$ROOT"
WORK=$ROOT/benchmarks/graphql-guardrails/target
mkdir -p "$WORK"

ROUNDS=2
DURATION=10s
WARMUP=${WARMUP:-20s}
CONNECTIONS=16
BUILD=true
while [ $# -gt 0 ]; do
	case "$1" in
		--rounds) ROUNDS=$2; shift ;;
		--duration) DURATION=$2; shift ;;
		--connections) CONNECTIONS=$2; shift ;;
		--no-build) BUILD=false ;;
		*) echo "unknown option $1" >&2; exit 2 ;;
	esac
	shift
done
for tool in wrk taskset java curl; do
	command -v "$tool" >/dev/null || { echo "benchmark needs $tool (Debian: apt-get install -y wrk)" >&2; exit 1; }
done
APP_CPU=0
WRK_CPU=$(( $(nproc) > 1 ? 1 : 0 ))

BACKEND=18100 APP=18101
JAVA_OPTS=(-Xms256m -Xmx512m)
PIDS=()
cleanup() { for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done; }
trap cleanup EXIT

if $BUILD; then
	echo "building ..."
	./mvnw -q -P benchmarks -pl shared-edge-starter,benchmarks/harness,benchmarks/graphql-guardrails -am \
		clean package dependency:build-classpath -DskipTests -Dmdep.outputFile=target/classpath.txt
fi
HARNESS_CP="benchmarks/harness/target/classes:$(cat benchmarks/harness/target/classpath.txt)"
APP_JAR=benchmarks/graphql-guardrails/target/bench-graphql-guardrails-0.1.0-SNAPSHOT.jar

# the harness backend serves the JWKS and writes a signed token (issuer http://bench.issuer, audience bff-web)
java "${JAVA_OPTS[@]}" -cp "$HARNESS_CP" io.github.bffsuite.bench.BenchBackend $BACKEND "$WORK/token.txt" \
	>"$WORK/backend.log" 2>&1 &
PIDS+=($!)
for _ in $(seq 1 120); do [ -s "$WORK/token.txt" ] && break; sleep 0.5; done
TOKEN=$(cat "$WORK/token.txt")

QUERY='query Page { orders(first: 20) { id status total items { quantity product { id name price } } } }'
BODY="{\"query\":\"$QUERY\"}"
cat >"$WORK/post.lua" <<LUA
wrk.method = "POST"
wrk.body = '$BODY'
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Accept"] = "application/graphql-response+json"
wrk.headers["Authorization"] = "Bearer $TOKEN"
LUA

to_ms() { # wrk latency such as 1.23ms, 850.00us, 1.02s
	awk -v v="$1" 'BEGIN { n = v + 0; if (v ~ /us$/) n /= 1000; else if (v ~ /ms$/) n = n; else if (v ~ /s$/) n *= 1000; printf "%.2f", n }'
}

cpu_ticks() { # pid: user + system CPU ticks of the process
	awk '{ print $14 + $15 }' "/proc/$1/stat"
}

run() { # mode extra-args...
	local mode=$1; shift
	taskset -c $APP_CPU java "${JAVA_OPTS[@]}" -jar "$APP_JAR" --server.port=$APP \
		--edge.security.jwt.jwk-set-uri=http://127.0.0.1:$BACKEND/jwks "$@" >"$WORK/app-$mode.log" 2>&1 &
	local pid=$!
	PIDS+=($pid)
	for _ in $(seq 1 240); do
		code=$(curl -s -o "$WORK/check-$mode.json" -w '%{http_code}' -H "Authorization: Bearer $TOKEN" \
			-H 'Content-Type: application/json' -d "$BODY" "http://127.0.0.1:$APP/graphql" || true)
		[ "$code" = 200 ] && break
		sleep 0.5
	done
	[ "$code" = 200 ] || { echo "app ($mode) did not answer 200: $(cat "$WORK/check-$mode.json" 2>/dev/null)" >&2; exit 1; }
	taskset -c $WRK_CPU wrk -t1 -c$CONNECTIONS -d$WARMUP -s "$WORK/post.lua" "http://127.0.0.1:$APP/graphql" >/dev/null
	local ticks0 ticks1 requests
	ticks0=$(cpu_ticks $pid)
	taskset -c $WRK_CPU wrk -t1 -c$CONNECTIONS -d$DURATION --latency -s "$WORK/post.lua" \
		"http://127.0.0.1:$APP/graphql" >"$WORK/wrk-$mode.txt"
	ticks1=$(cpu_ticks $pid)
	kill $pid; wait $pid 2>/dev/null || true
	requests=$(awk '/requests in/ { print $1 }' "$WORK/wrk-$mode.txt")
	# CPU time the app used per operation: unlike req/s, it holds when other work shares the machine
	CPU_US=$(awk -v t=$((ticks1 - ticks0)) -v hz="$(getconf CLK_TCK)" -v n="$requests" 'BEGIN { printf "%.0f", t / hz * 1e6 / n }')
	RPS=$(awk '/Requests\/sec/ { printf "%.0f", $2 }' "$WORK/wrk-$mode.txt")
	P50=$(to_ms "$(awk '$1 == "50%" { print $2 }' "$WORK/wrk-$mode.txt")")
	P99=$(to_ms "$(awk '$1 == "99%" { print $2 }' "$WORK/wrk-$mode.txt")")
	local non2xx
	non2xx=$(awk '/Non-2xx/ { print $NF }' "$WORK/wrk-$mode.txt")
	printf '%-4s %8s req/s   p50 %7s ms   p99 %7s ms   app CPU %6s us/operation%s\n' "$mode" "$RPS" "$P50" "$P99" \
		"$CPU_US" "${non2xx:+   non-2xx $non2xx}"
}

echo "GraphQL guardrails off vs on: one query (20 orders, items, products), app on CPU $APP_CPU, wrk -c$CONNECTIONS on CPU $WRK_CPU, -d$DURATION after $WARMUP warm-up"
RATIOS=()
CPU_RATIOS=()
for round in $(seq 1 "$ROUNDS"); do
	echo "round $round"
	run off --edge.graphql.enabled=false
	OFF=$RPS OFF99=$P99 OFFCPU=$CPU_US
	run on
	ON=$RPS ON99=$P99 ONCPU=$CPU_US
	RATIOS+=("$(awk -v a="$ON" -v b="$OFF" 'BEGIN { printf "%.3f", a / b }')")
	CPU_RATIOS+=("$(awk -v a="$ONCPU" -v b="$OFFCPU" 'BEGIN { printf "%.3f", a / b }')")
	echo "     on/off throughput $(printf '%s' "${RATIOS[-1]}")x, p99 $(awk -v a="$ON99" -v b="$OFF99" 'BEGIN { printf "%+.2f", a - b }') ms, CPU per operation $(printf '%s' "${CPU_RATIOS[-1]}")x"
done
mean() { printf '%s\n' "$@" | awk '{ s += $1 } END { printf "%.3f", s / NR }'; }
echo "mean on/off over $ROUNDS round(s): throughput $(mean "${RATIOS[@]}")x, app CPU per operation $(mean "${CPU_RATIOS[@]}")x"
echo "(on a busy machine trust the CPU per operation ratio; req/s and latency need an idle one)"
echo "estimated cost of the query (extensions.cost): $(grep -o '"cost":[0-9]*' "$WORK/check-on.json" | cut -d: -f2)"
echo
echo "in one JVM on CPU $APP_CPU (best of 40 alternating batches):"
taskset -c $APP_CPU java "${JAVA_OPTS[@]}" -cp "$APP_JAR" -Dloader.main=io.github.bffsuite.bench.graphql.GuardrailCostProbe \
	org.springframework.boot.loader.launch.PropertiesLauncher "$QUERY"
echo
echo "graphql-java validation of the worst documents the default limits let through, and of the audit's (CPU $APP_CPU):"
taskset -c $APP_CPU java "${JAVA_OPTS[@]}" -cp "$APP_JAR" -Dloader.main=io.github.bffsuite.bench.graphql.ValidationTimeProbe \
	org.springframework.boot.loader.launch.PropertiesLauncher
