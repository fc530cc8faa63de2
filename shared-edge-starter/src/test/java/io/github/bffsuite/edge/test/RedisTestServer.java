package io.github.bffsuite.edge.test;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * A real Redis for tests: the server at {@code REDIS_URL} or 127.0.0.1:6379 when one
 * answers, else a {@code redis-server} from the {@code PATH} started on a free port for
 * this JVM. When neither can be had, tests fail with a message that says how to get one;
 * they never skip.
 */
public final class RedisTestServer {

	private static @Nullable String url;

	private static @Nullable Process process;

	private RedisTestServer() {
	}

	/**
	 * Return the URL of a Redis that answers PING, starting one if needed.
	 * @return the URL, such as {@code redis://127.0.0.1:6379}
	 */
	public static synchronized String url() {
		if (url != null) {
			return url;
		}
		String configured = System.getenv("REDIS_URL");
		if (configured != null && !configured.isBlank()) {
			URI uri = URI.create(configured);
			if (pings(uri.getHost(), (uri.getPort() != -1) ? uri.getPort() : 6379)) {
				return url = configured;
			}
		}
		if (pings("127.0.0.1", 6379)) {
			return url = "redis://127.0.0.1:6379";
		}
		return url = start();
	}

	/**
	 * Return the port of the Redis in use.
	 * @return the port
	 */
	public static int port() {
		URI uri = URI.create(url());
		return (uri.getPort() != -1) ? uri.getPort() : 6379;
	}

	private static String start() {
		try {
			int port;
			try (ServerSocket socket = new ServerSocket(0)) {
				port = socket.getLocalPort();
			}
			Path dir = Files.createTempDirectory("redis-test");
			Process started = new ProcessBuilder("redis-server", "--port", String.valueOf(port), "--bind", "127.0.0.1",
					"--save", "", "--appendonly", "no", "--dir", dir.toString())
				.redirectErrorStream(true)
				.redirectOutput(dir.resolve("redis.log").toFile())
				.start();
			Runtime.getRuntime().addShutdownHook(new Thread(started::destroy));
			Instant deadline = Instant.now().plus(Duration.ofSeconds(10));
			while (Instant.now().isBefore(deadline)) {
				if (pings("127.0.0.1", port)) {
					process = started;
					return "redis://127.0.0.1:" + port;
				}
				Thread.sleep(100);
			}
			started.destroy();
			throw new IllegalStateException("redis-server did not answer on port " + port);
		}
		catch (IOException ex) {
			throw new IllegalStateException("These tests need a real Redis: none answers at REDIS_URL or "
					+ "127.0.0.1:6379 and 'redis-server' could not be started (" + ex.getMessage() + "). "
					+ "Install it (Debian/Ubuntu: apt-get install redis-server; macOS: brew install redis) "
					+ "or set REDIS_URL=redis://host:port.", ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * Whether a Redis answers PING at an address.
	 * @param host the host
	 * @param port the port
	 * @return whether it answered
	 */
	public static boolean pings(String host, int port) {
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress(host, port), 500);
			socket.setSoTimeout(1000);
			OutputStream out = socket.getOutputStream();
			out.write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
			out.flush();
			InputStream in = socket.getInputStream();
			byte[] buffer = new byte[7];
			int read = in.read(buffer);
			return read > 0 && new String(buffer, 0, read, StandardCharsets.US_ASCII).startsWith("+PONG");
		}
		catch (IOException ex) {
			return false;
		}
	}

	/**
	 * Return whether this JVM started the Redis in use.
	 * @return whether it did
	 */
	public static boolean startedHere() {
		return process != null;
	}

}
