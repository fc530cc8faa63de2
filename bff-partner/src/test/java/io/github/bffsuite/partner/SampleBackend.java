package io.github.bffsuite.partner;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.web.util.UriComponentsBuilder;

/**
 * A real HTTP stand-in for order-service and product-service with their contracts and
 * access rules: orders are scoped by the identity headers the gateway sends (a partner
 * sees its tenant's orders, writes need {@code orders:write} and an Idempotency-Key), the
 * catalogue is shared. Records the headers of every request.
 */
final class SampleBackend implements AutoCloseable {

	private static final JsonMapper json = JsonMapper.builder().build();

	private final DisposableServer server;

	private final Map<String, Map<String, Object>> orders = new ConcurrentHashMap<>();

	private final Map<String, String> idempotencyKeys = new ConcurrentHashMap<>();

	private final AtomicInteger sequence = new AtomicInteger(100);

	private final List<Map<String, String>> requests = new CopyOnWriteArrayList<>();

	SampleBackend() {
		seed("acme", "PENDING", "PAID", "SHIPPED", "PENDING");
		seed("globex", "PENDING", "DELIVERED");
		this.server = HttpServer.create().host("127.0.0.1").port(0).handle(this::handle).bindNow();
	}

	String url() {
		return "http://127.0.0.1:" + this.server.port();
	}

	List<Map<String, String>> requests(String method, String path) {
		return this.requests.stream()
			.filter((request) -> request.get(":method").equals(method) && request.get(":uri").startsWith(path))
			.toList();
	}

	List<Map<String, String>> requests() {
		return this.requests;
	}

	void clear() {
		this.requests.clear();
	}

	/**
	 * Return the id of an order of a tenant with a status.
	 * @param tenant the tenant
	 * @param status the status
	 * @return the id
	 */
	String orderOf(String tenant, String status) {
		return this.orders.values()
			.stream()
			.filter((order) -> order.get("tenantId").equals(tenant) && order.get("status").equals(status))
			.map((order) -> (String) order.get("id"))
			.findFirst()
			.orElseThrow();
	}

	private void seed(String tenant, String... statuses) {
		for (String status : statuses) {
			String id = "o-%05d".formatted(this.sequence.incrementAndGet());
			this.orders.put(id, order(id, tenant, "u-" + tenant, List.of(line("p-0001", 2, 1299)), status));
		}
	}

	private static Map<String, Object> line(String productId, int quantity, long price) {
		return Map.of("productId", productId, "quantity", quantity, "unitPriceCents", price);
	}

	private static Map<String, Object> order(String id, String tenant, String user, List<Map<String, Object>> items,
			String status) {
		long total = items.stream()
			.mapToLong((item) -> ((Number) item.get("quantity")).longValue()
					* ((Number) item.get("unitPriceCents")).longValue())
			.sum();
		Map<String, Object> order = new LinkedHashMap<>();
		order.put("id", id);
		order.put("tenantId", tenant);
		order.put("userId", user);
		order.put("items", items);
		order.put("totalCents", total);
		order.put("status", status);
		order.put("createdAt",
				Instant.parse("2026-11-01T10:00:00.123Z").plusSeconds(Long.parseLong(id.substring(2))).toString());
		order.put("updatedAt", "2026-11-02T10:00:00Z");
		return order;
	}

	private Mono<Void> handle(HttpServerRequest request, HttpServerResponse response) {
		Map<String, String> headers = new LinkedHashMap<>();
		request.requestHeaders().forEach((entry) -> headers.put(entry.getKey().toLowerCase(), entry.getValue()));
		headers.put(":method", request.method().name());
		headers.put(":uri", request.uri());
		this.requests.add(headers);
		Map<String, List<String>> query = UriComponentsBuilder.fromUriString(request.uri()).build().getQueryParams();
		String path = request.fullPath();
		String tenant = headers.get("x-tenant-id");
		String scopes = headers.getOrDefault("x-scopes", "");
		if (path.startsWith("/products")) {
			return products(path, query, response);
		}
		if (tenant == null) {
			return problem(response, 401, "Missing X-Tenant-ID header set by a gateway");
		}
		if (path.equals("/orders") && request.method().name().equals("GET")) {
			return list(tenant, query, response);
		}
		if (path.equals("/orders") && request.method().name().equals("POST")) {
			if (!scopes.contains("orders:write")) {
				return problem(response, 401, "Missing X-User-ID header set by a gateway");
			}
			String key = headers.get("idempotency-key");
			if (key == null) {
				return problem(response, 400, "Idempotency-Key header is required");
			}
			return request.receive().aggregate().asString().defaultIfEmpty("{}").flatMap((body) -> {
				String existing = this.idempotencyKeys.get(tenant + "|" + key);
				if (existing != null) {
					return send(response, 201, this.orders.get(existing));
				}
				Map<?, ?> parsed = json.readValue(body, Map.class);
				List<Map<String, Object>> items = new ArrayList<>();
				for (Object line : (List<?>) parsed.get("items")) {
					Map<?, ?> values = (Map<?, ?>) line;
					if (values.get("productId").equals("p-9999")) {
						return problem(response, 400, "Unknown product(s): p-9999");
					}
					items.add(
							line((String) values.get("productId"), ((Number) values.get("quantity")).intValue(), 1299));
				}
				String id = "o-%05d".formatted(this.sequence.incrementAndGet());
				Map<String, Object> order = order(id, tenant, headers.get("x-client-id"), items, "PENDING");
				this.orders.put(id, order);
				this.idempotencyKeys.put(tenant + "|" + key, id);
				// product p-0777 is slow to order, so a retry can overtake the first
				// request
				boolean slow = items.stream().anyMatch((item) -> item.get("productId").equals("p-0777"));
				return slow ? Mono.delay(java.time.Duration.ofMillis(1500)).then(send(response, 201, order))
						: send(response, 201, order);
			});
		}
		String[] segments = path.split("/");
		if (segments.length >= 3 && segments[1].equals("orders")) {
			Map<String, Object> order = this.orders.get(segments[2]);
			if (order == null || !order.get("tenantId").equals(tenant)) {
				return problem(response, 404, "Order " + segments[2] + " not found");
			}
			if (segments.length == 4 && segments[3].equals("cancel")) {
				if (!scopes.contains("orders:write")) {
					return problem(response, 401, "Missing X-User-ID header set by a gateway");
				}
				if (!List.of("PENDING", "PAID").contains(order.get("status"))) {
					return problem(response, 409, "Order " + segments[2] + " is " + order.get("status"));
				}
				order.put("status", "CANCELLED");
			}
			return send(response, 200, order);
		}
		return problem(response, 404, "No such resource");
	}

