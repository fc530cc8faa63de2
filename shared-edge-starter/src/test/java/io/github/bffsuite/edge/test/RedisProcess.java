package io.github.bffsuite.edge.test;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * A {@code redis-server} process of a test's own, on a free port, that the test may stop,
 * restart, pause ({@code SIGSTOP}) and resume: for outage tests, which must never touch
 * the shared Redis.
 */
public final class RedisProcess implements AutoCloseable {

	private final int port;

	private final Path dir;

	private @Nullable Process process;

	private RedisProcess(int port, Path dir) {
		this.port = port;
		this.dir = dir;
	}

	/**
	 * Start a Redis on a free port.
	 * @return the running process
	 */
	public static RedisProcess start() {
		try (ServerSocket socket = new ServerSocket(0)) {
			RedisProcess redis = new RedisProcess(socket.getLocalPort(), Files.createTempDirectory("redis-outage"));
			socket.close();
			redis.restart();
			return redis;
		}
		catch (IOException ex) {
			throw new IllegalStateException("Outage tests need 'redis-server' on the PATH (Debian/Ubuntu: "
					+ "apt-get install redis-server; macOS: brew install redis): " + ex.getMessage(), ex);
		}
	}

	/**
	 * Return the URL.
	 * @return the URL
	 */
	public String url() {
		return "redis://127.0.0.1:" + this.port;
	}

	/**
	 * Return the port.
	 * @return the port
	 */
	public int port() {
		return this.port;
	}

	/**
	 * Start the server again on the same port, after {@link #stop()}.
	 */
	public void restart() {
		try {
			this.process = new ProcessBuilder("redis-server", "--port", String.valueOf(this.port), "--bind",
					"127.0.0.1", "--save", "", "--appendonly", "no", "--dir", this.dir.toString())
				.redirectErrorStream(true)
				.redirectOutput(ProcessBuilder.Redirect.appendTo(this.dir.resolve("redis.log").toFile()))
				.start();
			Instant deadline = Instant.now().plus(Duration.ofSeconds(10));
			while (Instant.now().isBefore(deadline)) {
				if (RedisTestServer.pings("127.0.0.1", this.port)) {
					return;
				}
				Thread.sleep(50);
			}
			throw new IllegalStateException("redis-server did not answer on port " + this.port);
		}
		catch (IOException ex) {
			throw new IllegalStateException("Could not start redis-server: " + ex.getMessage(), ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * Kill the server, as a crash would.
	 */
	public void stop() {
		Process process = this.process;
		if (process != null) {
			process.destroyForcibly();
			try {
				process.waitFor();
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			this.process = null;
		}
	}

	/**
	 * Freeze the server with {@code SIGSTOP}: connections stay open, nothing answers.
	 */
	public void pause() {
		signal("-STOP");
	}

	/**
	 * Thaw the server with {@code SIGCONT}.
	 */
	public void resume() {
		signal("-CONT");
	}

	private void signal(String signal) {
		Process process = this.process;
		if (process == null) {
			throw new IllegalStateException("redis-server is not running");
		}
		try {
			int exit = new ProcessBuilder("kill", signal, Long.toString(process.pid())).inheritIO().start().waitFor();
			if (exit != 0) {
				throw new IllegalStateException("kill " + signal + " failed with " + exit);
			}
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	@Override
	public void close() {
		Process process = this.process;
		if (process != null && process.isAlive()) {
			signal("-CONT");
		}
		stop();
	}

}
