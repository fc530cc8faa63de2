package io.github.bffsuite.samples.product.release;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import io.github.bffsuite.samples.support.Problems;
import reactor.core.publisher.Mono;

import org.springframework.core.Ordered;
import org.springframework.http.HttpStatus;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

/**
 * Names this instance's release on every answer ({@value #HEADER}) and injects the
 * configured latency and errors into the {@code /products} API. An injected error is a
 * 500 problem ({@code type} ending in {@code injected-release-fault}): a bug of the
 * release, which gateways do not retry, so a canary's error rate shows as it is.
 */
public class ProductReleaseWebFilter implements WebFilter, Ordered {

	/** Response header naming the release. */
	public static final String HEADER = "X-Product-Version";

	private final String version;

	private final double errorRate;

	private final Duration latency;

	private final AtomicLong requests = new AtomicLong();

	public ProductReleaseWebFilter(ProductReleaseProperties properties) {
		double errorRate = properties.getFault().getErrorRate();
		if (Double.isNaN(errorRate) || errorRate < 0 || errorRate > 1) {
			throw new IllegalStateException("product.fault.error-rate must be from 0 to 1, but is " + errorRate);
		}
		if (properties.getFault().getLatency().isNegative()) {
			throw new IllegalStateException(
					"product.fault.latency must not be negative, but is " + properties.getFault().getLatency());
		}
		if (properties.getRelease().getVersion().isBlank()) {
			throw new IllegalStateException("product.release.version must not be blank");
		}
		this.version = properties.getRelease().getVersion();
		this.errorRate = errorRate;
		this.latency = properties.getFault().getLatency();
	}

	@Override
	public int getOrder() {
		return Ordered.HIGHEST_PRECEDENCE;
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		// before commit: error answers are written by an exception handler later on
		exchange.getResponse().beforeCommit(() -> Mono.fromRunnable(() -> {
			if (!exchange.getResponse().getHeaders().containsHeader(HEADER)) {
				exchange.getResponse().getHeaders().set(HEADER, this.version);
			}
		}));
		String path = exchange.getRequest().getPath().pathWithinApplication().value();
		if (!path.equals("/products") && !path.startsWith("/products/")) {
			return chain.filter(exchange);
		}
		Mono<Void> delay = this.latency.isZero() ? Mono.empty() : Mono.delay(this.latency).then();
		if (failsNext()) {
			return delay.then(Mono.error(Problems.of(HttpStatus.INTERNAL_SERVER_ERROR, "injected-release-fault",
					"Injected release fault",
					"Release " + this.version + " failed this request on purpose " + "(product.fault.error-rate)")));
		}
		return delay.then(chain.filter(exchange));
	}

	/**
	 * Whether the next request fails: the n-th does when n times the error rate, rounded
	 * down, goes up, so any run of requests gets its share of errors to within one.
	 */
	private boolean failsNext() {
		if (this.errorRate <= 0) {
			return false;
		}
		long n = this.requests.getAndIncrement();
		return (long) Math.floor((n + 1) * this.errorRate) > (long) Math.floor(n * this.errorRate);
	}

}
