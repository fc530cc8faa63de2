package io.github.bffsuite.edge.delivery;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;

/**
 * A real HTTP downstream standing for one version of a service: every answer names the
 * version, and every {@code failEvery}-th request (when set) answers 500, so that a
 * canary fails a known share of its requests.
 */
final class VersionServer implements AutoCloseable {

	private final String version;

	private final DisposableServer server;

	private final AtomicInteger requests = new AtomicInteger();

	private final List<Map<String, String>> headers = new CopyOnWriteArrayList<>();

	private volatile int failEvery;

	VersionServer(String version) {
		this.version = version;
		this.server = HttpServer.create().host("127.0.0.1").port(0).handle((request, response) -> {
			int number = this.requests.incrementAndGet();
			Map<String, String> received = new ConcurrentHashMap<>();
			request.requestHeaders().forEach((entry) -> received.put(entry.getKey().toLowerCase(), entry.getValue()));
			this.headers.add(received);
			int every = this.failEvery;
			boolean fail = every > 0 && number % every == 0;
			String body = "{\"version\":\"" + this.version + "\",\"path\":\"" + request.path() + "\"}";
			return response.status(fail ? 500 : 200)
				.header("Content-Type", "application/json")
				.sendString(Mono.just(body))
				.then();
		}).bindNow();
	}

	/**
	 * Answer every n-th request with a 500 (5 for a fifth); 0 for none.
	 * @param every the period
	 */
	void failEvery(int every) {
		this.failEvery = every;
	}

	String url() {
		return "http://127.0.0.1:" + this.server.port();
	}

	int requests() {
		return this.requests.get();
	}

	Map<String, String> lastHeaders() {
		return this.headers.get(this.headers.size() - 1);
	}

	List<Map<String, String>> allHeaders() {
		return this.headers;
	}

	void clear() {
		this.requests.set(0);
		this.headers.clear();
	}

	@Override
	public void close() {
		this.server.disposeNow();
	}

}
