package io.github.bffsuite.web.graphql;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

import io.netty.handler.codec.http.QueryStringDecoder;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Real HTTP stand-ins for user-, order- and product-service, each on its own free port,
 * following the services' documented contracts (identity headers, tenant isolation,
 * ownership, batch endpoints, cursors, idempotency keys, problem+json, SSE events) over a
 * small deterministic data set. Every request is recorded, so tests can count downstream
 * calls; each service can be taken down, slowed or made to fail.
 */
final class SampleServiceStubs implements AutoCloseable {

	static final List<String> CATEGORIES = List.of("books", "music", "movies", "games", "electronics", "computers",
			"phones", "cameras", "home", "kitchen", "garden", "tools", "toys", "baby", "beauty", "health", "sports",
			"outdoors", "fashion", "grocery");

	private static final JsonMapper json = JsonMapper.builder().build();

	final Service users = new Service("user-service", this::users);

	final Service orders = new Service("order-service", this::orders);

	final Service products = new Service("product-service", this::products);

	private final Map<String, Map<String, Object>> userData = new LinkedHashMap<>();

	private final Map<String, Map<String, Object>> productData = new LinkedHashMap<>();

	private final Map<String, Map<String, Object>> orderData = new ConcurrentHashMap<>();

	private final Map<String, String> idempotencyKeys = new ConcurrentHashMap<>();

	private final AtomicInteger nextOrder = new AtomicInteger(90000);

	SampleServiceStubs() {
		user("u-001", "acme", "Alice Anders", List.of("admin", "user"));
		user("u-004", "acme", "Bob Brown", List.of("user"));
		user("u-002", "globex", "Carol Chen", List.of("admin", "user"));
		user("u-005", "globex", "Dave Diaz", List.of("user"));
		for (int n = 1; n <= 400; n++) {
			String id = String.format("p-%04d", n);
			this.productData.put(id,
					map("id", id, "name", "Product " + n, "category", CATEGORIES.get((n - 1) % 20), "priceCents",
							100 + (n * 37) % 9900, "currency", "EUR", "stock", (n * 13) % 50, "description",
							"Sample product " + n));
		}
		// 60 orders per user, newest first by number; 1 to 4 lines each, products spread
		int number = 1;
		Instant base = Instant.parse("2025-06-01T00:00:00Z");
		String[] statuses = { "PENDING", "PAID", "SHIPPED", "DELIVERED", "CANCELLED" };
		for (String userId : List.of("u-001", "u-004", "u-002", "u-005")) {
			for (int i = 0; i < 60; i++, number++) {
				List<Map<String, Object>> items = new ArrayList<>();
				int lines = 1 + (number % 4);
				for (int line = 0; line < lines; line++) {
					String productId = String.format("p-%04d", 1 + (number * 7 + line * 31) % 400);
					items.add(map("productId", productId, "quantity", 1 + line, "unitPriceCents",
							this.productData.get(productId).get("priceCents")));
				}
				placeStored(String.format("o-%05d", number), userId, items, statuses[number % 5],
						base.plusSeconds(number * 60L));
			}
		}
	}

	private void user(String id, String tenant, String name, List<String> roles) {
		this.userData.put(id,
				map("id", id, "tenantId", tenant, "name", name, "email",
						name.toLowerCase().replace(' ', '.') + "@" + tenant + ".example", "roles", roles, "createdAt",
						"2024-01-01T00:00:00Z"));
	}

	private Map<String, Object> placeStored(String id, String userId, List<Map<String, Object>> items, String status,
			Instant createdAt) {
		long total = items.stream()
			.mapToLong((item) -> ((Number) item.get("quantity")).longValue()
					* ((Number) item.get("unitPriceCents")).longValue())
			.sum();
		Map<String, Object> order = map("id", id, "tenantId", this.userData.get(userId).get("tenantId"), "userId",
				userId, "items", items, "totalCents", total, "status", status, "createdAt", createdAt.toString(),
				"updatedAt", createdAt.toString());
		this.orderData.put(id, order);
		return order;
	}

	// user-service

