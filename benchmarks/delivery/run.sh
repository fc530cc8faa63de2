#!/usr/bin/env bash
# Shadow traffic benchmark (issue 24): what mirroring a route costs the caller when the shadow is
# hung. Three bff-web processes from the same jar, pinned to the gateway core (CPU 0):
#   off          no mirroring (the baseline)
#   shadow-hung  the shadow profile: every GET /api/products/p-0001 is copied to a shadow that
#                accepts connections and never answers (at most 16 copies in flight, 2 s timeout:
#                the rest are dropped and counted)
#   shadow-ok    the shadow profile with a healthy shadow (the backend itself): the cost of a copy
#                actually sent and answered
# The backend (BenchBackend: a 70-byte JSON product and the JWKS) and the hung shadow (a socket that
# accepts and never reads or answers) run with wrk on CPU 1 (taskset). Every request is the same
# authenticated GET through the full edge chain. After a warm-up of each row, the rows run in
# interleaved rounds at a paced load (wrk with a delay() hook, PACED_RATE req/s on 16 connections,
# as benchmarks/run.sh); the table gives the median p50 and p99 per row, and the p99 difference to
# `off` per round (median, min-max). Target: shadow-hung p99 within +1 ms of off. Memory: each
# gateway's heap used after a full GC (jcmd GC.run), after the warm-up and after the last round,
# and its open file descriptors (the hung copies' sockets are bounded by max-concurrency).
#
#   benchmarks/delivery/run.sh [--no-build] [--rounds 3] [--duration 10s] [--rows "off shadow-hung"]
#   (WARMUP=60s, PACED_RATE=400, GATEWAY_CPU=0, LOAD_CPU=1 in the environment)
# Needs wrk, taskset, python3 and a JDK with jcmd (Debian: apt-get install -y wrk util-linux).
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cd "$ROOT"
BUILD=true
ROUNDS=${ROUNDS:-3}
DURATION=${DURATION:-10s}
WARMUP=${WARMUP:-60s}
PACED_RATE=${PACED_RATE:-400}
PACED_CONNECTIONS=16
ROWS=(off shadow-hung shadow-ok)
while (($#)); do
	case $1 in
		--no-build) BUILD=false ;;
		--rounds) ROUNDS=$2; shift ;;
		--duration) DURATION=$2; shift ;;
		--rows) read -r -a ROWS <<<"$2"; shift ;;
		*) echo "unknown option $1" >&2; exit 2 ;;
	esac
	shift
done
for tool in wrk taskset java jcmd jstat curl python3; do
	command -v "$tool" >/dev/null || { echo "delivery bench: $tool not found (apt-get install -y wrk util-linux)" >&2; exit 2; }
done
GATEWAY_CPU=${GATEWAY_CPU:-0}
LOAD_CPU=${LOAD_CPU:-1}
WORK=$(mktemp -d)
PIDS=()
cleanup() {
	local pid
	for pid in "${PIDS[@]+"${PIDS[@]}"}"; do kill "$pid" 2>/dev/null || true; done
	rm -rf "$WORK"
}
trap cleanup EXIT

if $BUILD || [[ ! -f bff-web/target/bff-web-0.1.0-SNAPSHOT.jar || ! -f benchmarks/harness/target/classpath.txt ]]; then
	echo "building ..." >&2
	./mvnw -B -q -P benchmarks -pl shared-edge-starter,bff-web,benchmarks/harness -am package dependency:build-classpath \
		-DskipTests -Dmdep.outputFile=target/classpath.txt
fi
HARNESS_CP="benchmarks/harness/target/classes:$(cat benchmarks/harness/target/classpath.txt)"

BACKEND=18580 HUNG=18581 OFF=18582 SHADOW_HUNG=18583 SHADOW_OK=18584
JAVA_OPTS=(-Xms256m -Xmx512m)
declare -A PID_OF PORT_OF=([off]=$OFF [shadow-hung]=$SHADOW_HUNG [shadow-ok]=$SHADOW_OK)
start() { # name cpu command...
	local name=$1 cpu=$2; shift 2
	taskset -c "$cpu" "$@" >"$WORK/$name.log" 2>&1 &
	PIDS+=($!)
	PID_OF[$name]=$!
}
wait_for() { # url [curl options]
	local url=$1; shift
	for _ in $(seq 1 300); do
		curl -s -o /dev/null -m 2 "$@" "$url" && return 0
		sleep 1
	done
	echo "delivery bench: $url did not answer" >&2
	exit 1
}

