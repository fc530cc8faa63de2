package io.github.bffsuite.suite;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The suite end to end over TLS, as {@code ./suite up --tls} runs it: the dev CA and
 * every certificate made by {@code ./suite certs}, bff-web with the {@code tls} and
 * {@code mtls} profiles (HTTPS in front; its own client certificate and a signed identity
 * token to the services), and the services with {@code mtls} (a client certificate from
 * the CA required; identity taken from the verified token only). Real tokens from the
 * real auth-server, real processes from the packaged jars.
 */
class SuiteTlsEndToEndTests {

	@TempDir
	static Path certificates;

	static final List<RunningApp> apps = new ArrayList<>();

	static HttpClient https;

	static int auth;

	static int user;

	static int web;

	@BeforeAll
	static void startSuite() throws Exception {
		makeCertificates();
		https = HttpClient.newBuilder()
			.connectTimeout(Duration.ofSeconds(2))
			.sslContext(context(false, "bff-web-client"))
			.build();
		auth = RunningApp.freePort();
		user = RunningApp.freePort();
		int order = RunningApp.freePort();
		int product = RunningApp.freePort();
		web = RunningApp.freePort();
		int webManagement = RunningApp.freePort();
		String issuer = "http://localhost:" + auth;
		apps.add(RunningApp.start("sample-services/auth-server", "auth-server", auth, "--server.port=" + auth,
				"--spring.security.oauth2.authorizationserver.issuer=" + issuer));
		apps.add(service("user-service", user));
		apps.add(service("product-service", product));
		apps.add(service("order-service", order, "--order.product-service.base-url=https://localhost:" + product,
				"--order.fulfilment.step=1500ms"));
		Map<String, String> gateway = Map.of("EDGE_TLS_CERT", file("bff-web-server.crt"), "EDGE_TLS_KEY",
				file("bff-web-server.key"), "EDGE_CLIENT_CERT", file("bff-web-client.crt"), "EDGE_CLIENT_KEY",
				file("bff-web-client.key"), "EDGE_INTERNAL_CA", file("ca.crt"), "EDGE_IDENTITY_KEY",
				file("identity/bff-web.key"));
		apps.add(RunningApp.start("bff-web", "bff-web", webManagement, gateway, "--spring.profiles.active=tls,mtls",
				"--server.port=" + web, "--management.server.port=" + webManagement,
				"--edge.security.jwt.issuer-uri=" + issuer,
				"--edge.downstream.services.user-service.base-url=https://localhost:" + user,
				"--edge.downstream.services.order-service.base-url=https://localhost:" + order,
				"--edge.downstream.services.product-service.base-url=https://localhost:" + product));
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
	void aUserTokenReachesTheServicesOverTlsAndMutualTls() throws Exception {
		String alice = SuiteEndToEndTests.tokenFrom(auth, "alice");
		HttpResponse<String> me = send(get("/api/users/me").header("Authorization", "Bearer " + alice));
		assertThat(me.statusCode()).as(me.body()).isEqualTo(200);
		assertThat(me.sslSession()).isPresent();
		assertThat(me.headers().firstValue("Strict-Transport-Security")).isPresent();
		assertThat(me.body()).contains("\"id\":\"u-001\"").contains("\"tenantId\":\"acme\"");
		// the starter's WebClient path (GraphQL resolvers) goes over mutual TLS too
		HttpResponse<String> graphql = send(request("/graphql").header("Authorization", "Bearer " + alice)
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString("{\"query\":\"{ me { id } }\"}")));
		assertThat(graphql.statusCode()).as(graphql.body()).isEqualTo(200);
		assertThat(graphql.body()).contains("\"id\":\"u-001\"").doesNotContain("\"errors\"");
	}