	private Mono<Void> users(Call call) {
		String tenant = call.header("x-tenant-id");
		if (tenant == null) {
			return call.problem(401, "Missing X-Tenant-ID header set by a gateway");
		}
		if (call.path().equals("/users/me")) {
			Map<String, Object> user = this.userData.get(call.header("x-user-id"));
			return (user != null && tenant.equals(user.get("tenantId"))) ? call.json(user)
					: call.problem(404, "User was not found");
		}
		if (call.path().equals("/users")) {
			List<Object> found = call.ids()
				.stream()
				.map(this.userData::get)
				.filter((user) -> user != null && tenant.equals(user.get("tenantId")))
				.map(Object.class::cast)
				.toList();
			return call.json(map("users", found));
		}
		Map<String, Object> user = this.userData.get(call.path().substring("/users/".length()));
		return (user != null && tenant.equals(user.get("tenantId"))) ? call.json(user)
				: call.problem(404, "User was not found");
	}

	// product-service

	private Mono<Void> products(Call call) {
		if (call.path().equals("/products") && call.query("ids") != null) {
			return call.json(
					map("products", call.ids().stream().map(this.productData::get).filter((p) -> p != null).toList()));
		}
		if (call.path().equals("/products")) {
			String category = call.query("category");
			if (category != null && !CATEGORIES.contains(category)) {
				return call.problem(400, "Query parameter 'category' must be one of " + CATEGORIES);
			}
			String q = call.query("q");
			String cursor = call.query("cursor");
			String after = (cursor != null) ? decode(cursor) : "";
			int limit = Integer.parseInt(orDefault(call.query("limit"), "20"));
			Predicate<Map<String, Object>> matches = (p) -> (category == null || category.equals(p.get("category")))
					&& (q == null || ((String) p.get("name")).toLowerCase().contains(q.toLowerCase()))
					&& ((String) p.get("id")).compareTo(after) > 0;
			List<Map<String, Object>> all = this.productData.values().stream().filter(matches).toList();
			return call.json(slice(all, limit));
		}
		if (call.path().equals("/products/recommended")) {
			int limit = Integer.parseInt(orDefault(call.query("limit"), "10"));
			return call.json(map("userId", call.query("userId"), "items",
					new ArrayList<>(this.productData.values()).subList(10, 10 + limit)));
		}
		Map<String, Object> product = this.productData.get(call.path().substring("/products/".length()));
		return (product != null) ? call.json(product) : call.problem(404, "Product was not found");
	}

	// order-service

	private Mono<Void> orders(Call call) {
		String tenant = call.header("x-tenant-id");
		String user = call.header("x-user-id");
		if (tenant == null || user == null) {
			return call.problem(401, "Missing identity headers set by a gateway");
		}
		String[] segments = call.path().split("/");
		if (call.path().equals("/orders") && call.method().equals("GET")) {
			String status = call.query("status");
			String cursor = call.query("cursor");
			String after = (cursor != null) ? decode(cursor) : null;
			int limit = Integer.parseInt(orDefault(call.query("limit"), "20"));
			List<Map<String, Object>> mine = this.orderData.values()
				.stream()
				.filter((o) -> user.equals(o.get("userId")) && tenant.equals(o.get("tenantId")))
				.filter((o) -> status == null || status.equals(o.get("status")))
				.filter((o) -> after == null || ((String) o.get("id")).compareTo(after) < 0)
				.sorted((a, b) -> ((String) b.get("id")).compareTo((String) a.get("id")))
				.toList();
			return call.json(slice(mine, limit));
		}
		if (call.path().equals("/orders") && call.method().equals("POST")) {
			return placeOrder(call, user);
		}
		Map<String, Object> order = this.orderData.get(segments[2]);
		if (order == null || !user.equals(order.get("userId")) || !tenant.equals(order.get("tenantId"))) {
			return call.problem(404, "Order " + segments[2] + " was not found");
		}
		if (segments.length == 3) {
			return call.json(order);
		}
		if (segments[3].equals("cancel")) {
			String status = (String) order.get("status");
			if (!status.equals("PENDING") && !status.equals("PAID")) {
				return call.problem(409, "Order " + segments[2] + " is " + status + " and cannot be cancelled");
			}
			order.put("status", "CANCELLED");
			return call.json(order);
		}
		return events(call, order);
	}

