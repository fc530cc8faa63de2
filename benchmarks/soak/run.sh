#!/usr/bin/env bash
# Soak test of the three gateways (issue 11): a steady mixed load for a long time with Netty's
# paranoid leak detection, looking for what only time shows: buffer leaks, heap growth, file
# descriptors that are never given back. Not part of ./mvnw verify.
#
#   benchmarks/soak/run.sh [--duration 30m] [--interval 60s]
#
# Starts the suite with ./suite up -d (ports 8080-8082, 9000-9003 must be free), runs for the
# duration: authenticated GETs on bff-web and bff-mobile (wrk), rate-limited partner bursts (429s),
# requests without a token (401s), oversized bodies (413s), SSE streams opened and dropped, and
# product-service killed and restarted halfway. Every interval it prints the throughput; at the
# start and the end, each gateway's heap after a full GC and its open file descriptors; at the end,
# every LEAK: line of the gateways' logs. Exits non-zero on a leak, heap after GC more than 10% over
# its start, or file descriptors not back to baseline. Needs wrk, curl, jcmd (the JDK's).
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cd "$ROOT"

DURATION=30m
INTERVAL=60s
while (($#)); do
	case $1 in
		--duration) DURATION=$2; shift ;;
		--interval) INTERVAL=$2; shift ;;
		*) echo "unknown option $1" >&2; exit 2 ;;
	esac
	shift
done
seconds() { # 30m, 90s, 1h -> seconds
	local v=$1
	case $v in
		*h) echo $((${v%h} * 3600)) ;;
		*m) echo $((${v%m} * 60)) ;;
		*s) echo "${v%s}" ;;
		*) echo "$v" ;;
	esac
}
TOTAL=$(seconds "$DURATION")
STEP=$(seconds "$INTERVAL")
for tool in wrk curl jcmd; do
	command -v "$tool" >/dev/null || { echo "soak needs $tool (Debian: apt-get install -y wrk curl; jcmd comes with the JDK)" >&2; exit 1; }
done

GATEWAYS=(bff-web bff-mobile bff-partner)
WORK=$ROOT/benchmarks/target/soak
mkdir -p "$WORK"
BG=()
cleanup() {
	for pid in "${BG[@]}"; do kill "$pid" 2>/dev/null || true; done
	./suite down >/dev/null 2>&1 || true
}
trap cleanup EXIT

echo "soak: starting the suite with -Dio.netty.leakDetection.level=paranoid"
SUITE_JAVA_OPTS="-Dio.netty.leakDetection.level=paranoid -Xmx512m ${SUITE_JAVA_OPTS:-}" ./suite up -d >"$WORK/suite.log" 2>&1 \
	|| { tail -n 40 "$WORK/suite.log"; exit 1; }

pid_of() { cat ".suite/pids/$1.pid"; }
heap_after_gc_kb() { # pid
	jcmd "$1" GC.run >/dev/null
	jcmd "$1" GC.heap_info | grep -Eo 'used [0-9]+K' | head -1 | grep -Eo '[0-9]+'
}
fds() { ls "/proc/$1/fd" | wc -l; }

web_token="" mobile_token="" partner_token=""
tokens() {
	web_token=$(./suite token alice 2>/dev/null | tail -n 1)
	mobile_token=$(./suite token bob --app mobile-app 2>/dev/null | tail -n 1)
	partner_token=$(./suite token --client partner-acme 2>/dev/null | tail -n 1)
}
tokens
order_id=$(curl -fsS -H "Authorization: Bearer $web_token" 'http://localhost:8080/api/orders?limit=1' | grep -Eo '"id":"[^"]+"' | head -1 | cut -d'"' -f4)

# Pooled keep-alive connections to the services are not leaks: every pool closes a connection idle
# for 20 s (edge.downstream pool max-idle-time, the gateways' httpclient.pool.max-idle-time), so the
# baseline and the end are both read once the pools have been idle that long.
IDLE_WAIT=35
echo "soak: warming up every gateway for 60 s, then ${IDLE_WAIT} s idle"
wrk -t1 -c8 -d60s -H "Authorization: Bearer $web_token" 'http://localhost:8080/api/products?limit=5' >/dev/null &
wrk -t1 -c4 -d60s -H "Authorization: Bearer $mobile_token" -H 'X-App-Version: ios/99.0.0' 'http://localhost:8081/mobile/v1/home' >/dev/null &
wrk -t1 -c4 -d60s -H "Authorization: Bearer $partner_token" 'http://localhost:8082/partner/v2/products?limit=1' >/dev/null &
wait
sleep "$IDLE_WAIT"

declare -A heap_start fd_start
for gateway in "${GATEWAYS[@]}"; do
	heap_start[$gateway]=$(heap_after_gc_kb "$(pid_of "$gateway")")
	fd_start[$gateway]=$(fds "$(pid_of "$gateway")")
	echo "soak: $gateway start: heap after GC ${heap_start[$gateway]} KB, ${fd_start[$gateway]} open fds"
