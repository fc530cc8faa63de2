#!/usr/bin/env bash
# A tiny gRPC client for bff-partner's gRPC pass-through (docs/grpc-proxy.md): Debian bookworm has no
# grpcurl and npm no maintained gRPC command line, so this runs GrpcClient.java (a single-file Java
# program) on grpc-java's class path, which Maven resolves once into target/classpath.
#
#   benchmarks/grpc-client/grpc-client.sh [options] health [service]
#   benchmarks/grpc-client/grpc-client.sh [options] watch [service]
#   benchmarks/grpc-client/grpc-client.sh [options] call <package.Service/Method> [string field 1]
#
#   --target host:port   the gateway (localhost:8082)
#   --api-key KEY        sends x-api-key metadata      --token JWT   sends authorization: Bearer JWT
#   --tls                h2 over TLS (ALPN)            --ca FILE     trust this CA (PEM) only
#   -H name:value        more metadata (repeatable)    --deadline 10s
set -euo pipefail
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
if [ ! -s "$HERE/target/classpath" ] || [ "$HERE/pom.xml" -nt "$HERE/target/classpath" ]; then
	mkdir -p "$HERE/target"
	"$ROOT/mvnw" -q -f "$HERE/pom.xml" dependency:build-classpath -Dmdep.outputFile="$HERE/target/classpath" >&2
fi
exec java -cp "$(cat "$HERE/target/classpath")" "$HERE/GrpcClient.java" "$@"
