package io.github.bffsuite.samples.support;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

import reactor.core.publisher.Mono;

import org.springframework.http.HttpStatus;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

/**
 * Adds latency and errors to API requests (never to {@code /actuator} or {@code /admin}).
 * The current settings can be changed at run time.
 */
public class FaultInjection implements WebFilter {

	private volatile Settings settings;

	public FaultInjection(FaultProperties properties) {
		this.settings = new Settings(properties.getLatency(), properties.getErrorRate());
	}

	/**
	 * Return the settings in force.
	 * @return the settings
	 */
	public Settings settings() {
		return this.settings;
	}

	/**
	 * Replace the settings in force.
	 * @param settings the new settings
	 */
	public void update(Settings settings) {
		this.settings = settings;
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		String path = exchange.getRequest().getPath().value();
		if (path.startsWith("/actuator") || path.startsWith("/admin")) {
			return chain.filter(exchange);
		}
		Settings current = this.settings;
		Mono<Void> delay = current.latency().isZero() ? Mono.empty() : Mono.delay(current.latency()).then();
		if (current.errorRate() > 0 && ThreadLocalRandom.current().nextDouble() < current.errorRate()) {
			return delay.then(Mono.error(Problems.of(HttpStatus.SERVICE_UNAVAILABLE, "injected-fault",
					"Service unavailable", "Injected fault")));
		}
		return delay.then(chain.filter(exchange));
	}

	/**
	 * Fault settings.
	 *
	 * @param latency added latency
	 * @param errorRate share of requests, from 0 to 1, answered with a 503
	 */
	public record Settings(Duration latency, double errorRate) {

		public Settings {
			if (latency.isNegative() || errorRate < 0 || errorRate > 1) {
				throw Problems.badRequest("latency must be >= 0 and errorRate within [0, 1]");
			}
		}

	}

}
