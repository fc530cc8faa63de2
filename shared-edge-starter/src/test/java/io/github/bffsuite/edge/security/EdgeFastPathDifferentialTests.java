package io.github.bffsuite.edge.security;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import io.github.bffsuite.edge.EdgeTestApplication;
import io.github.bffsuite.edge.security.apikey.ApiKeyHasher;
import io.github.bffsuite.edge.test.EchoServer;
import io.github.bffsuite.edge.test.GatewayTestFixture;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The fused fast path against the chain it replaces: one corpus of requests, hostile ones
 * included, through two running gateways that differ only in
 * {@code edge.security.fast-path.enabled}. Each request is sent three times (the first
 * fills the token and key caches, so the later ones are the fast path's on the gateway
 * that has it); the third answers must agree in status, problem type, response headers
 * and the headers the backend received.
 */
class EdgeFastPathDifferentialTests {

	static final String ORIGIN = "https://app.example";

	static final GatewayTestFixture fixture = new GatewayTestFixture();

	static ConfigurableApplicationContext fused;

	static ConfigurableApplicationContext chain;

	@BeforeAll
	static void start() {
		fused = start(true);
		chain = start(false);
	}

	@AfterAll
	static void stop() {
		Stream.of(fused, chain).filter((context) -> context != null).forEach(ConfigurableApplicationContext::close);
		fixture.close();
	}

	private static ConfigurableApplicationContext start(boolean fastPath) {
		Map<String, Object> properties = new LinkedHashMap<>();
		properties.put("server.port", 0);
		properties.put("spring.main.banner-mode", "off");
		properties.put("edge.security.fast-path.enabled", fastPath);
		properties.put("edge.security.mechanisms", "jwt,api-key");
		properties.put("edge.security.jwt.issuer-uri", "http://issuer.test");
		properties.put("edge.security.jwt.jwk-set-uri", fixture.jwks().uri());
		properties.put("edge.security.jwt.audiences", "bff-test");
		properties.put("edge.security.permit-paths", "/echo/public/**");
		properties.put("edge.security.rules[0].pattern", "/echo/admin/**");
		properties.put("edge.security.rules[0].scopes", "admin:write");
		properties.put("edge.security.api-key.hash", "sha256");
		properties.put("edge.web.cors.allowed-origins", ORIGIN);
		properties.put("edge.web.limits.max-header-size", "12KB");
		properties.put("edge.rate-limit.store", "memory");
		properties.put("edge.rate-limit.policies.diff.capacity", 1_000_000);
		properties.put("edge.rate-limit.policies.diff.refill-tokens", 1_000_000);
		properties.put("edge.rate-limit.policies.diff.key", "ip");
		properties.put("edge.rate-limit.bindings[0].pattern", "/echo/**");
		properties.put("edge.rate-limit.bindings[0].policies", "diff");
		properties.put("spring.cloud.gateway.server.webflux.routes[0].id", "echo");
		properties.put("spring.cloud.gateway.server.webflux.routes[0].uri", fixture.backend().url());
		properties.put("spring.cloud.gateway.server.webflux.routes[0].predicates[0]", "Path=/echo/**");
		apiKey(properties, "valid", "bffk_diff_valid", false, null, null);
		apiKey(properties, "revoked", "bffk_diff_revoked", true, null, null);
		apiKey(properties, "expired", "bffk_diff_expired", false, "2020-01-01T00:00:00Z", null);
		apiKey(properties, "elsewhere", "bffk_diff_elsewhere", false, null, "10.0.0.0/8");
		return new SpringApplicationBuilder(EdgeTestApplication.class).properties(properties).run();
	}

	private static void apiKey(Map<String, Object> properties, String id, String key, boolean revoked, String expiresAt,
			String allowedIps) {
		String prefix = "edge.security.api-key.keys." + id + ".";
		properties.put(prefix + "hash", ApiKeyHasher.sha256().hash(key));
		properties.put(prefix + "tenant", "globex");
		properties.put(prefix + "plan", "pro");
		properties.put(prefix + "scopes", "products:read");
		properties.put(prefix + "revoked", revoked);
		if (expiresAt != null) {
			properties.put(prefix + "expires-at", expiresAt);
		}
		if (allowedIps != null) {
			properties.put(prefix + "allowed-ips", allowedIps);
		}
	}

