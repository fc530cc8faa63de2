package io.github.bffsuite.edge.downstream.cache;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import io.netty.handler.codec.http.HttpHeaders;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;

/**
 * A real HTTP service for response cache tests: each path answers as the test scripted
 * it, optionally only once a gate opens, and the server counts the requests per path and
 * keeps their headers.
 */
final class CacheStubServer implements AutoCloseable {

	private final Map<String, Answer> answers = new ConcurrentHashMap<>();

	private final Map<String, AtomicInteger> counts = new ConcurrentHashMap<>();

	private final Map<String, CompletableFuture<Void>> gates = new ConcurrentHashMap<>();

	private final List<HttpHeaders> received = new CopyOnWriteArrayList<>();

	private final DisposableServer server;

	CacheStubServer() {
		this.server = HttpServer.create().host("127.0.0.1").port(0).handle((request, response) -> {
			String path = request.uri();
			this.counts.computeIfAbsent(path, (key) -> new AtomicInteger()).incrementAndGet();
			this.received.add(request.requestHeaders().copy());
			Answer answer = this.answers.getOrDefault(path, new Answer(404, Map.of(), (headers) -> "{}"));
			CompletableFuture<Void> gate = this.gates.getOrDefault(path, CompletableFuture.completedFuture(null));
			return Mono.fromFuture(gate).then(Mono.defer(() -> {
				Answer chosen = answer;
				String ifNoneMatch = request.requestHeaders().get("If-None-Match");
				String etag = answer.headers().get("ETag");
				if (ifNoneMatch != null && ifNoneMatch.equals(etag)) {
					chosen = new Answer(304, answer.headers(), (headers) -> "");
				}
				response.status(chosen.status());
				chosen.headers().forEach(response::header);
				response.header("Content-Type", "application/json");
				return response.sendString(Mono.just(chosen.body().apply(request.requestHeaders()))).then();
			}));
		}).bindNow();
	}

	String baseUrl() {
		return "http://127.0.0.1:" + this.server.port();
	}

	void answer(String path, int status, Map<String, String> headers, Function<HttpHeaders, String> body) {
		this.answers.put(path, new Answer(status, headers, body));
	}

	CompletableFuture<Void> gate(String path) {
		return this.gates.computeIfAbsent(path, (key) -> new CompletableFuture<>());
	}

	int count(String path) {
		AtomicInteger count = this.counts.get(path);
		return (count != null) ? count.get() : 0;
	}

	List<HttpHeaders> received() {
		return this.received;
	}

	@Override
	public void close() {
		this.server.disposeNow();
	}

	record Answer(int status, Map<String, String> headers, Function<HttpHeaders, String> body) {

	}

}
