package io.github.bffsuite.samples.order;

import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import io.netty.handler.codec.http.EmptyHttpHeaders;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.QueryStringDecoder;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;

/**
 * A real HTTP product-service on a random port answering {@code GET /products?ids=...},
 * which tests can slow down, break or reshape.
 */
final class ProductServiceStub {

	/** Well-formed product id the stub does not know. */
	static final String UNKNOWN_PRODUCT = "p-4040";

	private final DisposableServer server;

	private volatile Mode mode = Mode.NORMAL;

	private volatile Shape shape = Shape.ITEMS;

	private volatile HttpHeaders lastHeaders = EmptyHttpHeaders.INSTANCE;

	private final AtomicInteger calls = new AtomicInteger();

	ProductServiceStub() {
		this.server = HttpServer.create()
			.host("127.0.0.1")
			.port(0)
			.route((routes) -> routes.get("/products", this::products))
			.bindNow();
	}

	static long priceOf(String productId) {
		return 100L * Integer.parseInt(productId.substring(2)) + 99;
	}

	String baseUrl() {
		return "http://127.0.0.1:" + this.server.port();
	}

	void mode(Mode mode) {
		this.mode = mode;
	}

	void shape(Shape shape) {
		this.shape = shape;
	}

	HttpHeaders lastHeaders() {
		return this.lastHeaders;
	}

	int calls() {
		return this.calls.get();
	}

	void reset() {
		this.mode = Mode.NORMAL;
		this.shape = Shape.ITEMS;
	}

	private Mono<Void> products(HttpServerRequest request, HttpServerResponse response) {
		this.calls.incrementAndGet();
		this.lastHeaders = request.requestHeaders().copy();
		Map<String, List<String>> query = new QueryStringDecoder(request.uri()).parameters();
		Set<String> ids = query.getOrDefault("ids", List.of())
			.stream()
			.flatMap((value) -> List.of(value.split(",")).stream())
			.filter((id) -> !id.equals(UNKNOWN_PRODUCT))
			.collect(Collectors.toCollection(LinkedHashSet::new));
		String products = ids.stream()
			.map((id) -> "{\"id\":\"%s\",\"name\":\"Product %s\",\"priceCents\":%d,\"stock\":7}".formatted(id, id,
					priceOf(id)))
			.collect(Collectors.joining(",", "[", "]"));
		String body = switch (this.shape) {
			case ITEMS -> "{\"items\":" + products + "}";
			case PRODUCTS -> "{\"products\":" + products + ",\"missing\":[]}";
			case ARRAY -> products;
		};
		return switch (this.mode) {
			case NORMAL -> json(response, body);
			case SLOW -> Mono.delay(Duration.ofSeconds(5)).then(json(response, body));
			case FAILING -> response.status(500).sendString(Mono.just("boom")).then();
			case DISCONNECT -> {
				request.withConnection((connection) -> connection.dispose());
				yield Mono.never();
			}
		};
	}

	private static Mono<Void> json(HttpServerResponse response, String body) {
		return response.header("Content-Type", "application/json").sendString(Mono.just(body)).then();
	}

	enum Mode {

		NORMAL, SLOW, FAILING, DISCONNECT

	}

	enum Shape {

		ITEMS, PRODUCTS, ARRAY

	}

}
