package io.github.bffsuite.edge.test;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;

import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;

/**
 * A real HTTP backend for tests that answers every request with 200 and a small JSON
 * body, and records the method, path and headers of every request it received.
 */
public final class EchoServer implements AutoCloseable {

	private final List<Received> received = new CopyOnWriteArrayList<>();

	private final DisposableServer server;

	public EchoServer() {
		this.server = HttpServer.create().host("127.0.0.1").port(0).handle((request, response) -> {
			Map<String, List<String>> headers = request.requestHeaders()
				.entries()
				.stream()
				.collect(Collectors.groupingBy(Map.Entry::getKey, () -> new TreeMap<>(String.CASE_INSENSITIVE_ORDER),
						Collectors.mapping(Map.Entry::getValue, Collectors.toList())));
			return request.receive().aggregate().asString().defaultIfEmpty("").flatMap((body) -> {
				this.received.add(new Received(request.method().name(), request.uri(), headers, body));
				return response.header("Content-Type", "application/json")
					.sendString(Mono.just("{\"ok\":true,\"path\":\"" + request.path() + "\"}"))
					.then();
			});
		}).bindNow();
	}

	/**
	 * Return the base URL.
	 * @return the URL
	 */
	public String url() {
		return "http://127.0.0.1:" + this.server.port();
	}

	/**
	 * Return the requests received so far.
	 * @return the requests
	 */
	public List<Received> received() {
		return this.received;
	}

	/**
	 * Return the last request received.
	 * @return the request
	 */
	public Received last() {
		return this.received.get(this.received.size() - 1);
	}

	/**
	 * Forget the requests received so far.
	 */
	public void clear() {
		this.received.clear();
	}

	@Override
	public void close() {
		this.server.disposeNow();
	}

	/**
	 * A request received.
	 *
	 * @param method the method
	 * @param uri the URI
	 * @param headers the headers, case-insensitive
	 * @param body the body
	 */
	public record Received(String method, String uri, Map<String, List<String>> headers, String body) {

		/**
		 * Return the names of headers that are identity headers in any spelling.
		 * @return the header names
		 */
		public List<String> identityHeaderNames() {
			return this.headers.keySet()
				.stream()
				.filter((name) -> List.of("x-user-id", "x-tenant-id", "x-scopes", "x-client-id", "x-plan")
					.contains(name.replace('_', '-').toLowerCase(java.util.Locale.ROOT)))
				.toList();
		}

		/**
		 * Return the values of a header.
		 * @param name the name
		 * @return the values, empty when absent
		 */
		public List<String> header(String name) {
			return this.headers.getOrDefault(name, List.of());
		}

	}

}
