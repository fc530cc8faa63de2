package io.github.bffsuite.suite;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The suite end to end, from the packaged jars: the real auth-server issues tokens
 * through the real authorization code + PKCE flow ({@code ./suite token}), bff-web
 * validates them against the auth-server's JWKS (also after a key rotation) and routes to
 * the real sample services.
 */
class SuiteEndToEndTests {

	static final List<RunningApp> apps = new ArrayList<>();

	static final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

	static int auth;

	static int web;

	@BeforeAll
	static void startSuite() throws Exception {
		auth = RunningApp.freePort();
		int user = RunningApp.freePort();
		int order = RunningApp.freePort();
		int product = RunningApp.freePort();
		web = RunningApp.freePort();
		int webManagement = RunningApp.freePort();
		String issuer = "http://localhost:" + auth;
		apps.add(RunningApp.start("sample-services/auth-server", "auth-server", auth, "--server.port=" + auth,
				"--spring.security.oauth2.authorizationserver.issuer=" + issuer));
		apps.add(RunningApp.start("sample-services/user-service", "user-service", user, "--server.port=" + user));
		apps.add(RunningApp.start("sample-services/product-service", "product-service", product,
				"--server.port=" + product));
		apps.add(RunningApp.start("sample-services/order-service", "order-service", order, "--server.port=" + order,
				"--order.product-service.base-url=http://localhost:" + product, "--order.fulfilment.step=1500ms"));
		apps.add(RunningApp.start("bff-web", "bff-web", webManagement, "--server.port=" + web,
				"--management.server.port=" + webManagement, "--edge.security.jwt.issuer-uri=" + issuer,
				"--edge.security.jwt.jwks-refresh-cooldown=1s",
				"--edge.downstream.services.user-service.base-url=http://localhost:" + user,
				"--edge.downstream.services.order-service.base-url=http://localhost:" + order,
				"--edge.downstream.services.product-service.base-url=http://localhost:" + product));
		for (RunningApp app : apps) {
			app.awaitHealthy(Duration.ofMinutes(4));
		}
	}

	@AfterAll
	static void stopSuite() throws InterruptedException {
		for (RunningApp app : apps) {
			app.close();
		}
	}

	@Test
	void userTokenFromTheAuthServerReachesTheServicesThroughBffWeb() throws Exception {
		String alice = token("alice");
		HttpResponse<String> me = get("/api/users/me", alice);
		assertThat(me.statusCode()).isEqualTo(200);
		assertThat(me.body()).contains("\"id\":\"u-001\"").contains("\"tenantId\":\"acme\"");
		HttpResponse<String> otherTenant = get("/api/users/u-002", alice);
		assertThat(otherTenant.statusCode()).isEqualTo(404);
		assertThat(otherTenant.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("application/problem+json"));
		HttpResponse<String> anonymous = get("/api/users/me", null);
		assertThat(anonymous.statusCode()).isEqualTo(401);
		assertThat(anonymous.body()).contains("https://bff-suite.dev/problems/unauthenticated");
	}

	@Test
	void ordersArePlacedIdempotentlyThroughBffWeb() throws Exception {
		String bob = token("bob");
		String body = "{\"items\":[{\"productId\":\"p-0042\",\"quantity\":2}]}";
		HttpResponse<String> first = post("/api/orders", bob, "e2e-" + System.nanoTime(), body);
		assertThat(first.statusCode()).isEqualTo(201);
		String key = first.request().headers().firstValue("Idempotency-Key").orElseThrow();
		HttpResponse<String> replay = post("/api/orders", bob, key, body);
		assertThat(replay.statusCode()).isEqualTo(201);
		assertThat(replay.body()).isEqualTo(first.body());
		assertThat(first.body()).contains("\"userId\":\"u-004\"").contains("\"productId\":\"p-0042\"");
	}

	@Test
	void orderEventsStreamThroughBffWebLongerThanTheResponseTimeout() throws Exception {
		String dave = token("dave");
		HttpResponse<String> placed = post("/api/orders", dave, "e2e-sse-" + System.nanoTime(),
				"{\"items\":[{\"productId\":\"p-0007\",\"quantity\":1}]}");
		assertThat(placed.statusCode()).isEqualTo(201);
		String id = placed.body().replaceAll(".*\"id\":\"(o-[0-9]+)\".*", "$1");
		HttpResponse<String> events = http
			.send(HttpRequest.newBuilder(URI.create("http://localhost:" + web + "/api/orders/" + id + "/events"))
				.timeout(Duration.ofSeconds(30))
				.header("Authorization", "Bearer " + dave)
				.header("Accept", "text/event-stream")
				.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(events.statusCode()).isEqualTo(200);
		assertThat(events.body()).contains("\"status\":\"PAID\"")
			.contains("\"status\":\"SHIPPED\"")
			.contains("\"status\":\"DELIVERED\"");
	}

	@Test
	void tokensSignedWithARotatedKeyAreAcceptedWithoutRestart() throws Exception {
		assertThat(get("/api/users/me", token("carol")).statusCode()).isEqualTo(200);
		HttpResponse<String> rotated = http
			.send(HttpRequest.newBuilder(URI.create("http://localhost:" + auth + "/admin/rotate-key"))
				.POST(HttpRequest.BodyPublishers.noBody())
				.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(rotated.statusCode()).isEqualTo(200);
		Thread.sleep(1100);
		HttpResponse<String> me = get("/api/users/me", token("carol"));
		assertThat(me.statusCode()).isEqualTo(200);
		assertThat(me.body()).contains("\"id\":\"u-002\"");
	}

	static String token(String user) throws IOException, InterruptedException {
		return tokenFrom(auth, user);
	}

	/**
	 * A user token from {@code ./suite token} against the auth-server on the given port.
	 * @param authPort the auth-server's port
	 * @param user the demo user
	 * @return the access token
	 */
	static String tokenFrom(int authPort, String user) throws IOException, InterruptedException {
		ProcessBuilder builder = new ProcessBuilder(SuiteRoot.path("suite").toString(), "token", user)
			.directory(SuiteRoot.path(".").toFile())
			.redirectError(ProcessBuilder.Redirect.DISCARD);
		builder.environment().put("SUITE_AUTH_URL", "http://localhost:" + authPort);
		Process process = builder.start();
		process.getOutputStream().close();
		String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
		assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
		assertThat(process.exitValue()).as("./suite token %s", user).isZero();
		String[] lines = output.split("\n");
		return lines[lines.length - 1];
	}

	static HttpResponse<String> get(String path, String token) throws IOException, InterruptedException {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + web + path))
			.timeout(Duration.ofSeconds(20));
		if (token != null) {
			request.header("Authorization", "Bearer " + token);
		}
		return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	static HttpResponse<String> post(String path, String token, String idempotencyKey, String body)
			throws IOException, InterruptedException {
		return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + web + path))
			.timeout(Duration.ofSeconds(20))
			.header("Authorization", "Bearer " + token)
			.header("Idempotency-Key", idempotencyKey)
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(body))
			.build(), HttpResponse.BodyHandlers.ofString());
	}

}
