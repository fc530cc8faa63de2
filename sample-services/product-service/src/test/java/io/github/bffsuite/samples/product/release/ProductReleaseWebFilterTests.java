package io.github.bffsuite.samples.product.release;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for the release knobs of product-service ({@code product.release.version},
 * {@code product.fault.*}) through the running server.
 */
class ProductReleaseWebFilterTests {

	@Nested
	@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
	@AutoConfigureWebTestClient
	class ByDefault {

		@Autowired
		private WebTestClient client;

		@Test
		void answersAsV1WithoutFaults() {
			for (int i = 0; i < 10; i++) {
				this.client.get()
					.uri("/products/p-0001")
					.exchange()
					.expectStatus()
					.isOk()
					.expectHeader()
					.valueEquals(ProductReleaseWebFilter.HEADER, "v1");
			}
			this.client.get()
				.uri("/products/p-9999")
				.exchange()
				.expectStatus()
				.isNotFound()
				.expectHeader()
				.valueEquals(ProductReleaseWebFilter.HEADER, "v1");
		}

	}

	@Nested
	@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
			properties = { "product.release.version=v2", "product.fault.error-rate=0.25",
					"product.fault.latency=150ms" })
	@AutoConfigureWebTestClient
	class AsABadCanary {

		@Autowired
		private WebTestClient client;

		@Test
		void failsItsShareOfProductRequestsWithA500ProblemAndNamesItselfOnEveryAnswer() {
			List<Integer> statuses = new ArrayList<>();
			for (int i = 0; i < 8; i++) {
				long started = System.nanoTime();
				EntityExchangeResult<String> result = this.client.get()
					.uri("/products?category=books&limit=1")
					.exchange()
					.expectHeader()
					.valueEquals(ProductReleaseWebFilter.HEADER, "v2")
					.expectBody(String.class)
					.returnResult();
				// the added latency is a lower bound: a busy machine only adds to it
				assertThat(Duration.ofNanos(System.nanoTime() - started))
					.isGreaterThanOrEqualTo(Duration.ofMillis(150));
				statuses.add(result.getStatus().value());
				if (result.getStatus().value() == 500) {
					assertThat(result.getResponseHeaders().getContentType())
						.isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
					assertThat(result.getResponseBody()).contains("injected-release-fault");
				}
			}
			assertThat(statuses).containsExactly(200, 200, 200, 500, 200, 200, 200, 500);
		}

	}

	@Nested
	@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
			properties = { "product.release.version=v2", "product.fault.error-rate=1", "product.fault.latency=1h" })
	@AutoConfigureWebTestClient
	class WithEveryFault {

		@Autowired
		private WebTestClient client;

		@Test
		void leavesTheActuatorAlone() {
			this.client.get()
				.uri("/actuator/health")
				.exchange()
				.expectStatus()
				.isOk()
				.expectHeader()
				.valueEquals(ProductReleaseWebFilter.HEADER, "v2");
		}

	}

	@Test
	void refusesAnErrorRateOutsideZeroToOneOrANegativeLatency() {
		ReactiveWebApplicationContextRunner runner = new ReactiveWebApplicationContextRunner()
			.withUserConfiguration(ProductReleaseConfiguration.class);
		runner.withPropertyValues("product.fault.error-rate=1.5")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining("product.fault.error-rate must be from 0 to 1"));
		runner.withPropertyValues("product.fault.latency=-1s")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining("product.fault.latency must not be negative"));
	}

}
