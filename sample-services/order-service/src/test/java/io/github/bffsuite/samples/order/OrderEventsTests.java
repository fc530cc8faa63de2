package io.github.bffsuite.samples.order;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;

import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;

import io.github.bffsuite.samples.order.data.Order;
import io.github.bffsuite.samples.order.data.OrderStatus;
import io.github.bffsuite.samples.order.web.StatusEventView;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Server-sent status events over HTTP, with a 300 ms fulfilment step. Uses users
 * {@code u-050} to {@code u-059}.
 */
class OrderEventsTests extends OrderServiceIntegrationTests {

	private static final ParameterizedTypeReference<ServerSentEvent<StatusEventView>> EVENT = new ParameterizedTypeReference<>() {
	};

	@Test
	void streamsFulfilmentOfAPendingOrderUntilDelivered() {
		Order order = newestOrder("u-050", OrderStatus.PENDING);
		StepVerifier.create(events("u-050", order.id()))
			.assertNext((event) -> assertEvent(event, order.id(), "1", OrderStatus.PENDING))
			.assertNext((event) -> assertEvent(event, order.id(), "2", OrderStatus.PAID))
			.assertNext((event) -> assertEvent(event, order.id(), "3", OrderStatus.SHIPPED))
			.assertNext((event) -> assertEvent(event, order.id(), "4", OrderStatus.DELIVERED))
			.expectComplete()
			.verify(Duration.ofSeconds(10));
		this.client.get()
			.uri("/orders/{id}", order.id())
			.headers(user("u-050"))
			.exchange()
			.expectBody()
			.jsonPath("$.status")
			.isEqualTo("DELIVERED");
	}

	@Test
	void streamsOnlyTheCurrentStatusOfAFinalOrder() {
		Order order = newestOrder("u-051", OrderStatus.DELIVERED);
		StepVerifier.create(events("u-051", order.id()))
			.assertNext((event) -> assertEvent(event, order.id(), "1", OrderStatus.DELIVERED))
			.expectComplete()
			.verify(Duration.ofSeconds(5));
	}

	@Test
	void streamsACancelWhileWatching() {
		Order order = newestOrder("u-052", OrderStatus.PENDING);
		StepVerifier.create(events("u-052", order.id()))
			.assertNext((event) -> assertEvent(event, order.id(), "1", OrderStatus.PENDING))
			.then(() -> this.client.post()
				.uri("/orders/{id}/cancel", order.id())
				.headers(user("u-052"))
				.exchange()
				.expectStatus()
				.isOk())
			.thenConsumeWhile((event) -> event.data() != null && event.data().status() == OrderStatus.PAID)
			.assertNext((event) -> assertThat(event.data().status()).isEqualTo(OrderStatus.CANCELLED))
			.expectComplete()
			.verify(Duration.ofSeconds(10));
	}

	@Test
	void showsTheSameTransitionsToEveryWatcher() {
		Order order = newestOrder("u-053", OrderStatus.PAID);
		List<List<ServerSentEvent<StatusEventView>>> streams = Flux
			.merge(events("u-053", order.id()).collectList(), events("u-053", order.id()).collectList())
			.collectList()
			.block(Duration.ofSeconds(10));
		assertThat(streams).hasSize(2).allSatisfy((events) -> {
			assertThat(events).extracting((event) -> event.data().status())
				.containsExactly(OrderStatus.PAID, OrderStatus.SHIPPED, OrderStatus.DELIVERED);
			assertThat(events).extracting(ServerSentEvent::id).containsExactly("1", "2", "3");
		});
		assertThat(streams.get(0)).extracting((event) -> event.data().at())
			.isEqualTo(streams.get(1).stream().map((event) -> event.data().at()).toList());
	}

	@Test
	void fulfilsOrdersPlacedThroughTheApi() {
		Order order = this.client.post()
			.uri("/orders")
			.headers(user("u-054"))
			.header("Idempotency-Key", "key-events-1")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue("{\"items\":[{\"productId\":\"p-0007\",\"quantity\":1}]}")
			.exchange()
			.expectStatus()
			.isCreated()
			.expectBody(Order.class)
			.returnResult()
			.getResponseBody();
		assertThat(order).isNotNull();
		StepVerifier.create(events("u-054", order.id()))
			.thenConsumeWhile((event) -> event.data() != null && event.data().status() != OrderStatus.DELIVERED)
			.assertNext((event) -> assertThat(event.data().status()).isEqualTo(OrderStatus.DELIVERED))
			.expectComplete()
			.verify(Duration.ofSeconds(10));
	}

	@Test
	void hidesEventsOfOrdersOfOthers() {
		Order order = newestOrder("u-055", OrderStatus.DELIVERED);
		// u-058 shares u-055's tenant (acme), u-056 does not
		for (String other : List.of("u-058", "u-056")) {
			this.client.get()
				.uri("/orders/{id}/events", order.id())
				.headers(user(other))
				.accept(MediaType.TEXT_EVENT_STREAM)
				.exchange()
				.expectStatus()
				.isNotFound();
		}
	}

	private Flux<ServerSentEvent<StatusEventView>> events(String userId, String orderId) {
		return this.client.get()
			.uri("/orders/{id}/events", orderId)
			.headers(user(userId))
			.accept(MediaType.TEXT_EVENT_STREAM)
			.exchange()
			.expectStatus()
			.isOk()
			.expectHeader()
			.contentTypeCompatibleWith(MediaType.TEXT_EVENT_STREAM)
			.returnResult(EVENT)
			.getResponseBody();
	}

	private static void assertEvent(ServerSentEvent<StatusEventView> event, String orderId, String id,
			OrderStatus status) {
		assertThat(event.event()).isEqualTo("status");
		assertThat(event.id()).isEqualTo(id);
		assertThat(event.data()).isNotNull();
		assertThat(event.data().orderId()).isEqualTo(orderId);
		assertThat(event.data().status()).isEqualTo(status);
		assertThat(event.data().at()).isNotNull();
	}

}
