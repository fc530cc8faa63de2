package io.github.bffsuite.mobile;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import io.netty.handler.codec.http.QueryStringDecoder;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;
import reactor.netty.resources.LoopResources;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * Real HTTP stand-ins for user-, order- and product-service, each on its own free port,
 * answering like the sample services (tenant isolation included) from a small fixed data
 * set. Each service can be slowed down, made to fail or to hang on a path, and records
 * every request it gets.
 */
final class MobileBackends implements AutoCloseable {

	static final Map<String, Map<String, Object>> USERS = Map.of("u-001",
			Map.of("id", "u-001", "tenantId", "acme", "name", "Alice Anders", "email", "alice@acme.test", "roles",
					List.of("admin", "user"), "createdAt", "2025-01-01T00:00:00Z"),
			"u-003",
			Map.of("id", "u-003", "tenantId", "initech", "name", "Erin Evans", "email", "erin@initech.test", "roles",
					List.of("user"), "createdAt", "2025-01-01T00:00:00Z"),
			"u-002", Map.of("id", "u-002", "tenantId", "globex", "name", "Carol Chen", "email", "carol@globex.test",
					"roles", List.of("user"), "createdAt", "2025-01-01T00:00:00Z"));

	/** An order of {@link #BULK_LINES} lines, placed by user u-009 of tenant umbrella. */
	static final String BULK_ORDER = "o-00090";

	/** Lines of the bulk order: more products than one batch lookup takes. */
	static final int BULK_LINES = 150;

	/** Most ids product-service takes in one {@code GET /products?ids=}. */
	static final int MAX_IDS = 100;

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final LoopResources LOOPS = LoopResources.create("mobile-backends", 2, true);

	private final Map<String, Service> services = new LinkedHashMap<>();

	private final List<Map<String, Object>> orders = new CopyOnWriteArrayList<>();

	private final Map<String, Map<String, Object>> products = new LinkedHashMap<>();

	private final AtomicInteger lastOrder = new AtomicInteger(100);

	MobileBackends() {
		for (int i = 1; i <= 30; i++) {
			String id = String.format("p-%04d", i);
			this.products.put(id,
					Map.of("id", id, "name", "Product " + i, "category", (i % 2 == 0) ? "books" : "music", "priceCents",
							100 * i + 99, "currency", "EUR", "stock", (i % 5 == 0) ? 0 : i, "description",
							"A fine product number " + i + " with a long description for the app"));
		}
		// newest first, like order-service
		this.orders.add(order("o-00007", "u-001", "acme", "SHIPPED", "2025-12-07T10:00:00Z", line("p-0003", 2, 399),
				line("p-0004", 1, 499)));
		this.orders.add(order("o-00006", "u-001", "acme", "PAID", "2025-12-06T10:00:00Z", line("p-0005", 1, 599)));
		this.orders.add(order("o-00005", "u-001", "acme", "DELIVERED", "2025-12-05T10:00:00Z", line("p-0003", 3, 399),
				line("p-0006", 1, 699), line("p-0007", 1, 799)));
		this.orders.add(order("o-00004", "u-001", "acme", "PENDING", "2025-12-04T10:00:00Z", line("p-0008", 1, 899)));
		this.orders.add(order("o-00003", "u-001", "acme", "CANCELLED", "2025-12-03T10:00:00Z", line("p-0009", 1, 999)));
		this.orders.add(order("o-00002", "u-002", "globex", "PAID", "2025-12-02T10:00:00Z", line("p-0010", 1, 1099)));
		// p-0150 down to p-0001: the 30 products the catalogue knows come last, after the
		// first 100 ids
		this.orders.add(order(BULK_ORDER, "u-009", "umbrella", "PAID", "2025-11-01T10:00:00Z",
				IntStream.rangeClosed(1, BULK_LINES)
					.mapToObj((i) -> line(String.format("p-%04d", BULK_LINES + 1 - i), 1, 100))
					.toArray(Map[]::new)));
		for (String name : List.of("user-service", "order-service", "product-service")) {
			this.services.put(name, new Service(name));
		}
	}

	/**
	 * Point the gateway's downstreams at these services.
	 * @param registry the registry of a {@code @DynamicPropertySource} method
	 */
	void register(DynamicPropertyRegistry registry) {
		this.services.forEach((name, service) -> registry.add("edge.downstream.services." + name + ".base-url",
				() -> "http://127.0.0.1:" + service.server.port()));
	}

	Service service(String name) {
		return this.services.get(name);
	}

	/**
	 * Forget every request, delay and fault.
	 */
	void reset() {
		this.services.values().forEach(Service::reset);
	}

	/**
	 * Return the requests all services received, as {@code service METHOD uri}.
	 * @return the requests
	 */
	List<String> requests() {
		return this.services.values().stream().flatMap((service) -> service.requests.stream()).toList();
	}

	@Override
	public void close() {
		this.services.values().forEach((service) -> service.server.disposeNow());
	}