	private Mono<Void> placeOrder(Call call, String user) {
		String key = call.header("idempotency-key");
		if (key == null) {
			return call.problem(400, "Idempotency-Key header is required");
		}
		return call.body().flatMap((body) -> {
			String replay = this.idempotencyKeys.get(user + "|" + key);
			if (replay != null) {
				return call.json(this.orderData.get(replay));
			}
			List<Map<String, Object>> items = new ArrayList<>();
			List<String> unknown = new ArrayList<>();
			for (JsonNode line : body.get("items")) {
				Map<String, Object> product = this.productData.get(line.get("productId").asString());
				if (product == null) {
					unknown.add(line.get("productId").asString());
					continue;
				}
				items.add(map("productId", product.get("id"), "quantity", line.get("quantity").asInt(),
						"unitPriceCents", product.get("priceCents")));
			}
			if (!unknown.isEmpty()) {
				return call.problem(400, "Unknown product(s): " + String.join(", ", unknown));
			}
			String id = String.format("o-%05d", this.nextOrder.incrementAndGet());
			placeStored(id, user, items, "PENDING", Instant.now());
			this.idempotencyKeys.put(user + "|" + key, id);
			return call.status(201).json(this.orderData.get(id));
		});
	}

	private Mono<Void> events(Call call, Map<String, Object> order) {
		List<String> path = new ArrayList<>();
		String status = (String) order.get("status");
		path.add(status);
		String[] lifecycle = { "PENDING", "PAID", "SHIPPED", "DELIVERED" };
		int at = Arrays.asList(lifecycle).indexOf(status);
		if (at >= 0) {
			path.addAll(Arrays.asList(lifecycle).subList(at + 1, lifecycle.length));
		}
		AtomicInteger sequence = new AtomicInteger();
		Flux<String> events = Flux.fromIterable(path)
			.delayElements(Duration.ofMillis(100))
			.map((next) -> "id:" + sequence.incrementAndGet() + "\nevent:status\ndata:" + json.writeValueAsString(
					map("orderId", order.get("id"), "status", next, "at", Instant.now().toString())) + "\n\n");
		return call.response()
			.header("Content-Type", "text/event-stream")
			.sendString(events, StandardCharsets.UTF_8)
			.then();
	}

	private static Map<String, Object> slice(List<Map<String, Object>> all, int limit) {
		List<Map<String, Object>> items = all.subList(0, Math.min(limit, all.size()));
		String next = (all.size() > limit) ? encode((String) items.get(items.size() - 1).get("id")) : null;
		Map<String, Object> page = new LinkedHashMap<>();
		page.put("items", items);
		page.put("nextCursor", next);
		return page;
	}

	private static String encode(String id) {
		return Base64.getUrlEncoder().withoutPadding().encodeToString(("stub:" + id).getBytes(StandardCharsets.UTF_8));
	}

