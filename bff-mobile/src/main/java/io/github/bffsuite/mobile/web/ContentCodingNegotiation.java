package io.github.bffsuite.mobile.web;

import java.util.ArrayList;
import java.util.List;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.compression.Brotli;
import io.netty.handler.codec.compression.Zstd;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpRequest;
import reactor.netty.NettyPipeline;
import reactor.netty.http.server.HttpServer;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.reactor.netty.NettyServerCustomizer;
import org.springframework.stereotype.Component;

/**
 * Makes {@code server.compression} honour the weights of {@code Accept-Encoding}: Reactor
 * Netty's compressor picks brotli or zstd whenever they are listed, even with {@code q=0}
 * or below gzip's weight. A handler right after the HTTP codec decides with
 * {@link AcceptEncoding} and leaves the request only the coding it chose, which the
 * compressor then applies (pass-through services see that coding too).
 */
@Component
@ConditionalOnBooleanProperty("server.compression.enabled")
public class ContentCodingNegotiation implements NettyServerCustomizer {

	private static final String HANDLER = "bffMobileAcceptEncoding";

	private final NegotiatingHandler handler = new NegotiatingHandler(available());

	/**
	 * The codings Netty can apply, in its own order of preference.
	 */
	private static List<String> available() {
		List<String> codings = new ArrayList<>();
		if (Brotli.isAvailable()) {
			codings.add("br");
		}
		if (Zstd.isAvailable()) {
			codings.add("zstd");
		}
		codings.add("gzip");
		codings.add("deflate");
		return List.copyOf(codings);
	}

	@Override
	public HttpServer apply(HttpServer server) {
		return server.doOnChannelInit((observer, channel, address) -> {
			// HTTP/1.1 only: the one protocol this gateway's server speaks
			if (channel.pipeline().get(NettyPipeline.HttpCodec) != null) {
				channel.pipeline().addAfter(NettyPipeline.HttpCodec, HANDLER, this.handler);
			}
		});
	}

	@ChannelHandler.Sharable
	static final class NegotiatingHandler extends ChannelInboundHandlerAdapter {

		private final List<String> available;

		NegotiatingHandler(List<String> available) {
			this.available = available;
		}

		@Override
		public void channelRead(ChannelHandlerContext ctx, Object msg) {
			if (msg instanceof HttpRequest request) {
				HttpHeaders headers = request.headers();
				List<String> values = headers.getAll(HttpHeaderNames.ACCEPT_ENCODING);
				// no header means no preference, which the compressor reads as identity
				if (!values.isEmpty()) {
					headers.set(HttpHeaderNames.ACCEPT_ENCODING, negotiate(String.join(",", values)));
				}
			}
			ctx.fireChannelRead(msg);
		}

		private String negotiate(String acceptEncoding) {
			try {
				return AcceptEncoding.negotiate(acceptEncoding, this.available);
			}
			catch (RuntimeException ex) {
				// whatever the header holds, the request is answered, uncompressed at
				// worst
				return AcceptEncoding.IDENTITY;
			}
		}

	}

}
