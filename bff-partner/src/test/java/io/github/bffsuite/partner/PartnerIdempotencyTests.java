package io.github.bffsuite.partner;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.web.reactive.function.client.WebClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Creating an order through the starter's Idempotency-Key support, as bff-partner binds
 * it: missing key, replay, different payload and in-flight retry.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "management.server.port=0")
class PartnerIdempotencyTests extends PartnerGatewayTestSupport {

	// the stand-in order-service outlives a test class: keys must not repeat across
	// classes
	final String run = java.util.UUID.randomUUID().toString();

	static final String BODY = "{\"items\":[{\"productId\":\"p-0002\",\"quantity\":1}]}";

	@Test
	void refusesACreateWithoutAnIdempotencyKey() {
		this.client.post()
			.uri("/partner/v2/orders")
			.headers((h) -> h.setBearerAuth(partnerToken("acme", "orders:write")))
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(BODY)
			.exchange()
			.expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.type")
			.value((String type) -> assertThat(type).endsWith("/idempotency-key-missing"));
		assertThat(backend.requests()).isEmpty();
	}

	@Test
	void replaysTheFirstResponseAndRefusesAnotherPayloadWithTheSameKey() {
		String token = partnerToken("acme", "orders:write");
		EntityExchangeResult<byte[]> first = create(token, "replay-1-" + this.run, BODY).expectStatus()
			.isCreated()
			.expectBody()
			.returnResult();
		EntityExchangeResult<byte[]> second = create(token, "replay-1-" + this.run, BODY).expectStatus()
			.isCreated()
			.expectHeader()
			.valueEquals("Idempotent-Replayed", "true")
			.expectBody()
			.returnResult();
		assertThat(second.getResponseBody()).isEqualTo(first.getResponseBody());
		assertThat(second.getResponseHeaders().getLocation()).isEqualTo(first.getResponseHeaders().getLocation());
		create(token, "replay-1-" + this.run, "{\"items\":[{\"productId\":\"p-0002\",\"quantity\":2}]}").expectStatus()
			.isEqualTo(422)
			.expectBody()
			.jsonPath("$.type")
			.value((String type) -> assertThat(type).endsWith("/idempotency-key-mismatch"));
		assertThat(backend.requests("POST", "/orders")).hasSize(1);
	}

	@Test
	void keysAreScopedToThePartner() {
		create(partnerToken("acme", "orders:write"), "shared-key-1-" + this.run, BODY).expectStatus().isCreated();
		create(partnerToken("globex", "orders:write"), "shared-key-1-" + this.run, BODY).expectStatus()
			.isCreated()
			.expectHeader()
			.doesNotExist("Idempotent-Replayed");
		assertThat(backend.requests("POST", "/orders")).hasSize(2);
	}

	@Test
	void answers409ToARetryWhileTheFirstRequestRuns() {
		String token = partnerToken("globex", "orders:write");
		String slow = "{\"items\":[{\"productId\":\"p-0777\",\"quantity\":1}]}";
		WebClient webClient = WebClient.create("http://127.0.0.1:" + this.port);
		Mono<Integer> first = webClient.post()
			.uri("/partner/v1/orders")
			.headers((h) -> h.setBearerAuth(token))
			.header("Idempotency-Key", "in-flight-1-" + this.run)
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(slow)
			.exchangeToMono((response) -> response.releaseBody().thenReturn(response.statusCode().value()));
		Mono<Integer> second = Mono.delay(Duration.ofMillis(500))
			.then(webClient.post()
				.uri("/partner/v1/orders")
				.headers((h) -> h.setBearerAuth(token))
				.header("Idempotency-Key", "in-flight-1-" + this.run)
				.contentType(MediaType.APPLICATION_JSON)
				.bodyValue(slow)
				.exchangeToMono((response) -> response.releaseBody().thenReturn(response.statusCode().value())));
		List<Integer> statuses = Mono.zip(first, second, List::of).block(Duration.ofSeconds(20));
		assertThat(statuses).containsExactly(201, 409);
	}

	private org.springframework.test.web.reactive.server.WebTestClient.ResponseSpec create(String token, String key,
			String body) {
		return this.client.post()
			.uri("/partner/v1/orders")
			.headers((h) -> h.setBearerAuth(token))
			.header("Idempotency-Key", key)
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(body)
			.exchange();
	}

}
