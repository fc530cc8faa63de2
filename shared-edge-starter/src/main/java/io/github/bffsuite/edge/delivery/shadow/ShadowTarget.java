package io.github.bffsuite.edge.delivery.shadow;

import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;

import io.netty.buffer.Unpooled;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;

/**
 * The shadow of one route: which requests it copies, and the client, the permits and the
 * timeout that send each copy fire-and-forget. Its connection pool is its own and no
 * larger than its permits, so a hung shadow holds at most that many connections and never
 * touches the pools of the real downstreams.
 */
final class ShadowTarget {

	private static final Log logger = LogFactory.getLog(ShadowTarget.class);

	private static final Set<String> NOT_COPIED = Set.of("host", "content-length", "transfer-encoding", "connection",
			"keep-alive", "expect", "upgrade", "te", "trailer", "proxy-connection");

	private final String route;

	private final String base;

	private final double share;

	private final Set<HttpMethod> methods;

	private final long maxBodySize;

	private final int maxConcurrency;

	private final Semaphore permits;

	private final Duration timeout;

	private final HttpClient client;

	private final ConnectionProvider pool;

	private final ShadowMetrics metrics;

	private final AtomicLong requests = new AtomicLong();

	ShadowTarget(String route, URI target, double share, Set<HttpMethod> methods, long maxBodySize, int maxConcurrency,
			Duration timeout, HttpClient client, ConnectionProvider pool, ShadowMetrics metrics) {
		this.route = route;
		String text = target.toString();
		this.base = text.endsWith("/") ? text.substring(0, text.length() - 1) : text;
		this.share = share;
		this.methods = methods;
		this.maxBodySize = maxBodySize;
		this.maxConcurrency = maxConcurrency;
		this.permits = new Semaphore(maxConcurrency);
		this.timeout = timeout;
		this.client = client;
		this.pool = pool;
		this.metrics = metrics;
	}

	String route() {
		return this.route;
	}

	boolean copies(HttpMethod method) {
		return this.methods.contains(method);
	}

	long maxBodySize() {
		return this.maxBodySize;
	}

	/**
	 * Whether the next request is copied: the n-th request is when the running count of
	 * copies, n times the share rounded down, goes up, so any run of requests gets its
	 * share to within one copy, without randomness.
	 */
	boolean sampled() {
		if (this.share >= 1.0) {
			return true;
		}
		if (this.share <= 0.0) {
			return false;
		}
		long n = this.requests.getAndIncrement();
		return (long) Math.floor((n + 1) * this.share) > (long) Math.floor(n * this.share);
	}

	/**
	 * Take a permit for one copy, if the route's copies in flight are below the limit.
	 * @return whether a permit was taken; {@link #send} gives it back
	 */
	boolean tryAcquire() {
		return this.permits.tryAcquire();
	}

	/**
	 * Give back a permit taken for a copy that is not sent after all.
	 */
	void release() {
		this.permits.release();
	}

	/**
	 * Send a copy under a permit taken with {@link #tryAcquire()} and return at once; the
	 * permit is given back when the copy ends, however it ends.
	 * @param method the method
	 * @param pathAndQuery the raw path and query of the route's downstream request
	 * @param headers the headers of the route's downstream request, shadow marks included
	 * @param body the body, or {@code null}
	 */
	void send(HttpMethod method, String pathAndQuery, HttpHeaders headers, byte @Nullable [] body) {
		HttpClient.ResponseReceiver<?> request = this.client.headers((copy) -> {
			headers.forEach((name, values) -> {
				if (!NOT_COPIED.contains(name.toLowerCase(Locale.ROOT))) {
					copy.add(name, values);
				}
			});
			if (body != null) {
				copy.set("Content-Length", body.length);
			}
		}).request(io.netty.handler.codec.http.HttpMethod.valueOf(method.name())).uri(this.base + pathAndQuery);
		if (body != null) {
			request = ((HttpClient.RequestSender) request).send(Mono.fromSupplier(() -> Unpooled.wrappedBuffer(body)));
		}
		request.responseSingle((response, content) -> content.then(Mono.just(response.status().code())))
			.timeout(this.timeout)
			.doFinally((signal) -> this.permits.release())
			.subscribe((status) -> this.metrics.answered(this.route, status), this::failed);
	}

	/**
	 * Count a copy that failed before it was sent.
	 * @param ex what went wrong
	 */
	void failedToSend(Throwable ex) {
		failed(ex);
	}

	private void failed(Throwable ex) {
		this.metrics.record(this.route, ShadowMetrics.FAILED);
		if (logger.isDebugEnabled()) {
			logger.debug("Shadow copy of route '" + this.route + "' to " + this.base + " failed: " + ex);
		}
	}

	/**
	 * Return how many copies are in flight.
	 * @return the count
	 */
	int inFlight() {
		return this.maxConcurrency - this.permits.availablePermits();
	}

	void dispose() {
		this.pool.dispose();
	}

}
