package io.github.bffsuite.partner;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;

/**
 * A real local HTTP endpoint standing in for a partner's webhook: records every delivery
 * with its headers, fails the first {@code failures} attempts of each event with 503, and
 * answers slowly, or with a body, when told to.
 */
final class WebhookReceiver implements AutoCloseable {

	private final DisposableServer server;

	private final List<Delivery> deliveries = new CopyOnWriteArrayList<>();

	private final Map<String, AtomicInteger> attempts = new ConcurrentHashMap<>();

	private volatile int failures;

	private volatile Duration delay = Duration.ZERO;

	private volatile String answer = "";

	WebhookReceiver() {
		this.server = HttpServer.create()
			.host("127.0.0.1")
			.port(0)
			.handle((request, response) -> request.receive().aggregate().asString().flatMap((body) -> {
				Map<String, String> headers = new ConcurrentHashMap<>();
				request.requestHeaders()
					.forEach((entry) -> headers.put(entry.getKey().toLowerCase(), entry.getValue()));
				this.deliveries.add(new Delivery(headers, body));
				int attempt = this.attempts
					.computeIfAbsent(headers.getOrDefault("x-event-id", ""), (id) -> new AtomicInteger())
					.incrementAndGet();
				int status = (attempt <= this.failures) ? 503 : 204;
				String answer = this.answer;
				return Mono.delay(this.delay)
					.then(answer.isEmpty() ? response.status(status).send()
							: response.status((status == 204) ? 200 : status).sendString(Mono.just(answer)).then());
			}))
			.bindNow();
	}

	String url() {
		return "http://127.0.0.1:" + this.server.port() + "/hooks/quota";
	}

	void failFirst(int failures) {
		this.failures = failures;
	}

	void delay(Duration delay) {
		this.delay = delay;
	}

	/**
	 * Answer every delivery with a body (and 200 instead of 204).
	 * @param answer the body, none when empty
	 */
	void answer(String answer) {
		this.answer = answer;
	}

	List<Delivery> deliveries() {
		return this.deliveries;
	}

	void clear() {
		this.deliveries.clear();
		this.attempts.clear();
	}

	@Override
	public void close() {
		this.server.disposeNow();
	}

	record Delivery(Map<String, String> headers, String body) {

	}

}