	@Test
	void anOrderIsPlacedThroughEveryMutualTlsHop() throws Exception {
		// bff-web -> order-service -> product-service (order-service's own client
		// certificate)
		String bob = SuiteEndToEndTests.tokenFrom(auth, "bob");
		HttpResponse<String> placed = send(request("/api/orders").header("Authorization", "Bearer " + bob)
			.header("Idempotency-Key", "e2e-tls-" + System.nanoTime())
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString("{\"items\":[{\"productId\":\"p-0042\",\"quantity\":1}]}")));
		assertThat(placed.statusCode()).as(placed.body()).isEqualTo(201);
		assertThat(placed.body()).contains("\"userId\":\"u-004\"");
	}

	@Test
	void aServiceRefusesACallerWithoutTheGatewaysCertificate() throws Exception {
		HttpClient noCertificate = HttpClient.newBuilder()
			.connectTimeout(Duration.ofSeconds(2))
			.sslContext(context(false, null))
			.build();
		assertThatExceptionOfType(IOException.class).isThrownBy(() -> noCertificate
			.send(HttpRequest.newBuilder(URI.create("https://localhost:" + user + "/users/u-001"))
				.timeout(Duration.ofSeconds(10))
				.build(), HttpResponse.BodyHandlers.ofString()));
	}

	@Test
	void aServiceRefusesAForgedIdentityHeaderEvenOverMutualTls() throws Exception {
		// a compromised internal caller: it holds a client certificate of the CA, but not
		// the gateway's signing key
		HttpClient insider = HttpClient.newBuilder()
			.connectTimeout(Duration.ofSeconds(2))
			.sslContext(context(true, "bff-web-client"))
			.build();
		HttpResponse<String> forged = insider
			.send(HttpRequest.newBuilder(URI.create("https://localhost:" + user + "/users/me"))
				.timeout(Duration.ofSeconds(10))
				.header("X-User-ID", "u-001")
				.header("X-Tenant-ID", "acme")
				.header("X-Scopes", "users:read")
				.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(forged.statusCode()).as(forged.body()).isEqualTo(401);
		assertThat(forged.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("application/problem+json"));
		assertThat(forged.body()).doesNotContain("u-001\",\"tenantId");
	}

	private static RunningApp service(String name, int port, String... more) throws IOException {
		int management = RunningApp.freePort();
		Map<String, String> environment = new HashMap<>();
		environment.put("SERVICE_TLS_CERT", file(name + ".crt"));
		environment.put("SERVICE_TLS_KEY", file(name + ".key"));
		environment.put("EDGE_INTERNAL_CA", file("ca.crt"));
		environment.put("EDGE_IDENTITY_KEYS", file("identity-keys"));
		List<String> args = new ArrayList<>(List.of("--spring.profiles.active=mtls", "--server.port=" + port,
				"--management.server.port=" + management));
		args.addAll(List.of(more));
		return RunningApp.start("sample-services/" + name, name, management, environment, args.toArray(String[]::new));
	}

	private static void makeCertificates() throws IOException, InterruptedException {
		ProcessBuilder builder = new ProcessBuilder(SuiteRoot.path("suite").toString(), "certs")
			.directory(SuiteRoot.path(".").toFile())
			.redirectErrorStream(true);
		builder.environment().put("SUITE_TLS_DIR", certificates.toString());
		Process process = builder.start();
		process.getOutputStream().close();
		String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
		assertThat(process.exitValue()).as("./suite certs: %s", output).isZero();
	}

	private static String file(String name) {
		return certificates.resolve(name).toString();
	}

	/**
	 * A client context that trusts the dev CA and, when {@code client} names a
	 * certificate of {@code ./suite certs}, presents it.
	 */
	private static SSLContext context(boolean withKey, String client) throws Exception {
		CertificateFactory x509 = CertificateFactory.getInstance("X.509");
		KeyStore trust = KeyStore.getInstance("PKCS12");
		trust.load(null, null);
		try (InputStream in = Files.newInputStream(certificates.resolve("ca.crt"))) {
			trust.setCertificateEntry("ca", x509.generateCertificate(in));
		}
		TrustManagerFactory trustManagers = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
		trustManagers.init(trust);
		KeyManagerFactory keyManagers = null;
		if (withKey && client != null) {
			Certificate certificate;
			try (InputStream in = Files.newInputStream(certificates.resolve(client + ".crt"))) {
				certificate = x509.generateCertificate(in);
			}
			String pem = Files.readString(certificates.resolve(client + ".key"));
			byte[] der = Base64.getMimeDecoder()
				.decode(pem.replaceAll("-----(BEGIN|END) PRIVATE KEY-----", "").replaceAll("\\s", ""));
			PrivateKey key = KeyFactory.getInstance("EC").generatePrivate(new PKCS8EncodedKeySpec(der));
			KeyStore keys = KeyStore.getInstance("PKCS12");
			keys.load(null, null);
			keys.setKeyEntry("client", key, new char[0], new Certificate[] { certificate });
			keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
			keyManagers.init(keys, new char[0]);
		}
		SSLContext context = SSLContext.getInstance("TLS");
		context.init((keyManagers != null) ? keyManagers.getKeyManagers() : null, trustManagers.getTrustManagers(),
				null);
		return context;
	}

	private static HttpRequest.Builder request(String path) {
		return HttpRequest.newBuilder(URI.create("https://localhost:" + web + path)).timeout(Duration.ofSeconds(20));
	}

	private static HttpRequest.Builder get(String path) {
		return request(path).GET();
	}

	private static HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
		return https.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

}