done

side_load() { # the mixed traffic besides the wrk rows, for one interval
	local end=$((SECONDS + STEP)) i
	while ((SECONDS < end)); do
		for i in $(seq 1 30); do # a partner burst: its plan limit turns most of these into 429s
			curl -s -o /dev/null -w '%{http_code}\n' -H "Authorization: Bearer $partner_token" \
				'http://localhost:8082/partner/v2/products?limit=1' &
		done
		wait
		for i in $(seq 1 10); do # no token: 401
			curl -s -o /dev/null -w '%{http_code}\n' 'http://localhost:8080/api/users/me'
		done
		# a body over the 1 MB limit: 413
		head -c 2000000 /dev/zero | curl -s -o /dev/null -w '%{http_code}\n' -H "Authorization: Bearer $web_token" \
			-H 'Content-Type: application/json' --data-binary @- 'http://localhost:8080/api/orders'
		if [[ -n $order_id ]]; then # SSE streams opened and dropped
			for i in $(seq 1 5); do
				curl -s -N -o /dev/null -m 2 -H "Authorization: Bearer $web_token" -H 'Accept: text/event-stream' \
					"http://localhost:8080/api/orders/$order_id/events" &
			done
			wait
		fi
	done
}

echo "soak: $DURATION of mixed load, figures every $INTERVAL"
printf '%-8s %12s %12s %s\n' minute web-req/s mobile-req/s 'side-load statuses'
elapsed=0 round=0 killed=false
while ((elapsed < TOTAL)); do
	round=$((round + 1))
	if ((round % 5 == 0)); then tokens; fi # tokens expire
	wrk -t1 -c8 -d"${STEP}s" -H "Authorization: Bearer $web_token" 'http://localhost:8080/api/products?limit=5' >"$WORK/web.txt" &
	w1=$!
	wrk -t1 -c4 -d"${STEP}s" -H "Authorization: Bearer $mobile_token" -H 'X-App-Version: ios/99.0.0' 'http://localhost:8081/mobile/v1/home' >"$WORK/mobile.txt" &
	w2=$!
	BG=("$w1" "$w2")
	# in a subshell: its `wait`s must wait for its own curls, not for the wrk rows
	(side_load) >"$WORK/side.txt" 2>/dev/null
	if ! $killed && ((elapsed >= TOTAL / 2)); then # a downstream dies and comes back
		kill -KILL "$(pid_of product-service)" 2>/dev/null || true
		sleep 15
		SUITE_APPS=product-service ./suite up -d >>"$WORK/suite.log" 2>&1 || echo "soak: product-service did not come back"
		killed=true
		echo "soak: product-service killed and restarted"
	fi
	wait "$w1" "$w2" || true
	elapsed=$((elapsed + STEP))
	printf '%-8s %12s %12s %s\n' "$((elapsed / 60))" \
		"$(grep -Eo 'Requests/sec: *[0-9.]+' "$WORK/web.txt" | grep -Eo '[0-9.]+$' || echo -)" \
		"$(grep -Eo 'Requests/sec: *[0-9.]+' "$WORK/mobile.txt" | grep -Eo '[0-9.]+$' || echo -)" \
		"$(sort "$WORK/side.txt" | uniq -c | awk '{printf "%s:%s ", $2, $1}')"
done

sleep "$IDLE_WAIT" # let dropped streams and idle pooled connections close, as before the baseline
failed=0
for gateway in "${GATEWAYS[@]}"; do
	heap=$(heap_after_gc_kb "$(pid_of "$gateway")")
	fd=$(fds "$(pid_of "$gateway")")
	growth=$(awk -v a="$heap" -v b="${heap_start[$gateway]}" 'BEGIN { printf "%.1f", (a - b) * 100 / b }')
	echo "soak: $gateway end: heap after GC $heap KB (${growth}% vs start), $fd open fds (start ${fd_start[$gateway]})"
	if awk -v g="$growth" 'BEGIN { exit !(g > 10) }'; then echo "soak: FAIL $gateway heap grew more than 10%"; failed=1; fi
	if ((fd > fd_start[$gateway] + 5)); then echo "soak: FAIL $gateway kept $((fd - fd_start[$gateway])) more fds"; failed=1; fi
done
leaks=$(grep -h 'LEAK:' .suite/logs/bff-*.log || true)
echo "soak: LEAK lines: $(grep -c 'LEAK:' <<<"$leaks" || true)"
if [[ -n $leaks ]]; then
	echo "$leaks"
	failed=1
fi
((failed == 0)) && echo "soak: PASS (0 leaks, heap and fds back)"
exit "$failed"
