package io.github.bffsuite.edge.downstream;

import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.cloud.gateway.filter.GatewayFilter;

/**
 * The {@link CallDownstreamGatewayFilterFactory} under its former route filter name,
 * {@code EdgeDownstream}, so that existing routes keep working.
 *
 * @deprecated since 0.1.0, use {@code CallDownstream} in routes and
 * {@link CallDownstreamGatewayFilterFactory} in code
 */
@Deprecated(since = "0.1.0")
public class EdgeDownstreamGatewayFilterFactory extends CallDownstreamGatewayFilterFactory {

	private static final Log logger = LogFactory.getLog(EdgeDownstreamGatewayFilterFactory.class);

	private final AtomicBoolean warned = new AtomicBoolean();

	public EdgeDownstreamGatewayFilterFactory(EdgeDownstreamClients clients) {
		super(clients);
	}

	@Override
	public GatewayFilter apply(Config config) {
		if (this.warned.compareAndSet(false, true)) {
			logger.warn("Route filter 'EdgeDownstream' is deprecated, use 'CallDownstream' instead");
		}
		return super.apply(config);
	}

}
