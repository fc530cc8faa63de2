package io.github.bffsuite.edge.web;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import reactor.netty.DisposableServer;
import reactor.netty.http.client.HttpClient;
import reactor.netty.http.server.HttpServer;
import reactor.netty.http.server.HttpServerResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.http.server.reactive.AbstractServerHttpResponse;
import org.springframework.http.server.reactive.HttpHandler;
import org.springframework.http.server.reactive.ReactorHttpHandlerAdapter;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.http.server.reactive.ServerHttpResponseDecorator;
import org.springframework.mock.http.server.reactive.MockServerHttpResponse;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Reactor Netty's response headers are read directly only where the response's headers
 * are those, through decorators that hand them on unchanged.
 */
class NettyHeadersTests {

	@Test
	void readsNettysHeadersThroughDecoratorsThatHandThemOn() {
		List<String> seen = new ArrayList<>();
		HttpHandler handler = (request, response) -> {
			ServerHttpResponse decorated = new ServerHttpResponseDecorator(new ServerHttpResponseDecorator(response));
			decorated.getHeaders().set("X-Seen", "yes");
			io.netty.handler.codec.http.HttpHeaders netty = NettyHeaders.of(decorated);
			Object nativeResponse = ((AbstractServerHttpResponse) response).getNativeResponse();
			seen.add("native=" + (netty != null && netty == ((HttpServerResponse) nativeResponse).responseHeaders()));
			seen.add("value=" + ((netty != null) ? netty.get("X-Seen") : null));
			ServerHttpResponse ownHeaders = new ServerHttpResponseDecorator(response) {
				private final HttpHeaders headers = new HttpHeaders();

				@Override
				public HttpHeaders getHeaders() {
					return this.headers;
				}
			};
			seen.add("own=" + NettyHeaders.of(ownHeaders));
			return response.setComplete();
		};
		DisposableServer server = HttpServer.create()
			.host("127.0.0.1")
			.port(0)
			.handle(new ReactorHttpHandlerAdapter(handler))
			.bindNow();
		try {
			Integer status = HttpClient.create()
				.get()
				.uri("http://127.0.0.1:" + server.port() + "/")
				.response()
				.map((response) -> response.status().code())
				.block(Duration.ofSeconds(10));
			assertThat(status).isEqualTo(200);
		}
		finally {
			server.disposeNow();
		}
		assertThat(seen).containsExactly("native=true", "value=yes", "own=null");
		assertThat(NettyHeaders.of(new MockServerHttpResponse())).isNull();
	}

}