start backend "$LOAD_CPU" java "${JAVA_OPTS[@]}" -cp "$HARNESS_CP" io.github.bffsuite.bench.BenchBackend $BACKEND "$WORK/token.txt"
# the hung shadow: accepts every connection and keeps it open, never reads, never answers
start hung "$LOAD_CPU" python3 -c "
import socket
s = socket.socket()
s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
s.bind(('127.0.0.1', $HUNG))
s.listen(1024)
held = []
while True:
    held.append(s.accept()[0])
"
wait_for "http://127.0.0.1:$BACKEND/jwks"
AUTH="Authorization: Bearer $(cat "$WORK/token.txt")"

bff_args() { # port
	echo --server.port=$1 --management.server.port=$(($1 + 100)) \
		--edge.security.jwt.issuer-uri=http://bench.issuer --edge.security.jwt.jwk-set-uri=http://127.0.0.1:$BACKEND/jwks \
		--edge.downstream.services.user-service.base-url=http://127.0.0.1:$BACKEND \
		--edge.downstream.services.order-service.base-url=http://127.0.0.1:$BACKEND \
		--edge.downstream.services.product-service.base-url=http://127.0.0.1:$BACKEND \
		--edge.downstream.services.product-service.cache.enabled=false \
		--edge.rate-limit.policies.web-user.capacity=1000000000 \
		--edge.rate-limit.policies.web-user.refill-tokens=1000000000
}
JAR=bff-web/target/bff-web-0.1.0-SNAPSHOT.jar
for row in "${ROWS[@]}"; do
	case $row in
		off) profile=() target= ;;
		shadow-hung) profile=(--spring.profiles.active=shadow) target=http://127.0.0.1:$HUNG ;;
		shadow-ok) profile=(--spring.profiles.active=shadow) target=http://127.0.0.1:$BACKEND ;;
		*) echo "unknown row $row (off shadow-hung shadow-ok)" >&2; exit 2 ;;
	esac
	# shellcheck disable=SC2046
	start "$row" "$GATEWAY_CPU" env EDGE_SHADOW_TARGET="$target" java "${JAVA_OPTS[@]}" -jar $JAR $(bff_args "${PORT_OF[$row]}") \
		"${profile[@]+"${profile[@]}"}"
done
URL_OF() { printf 'http://127.0.0.1:%s/api/products/p-0001' "${PORT_OF[$1]}"; }
for row in "${ROWS[@]}"; do
	wait_for "$(URL_OF "$row")" -H "$AUTH"
	code=$(curl -s -o "$WORK/first.json" -w '%{http_code}' -H "$AUTH" "$(URL_OF "$row")")
	[[ $code == 200 ]] || { echo "delivery bench: $row answered $code: $(head -c 300 "$WORK/first.json")" >&2; exit 1; }
done

cat >"$WORK/paced.lua" <<LUA
wrk.headers["Authorization"] = "${AUTH#Authorization: }"
function delay() return math.floor($PACED_CONNECTIONS * 1000 / $PACED_RATE) end
LUA
to_ms() { # wrk latency such as 812.00us, 1.23ms, 1.01s
	awk -v v="$1" 'BEGIN { n = v + 0; if (v ~ /us$/) n /= 1000; else if (v ~ /ms$/) n = n; else if (v ~ /s$/) n *= 1000; printf "%.2f", n }'
}
paced() { # row duration -> wrk output
	taskset -c "$LOAD_CPU" wrk -t1 -c$PACED_CONNECTIONS --latency -d"$2" -s "$WORK/paced.lua" "$(URL_OF "$1")"
}
heap_mb() { # row: heap used after a full GC, in MB
	local pid=${PID_OF[$1]}
	jcmd "$pid" GC.run >/dev/null
	# survivor, eden and old generation used, in KB
	jstat -gc "$pid" | awk 'NR == 1 { for (i = 1; i <= NF; i++) h[$i] = i } NR == 2 { print ($h["S0U"] + $h["S1U"] + $h["EU"] + $h["OU"]) / 1024 }'
}
fds() { ls "/proc/${PID_OF[$1]}/fd" | wc -l; }
shadow_counts() { # row: copies by outcome, from the gateway's Prometheus endpoint
	curl -s "http://127.0.0.1:$((PORT_OF[$1] + 100))/actuator/prometheus" |
		awk -F'[{}]' '/^edge_delivery_shadow_requests_total/ { split($2, t, ","); for (i in t) if (t[i] ~ /^outcome=/) { o = t[i]; gsub(/outcome=|"/, "", o) } split($3, v, " "); printf "%s=%d ", o, v[1] }'
}

