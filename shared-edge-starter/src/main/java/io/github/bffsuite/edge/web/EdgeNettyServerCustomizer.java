package io.github.bffsuite.edge.web;

import java.time.Duration;

import org.jspecify.annotations.Nullable;
import reactor.netty.http.server.HttpRequestDecoderSpec;
import reactor.netty.http.server.HttpServer;

import org.springframework.boot.reactor.netty.NettyReactiveWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.core.Ordered;

/**
 * Hardens the Netty server of a gateway: bounded header size, read timeout while a
 * request arrives, and idle timeout so that no client connection stays open forever. Runs
 * after Spring Boot's own customizer so the edge settings win, keeping the other decoder
 * settings Spring Boot made ({@code server.netty.max-initial-line-length}, ...).
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
		factory.addServerCustomizers((server) -> {
			// httpRequestDecoder starts from a new spec: carry over what Spring Boot set
			// (server.netty.max-initial-line-length, validate-headers, ...) so that only
			// the header size changes
			HttpRequestDecoderSpec current = server.configuration().decoder();
			HttpServer configured = server
				.httpRequestDecoder((decoder) -> copy(current, decoder).maxHeaderSize(maxHeaderSize));
			// zero switches a timeout off (each adds a pipeline handler and a scheduled
			// task per request; docs/benchmarks.md measures them)
			if (isSet(this.limits.getIdleTimeout())) {
				configured = configured.idleTimeout(this.limits.getIdleTimeout());
			}
			return isSet(this.limits.getReadTimeout()) ? configured.readTimeout(this.limits.getReadTimeout())
					: configured;
		});
	}

	private static boolean isSet(@Nullable Duration timeout) {
		return timeout != null && !timeout.isZero() && !timeout.isNegative();
	}

	private static HttpRequestDecoderSpec copy(HttpRequestDecoderSpec from, HttpRequestDecoderSpec to) {
		return to.maxInitialLineLength(from.maxInitialLineLength())
			.maxHeaderSize(from.maxHeaderSize())
			.maxChunkSize(from.maxChunkSize())
			.validateHeaders(from.validateHeaders())
			.initialBufferSize(from.initialBufferSize())
			.allowDuplicateContentLengths(from.allowDuplicateContentLengths())
			.allowPartialChunks(from.allowPartialChunks())
			.h2cMaxContentLength(from.h2cMaxContentLength());
	}

}
