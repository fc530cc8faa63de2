package io.github.bffsuite.edge.web;

import org.springframework.boot.reactor.netty.NettyReactiveWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.core.Ordered;

/**
 * Hardens the Netty server of a gateway: bounded header size, read timeout while a
 * request arrives, and idle timeout so that no client connection stays open forever. Runs
 * after Spring Boot's own customizer so the edge settings win.
 */
public class EdgeNettyServerCustomizer implements WebServerFactoryCustomizer<NettyReactiveWebServerFactory>, Ordered {

	private final EdgeWebProperties.Limits limits;

	public EdgeNettyServerCustomizer(EdgeWebProperties.Limits limits) {
		this.limits = limits;
	}

	@Override
	public int getOrder() {
		return Ordered.LOWEST_PRECEDENCE;
	}

	@Override
	public void customize(NettyReactiveWebServerFactory factory) {
		int maxHeaderSize = (int) Math.max(this.limits.getServerMaxHeaderSize().toBytes(),
				this.limits.getMaxHeaderSize().toBytes());
		factory.addServerCustomizers(
				(server) -> server.httpRequestDecoder((decoder) -> decoder.maxHeaderSize(maxHeaderSize))
					.idleTimeout(this.limits.getIdleTimeout())
					.readTimeout(this.limits.getReadTimeout()));
	}

}