echo "warming up each row for $WARMUP at the paced load ..." >&2
for row in "${ROWS[@]}"; do paced "$row" "$WARMUP" >/dev/null; done
declare -A HEAP_BEFORE HEAP_AFTER FDS_BEFORE FDS_AFTER P50 P99
for row in "${ROWS[@]}"; do HEAP_BEFORE[$row]=$(heap_mb "$row"); FDS_BEFORE[$row]=$(fds "$row"); done

echo "paced load: about $PACED_RATE req/s on $PACED_CONNECTIONS connections, -d$DURATION, $ROUNDS interleaved rounds," \
	"gateways on CPU $GATEWAY_CPU, wrk, backend and hung shadow on CPU $LOAD_CPU"
for round in $(seq 1 "$ROUNDS"); do
	for row in "${ROWS[@]}"; do
		out=$(paced "$row" "$DURATION")
		P50[$row,$round]=$(to_ms "$(awk '$1 == "50%" { print $2 }' <<<"$out")")
		P99[$row,$round]=$(to_ms "$(awk '$1 == "99%" { print $2 }' <<<"$out")")
		errors=$(awk '/Non-2xx|Socket errors/ { print }' <<<"$out" | tr '\n' ' ')
		rps=$(awk '/^Requests\/sec/ { print $2 }' <<<"$out")
		printf 'round %s %-12s %8s req/s  p50 %6s ms  p99 %6s ms  %s\n' "$round" "$row" "$rps" "${P50[$row,$round]}" \
			"${P99[$row,$round]}" "$errors"
	done
done
for row in "${ROWS[@]}"; do HEAP_AFTER[$row]=$(heap_mb "$row"); FDS_AFTER[$row]=$(fds "$row"); done

stats() { # numbers... -> "median min max"
	printf '%s\n' "$@" | sort -g | awk '{ a[NR] = $1 } END { m = (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2; printf "%.2f %.2f %.2f\n", m, a[1], a[NR] }'
}
echo
printf '| %-11s | %8s | %8s | %-22s | %-19s | %-9s | %s\n' row 'p50 ms' 'p99 ms' 'p99 - off, ms (min-max)' 'heap MB before/after' 'fds b/a' 'shadow copies'
printf '| --- | ---: | ---: | ---: | ---: | ---: | --- |\n'
for row in "${ROWS[@]}"; do
	p50s=() p99s=() diffs=()
	for round in $(seq 1 "$ROUNDS"); do
		p50s+=("${P50[$row,$round]}") p99s+=("${P99[$row,$round]}")
		[[ -n ${P99[off,$round]:-} ]] && diffs+=("$(awk -v a="${P99[$row,$round]}" -v b="${P99[off,$round]}" 'BEGIN { print a - b }')")
	done
	read -r p50 _ _ < <(stats "${p50s[@]}")
	read -r p99 _ _ < <(stats "${p99s[@]}")
	diff=-
	if ((${#diffs[@]})); then
		read -r dmed dmin dmax < <(stats "${diffs[@]}")
		diff=$(printf '%+.2f (%+.2f..%+.2f)' "$dmed" "$dmin" "$dmax")
	fi
	printf '| %-11s | %8s | %8s | %-22s | %8.1f / %-8.1f | %4s/%-4s | %s\n' "$row" "$p50" "$p99" "$diff" \
		"${HEAP_BEFORE[$row]}" "${HEAP_AFTER[$row]}" "${FDS_BEFORE[$row]}" "${FDS_AFTER[$row]}" "$(shadow_counts "$row")"
done
if [[ " ${ROWS[*]} " == *" shadow-hung "* && " ${ROWS[*]} " == *" off "* ]]; then
	diffs=()
	for round in $(seq 1 "$ROUNDS"); do
		diffs+=("$(awk -v a="${P99[shadow-hung,$round]}" -v b="${P99[off,$round]}" 'BEGIN { print a - b }')")
	done
	read -r dmed _ _ < <(stats "${diffs[@]}")
	echo
	echo "shadow-hung paced p99 - off paced p99: $(printf '%+.2f' "$dmed") ms (median of the rounds); target <= +1 ms:" \
		"$(awk -v d="$dmed" 'BEGIN { print (d <= 1) ? "met" : "NOT met" }')"
fi
