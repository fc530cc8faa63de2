package io.github.bffsuite.edge.grpc.transcoding;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.ECPrivateKey;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.time.Duration;
import java.util.Set;

import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.github.bffsuite.edge.identity.EdgePrincipal;
import io.github.bffsuite.edge.identity.IdentityHeadersGatewayFilter;
import io.github.bffsuite.edge.identity.IdentityTokenSigner;
import io.github.bffsuite.edge.web.RequestIdWebFilter;
import io.grpc.Metadata;
import org.junit.jupiter.api.Test;

import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link GrpcMetadata}: the edge's identity as gRPC metadata, signed for the
 * service when signing is on.
 */
class GrpcMetadataTests {

	private static final EdgePrincipal PARTNER = new EdgePrincipal(EdgePrincipal.Kind.API_KEY, null, "acme", "acme-dev",
			Set.of("products:read", "orders:read"), Set.of(), "pro");

	@Test
	void carriesTheIdentityHeadersInLowerCaseAndTheRequestId() {
		Metadata metadata = new GrpcMetadata("X-Request-ID", null, IdentityTokenSigner.DEFAULT_HEADER)
			.of(exchange("/catalog/products/p-0001", "rid-1"), "product-service")
			.block();
		assertThat(metadata.get(key("x-tenant-id"))).isEqualTo("acme");
		assertThat(metadata.get(key("x-client-id"))).isEqualTo("acme-dev");
		assertThat(metadata.get(key("x-plan"))).isEqualTo("pro");
		assertThat(metadata.get(key("x-scopes"))).isEqualTo("orders:read products:read");
		assertThat(metadata.get(key("x-request-id"))).isEqualTo("rid-1");
		assertThat(metadata.get(key("x-user-id"))).isNull();
		assertThat(metadata.get(key("edge-identity"))).isNull();
	}

	@Test
	void signsTheIdentityForTheServiceWhenSigningIsOn() throws Exception {
		KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
		generator.initialize(new ECGenParameterSpec("secp256r1"));
		KeyPair keys = generator.generateKeyPair();
		IdentityTokenSigner signer = new IdentityTokenSigner((ECPrivateKey) keys.getPrivate(), "bff-partner",
				"bff-partner", Duration.ofSeconds(30), Clock.systemUTC());
		Metadata metadata = new GrpcMetadata("X-Request-ID", signer, IdentityTokenSigner.DEFAULT_HEADER)
			.of(exchange("/catalog/products/p-0001", "rid-2"), "product-service")
			.block();
		String token = metadata.get(key("edge-identity"));
		assertThat(token).isNotNull();
		JWTClaimsSet claims = SignedJWT.parse(token).getJWTClaimsSet();
		assertThat(claims.getAudience()).containsExactly("product-service");
		assertThat(claims.getIssuer()).isEqualTo("bff-partner");
		assertThat(claims.getStringClaim("tenant")).isEqualTo("acme");
		assertThat(claims.getStringClaim("rid")).isEqualTo("rid-2");
	}

	@Test
	void sendsNoIdentityForAnAnonymousRequest() {
		MockServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest.get("/catalog").build());
		Metadata metadata = new GrpcMetadata("X-Request-ID", null, IdentityTokenSigner.DEFAULT_HEADER)
			.of(exchange, "product-service")
			.block();
		assertThat(metadata.keys()).isEmpty();
	}

	private static MockServerWebExchange exchange(String path, String requestId) {
		MockServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest.get(path)
			.header("X-User-ID", "u-forged")
			.header("Authorization", "Bearer secret")
			.build());
		exchange.getAttributes().put(IdentityHeadersGatewayFilter.PRINCIPAL_ATTRIBUTE, PARTNER);
		exchange.getAttributes().put(RequestIdWebFilter.ATTRIBUTE, requestId);
		return exchange;
	}

	private static Metadata.Key<String> key(String name) {
		return Metadata.Key.of(name, Metadata.ASCII_STRING_MARSHALLER);
	}

}
