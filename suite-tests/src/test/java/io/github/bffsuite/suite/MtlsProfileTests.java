package io.github.bffsuite.suite;

import java.net.URI;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The {@code mtls} profile of every app as Spring Boot resolves it: gateways call the
 * services over HTTPS with their client certificate, the services require one and keep
 * their actuator on plain HTTP, and nothing changes without the profile.
 */
class MtlsProfileTests {

	private static final Set<SuiteApp> SERVICES = EnumSet.of(SuiteApp.USER_SERVICE, SuiteApp.ORDER_SERVICE,
			SuiteApp.PRODUCT_SERVICE);

	private static final Map<String, String> GATEWAY_ENVIRONMENT = Map.of("SPRING_PROFILES_ACTIVE", "mtls",
			"EDGE_CLIENT_CERT", "/tls/edge-client.crt", "EDGE_CLIENT_KEY", "/tls/edge-client.key", "EDGE_INTERNAL_CA",
			"/tls/internal-ca.crt");

	private static final Map<String, String> SERVICE_ENVIRONMENT = Map.of("SPRING_PROFILES_ACTIVE", "mtls",
			"SERVICE_TLS_CERT", "/tls/service.crt", "SERVICE_TLS_KEY", "/tls/service.key", "EDGE_INTERNAL_CA",
			"/tls/internal-ca.crt");

	@ParameterizedTest
	@EnumSource(names = { "BFF_WEB", "BFF_MOBILE", "BFF_PARTNER" })
	void gatewaysCallEveryServiceOverHttpsWithTheirClientCertificate(SuiteApp gateway) {
		AppConfiguration configuration = gateway.configuration(GATEWAY_ENVIRONMENT);
		for (SuiteApp service : SERVICES) {
			URI url = URI
				.create(configuration.property("edge.downstream.services." + service.serviceName() + ".base-url"));
			assertThat(url.getScheme()).as("%s to %s", gateway, service).isEqualTo("https");
			assertThat(url.getPort()).as("%s to %s", gateway, service)
				.isEqualTo(service.defaultConfiguration().serverPort());
		}
		assertThat(configuration.property("edge.downstream.ssl-bundle")).isEqualTo("edge-client");
		assertThat(configuration.property("spring.cloud.gateway.server.webflux.httpclient.ssl.ssl-bundle"))
			.isEqualTo("edge-client");
		String bundle = "spring.ssl.bundle.pem.edge-client.";
		assertThat(configuration.property(bundle + "keystore.certificate")).isEqualTo("/tls/edge-client.crt");
		assertThat(configuration.property(bundle + "keystore.private-key")).isEqualTo("/tls/edge-client.key");
		assertThat(configuration.property(bundle + "truststore.certificate")).isEqualTo("/tls/internal-ca.crt");
		// not for every client: bff-partner's webhooks keep the JVM's default trust
		assertThat(configuration.hasProperty("spring.http.clients.ssl.bundle")).isFalse();
		assertThat(configuration.hasProperty("server.ssl.bundle")).as("the public port stays as it was").isFalse();
	}

	@ParameterizedTest
	@EnumSource(names = { "USER_SERVICE", "ORDER_SERVICE", "PRODUCT_SERVICE" })
	void servicesRequireAClientCertificateAndKeepHealthOnPlainHttp(SuiteApp service) {
		AppConfiguration configuration = service.configuration(SERVICE_ENVIRONMENT);
		assertThat(configuration.property("server.ssl.bundle")).isEqualTo("service-server");
		assertThat(configuration.property("server.ssl.client-auth")).isEqualTo("need");
		String bundle = "spring.ssl.bundle.pem.service-server.";
		assertThat(configuration.property(bundle + "keystore.certificate")).isEqualTo("/tls/service.crt");
		assertThat(configuration.property(bundle + "keystore.private-key")).isEqualTo("/tls/service.key");
		assertThat(configuration.property(bundle + "truststore.certificate")).isEqualTo("/tls/internal-ca.crt");
		assertThat(configuration.managementPort()).isEqualTo(configuration.serverPort() + 100);
		assertThat(configuration.property("management.server.ssl.enabled")).isEqualTo("false");
	}

	@Test
	void orderServiceCallsProductServiceOverHttpsWithItsOwnCertificate() {
		AppConfiguration configuration = SuiteApp.ORDER_SERVICE.configuration(SERVICE_ENVIRONMENT);
		assertThat(configuration.property("order.product-service.base-url"))
			.isEqualTo("https://localhost:" + SuiteApp.PRODUCT_SERVICE.defaultConfiguration().serverPort());
		assertThat(configuration.property("order.product-service.ssl-bundle")).isEqualTo("service-client");
		String bundle = "spring.ssl.bundle.pem.service-client.";
		assertThat(configuration.property(bundle + "keystore.certificate")).isEqualTo("/tls/service.crt");
		assertThat(configuration.property(bundle + "truststore.certificate")).isEqualTo("/tls/internal-ca.crt");
	}

	@Test
	void authServerIsLeftAsItWas() {
		AppConfiguration configuration = SuiteApp.AUTH_SERVER.configuration(Map.of("SPRING_PROFILES_ACTIVE", "mtls"));
		assertThat(configuration.hasProperty("server.ssl.bundle")).isFalse();
	}

	@ParameterizedTest
	@EnumSource(SuiteApp.class)
	void nothingChangesWithoutTheProfile(SuiteApp app) {
		AppConfiguration configuration = app.defaultConfiguration();
		assertThat(configuration.hasProperty("server.ssl.bundle")).isFalse();
		assertThat(configuration.hasProperty("edge.downstream.ssl-bundle")).isFalse();
		assertThat(configuration.hasProperty("spring.cloud.gateway.server.webflux.httpclient.ssl.ssl-bundle"))
			.isFalse();
		assertThat(configuration.hasProperty("order.product-service.ssl-bundle")).isFalse();
		assertThat(configuration.addresses().values())
			.allSatisfy((uri) -> assertThat(uri.getScheme()).isNotEqualTo("https"));
	}

}