	static Stream<Arguments> corpus() {
		List<Arguments> corpus = new ArrayList<>();
		Supplier<String> valid = () -> fixture.keys().token().build();
		String token = valid.get();
		String admin = fixture.keys().token().claim("scope", "admin:write").build();
		add(corpus, "valid token", "GET", "/echo/hello", bearer(token));
		add(corpus, "valid token, HEAD", "HEAD", "/echo/hello", bearer(token));
		add(corpus, "valid token, POST with a body", "POST", "/echo/orders", bearer(token));
		add(corpus, "valid token, query", "GET", "/echo/hello?a=1&b=two", bearer(token));
		add(corpus, "admin scope granted", "GET", "/echo/admin/x", bearer(admin));
		add(corpus, "admin scope missing", "GET", "/echo/admin/x", bearer(token));
		add(corpus, "public path with a token", "GET", "/echo/public/x", bearer(token));
		add(corpus, "public path without a token", "GET", "/echo/public/x", none());
		add(corpus, "no credentials", "GET", "/echo/hello", none());
		add(corpus, "expired", "GET", "/echo/hello",
				bearer(fixture.keys().token().expiresIn(java.time.Duration.ofMinutes(-5)).build()));
		add(corpus, "not yet valid", "GET", "/echo/hello",
				bearer(fixture.keys().token().notBefore(java.time.Instant.now().plusSeconds(600)).build()));
		add(corpus, "wrong issuer", "GET", "/echo/hello",
				bearer(fixture.keys().token().issuer("http://evil.test").build()));
		add(corpus, "wrong audience", "GET", "/echo/hello", bearer(fixture.keys().token().audience("other").build()));
		add(corpus, "alg none", "GET", "/echo/hello", bearer(unsigned()));
		add(corpus, "HS256 signed with the public key", "GET", "/echo/hello", bearer(hs256WithPublicKey()));
		add(corpus, "unknown kid", "GET", "/echo/hello", bearer(fixture.keys().token().kid("unknown-kid").build()));
		add(corpus, "two bearer headers", "GET", "/echo/hello",
				(headers) -> headers.addAll(HttpHeaders.AUTHORIZATION, List.of("Bearer " + token, "Bearer " + admin)));
		add(corpus, "lower-case scheme", "GET", "/echo/hello",
				(headers) -> headers.set(HttpHeaders.AUTHORIZATION, "bearer " + token));
		add(corpus, "upper-case scheme", "GET", "/echo/hello",
				(headers) -> headers.set(HttpHeaders.AUTHORIZATION, "BEARER " + token));
		add(corpus, "basic scheme", "GET", "/echo/hello", (headers) -> headers.setBasicAuth("user", "password"));
		add(corpus, "token in the query only", "GET", "/echo/hello?access_token=" + token, none());
		add(corpus, "token in the query and the header", "GET", "/echo/hello?access_token=" + token, bearer(token));
		add(corpus, "spoofed identity headers", "GET", "/echo/hello", bearer(token).andThen((headers) -> {
			headers.add("X-User-ID", "u-999");
			headers.add("x-tenant-id", "evil");
			headers.add("X_Scopes", "admin:write");
			headers.add("X-PLAN", "enterprise");
		}));
		add(corpus, "spoofed identity, anonymous", "GET", "/echo/public/x",
				(headers) -> headers.add("X-User-ID", "u-999"));
		add(corpus, "client request id kept", "GET", "/echo/hello",
				bearer(token).andThen((headers) -> headers.set("X-Request-ID", "client-id-123")));
		add(corpus, "malformed request id replaced", "GET", "/echo/hello",
				bearer(token).andThen((headers) -> headers.set("X-Request-ID", "bad id <script>")));
		add(corpus, "two request ids", "GET", "/echo/hello",
				bearer(token).andThen((headers) -> headers.addAll("X-Request-ID", List.of("id-one", "id-two"))));
		add(corpus, "encoded dot segments", "GET", "/echo/x/%2e%2e/admin/x", bearer(token));
		add(corpus, "encoded slash", "GET", "/echo%2Fadmin/x", bearer(token));
		add(corpus, "semicolon", "GET", "/echo/hello;x=1", bearer(token));
		add(corpus, "double slash", "GET", "//echo/hello", bearer(token));
		add(corpus, "double slash inside", "GET", "/echo//admin/x", bearer(token));
		add(corpus, "OPTIONS", "OPTIONS", "/echo/hello", bearer(token));
		add(corpus, "TRACE", "TRACE", "/echo/hello", bearer(token));
		add(corpus, "CORS preflight", "OPTIONS", "/echo/hello", (headers) -> {
			headers.setOrigin(ORIGIN);
			headers.set(HttpHeaders.ACCESS_CONTROL_REQUEST_METHOD, "GET");
			headers.set(HttpHeaders.ACCESS_CONTROL_REQUEST_HEADERS, "authorization");
		});
		add(corpus, "CORS request, allowed origin", "GET", "/echo/hello",
				bearer(token).andThen((headers) -> headers.setOrigin(ORIGIN)));
		add(corpus, "CORS request, refused origin", "GET", "/echo/hello",
				bearer(token).andThen((headers) -> headers.setOrigin("https://evil.example")));
		// the firewall's header checks, on the headers as Reactor Netty decoded them: an
		// ISO-8859-1 byte that is a C1 control character is refused, a letter is not
		add(corpus, "control character (C1) in a header value", "GET", "/echo/hello",
				bearer(token).andThen((headers) -> headers.set("X-Note", "a\u0085b")));
		add(corpus, "Latin-1 letter in a header value", "GET", "/echo/hello",
				bearer(token).andThen((headers) -> headers.set("X-Note", "caf\u00e9")));
		add(corpus, "headers over the limit", "GET", "/echo/hello",
				bearer(token).andThen((headers) -> headers.set("X-Padding", "p".repeat(13_000))));
		add(corpus, "API key", "GET", "/echo/hello", apiKey("bffk_diff_valid"));
		add(corpus, "API key revoked", "GET", "/echo/hello", apiKey("bffk_diff_revoked"));
		add(corpus, "API key expired", "GET", "/echo/hello", apiKey("bffk_diff_expired"));
		add(corpus, "API key outside its allowlist", "GET", "/echo/hello", apiKey("bffk_diff_elsewhere"));
		add(corpus, "API key unknown", "GET", "/echo/hello", apiKey("bffk_diff_unknown"));
		add(corpus, "API key empty", "GET", "/echo/hello", apiKey(""));
		add(corpus, "API key twice", "GET", "/echo/hello",
				(headers) -> headers.addAll("X-API-Key", List.of("bffk_diff_valid", "bffk_diff_valid")));
		add(corpus, "API key and bearer token", "GET", "/echo/hello", apiKey("bffk_diff_valid").andThen(bearer(token)));
		add(corpus, "API key, scope missing", "GET", "/echo/admin/x", apiKey("bffk_diff_valid"));
		return corpus.stream();
	}

