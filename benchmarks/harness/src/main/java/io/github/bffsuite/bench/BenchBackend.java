package io.github.bffsuite.bench;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.UUID;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;

/**
 * The benchmark's backend on one port: {@code GET /products/{id}} answers a small JSON
 * document, {@code GET /delay/{ms}} the same after a delay, {@code GET /jwks} the public
 * key whose private half signed the token it writes to the file given as second argument
 * (issuer {@code http://bench.issuer}, audience {@code bff-web}).
 */
public final class BenchBackend {

	private BenchBackend() {
	}

	public static void main(String[] args) throws Exception {
		int port = Integer.parseInt(args[0]);
		RSAKey key = new RSAKeyGenerator(2048).keyID(UUID.randomUUID().toString()).generate();
		Files.writeString(Path.of(args[1]), token(key));
		String jwks = new JWKSet(key.toPublicJWK()).toString();
		byte[] product = "{\"id\":\"p-0001\",\"name\":\"Benchmark widget\",\"priceCents\":1299,\"stock\":42}"
			.getBytes(StandardCharsets.UTF_8);
		DisposableServer server = HttpServer.create().host("127.0.0.1").port(port).handle((request, response) -> {
			String path = request.path();
			if (path.equals("jwks")) {
				return response.header("Content-Type", "application/json").sendString(Mono.just(jwks)).then();
			}
			if (path.startsWith("delay/")) {
				long millis = Long.parseLong(path.substring("delay/".length()));
				return Mono.delay(Duration.ofMillis(millis))
					.then(response.header("Content-Type", "application/json")
						.sendString(Mono.just("{\"delayMs\":" + millis + "}"))
						.then());
			}
			return response.header("Content-Type", "application/json").sendByteArray(Mono.just(product)).then();
		}).bindNow();
		server.onDispose().block();
	}

	private static String token(RSAKey key) throws Exception {
		Instant now = Instant.now();
		JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer("http://bench.issuer")
			.subject("u-001")
			.audience("bff-web")
			.issueTime(Date.from(now))
			.notBeforeTime(Date.from(now))
			.expirationTime(Date.from(now.plus(Duration.ofHours(2))))
			.claim("tenant_id", "acme")
			.claim("scope", "products:read users:read orders:read")
			.claim("roles", List.of("user"))
			.build();
		SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(), claims);
		jwt.sign(new RSASSASigner(key));
		return jwt.serialize();
	}

}