	@SafeVarargs
	private static Map<String, Object> order(String id, String userId, String tenantId, String status, String createdAt,
			Map<String, Object>... items) {
		long total = Arrays.stream(items)
			.mapToLong((item) -> ((Number) item.get("quantity")).longValue()
					* ((Number) item.get("unitPriceCents")).longValue())
			.sum();
		Map<String, Object> order = new LinkedHashMap<>();
		order.put("id", id);
		order.put("tenantId", tenantId);
		order.put("userId", userId);
		order.put("items", List.of(items));
		order.put("totalCents", total);
		order.put("status", status);
		order.put("createdAt", createdAt);
		order.put("updatedAt", createdAt);
		return order;
	}

	private static Map<String, Object> line(String productId, int quantity, long unitPriceCents) {
		return Map.of("productId", productId, "quantity", quantity, "unitPriceCents", unitPriceCents);
	}

	private Answer users(HttpServerRequest request, String path, Map<String, List<String>> query, String body) {
		String userId = request.requestHeaders().get("X-User-ID");
		String tenantId = request.requestHeaders().get("X-Tenant-ID");
		if (path.equals("/users/me")) {
			Map<String, Object> user = (userId != null) ? USERS.get(userId) : null;
			if (user == null || !user.get("tenantId").equals(tenantId)) {
				return Answer.problem(404, "User " + userId + " not found");
			}
			return Answer.json(200, user);
		}
		return Answer.problem(404, "No such path");
	}

	private Answer orders(HttpServerRequest request, String path, Map<String, List<String>> query, String body) {
		String userId = request.requestHeaders().get("X-User-ID");
		String tenantId = request.requestHeaders().get("X-Tenant-ID");
		List<Map<String, Object>> mine = this.orders.stream()
			.filter((order) -> order.get("userId").equals(userId) && order.get("tenantId").equals(tenantId))
			.toList();
		if (request.method().name().equals("POST") && path.equals("/orders")) {
			String key = request.requestHeaders().get("Idempotency-Key");
			if (key == null) {
				return Answer.problem(400, "Idempotency-Key header is required");
			}
			Map<?, ?> placed = JSON.readValue(body, Map.class);
			List<Map<String, Object>> lines = new ArrayList<>();
			for (Object item : (List<?>) placed.get("items")) {
				Map<?, ?> line = (Map<?, ?>) item;
				Map<String, Object> product = this.products.get((String) line.get("productId"));
				if (product == null) {
					return Answer.problem(400, "Unknown product " + line.get("productId"));
				}
				lines.add(line((String) line.get("productId"), ((Number) line.get("quantity")).intValue(),
						((Number) product.get("priceCents")).longValue()));
			}
			Map<String, Object> order = order("o-" + String.format("%05d", this.lastOrder.incrementAndGet()), userId,
					tenantId, "PENDING", Instant.now().toString(), lines.toArray(Map[]::new));
			this.orders.add(0, order);
			return Answer.json(201, order);
		}
		if (path.equals("/orders")) {
			int limit = Integer.parseInt(first(query, "limit", "20"));
			int from = Integer.parseInt(first(query, "cursor", "0"));
			List<Map<String, Object>> page = mine.subList(Math.min(from, mine.size()),
					Math.min(from + limit, mine.size()));
			Map<String, Object> answer = new LinkedHashMap<>();
			answer.put("items", page);
			answer.put("nextCursor", (from + limit < mine.size()) ? String.valueOf(from + limit) : null);
			return Answer.json(200, answer);
		}
		if (path.equals("/orders/counts")) {
			Map<String, Integer> counts = new LinkedHashMap<>();
			for (String status : List.of("PENDING", "PAID", "SHIPPED", "DELIVERED", "CANCELLED")) {
				counts.put(status, (int) mine.stream().filter((order) -> order.get("status").equals(status)).count());
			}
			return Answer.json(200, Map.of("byStatus", counts, "total", mine.size()));
		}
		String id = path.substring("/orders/".length());
		return mine.stream()
			.filter((order) -> order.get("id").equals(id))
			.findFirst()
			.map((order) -> Answer.json(200, order))
			.orElseGet(() -> Answer.problem(404, "Order " + id + " not found"));
	}

	private Answer products(HttpServerRequest request, String path, Map<String, List<String>> query, String body) {
		if (path.equals("/products/recommended")) {
			int limit = Integer.parseInt(first(query, "limit", "10"));
			return Answer.json(200, Map.of("userId", first(query, "userId", ""), "items",
					this.products.values().stream().skip(10).limit(limit).toList()));
		}
		if (path.equals("/products") && query.containsKey("ids")) {
			List<String> ids = Arrays.asList(first(query, "ids", "").split(","));
			if (ids.size() > MAX_IDS) {
				// as product-service answers
				return Answer.problem(400, "A batch may list at most " + MAX_IDS + " ids");
			}
			List<Map<String, Object>> found = ids.stream()
				.distinct()
				.map(this.products::get)
				.filter((product) -> product != null)
				.toList();
			return Answer.json(200, Map.of("products", found));
		}
		if (path.equals("/products")) {
			String q = first(query, "q", "");
			String category = first(query, "category", null);
			int limit = Integer.parseInt(first(query, "limit", "20"));
			int from = Integer.parseInt(first(query, "cursor", "0"));
			List<Map<String, Object>> matching = this.products.values()
				.stream()
				.filter((product) -> ((String) product.get("name")).contains(q))
				.filter((product) -> category == null || product.get("category").equals(category))
				.toList();
			Map<String, Object> answer = new LinkedHashMap<>();
			answer.put("items",
					matching.subList(Math.min(from, matching.size()), Math.min(from + limit, matching.size())));
			answer.put("nextCursor", (from + limit < matching.size()) ? String.valueOf(from + limit) : null);
			return Answer.json(200, answer);
		}
		Map<String, Object> product = this.products.get(path.substring("/products/".length()));
		return (product != null) ? Answer.json(200, product) : Answer.problem(404, "Product not found");
	}

