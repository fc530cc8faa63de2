#!/usr/bin/env bash
# One user's rate limit across several gateway instances behind nginx. Run after
#   ./suite up -d --instances 3
# It sends a burst of requests for one user through nginx (bff-web, :8080) with wrk, counts the
# answers and checks the total allowed against one shared token
# bucket: at most capacity + refill x elapsed time. Buckets per instance would let N times that
# through. Exits non-zero when the shared limit does not hold. Dev-only.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."

URL=${URL:-http://localhost:8080/api/users/me}
PARALLEL=${PARALLEL:-24}
DURATION=${DURATION:-5s}
# bff-web's web-user policy (bff-web/src/main/resources/application.yml)
CAPACITY=${CAPACITY:-40}
REFILL_PER_SECOND=${REFILL_PER_SECOND:-20}

instances=$(cat .suite/instances 2>/dev/null || echo 1)
token=$(./suite token "${SUITE_USER:-bob}" | tail -n 1)
out=$(mktemp)
trap 'rm -f "$out"' EXIT
command -v wrk >/dev/null || { echo "shared-limit needs wrk (Debian: apt-get install -y wrk)" >&2; exit 1; }

# wrk, not curl in a loop: the burst must outrun the refill of all instances together, or buckets
# per instance and one shared bucket would let the same requests through
: >.suite/nginx/logs/access.log 2>/dev/null || true
wrk -t2 -c"$PARALLEL" -d"${DURATION:-5s}" -H "Authorization: Bearer $token" "$URL" >"$out"
seconds=${DURATION:-5s}
seconds=${seconds%s}
total=$(grep -Eo '^ *[0-9]+ requests in' "$out" | grep -Eo '[0-9]+')
non2xx=$(grep -Eo 'Non-2xx or 3xx responses: *[0-9]+' "$out" | grep -Eo '[0-9]+$' || echo 0)
allowed=$((total - non2xx))
bound=$((CAPACITY + REFILL_PER_SECOND * seconds))
echo "instances behind nginx: $instances"
echo "requests: $total in ${seconds} s through nginx ($PARALLEL connections)"
echo "allowed (2xx): $allowed, refused (429 or other): $non2xx"
echo "per instance (status, instance; from nginx's access log):"
sort .suite/nginx/logs/access.log 2>/dev/null | uniq -c | sed 's/^/  /' || true
echo "one shared bucket allows at most: $bound; a bucket per instance would allow up to: $((bound * instances))"
if ((allowed > bound + 1)); then
	echo "FAIL: more allowed than one shared bucket can give" >&2
	exit 1
fi
echo "PASS: the limit is shared across the instances"
