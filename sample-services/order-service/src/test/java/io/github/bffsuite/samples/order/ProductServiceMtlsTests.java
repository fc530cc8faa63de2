package io.github.bffsuite.samples.order;

import java.net.URI;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import javax.net.ssl.SSLPeerUnverifiedException;

import io.github.bffsuite.samples.order.product.ProductCatalogClient;
import io.github.bffsuite.samples.support.test.TestCertificates.Issued;
import io.github.bffsuite.samples.support.test.TestCertificates;
import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.SslHandler;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.Http11SslContextSpec;
import reactor.netty.http.server.HttpServer;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.ErrorResponseException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * order-service with the {@code mtls} profile calling product-service over HTTPS through
 * real sockets: it presents its own certificate to a product-service that requires one of
 * the internal CA, and refuses a product-service whose certificate does not name it.
 * Certificates come from a throwaway internal CA made at test time.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = { "management.server.port=0",
		// the mtls profile also signs/verifies identity: tested on its own
		// (SignedIdentity*Tests)
		"edge.identity.verification.enabled=false" })
@ActiveProfiles("mtls")
class ProductServiceMtlsTests {

	static final TestCertificates internalCa = TestCertificates.create("Edge Internal Test CA");

	static final Issued orderServiceCertificate = internalCa.issue("order-service", "order-service",
			"DNS:localhost,IP:127.0.0.1", "serverAuth,clientAuth");

	static final TlsProductService productService = new TlsProductService(internalCa.issue("product-service",
			"product-service", "DNS:localhost,IP:127.0.0.1", "serverAuth,clientAuth"), internalCa.caCertificate());

	static final TlsProductService misnamed = new TlsProductService(
			internalCa.issue("misnamed", "product-service", "DNS:wrong.example", "serverAuth,clientAuth"),
			internalCa.caCertificate());

	@Autowired
	ProductCatalogClient catalog;

	@Autowired
	SslBundles sslBundles;

	@Autowired
	JsonMapper jsonMapper;

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		registry.add("SERVICE_TLS_CERT", () -> orderServiceCertificate.certificate().toString());
		registry.add("SERVICE_TLS_KEY", () -> orderServiceCertificate.key().toString());
		registry.add("EDGE_INTERNAL_CA", () -> internalCa.caCertificate().toString());
		registry.add("order.product-service.base-url", productService::url);
		registry.add("order.product-service.timeout", () -> "10s");
	}

	@AfterAll
	static void stop() {
		productService.close();
		misnamed.close();
	}

	@Test
	void presentsItsOwnCertificateToProductService() {
		Map<String, Long> prices = this.catalog.prices(List.of("p-0001")).block(Duration.ofSeconds(30));
		assertThat(prices).containsExactly(Map.entry("p-0001", 199L));
		assertThat(productService.clientSubjects).containsOnly("CN=order-service");
	}

	@Test
	void refusesAProductServiceWhoseCertificateNamesAnotherHost() {
		ProductCatalogClient client = new ProductCatalogClient(URI.create(misnamed.url()), Duration.ofSeconds(10),
				this.jsonMapper, this.sslBundles.getBundle("service-client"));
		assertThatExceptionOfType(ErrorResponseException.class)
			.isThrownBy(() -> client.prices(List.of("p-0001")).block(Duration.ofSeconds(30)))
			.satisfies((ex) -> assertThat(ex.getStatusCode().value()).isEqualTo(503))
			.satisfies((ex) -> assertThat(ex).hasStackTraceContaining("No subject alternative names matching"));
		assertThat(misnamed.clientSubjects).isEmpty();
	}

	/**
	 * product-service over HTTPS, requiring a client certificate of one CA; every product
	 * costs 199 cents.
	 */
	static final class TlsProductService implements AutoCloseable {

		final List<String> clientSubjects = new CopyOnWriteArrayList<>();

		private final DisposableServer server;

		TlsProductService(Issued certificate, Path clientCa) {
			Http11SslContextSpec tls = Http11SslContextSpec
				.forServer(certificate.certificate().toFile(), certificate.key().toFile())
				.configure((builder) -> builder.trustManager(clientCa.toFile()).clientAuth(ClientAuth.REQUIRE));
			this.server = HttpServer.create()
				.host("127.0.0.1")
				.port(0)
				.secure((spec) -> spec.sslContext(tls))
				.handle((request, response) -> {
					request.withConnection((connection) -> this.clientSubjects
						.add(clientSubject(connection.channel().pipeline().get(SslHandler.class))));
					return response.header("Content-Type", "application/json")
						.sendString(Mono.just("{\"items\":[{\"id\":\"p-0001\",\"priceCents\":199}]}"))
						.then();
				})
				.bindNow();
		}

		private static String clientSubject(SslHandler ssl) {
			try {
				return ((X509Certificate) ssl.engine().getSession().getPeerCertificates()[0]).getSubjectX500Principal()
					.getName();
			}
			catch (SSLPeerUnverifiedException ex) {
				return "none";
			}
		}

		String url() {
			return "https://127.0.0.1:" + this.server.port();
		}

		@Override
		public void close() {
			this.server.disposeNow();
		}

	}

}
