#!/usr/bin/env bash
# One user's rate limit across several gateway instances behind nginx. Run after
#   ./suite up -d --instances 3
# It sends a burst of requests for one user through nginx (bff-web, :8080), counts the answers
# per instance (nginx's X-Upstream header) and checks the total allowed against one shared token
# bucket: at most capacity + refill x elapsed time. Buckets per instance would let N times that
# through. Exits non-zero when the shared limit does not hold. Dev-only.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."

URL=${URL:-http://localhost:8080/api/users/me}
REQUESTS=${REQUESTS:-300}
PARALLEL=${PARALLEL:-24}
# bff-web's web-user policy (bff-web/src/main/resources/application.yml)
CAPACITY=${CAPACITY:-40}
REFILL_PER_SECOND=${REFILL_PER_SECOND:-20}

instances=$(cat .suite/instances 2>/dev/null || echo 1)
token=$(./suite token "${SUITE_USER:-bob}" | tail -n 1)
out=$(mktemp)
trap 'rm -f "$out"' EXIT

start=$(date +%s.%N)
seq "$REQUESTS" | xargs -P "$PARALLEL" -I{} curl -s -o /dev/null \
	-w '%{http_code} %header{x-upstream}\n' -H "Authorization: Bearer $token" "$URL" >>"$out"
end=$(date +%s.%N)

elapsed=$(echo "$end - $start" | bc -l)
allowed=$(grep -c '^200 ' "$out" || true)
limited=$(grep -c '^429 ' "$out" || true)
other=$((REQUESTS - allowed - limited))
bound=$(echo "$CAPACITY + $REFILL_PER_SECOND * $elapsed" | bc -l | cut -d. -f1)
echo "instances behind nginx: $instances"
echo "requests: $REQUESTS ($PARALLEL in parallel) in ${elapsed:0:5} s"
echo "per instance (status upstream):"
sort "$out" | uniq -c | sed 's/^/  /'
echo "allowed: $allowed, limited (429): $limited, other: $other"
echo "one shared bucket allows at most: $bound; a bucket per instance would allow up to: $((bound * instances))"
if ((other > 0)); then
	echo "FAIL: $other answers were neither 200 nor 429" >&2
	exit 1
fi
if ((allowed > bound + 1)); then
	echo "FAIL: more allowed than one shared bucket can give" >&2
	exit 1
fi
echo "PASS: the limit is shared across the instances"