	private static void add(List<Arguments> corpus, String name, String method, String path,
			Consumer<HttpHeaders> headers) {
		corpus.add(Arguments.of(name, method, path, headers));
	}

	private static Consumer<HttpHeaders> bearer(String token) {
		return (headers) -> headers.setBearerAuth(token);
	}

	private static Consumer<HttpHeaders> apiKey(String key) {
		return (headers) -> headers.set("X-API-Key", key);
	}

	private static Consumer<HttpHeaders> none() {
		return (headers) -> {
		};
	}

	private static String unsigned() {
		return new PlainJWT(claims()).serialize();
	}

	private static String hs256WithPublicKey() {
		try {
			RSAKey key = fixture.keys().current();
			SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).keyID(key.getKeyID()).build(),
					claims());
			jwt.sign(new MACSigner(key.toRSAPublicKey().getEncoded()));
			return jwt.serialize();
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static JWTClaimsSet claims() {
		java.util.Date now = new java.util.Date();
		return new JWTClaimsSet.Builder().issuer("http://issuer.test")
			.subject("u-001")
			.audience("bff-test")
			.issueTime(now)
			.notBeforeTime(now)
			.expirationTime(new java.util.Date(now.getTime() + 300_000))
			.claim("tenant_id", "acme")
			.claim("scope", "users:read orders:read admin:write")
			.build();
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("corpus")
	void theFastPathAnswersAsTheChainDoes(String name, String method, String path, Consumer<HttpHeaders> headers) {
		Answer expected = null;
		Answer actual = null;
		for (int i = 0; i < 3; i++) {
			expected = call(chain, method, path, headers);
			actual = call(fused, method, path, headers);
		}
		assertThat(actual.status()).as(name + ": status").isEqualTo(expected.status());
		assertThat(actual.problemType()).as(name + ": problem type").isEqualTo(expected.problemType());
		assertThat(actual.headers()).as(name + ": response headers").isEqualTo(expected.headers());
		assertThat(actual.downstream()).as(name + ": headers received downstream").isEqualTo(expected.downstream());
	}

	@Test
	void theFastPathTakesTheRequestsItShouldAndTheChainGatewayHasNone() {
		String token = fixture.keys().token().build();
		call(fused, "GET", "/echo/warm", bearer(token));
		double before = fastCount(fused);
		call(fused, "GET", "/echo/hello", bearer(token));
		call(fused, "GET", "/echo/hello", apiKey("bffk_diff_valid"));
		assertThat(fastCount(fused) - before).isEqualTo(2);
		assertThat(fused.getBean(EdgeFastPathInstaller.class).installed()).hasSize(1);
		assertThat(chain.getBeansOfType(EdgeFastPathInstaller.class)).isEmpty();
		assertThat(chain.getBean(MeterRegistry.class).find("edge.fastpath.requests").counters()).isEmpty();
	}

	@Test
	void theFirewallChecksTheHeadersAsNettyDecodedThem() {
		String token = fixture.keys().token().build();
		assertThat(
				call(fused, "GET", "/echo/hello", bearer(token).andThen((headers) -> headers.set("X-Note", "a\u0085b")))
					.status())
			.isEqualTo(400);
		assertThat(call(fused, "GET", "/echo/hello",
				bearer(token).andThen((headers) -> headers.set("X-Note", "caf\u00e9")))
			.status()).isEqualTo(200);
	}

	@Test
	void aRefusedOrUnknownCredentialTakesTheChain() {
		double before = fastCount(fused);
		call(fused, "GET", "/echo/hello",
				bearer(fixture.keys().token().expiresIn(java.time.Duration.ofMinutes(-5)).build()));
		call(fused, "GET", "/echo/hello", apiKey("bffk_diff_revoked"));
		call(fused, "GET", "/echo/hello", none());
		assertThat(fastCount(fused)).isEqualTo(before);
	}

	private static double fastCount(ConfigurableApplicationContext context) {
		return context.getBean(MeterRegistry.class).get("edge.fastpath.requests").tag("path", "fast").counter().count();
	}

	private static final Set<String> VOLATILE_RESPONSE = Set.of("date", "x-request-id", "traceparent");

	private static final Set<String> VOLATILE_DOWNSTREAM = Set.of("host", "x-request-id", "traceparent", "tracestate",
			"b3", "forwarded", "x-forwarded-host", "x-forwarded-port", "content-length");

	private static final Pattern PROBLEM_TYPE = Pattern.compile("\"type\":\"([^\"]*)\"");

	private static final Pattern REQUEST_ID = Pattern.compile("[A-Za-z0-9._:-]+");

	private Answer call(ConfigurableApplicationContext context, String method, String path,
			Consumer<HttpHeaders> headers) {
		int port = context.getEnvironment().getProperty("local.server.port", Integer.class);
		fixture.backend().clear();
		WebTestClient.RequestBodySpec request = GatewayTestFixture.client(port)
			.method(HttpMethod.valueOf(method))
			.uri(URI.create("http://127.0.0.1:" + port + path))
			.headers(headers);
		EntityExchangeResult<byte[]> result = (method.equals("POST")
				? request.header(HttpHeaders.CONTENT_TYPE, "application/json").bodyValue("{\"item\":\"p-1\"}")
				: request)
			.exchange()
			.expectBody()
			.returnResult();
		String body = (result.getResponseBodyContent() != null)
				? new String(result.getResponseBodyContent(), StandardCharsets.UTF_8) : "";
		Matcher type = PROBLEM_TYPE.matcher(body);
		Map<String, List<String>> responseHeaders = normalized(result.getResponseHeaders(), VOLATILE_RESPONSE);
		String requestId = result.getResponseHeaders().getFirst("X-Request-ID");
		responseHeaders.put("x-request-id (well-formed)",
				List.of(String.valueOf(requestId != null && REQUEST_ID.matcher(requestId).matches())));
		List<EchoServer.Received> received = fixture.backend().received();
		Map<String, List<String>> downstream = null;
		if (!received.isEmpty()) {
			EchoServer.Received last = received.get(received.size() - 1);
			HttpHeaders sent = new HttpHeaders();
			last.headers().forEach(sent::addAll);
			downstream = normalized(sent, VOLATILE_DOWNSTREAM);
			List<String> downstreamId = sent.get("X-Request-ID");
			downstream.put("x-request-id (same as the answer's)",
					List.of(String.valueOf(downstreamId != null && downstreamId.equals(List.of(requestId)))));
		}
		return new Answer(result.getStatus().value(), type.find() ? type.group(1) : null, responseHeaders, downstream);
	}

	private static Map<String, List<String>> normalized(HttpHeaders headers, Set<String> skipped) {
		Map<String, List<String>> normalized = new TreeMap<>();
		for (Map.Entry<String, List<String>> header : headers.headerSet()) {
			String name = header.getKey().toLowerCase(Locale.ROOT);
			if (!skipped.contains(name)) {
				normalized.computeIfAbsent(name, (key) -> new ArrayList<>())
					.addAll(header.getValue().stream().map(EdgeFastPathDifferentialTests::withoutPorts).toList());
			}
		}
		return normalized;
	}

	private static String withoutPorts(String value) {
		return value.replaceAll("127\\.0\\.0\\.1:\\d+", "127.0.0.1:PORT");
	}

	record Answer(int status, String problemType, Map<String, List<String>> headers,
			Map<String, List<String>> downstream) {

	}

}
