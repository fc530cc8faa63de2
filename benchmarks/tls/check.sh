#!/usr/bin/env bash
# TLS scan of each gateway's HTTPS port with testssl.sh (issue 23): protocols, cipher suites per
# protocol, the server's picks, the certificate chain, HSTS and ALPN. Starts bff-web, bff-mobile
# and bff-partner with the `tls` profile and the dev CA's certificates (./suite certs), scans them
# one after the other, prints a summary per gateway and fails when a finding is MEDIUM or worse, a
# protocol other than TLS 1.2/1.3 is offered, or HSTS or h2 is missing.
#
# Needs: a JDK, openssl, testssl.sh (Debian: apt-get install testssl.sh; the command is `testssl`)
# and jq-free bash. Run from anywhere: benchmarks/tls/check.sh [--no-build] [gateway ...]
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cd "$ROOT"
OUT=${OUT:-$ROOT/benchmarks/tls/target}
BUILD=1
GATEWAYS=()
for arg in "$@"; do
	case $arg in
		--no-build) BUILD=0 ;;
		bff-web | bff-mobile | bff-partner) GATEWAYS+=("$arg") ;;
		*)
			echo "usage: $0 [--no-build] [bff-web|bff-mobile|bff-partner ...]" >&2
			exit 2
			;;
	esac
done
((${#GATEWAYS[@]})) || GATEWAYS=(bff-web bff-mobile bff-partner)

TESTSSL=$(command -v testssl || command -v testssl.sh || true)
[[ -n $TESTSSL ]] || {
	echo "tls: testssl.sh not found (Debian/Ubuntu: apt-get install testssl.sh)" >&2
	exit 2
}

free_port() {
	python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()' 2>/dev/null ||
		shuf -i 20000-40000 -n 1
}

mkdir -p "$OUT"
./suite certs >/dev/null
TLS_DIR=$ROOT/.suite/tls
PIDS=()
cleanup() {
	local pid
	for pid in "${PIDS[@]+"${PIDS[@]}"}"; do kill "$pid" 2>/dev/null || true; done
}
trap cleanup EXIT

status=0
for gateway in "${GATEWAYS[@]}"; do
	jar=$gateway/target/$gateway-0.1.0-SNAPSHOT.jar
	if [[ ! -f $jar || $BUILD == 1 ]]; then
		echo "tls: building $gateway" >&2
		./mvnw -q -DskipTests -pl "$gateway" -am package
	fi
	port=$(free_port)
	mport=$(free_port)
	EDGE_TLS_CERT=$TLS_DIR/$gateway-server.crt EDGE_TLS_KEY=$TLS_DIR/$gateway-server.key \
		java -jar "$jar" --spring.profiles.active=tls --server.port="$port" --management.server.port="$mport" \
		>"$OUT/$gateway.log" 2>&1 &
	PIDS+=("$!")
	for _ in $(seq 1 240); do
		curl -fsS -m 2 "http://127.0.0.1:$mport/actuator/health" >/dev/null 2>&1 && break
		sleep 1
	done
	curl -fsS -m 2 "http://127.0.0.1:$mport/actuator/health" >/dev/null || {
		echo "tls: $gateway did not start (log: $OUT/$gateway.log)" >&2
		exit 1
	}
	json=$OUT/$gateway.json
	rm -f "$json" "$OUT/$gateway.txt"
	echo "== $gateway (https://localhost:$port) ==" >&2
	# -p protocols and ALPN, -E cipher suites per protocol, -P the server's picks, -S certificate
	# and chain, -h headers (HSTS); the dev CA is added so the chain can be judged
	"$TESTSSL" --quiet --color 0 --warnings off --add-ca "$TLS_DIR/ca.crt" -p -E -P -S -h \
		--jsonfile "$json" "https://localhost:$port/actuator/health" >"$OUT/$gateway.txt" 2>&1 || true
	kill "${PIDS[-1]}" 2>/dev/null || true
	wait "${PIDS[-1]}" 2>/dev/null || true
	[[ -s $json ]] || {
		echo "tls: testssl wrote no findings for $gateway (see $OUT/$gateway.txt)" >&2
		status=1
		continue
	}
	# one summary line per finding that matters, from testssl's flat JSON
	python3 - "$json" "$gateway" <<'PY' || status=1
import json, sys
findings = json.load(open(sys.argv[1]))
gateway = sys.argv[2]
by_id = {f["id"]: f for f in findings}
def val(i):
    return by_id.get(i, {}).get("finding", "-")
offered = [p for p in ("SSLv2", "SSLv3", "TLS1", "TLS1_1", "TLS1_2", "TLS1_3")
           if val(p).startswith("offered")]
ciphers = sorted({f["finding"].split()[-1] if False else f["finding"] for f in findings
                  if f["id"].startswith("cipher-tls1_2") or f["id"].startswith("cipher-tls1_3")})
print(f"  protocols offered: {', '.join(offered)}")
print(f"  ALPN: {val('ALPN')} | HTTP/2 (ALPN_HTTP2): {val('ALPN_HTTP2')}")
print(f"  cipher order: {val('cipher_order')}")
for f in findings:
    if f["id"].startswith("cipher-tls"):
        print(f"  cipher {f['id'].split('_x')[0][7:]}: {' '.join(f['finding'].split())}")
print(f"  certificate: {val('cert_commonName')} | SAN {val('cert_subjectAltName')} | {val('cert_keySize')}")
print(f"  chain of trust: {val('cert_chain_of_trust')} | expires: {val('cert_notAfter')}")
print(f"  HSTS: {val('HSTS_time')}")
# findings that describe the dev CA, not the gateway: a certificate from a public CA carries a
# CRL or OCSP address, and localhost has no CAA record
accepted = {
    "cert_revocation": "the dev CA publishes no CRL or OCSP responder (a public CA's certificate has them)",
    "DNS_CAArecord": "localhost has no DNS CAA record",
}
bad = [f for f in findings if f.get("severity") in ("MEDIUM", "HIGH", "CRITICAL") and f["id"] not in accepted]
problems = []
if any(p in offered for p in ("SSLv2", "SSLv3", "TLS1", "TLS1_1")):
    problems.append("a protocol older than TLS 1.2 is offered")
if not {"TLS1_2", "TLS1_3"} <= set(offered):
    problems.append("TLS 1.2 and 1.3 are not both offered")
if "h2" not in val("ALPN_HTTP2") and "h2" not in val("ALPN"):
    problems.append("no h2 by ALPN")
if "HSTS_time" not in by_id or by_id["HSTS_time"].get("severity") not in ("OK", "INFO"):
    problems.append("HSTS missing or too short")
for f in bad:
    problems.append(f"{f['severity']} {f['id']}: {f['finding']}")
print(f"  findings by severity: " + ", ".join(
    f"{s} {sum(1 for f in findings if f.get('severity') == s)}" for s in ("OK", "INFO", "LOW", "MEDIUM", "HIGH", "CRITICAL", "WARN")))
for f in findings:
    if f["id"] in accepted:
        print(f"  accepted {f['severity']} {f['id']}: {f['finding']} ({accepted[f['id']]})")
    elif f.get("severity") in ("LOW", "WARN"):
        print(f"  {f['severity']} {f['id']}: {f['finding']}")
if problems:
    print(f"{gateway}: FAIL")
    for p in problems:
        print(f"  - {p}")
    sys.exit(1)
print(f"{gateway}: PASS")
PY
done
exit $status
