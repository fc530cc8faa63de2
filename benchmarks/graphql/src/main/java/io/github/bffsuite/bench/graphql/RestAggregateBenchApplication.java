package io.github.bffsuite.bench.graphql;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.github.bffsuite.edge.downstream.EdgeDownstreamClients;
import reactor.core.publisher.Mono;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;

/**
 * The hand-written REST aggregate of the GraphQL benchmark: an edge app with the same
 * starter (JWT, identity headers, named downstreams) whose {@code GET /orders-page}
 * answers what bff-web's {@code OrdersPage} document asks for: the caller and a page of
 * orders with their lines and products, in three calls (orders and the caller in
 * parallel, then one product batch).
 */
@SpringBootApplication
public class RestAggregateBenchApplication {

	private static final ParameterizedTypeReference<Map<String, Object>> JSON = new ParameterizedTypeReference<>() {
	};

	public static void main(String[] args) {
		SpringApplication.run(RestAggregateBenchApplication.class, args);
	}

	@Bean
	RouterFunction<ServerResponse> ordersPage(EdgeDownstreamClients clients) {
		WebClient users = clients.webClient("user-service");
		WebClient orders = clients.webClient("order-service");
		WebClient products = clients.webClient("product-service");
		return RouterFunctions.route().GET("/orders-page", (request) -> {
			String limit = request.queryParam("limit").orElse("20");
			Mono<Map<String, Object>> me = users.get().uri("/users/me").retrieve().bodyToMono(JSON);
			Mono<Map<String, Object>> page = orders.get()
				.uri((uri) -> uri.path("/orders").queryParam("limit", limit).build())
				.retrieve()
				.bodyToMono(JSON);
			return Mono.zip(me, page.flatMap((body) -> withProducts(products, body))).flatMap((both) -> {
				Map<String, Object> user = both.getT1();
				Map<String, Object> view = new LinkedHashMap<>();
				view.put("me", Map.of("id", user.get("id"), "name", user.get("name")));
				view.putAll(both.getT2());
				return ServerResponse.ok().bodyValue(view);
			});
		}).build();
	}

	@SuppressWarnings("unchecked")
	private static Mono<Map<String, Object>> withProducts(WebClient products, Map<String, Object> page) {
		List<Map<String, Object>> orders = (List<Map<String, Object>>) page.get("items");
		Set<String> ids = new LinkedHashSet<>();
		orders.forEach((order) -> ((List<Map<String, Object>>) order.get("items"))
			.forEach((item) -> ids.add((String) item.get("productId"))));
		return products.get()
			.uri((uri) -> uri.path("/products").queryParam("ids", String.join(",", ids)).build())
			.retrieve()
			.bodyToMono(JSON)
			.map((body) -> {
				Map<String, Map<String, Object>> byId = new LinkedHashMap<>();
				((List<Map<String, Object>>) body.get("products")).forEach((p) -> byId.put((String) p.get("id"), p));
				List<Map<String, Object>> views = orders.stream().map((order) -> order(order, byId)).toList();
				Map<String, Object> view = new LinkedHashMap<>();
				view.put("orders", views);
				view.put("nextCursor", page.get("nextCursor"));
				return view;
			});
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> order(Map<String, Object> order, Map<String, Map<String, Object>> products) {
		Map<String, Object> view = new LinkedHashMap<>();
		view.put("id", order.get("id"));
		view.put("status", order.get("status"));
		view.put("createdAt", order.get("createdAt"));
		view.put("total", money(((Number) order.get("totalCents")).longValue()));
		view.put("items", ((List<Map<String, Object>>) order.get("items")).stream().map((item) -> {
			Map<String, Object> product = products.get(item.get("productId"));
			long quantity = ((Number) item.get("quantity")).longValue();
			Map<String, Object> line = new LinkedHashMap<>();
			line.put("quantity", quantity);
			line.put("lineTotal", money(quantity * ((Number) item.get("unitPriceCents")).longValue()));
			line.put("product", (product != null) ? Map.of("id", product.get("id"), "name", product.get("name"),
					"price", money(((Number) product.get("priceCents")).longValue())) : null);
			return line;
		}).toList());
		return view;
	}

	private static Map<String, Object> money(long cents) {
		return Map.of("amount", java.math.BigDecimal.valueOf(cents, 2).toPlainString(), "currency", "EUR");
	}

}