	private Mono<Void> list(String tenant, Map<String, List<String>> query, HttpServerResponse response) {
		String status = first(query, "status");
		int limit = Integer.parseInt(first(query, "limit", "20"));
		String cursor = first(query, "cursor");
		String after = (cursor != null) ? new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8)
				: null;
		List<Map<String, Object>> all = this.orders.values()
			.stream()
			.filter((order) -> order.get("tenantId").equals(tenant))
			.filter((order) -> status == null || order.get("status").equals(status))
			.sorted((a, b) -> ((String) b.get("id")).compareTo((String) a.get("id")))
			.filter((order) -> after == null || ((String) order.get("id")).compareTo(after) < 0)
			.toList();
		List<Map<String, Object>> page = all.subList(0, Math.min(limit, all.size()));
		String next = (all.size() > limit)
				? Base64.getUrlEncoder()
					.withoutPadding()
					.encodeToString(((String) page.get(page.size() - 1).get("id")).getBytes(StandardCharsets.UTF_8))
				: null;
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("items", page);
		body.put("nextCursor", next);
		return send(response, 200, body);
	}

	private Mono<Void> products(String path, Map<String, List<String>> query, HttpServerResponse response) {
		if (path.startsWith("/products/")) {
			String id = path.substring("/products/".length());
			if (id.equals("p-0404")) {
				return problem(response, 404, "Product " + id + " not found");
			}
			if (id.equals("p-0503")) {
				return problem(response, 503, "Catalogue is reloading");
			}
			if (id.equals("p-0500")) {
				// a failure whose body holds internals a partner must not see
				return problem(response, 500, "NullPointerException at com.internal.Catalogue(db-7.internal:5432)");
			}
			return send(response, 200, product(id));
		}
		String category = first(query, "category");
		if (category != null && !category.equals("books")) {
			return problem(response, 400, "Query parameter 'category' must be one of [books]");
		}
		int limit = Integer.parseInt(first(query, "limit", "20"));
		List<Map<String, Object>> items = new ArrayList<>();
		for (int i = 1; i <= Math.min(limit, 3); i++) {
			items.add(product("p-%04d".formatted(i)));
		}
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("items", items);
		body.put("nextCursor", (limit < 3) ? "cDAwMDI" : null);
		return send(response, 200, body);
	}

	private static Map<String, Object> product(String id) {
		return Map.of("id", id, "name", "Book " + id, "category", "books", "priceCents", 1299, "currency", "EUR",
				"stock", 7, "description", "A book");
	}

	private static String first(Map<String, List<String>> query, String name) {
		return first(query, name, null);
	}

	private static String first(Map<String, List<String>> query, String name, String fallback) {
		List<String> values = query.get(name);
		return (values != null && !values.isEmpty()) ? values.get(0) : fallback;
	}

	private static Mono<Void> problem(HttpServerResponse response, int status, String detail) {
		return response.status(status)
			.header("Content-Type", "application/problem+json")
			.sendString(Mono.just(json.writeValueAsString(Map.of("status", status, "detail", detail))))
			.then();
	}

	private static Mono<Void> send(HttpServerResponse response, int status, Object body) {
		return response.status(status)
			.header("Content-Type", "application/json")
			.sendString(Mono.just(json.writeValueAsString(body)))
			.then();
	}

	@Override
	public void close() {
		this.server.disposeNow();
	}

}