	private static String decode(String cursor) {
		return new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8).substring("stub:".length());
	}

	private static String orDefault(@Nullable String value, String fallback) {
		return (value != null) ? value : fallback;
	}

	private static Map<String, Object> map(Object... pairs) {
		Map<String, Object> map = new LinkedHashMap<>();
		for (int i = 0; i < pairs.length; i += 2) {
			map.put((String) pairs[i], pairs[i + 1]);
		}
		return map;
	}

	/**
	 * Return the total number of requests all services received.
	 * @return the count
	 */
	int total() {
		return this.users.received().size() + this.orders.received().size() + this.products.received().size();
	}

	void clear() {
		for (Service service : List.of(this.users, this.orders, this.products)) {
			service.received.clear();
			service.delay = Duration.ZERO;
			service.failWith = 0;
			service.fixedAnswer = null;
			service.up();
		}
	}

	@Override
	public void close() {
		this.users.close();
		this.orders.close();
		this.products.close();
	}

	/**
	 * A request as a service received it.
	 *
	 * @param method the method
	 * @param uri the path and query
	 * @param headers the headers, names in lower case
	 */
	record Received(String method, String uri, Map<String, String> headers) {

	}

	/**
	 * One stubbed service on its own port.
	 */
	static final class Service implements AutoCloseable {

		final String name;

		private final java.util.function.Function<Call, Mono<Void>> handler;

		final List<Received> received = new CopyOnWriteArrayList<>();

		volatile Duration delay = Duration.ZERO;

		volatile int failWith;

		/** A 200 answer given to every request instead of the service's own. */
		volatile @Nullable FixedAnswer fixedAnswer;

		private volatile @Nullable DisposableServer server;

		private int port;

		Service(String name, java.util.function.Function<Call, Mono<Void>> handler) {
			this.name = name;
			this.handler = handler;
			this.server = bind(0);
			this.port = this.server.port();
		}

		private DisposableServer bind(int port) {
			return HttpServer.create().host("127.0.0.1").port(port).handle(this::handle).bindNow();
		}

		private Mono<Void> handle(HttpServerRequest request, HttpServerResponse response) {
			Map<String, String> headers = new LinkedHashMap<>();
			request.requestHeaders().forEach((entry) -> headers.put(entry.getKey().toLowerCase(), entry.getValue()));
			this.received.add(new Received(request.method().name(), request.uri(), headers));
			Call call = new Call(request, response, headers, this.name);
			FixedAnswer fixed = this.fixedAnswer;
			Mono<Void> answer = (this.failWith != 0) ? call.problem(this.failWith, "Failure injected")
					: (fixed != null) ? fixed.send(response) : this.handler.apply(call);
			return this.delay.isZero() ? answer : Mono.delay(this.delay).then(answer);
		}

		String url() {
			return "http://127.0.0.1:" + this.port;
		}

		List<Received> received() {
			return this.received;
		}

		List<String> uris() {
			return this.received.stream().map(Received::uri).toList();
		}

		/** Refuse connections, like a service that is not running. */
		void down() {
			DisposableServer current = this.server;
			if (current != null) {
				current.disposeNow();
				this.server = null;
			}
		}

		void up() {
			if (this.server == null) {
				this.server = bind(this.port);
			}
		}

		@Override
		public void close() {
			down();
		}

	}

	/**
	 * A 200 answer with given headers and body, whatever the request.
	 *
	 * @param headers the response headers
	 * @param body the body
	 */
	record FixedAnswer(Map<String, String> headers, String body) {

		Mono<Void> send(HttpServerResponse response) {
			this.headers.forEach(response::header);
			return response.sendString(Mono.just(this.body)).then();
		}

	}

	/**
	 * A request being answered.
	 */
	record Call(HttpServerRequest request, HttpServerResponse response, Map<String, String> headers, String service) {

		String method() {
			return this.request.method().name();
		}

		String path() {
			return new QueryStringDecoder(this.request.uri()).path();
		}

		@Nullable String query(String name) {
			List<String> values = new QueryStringDecoder(this.request.uri()).parameters().get(name);
			return (values != null && !values.isEmpty()) ? values.get(0) : null;
		}

		List<String> ids() {
			String ids = query("ids");
			return (ids != null) ? List.copyOf(new LinkedHashSet<>(Arrays.asList(ids.split(",")))) : List.of();
		}

		@Nullable String header(String name) {
			return this.headers.get(name);
		}

		Mono<JsonNode> body() {
			return this.request.receive().aggregate().asString().map(json::readTree);
		}

		Call status(int status) {
			this.response.status(status);
			return this;
		}

		Mono<Void> json(Object body) {
			return this.response.header("Content-Type", "application/json")
				.sendString(Mono.just(json.writeValueAsString(body)))
				.then();
		}

		Mono<Void> problem(int status, String detail) {
			return this.response.status(status)
				.header("Content-Type", "application/problem+json")
				.sendString(Mono
					.just(json.writeValueAsString(map("type", "https://bff-suite.dev/problems/x", "title", "Problem",
							"status", status, "detail", detail, "instance", "/internal/" + this.service + "/trace"))))
				.then();
		}

	}

}
