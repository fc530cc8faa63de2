package io.github.bffsuite.web.user;

import io.github.bffsuite.edge.identity.EdgePrincipal;
import io.github.bffsuite.edge.identity.IdentityHeadersGatewayFilter;
import io.github.bffsuite.edge.web.EdgeProblems;
import org.jspecify.annotations.Nullable;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.cloud.gateway.filter.GatewayFilter;
import org.springframework.cloud.gateway.filter.NettyWriteResponseFilter;
import org.springframework.cloud.gateway.filter.OrderedGatewayFilter;
import org.springframework.cloud.gateway.filter.factory.AbstractGatewayFilterFactory;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.http.server.reactive.ServerHttpResponseDecorator;
import org.springframework.web.server.ServerWebExchange;

/**
 * Applies {@link UserVisibility} to what user-service answers on a pass-through route
 * ({@code - ApplyUserVisibility} on the {@code users} route), so that
 * {@code GET /api/users/**} shows exactly what the GraphQL {@code User} type shows of the
 * same users: every JSON object of a successful answer that carries an {@code email}
 * loses it unless the caller may see that user's e-mail, judged by the object's
 * {@code id} and {@code tenantId} (an object without them loses it too).
 * <p>
 * It fails closed: a successful answer it cannot check (not JSON, compressed, larger than
 * {@value #MAX_BODY_BYTES} bytes, malformed) is a 502 problem, never passed on. The
 * caller's {@code Accept-Encoding} is not sent to the service, so the answer comes
 * uncompressed (the gateway still compresses what it sends if the server is configured
 * to). Error answers are problems about the request and pass unchanged.
 */
public class ApplyUserVisibilityGatewayFilterFactory extends AbstractGatewayFilterFactory<Object> {

	/**
	 * Order of the filter: before the filter that writes the service's answer, so that it
	 * writes through this one.
	 */
	public static final int ORDER = NettyWriteResponseFilter.WRITE_RESPONSE_FILTER_ORDER - 1;

	/** Largest answer checked: a batch of 100 users is about 25 KB. */
	public static final int MAX_BODY_BYTES = 1024 * 1024;

	private final JsonMapper json;

	public ApplyUserVisibilityGatewayFilterFactory(JsonMapper json) {
		super(Object.class);
		this.json = json;
	}

	@Override
	public GatewayFilter apply(Object config) {
		return new OrderedGatewayFilter((exchange, chain) -> {
			EdgePrincipal caller = exchange.getAttribute(IdentityHeadersGatewayFilter.PRINCIPAL_ATTRIBUTE);
			ServerHttpRequest request = exchange.getRequest()
				.mutate()
				.headers((headers) -> headers.remove(HttpHeaders.ACCEPT_ENCODING))
				.build();
			return chain.filter(exchange.mutate()
				.request(request)
				.response(new CheckedResponse(exchange.getResponse(), caller))
				.build());
		}, ORDER);
	}

	/**
	 * Remove every e-mail of a JSON tree that the caller may not see.
	 * @param node the tree, changed in place
	 * @param caller who asks, or {@code null}
	 * @return whether anything was removed
	 */
	static boolean hideEmails(JsonNode node, @Nullable EdgePrincipal caller) {
		boolean changed = false;
		if (node instanceof ObjectNode object) {
			if (object.has(UserVisibility.EMAIL)
					&& !UserVisibility.maySeeEmail(caller, text(object, "id"), text(object, "tenantId"))) {
				object.remove(UserVisibility.EMAIL);
				changed = true;
			}
			for (JsonNode child : object.values()) {
				changed |= hideEmails(child, caller);
			}
		}
		else if (node instanceof ArrayNode array) {
			for (JsonNode child : array) {
				changed |= hideEmails(child, caller);
			}
		}
		return changed;
	}

	private static @Nullable String text(ObjectNode object, String name) {
		JsonNode value = object.get(name);
		return (value != null && value.isString()) ? value.stringValue() : null;
	}

	private static RuntimeException unchecked(String why) {
		return EdgeProblems.exception(HttpStatus.BAD_GATEWAY, "bad-gateway",
				"user-service answered a body the gateway cannot check: " + why);
	}

	private final class CheckedResponse extends ServerHttpResponseDecorator {

		private final @Nullable EdgePrincipal caller;

		CheckedResponse(ServerHttpResponse delegate, @Nullable EdgePrincipal caller) {
			super(delegate);
			this.caller = caller;
		}

		@Override
		public Mono<Void> writeWith(Publisher<? extends DataBuffer> body) {
			HttpStatusCode status = getStatusCode();
			if (status != null && !status.is2xxSuccessful()) {
				return super.writeWith(body);
			}
			return DataBufferUtils.join(body, MAX_BODY_BYTES)
				.map(CheckedResponse::bytes)
				.defaultIfEmpty(new byte[0])
				.onErrorMap(DataBufferLimitException.class, (ex) -> unchecked("larger than " + MAX_BODY_BYTES))
				.flatMap((bytes) -> {
					byte[] checked = check(bytes);
					getHeaders().remove(HttpHeaders.TRANSFER_ENCODING);
					getHeaders().setContentLength(checked.length);
					return super.writeWith(Mono.fromSupplier(() -> bufferFactory().wrap(checked)));
				});
		}

		@Override
		public Mono<Void> writeAndFlushWith(Publisher<? extends Publisher<? extends DataBuffer>> body) {
			// a stream is checked as a whole, like any other answer
			return writeWith(Flux.from(body).concatMap(Flux::from));
		}

		private byte[] check(byte[] body) {
			if (body.length == 0) {
				return body;
			}
			String encoding = getHeaders().getFirst(HttpHeaders.CONTENT_ENCODING);
			if (encoding != null && !encoding.equalsIgnoreCase("identity")) {
				throw unchecked("encoded as " + encoding);
			}
			MediaType type = getHeaders().getContentType();
			if (type == null
					|| !(MediaType.APPLICATION_JSON.isCompatibleWith(type) || type.getSubtype().endsWith("+json"))) {
				throw unchecked("not JSON");
			}
			JsonNode tree;
			try {
				tree = ApplyUserVisibilityGatewayFilterFactory.this.json.readTree(body);
			}
			catch (JacksonException ex) {
				throw unchecked("malformed JSON");
			}
			return hideEmails(tree, this.caller)
					? ApplyUserVisibilityGatewayFilterFactory.this.json.writeValueAsBytes(tree) : body;
		}

		private static byte[] bytes(DataBuffer buffer) {
			try {
				byte[] bytes = new byte[buffer.readableByteCount()];
				buffer.read(bytes);
				return bytes;
			}
			finally {
				DataBufferUtils.release(buffer);
			}
		}

	}

}
