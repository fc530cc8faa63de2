package io.github.bffsuite.edge.test;

import java.net.ServerSocket;
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
 * A real HTTP downstream for resilience tests whose behaviour is chosen by the request
 * path: {@code /ok/...} answers 200 with the server's name, {@code /delay/{ms}/...}
 * answers 200 after a delay, {@code /status/{code}/...} answers that status, and
 * {@code /hang/...} never answers. It counts the requests per path prefix and records the
 * headers of the last request.
 */
public final class StubServer implements AutoCloseable {

	private final String name;

	private final DisposableServer server;

	private final Map<String, AtomicInteger> counts = new ConcurrentHashMap<>();

	private final List<Map<String, String>> headers = new CopyOnWriteArrayList<>();

	private final List<List<Map.Entry<String, String>>> rawHeaders = new CopyOnWriteArrayList<>();

	public StubServer(String name) {
		this.name = name;
		this.server = HttpServer.create().host("127.0.0.1").port(0).handle((request, response) -> {
			String[] segments = request.path().split("/");
			String kind = (segments.length > 0) ? segments[0] : "";
			this.counts.computeIfAbsent(request.path(), (key) -> new AtomicInteger()).incrementAndGet();
			Map<String, String> received = new ConcurrentHashMap<>();
			request.requestHeaders().forEach((entry) -> received.put(entry.getKey().toLowerCase(), entry.getValue()));
			this.headers.add(received);
			this.rawHeaders.add(List.copyOf(request.requestHeaders().entries()));
			String body = "{\"server\":\"" + this.name + "\",\"path\":\"/" + request.path() + "\"}";
			return switch (kind) {
				case "delay" -> Mono.delay(Duration.ofMillis(Long.parseLong(segments[1])))
					.then(response.header("Content-Type", "application/json").sendString(Mono.just(body)).then());
				case "status" -> response.status(Integer.parseInt(segments[1]))
					.header("Content-Type", "application/json")
					.sendString(Mono.just(body))
					.then();
				case "hang" -> Mono.never();
				default -> response.header("Content-Type", "application/json").sendString(Mono.just(body)).then();
			};
		}).bindNow();
	}

	/**
	 * Return a port nothing listens on, for a dead instance.
	 * @return the port
	 */
	public static int deadPort() {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
		catch (java.io.IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * Return the base URL.
	 * @return the URL
	 */
	public String url() {
		return "http://127.0.0.1:" + this.server.port();
	}

	/**
	 * Return how many requests a path received, the leading slash left out.
	 * @param path the path, such as {@code status/503/budget}
	 * @return the count
	 */
	public int count(String path) {
		AtomicInteger count = this.counts.get(path.startsWith("/") ? path.substring(1) : path);
		return (count != null) ? count.get() : 0;
	}

	/**
	 * Return how many requests the server received in total.
	 * @return the count
	 */
	public int total() {
		return this.counts.values().stream().mapToInt(AtomicInteger::get).sum();
	}

	/**
	 * Return the headers of the last request, names in lower case.
	 * @return the headers
	 */
	public Map<String, String> lastHeaders() {
		return this.headers.get(this.headers.size() - 1);
	}

	/**
	 * Return every value of a header of the last request, in the order received, however
	 * often and in whatever case its name came.
	 * @param name the header name
	 * @return the values
	 */
	public List<String> lastHeaderValues(String name) {
		return this.rawHeaders.get(this.rawHeaders.size() - 1)
			.stream()
			.filter((entry) -> entry.getKey().equalsIgnoreCase(name))
			.map(Map.Entry::getValue)
			.toList();
	}

	@Override
	public void close() {
		this.server.disposeNow();
	}

}
