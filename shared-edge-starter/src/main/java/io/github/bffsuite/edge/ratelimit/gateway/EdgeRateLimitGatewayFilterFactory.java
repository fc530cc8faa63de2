package io.github.bffsuite.edge.ratelimit.gateway;

import java.util.concurrent.atomic.AtomicBoolean;

import io.github.bffsuite.edge.ratelimit.EdgeRateLimiter;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.cloud.gateway.filter.GatewayFilter;

/**
 * The {@link LimitRequestRateGatewayFilterFactory} under its former route filter name,
 * {@code EdgeRateLimit}, so that existing routes keep working.
 *
 * @deprecated since 0.1.0, use {@code LimitRequestRate} in routes and
 * {@link LimitRequestRateGatewayFilterFactory} in code
 */
@Deprecated(since = "0.1.0")
public class EdgeRateLimitGatewayFilterFactory extends LimitRequestRateGatewayFilterFactory {

	private static final Log logger = LogFactory.getLog(EdgeRateLimitGatewayFilterFactory.class);

	private final AtomicBoolean warned = new AtomicBoolean();

	public EdgeRateLimitGatewayFilterFactory(EdgeRateLimiter limiter) {
		super(limiter);
	}

	@Override
	public GatewayFilter apply(Config config) {
		if (this.warned.compareAndSet(false, true)) {
			logger.warn("Route filter 'EdgeRateLimit' is deprecated, use 'LimitRequestRate' instead");
		}
		return super.apply(config);
	}

}