	private static String first(Map<String, List<String>> query, String name, String fallback) {
		List<String> values = query.get(name);
		return (values != null && !values.isEmpty()) ? values.get(0) : fallback;
	}

	private record Answer(int status, String contentType, String body) {

		static Answer json(int status, Object value) {
			return new Answer(status, "application/json", JSON.writeValueAsString(value));
		}

		static Answer problem(int status, String detail) {
			return new Answer(status, "application/problem+json",
					JSON.writeValueAsString(Map.of("type", "about:blank", "status", status, "detail", detail)));
		}

	}

	private interface Handler {

		Answer answer(HttpServerRequest request, String path, Map<String, List<String>> query, String body);

	}

	/**
	 * One service: its delay, its faults and the requests it received.
	 */
	final class Service {

		private final String name;

		private final DisposableServer server;

		private volatile Duration delay = Duration.ZERO;

		private final Map<String, Integer> failures = new ConcurrentHashMap<>();

		private final Map<String, Boolean> hangs = new ConcurrentHashMap<>();

		private final List<String> requests = new CopyOnWriteArrayList<>();

		private final List<Map<String, String>> headers = new CopyOnWriteArrayList<>();

		Service(String name) {
			this.name = name;
			Handler handler = switch (name) {
				case "user-service" -> MobileBackends.this::users;
				case "order-service" -> MobileBackends.this::orders;
				default -> MobileBackends.this::products;
			};
			// loops of its own: a gateway context that closes may dispose the global ones
			this.server = reactor.netty.http.server.HttpServer.create()
				.runOn(LOOPS)
				.host("127.0.0.1")
				.port(0)
				.handle((request, response) -> request.receive()
					.aggregate()
					.asString()
					.defaultIfEmpty("")
					.flatMap((body) -> handle(handler, request, response, body)))
				.bindNow();
		}

		private Mono<Void> handle(Handler handler, HttpServerRequest request, HttpServerResponse response,
				String body) {
			QueryStringDecoder decoder = new QueryStringDecoder(request.uri());
			String path = decoder.path();
			// the declared clients encode the commas between ids (%2C), which services
			// decode; recorded with commas to read as the id list it is
			this.requests.add(this.name + " " + request.method().name() + " " + request.uri().replace("%2C", ","));
			this.headers.add(request.requestHeaders()
				.entries()
				.stream()
				.collect(Collectors.toMap((entry) -> entry.getKey().toLowerCase(), Map.Entry::getValue, (a, b) -> a)));
			for (String prefix : this.hangs.keySet()) {
				if (request.uri().startsWith(prefix)) {
					return Mono.never();
				}
			}
			Answer answer = null;
			for (Map.Entry<String, Integer> failure : this.failures.entrySet()) {
				if (request.uri().startsWith(failure.getKey())) {
					answer = Answer.problem(failure.getValue(), "Injected failure");
				}
			}
			Answer result = (answer != null) ? answer : handler.answer(request, path, decoder.parameters(), body);
			Mono<Void> send = response.status(result.status())
				.header("Content-Type", result.contentType())
				.sendString(Mono.just(result.body()))
				.then();
			return this.delay.isZero() ? send : Mono.delay(this.delay).then(send);
		}

		/**
		 * Answer every request after a delay.
		 * @param delay the delay
		 */
		void delay(Duration delay) {
			this.delay = delay;
		}

		/**
		 * Answer requests whose URI starts with a prefix with an error status.
		 * @param pathPrefix the prefix, such as {@code /products/recommended} or
		 * {@code /products?ids=}
		 * @param status the status
		 */
		void fail(String pathPrefix, int status) {
			this.failures.put(pathPrefix, status);
		}

		/**
		 * Never answer requests whose URI starts with a prefix.
		 * @param pathPrefix the prefix
		 */
		void hang(String pathPrefix) {
			this.hangs.put(pathPrefix, true);
		}

		List<String> requests() {
			return List.copyOf(this.requests);
		}

		int port() {
			return this.server.port();
		}

		Map<String, String> lastHeaders() {
			return this.headers.get(this.headers.size() - 1);
		}

		void reset() {
			this.delay = Duration.ZERO;
			this.failures.clear();
			this.hangs.clear();
			this.requests.clear();
			this.headers.clear();
		}

	}

}
