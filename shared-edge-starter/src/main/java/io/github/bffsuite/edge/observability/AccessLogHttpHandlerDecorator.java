package io.github.bffsuite.edge.observability;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

import io.github.bffsuite.edge.identity.EdgeAuthentication;
import io.github.bffsuite.edge.identity.EdgePrincipal;
import io.github.bffsuite.edge.web.LogCorrelation;
import io.github.bffsuite.edge.web.WholeBody;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.server.reactive.HttpHandler;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.http.server.reactive.ServerHttpResponseDecorator;
import org.springframework.web.server.ServerWebExchange;

/**
 * Wraps the whole HTTP handler of a gateway, outside of error handling, so that the
 * access log line sees the status and bytes the client really got, problem responses
 * included. {@link AccessLogExchangeWebFilter} hands it the exchange with the route and
 * the principal.
 */
public class AccessLogHttpHandlerDecorator implements Function<HttpHandler, HttpHandler> {

	/** Logger of the access log. */
	public static final String LOGGER = "edge.access";

	private static final Log logger = LogFactory.getLog(LOGGER);

	private final String client;

	private final String requestIdHeader;

	private final boolean log;

	private final ExchangeDetails details;

	public AccessLogHttpHandlerDecorator(String client, String requestIdHeader, boolean log, ExchangeDetails details) {
		this.client = client;
		this.requestIdHeader = requestIdHeader;
		this.log = log;
		this.details = details;
	}

	@Override
	public HttpHandler apply(HttpHandler handler) {
		return (request, response) -> {
			long start = System.nanoTime();
			CountingResponse counting = new CountingResponse(response);
			return handler.handle(request, counting).doFinally((signal) -> complete(request, counting, start));
		};
	}

	private void complete(ServerHttpRequest request, CountingResponse response, long start) {
		long nanos = System.nanoTime() - start;
		HttpStatusCode statusCode = response.getStatusCode();
		int status = (statusCode != null) ? statusCode.value() : 200;
		ServerWebExchange exchange = response.exchange;
		String route = (exchange != null) ? this.details.route(exchange) : "none";
		String method = request.getMethod().name();
		if (this.log && logger.isInfoEnabled()) {
			EdgePrincipal principal = (exchange != null) ? principal(exchange) : null;
			String requestId = response.getHeaders().getFirst(this.requestIdHeader);
			try (LogCorrelation correlation = LogCorrelation.open(exchange, requestId)) {
				logger.info(new AccessLogEntry(method, route, request.getPath().value(), status,
						TimeUnit.NANOSECONDS.toMillis(nanos), response.bytes.get(), requestId,
						(principal != null) ? principal.getName() : null,
						(principal != null) ? principal.tenantId() : null, this.client, correlation.traceId())
					.toJson());
			}
		}
	}

	private static @Nullable EdgePrincipal principal(ServerWebExchange exchange) {
		Object authentication = exchange.getAttribute(AccessLogExchangeWebFilter.PRINCIPAL_ATTRIBUTE);
		return (authentication instanceof EdgeAuthentication edge) ? edge.getPrincipal() : null;
	}

	/**
	 * Return the decorated response of an exchange, if this decorator wraps it.
	 * @param exchange the exchange
	 * @return the response or {@code null}
	 */
	static @Nullable CountingResponse counting(ServerWebExchange exchange) {
		ServerHttpResponse response = exchange.getResponse();
		while (response instanceof ServerHttpResponseDecorator decorator) {
			if (response instanceof CountingResponse counting) {
				return counting;
			}
			response = decorator.getDelegate();
		}
		return null;
	}

	/**
	 * What the access log takes from the exchange, where optional libraries are needed.
	 */
	public interface ExchangeDetails {

		/**
		 * Return a low-cardinality name of what handled the request.
		 * @param exchange the exchange
		 * @return the route id, the handler's path pattern, or {@code none}
		 */
		String route(ServerWebExchange exchange);

	}

	static final class CountingResponse extends ServerHttpResponseDecorator {

		private final AtomicLong bytes = new AtomicLong();

		private volatile @Nullable ServerWebExchange exchange;

		CountingResponse(ServerHttpResponse delegate) {
			super(delegate);
		}

		void exchange(ServerWebExchange exchange) {
			this.exchange = exchange;
		}

		@Override
		public Mono<Void> writeWith(Publisher<? extends DataBuffer> body) {
			// a whole body stays a Mono: Reactor Netty writes it with the headers at once
			if (body instanceof WholeBody whole) {
				return super.writeWith(whole.doOnNext(this::count));
			}
			return super.writeWith(Flux.from(body).doOnNext(this::count));
		}

		@Override
		public Mono<Void> writeAndFlushWith(Publisher<? extends Publisher<? extends DataBuffer>> body) {
			return super.writeAndFlushWith(Flux.from(body).map((inner) -> Flux.from(inner).doOnNext(this::count)));
		}

		private void count(DataBuffer buffer) {
			this.bytes.addAndGet(buffer.readableByteCount());
		}

	}

}
