package io.github.bffsuite.mobile.web;

import java.net.URI;
import java.time.Instant;
import java.util.List;

import io.github.bffsuite.mobile.screen.MissingSection;
import io.github.bffsuite.mobile.screen.ProductCard;
import io.github.bffsuite.mobile.screen.Screen;
import io.github.bffsuite.mobile.screen.home.Badges;
import io.github.bffsuite.mobile.screen.home.HomeScreen;
import io.github.bffsuite.mobile.screen.home.UserSummary;
import io.github.bffsuite.mobile.screen.orders.OrderCard;
import io.github.bffsuite.mobile.screen.orders.OrderDetail;
import io.github.bffsuite.mobile.screen.orders.OrderLine;
import io.github.bffsuite.mobile.screen.orders.ProductRef;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.ResponseEntity;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Rendering screens: an answer without a mask is written in one pass, and its bytes (so
 * its ETag) are those of the same screen with a mask that selects every field.
 */
class ScreenResponsesTests {

	private static final MissingSection LATE = new MissingSection(
			URI.create("https://bff-suite.dev/problems/gateway-timeout"), "Gateway Timeout", 504, "recommended",
			"deadline", true);

	private final ScreenResponses responses = new ScreenResponses(JsonMapper.builder().build());

	@Test
	void writesAWholeHomeScreenAsTheMaskedPathDoes() {
		HomeScreen home = new HomeScreen(new UserSummary("u-001", "Alice", "https://img/u-001"),
				List.of(new OrderCard("o-1", "PAID", 1299, 2, new ProductRef("p-1", "One", "https://img/p-1")),
						new OrderCard("o-2", "PENDING", 99, 1, new ProductRef("p-2", null, null)),
						new OrderCard("o-3", "SHIPPED", 5, 1, null)),
				null, new Badges(2), List.of(LATE));
		assertSameBytes(home, HomeScreen.class, "user,orders,recommended,badges");
		assertThat(body(home, HomeScreen.class, null)).contains("\"partial\":[")
			.doesNotContain("null")
			.doesNotContain("recommended\":");
	}

	@Test
	void leavesOutAnEmptyPartialAsTheMaskedPathDoes() {
		HomeScreen home = new HomeScreen(new UserSummary("u-001", "Alice", "https://img/u-001"), List.of(),
				List.of(new ProductCard("p-1", "One", 1299, "EUR", "https://img/p-1")), null, List.of());
		assertSameBytes(home, HomeScreen.class, "user,orders,recommended,badges");
		assertThat(body(home, HomeScreen.class, null)).doesNotContain("partial");
		OrderDetail detail = new OrderDetail("o-1", "PAID", 1299, Instant.parse("2025-12-07T10:00:00Z"),
				List.of(new OrderLine("p-1", null, null, 2, 399)), List.of());
		assertSameBytes(detail, OrderDetail.class, "id,status,totalCents,createdAt,items");
	}

	private <T extends Screen> void assertSameBytes(T screen, Class<T> type, String everyField) {
		assertThat(body(screen, type, null)).isEqualTo(body(screen, type, everyField));
	}

	private <T extends Screen> String body(T screen, Class<T> type, String fields) {
		MockServerHttpRequest request = (fields != null)
				? MockServerHttpRequest.get("/screen").queryParam("fields", fields).build()
				: MockServerHttpRequest.get("/screen").build();
		ResponseEntity<byte[]> response = this.responses
			.render(MockServerWebExchange.from(request), type, (selection) -> Mono.just(screen))
			.block();
		assertThat(response).isNotNull();
		return new String(response.getBody(), java.nio.charset.StandardCharsets.UTF_8);
	}

}
