package io.github.bffsuite.edge.web;

import org.junit.jupiter.api.Test;
import reactor.netty.http.server.HttpRequestDecoderSpec;
import reactor.netty.http.server.HttpServer;

import org.springframework.boot.reactor.netty.NettyReactiveWebServerFactory;
import org.springframework.boot.reactor.netty.NettyServerCustomizer;
import org.springframework.util.unit.DataSize;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link EdgeNettyServerCustomizer}: the edge's header size on top of Spring Boot's
 * decoder settings, not instead of them.
 */
class EdgeNettyServerCustomizerTests {

	@Test
	void setsTheHeaderSizeAndKeepsWhatSpringBootSet() {
		NettyReactiveWebServerFactory factory = new NettyReactiveWebServerFactory();
		// what Spring Boot's own customizer does for
		// server.netty.max-initial-line-length=16KB
		factory.addServerCustomizers((server) -> server
			.httpRequestDecoder((decoder) -> decoder.maxInitialLineLength(16384).validateHeaders(false)));
		EdgeWebProperties.Limits limits = new EdgeWebProperties().getLimits();
		limits.setServerMaxHeaderSize(DataSize.ofKilobytes(64));
		new EdgeNettyServerCustomizer(limits).customize(factory);
		HttpServer server = HttpServer.create();
		for (NettyServerCustomizer customizer : factory.getServerCustomizers()) {
			server = customizer.apply(server);
		}
		HttpRequestDecoderSpec decoder = server.configuration().decoder();
		assertThat(decoder.maxHeaderSize()).isEqualTo(64 * 1024);
		assertThat(decoder.maxInitialLineLength()).isEqualTo(16384);
		assertThat(decoder.validateHeaders()).isFalse();
	}

}
