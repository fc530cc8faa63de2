package io.github.bffsuite.edge.idempotency;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

import io.github.bffsuite.edge.identity.EdgeAuthentication;
import io.github.bffsuite.edge.identity.EdgePrincipal;
import io.github.bffsuite.edge.ratelimit.EdgeRateLimitWebFilter;
import io.github.bffsuite.edge.support.RequestRule;
import io.github.bffsuite.edge.web.EdgeProblems;
import io.github.bffsuite.edge.web.ProblemResponseWriter;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.core.Ordered;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

/**
 * Makes the bound unsafe requests idempotent by their {@code Idempotency-Key} header
 * (IETF draft-ietf-httpapi-idempotency-key-header), whatever serves them: the first
 * request with a key runs and its response is kept; a retry with the same key and payload
 * gets that response again, marked {@code Idempotent-Replayed: true}; the same key with
 * another payload is a 422, and a retry while the first still runs a 409. Keys are scoped
 * per principal. Runs after authentication and rate limits.
 */
public class IdempotencyWebFilter implements WebFilter, Ordered {

	/**
	 * Order of this filter: after the rate limits, so that the caller is known and a
	 * refused request never takes a key.
	 */
	public static final int ORDER = EdgeRateLimitWebFilter.ORDER + 10;

	/** Response header that marks a replayed response. */
	public static final String REPLAYED_HEADER = "Idempotent-Replayed";

	private static final Log logger = LogFactory.getLog(IdempotencyWebFilter.class);

	private final EdgeIdempotencyProperties properties;

	private final IdempotencyStore store;

	private final ProblemResponseWriter problems;

	private final IdempotencyMetrics metrics;

	private final List<RequestRule.Matcher> bindings;

	public IdempotencyWebFilter(EdgeIdempotencyProperties properties, IdempotencyStore store,
			ProblemResponseWriter problems, IdempotencyMetrics metrics) {
		this.properties = properties;
		this.store = store;
		this.problems = problems;
		this.metrics = metrics;
		this.bindings = properties.getBindings().stream().map(RequestRule::matcher).toList();
	}

	@Override
	public int getOrder() {
		return ORDER;
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		if (!matches(exchange.getRequest())) {
			return chain.filter(exchange);
		}
		String key = key(exchange.getRequest().getHeaders().getFirst(this.properties.getHeader()));
		if (key == null) {
			this.metrics.record("missing");
			return refuse(exchange, HttpStatus.BAD_REQUEST, "idempotency-key-missing",
					"This request needs an " + this.properties.getHeader() + " header: 1 to "
							+ this.properties.getMaxKeyLength()
							+ " visible ASCII characters, unique per operation (a UUID does)");
		}
		int maxBytes = (int) Math.min(Integer.MAX_VALUE, this.properties.getMaxRequestSize().toBytes());
		return Mono.zip(scope(exchange), body(exchange.getRequest(), maxBytes)).flatMap((scopeAndBody) -> {
			String scopedKey = sha256(scopeAndBody.getT1() + "\n" + key);
			byte[] body = scopeAndBody.getT2();
			String fingerprint = fingerprint(exchange.getRequest(), body);
			return this.store.reserve(scopedKey, fingerprint, this.properties.getLockTimeout())
				.map(Optional::of)
				.onErrorResume((ex) -> {
					logger.warn("Idempotency store unavailable: " + ex);
					return Mono.just(Optional.empty());
				})
				.flatMap((reservation) -> reservation
					.map((taken) -> decide(exchange, chain, taken, scopedKey, fingerprint, body))
					.orElseGet(() -> unavailable(exchange)));
		})
			.onErrorResume(DataBufferLimitException.class,
					(ex) -> refuse(exchange, HttpStatus.PAYLOAD_TOO_LARGE,
							EdgeProblems.slug(HttpStatus.PAYLOAD_TOO_LARGE),
							"The request body is larger than " + this.properties.getMaxRequestSize()));
	}

	private Mono<Void> decide(ServerWebExchange exchange, WebFilterChain chain,
			IdempotencyStore.Reservation reservation, String scopedKey, String fingerprint, byte[] body) {
		return switch (reservation.state()) {
			case ACQUIRED -> {
				this.metrics.record("executed");
				yield execute(exchange, chain, scopedKey, fingerprint, body);
			}
			case COMPLETED -> {
				this.metrics.record("replayed");
				yield replay(exchange.getResponse(), reservation.response());
			}
			case IN_FLIGHT -> {
				this.metrics.record("in_flight");
				exchange.getResponse().getHeaders().set(HttpHeaders.RETRY_AFTER, "1");
				yield refuse(exchange, HttpStatus.CONFLICT, "idempotency-key-in-flight", "A request with this "
						+ this.properties.getHeader() + " is still being processed; retry once it has completed");
			}
			case MISMATCH -> {
				this.metrics.record("mismatch");
				yield refuse(exchange, HttpStatus.UNPROCESSABLE_CONTENT, "idempotency-key-mismatch", "This "
						+ this.properties.getHeader()
						+ " was already used for a request with a different payload; use a new key for a new operation");
			}
		};
	}

	private Mono<Void> execute(ServerWebExchange exchange, WebFilterChain chain, String scopedKey, String fingerprint,
			byte[] body) {
		KeepingResponse response = new KeepingResponse(exchange.getResponse(),
				this.properties.getMaxResponseSize().toBytes(),
				(kept) -> (kept != null) ? this.store.complete(scopedKey, fingerprint, kept, this.properties.getTtl())
					.onErrorResume((ex) -> logAndRelease(scopedKey, ex)) : release(scopedKey));
		ServerWebExchange keeping = exchange.mutate()
			.request(new CachedBodyRequest(exchange.getRequest(), body))
			.response(response)
			.build();
		return chain.filter(keeping)
			.then(Mono.defer(() -> response.isDecided() ? Mono.<Void>empty() : release(scopedKey)))
			.onErrorResume((ex) -> release(scopedKey).then(Mono.error(ex)))
			.doOnCancel(() -> {
				if (!response.isDecided()) {
					release(scopedKey).subscribe();
				}
			});
	}

	private Mono<Void> logAndRelease(String scopedKey, Throwable ex) {
		logger.warn("Idempotency store did not keep a response: " + ex);
		return release(scopedKey);
	}

	private Mono<Void> release(String scopedKey) {
		return this.store.release(scopedKey).onErrorResume((ex) -> {
			logger.warn("Idempotency store did not release a key: " + ex);
			return Mono.empty();
		});
	}

	private Mono<Void> replay(ServerHttpResponse response, @Nullable StoredResponse stored) {
		if (stored == null) {
			return Mono.error(new IllegalStateException("Completed reservation without a response"));
		}
		response.setStatusCode(HttpStatusCode.valueOf(stored.status()));
		HttpHeaders headers = response.getHeaders();
		stored.headers().forEach((name, values) -> {
			headers.remove(name);
			headers.addAll(name, values);
		});
		headers.set(REPLAYED_HEADER, "true");
		return response.writeWith(Mono.just(response.bufferFactory().wrap(stored.body())));
	}

	private Mono<Void> unavailable(ServerWebExchange exchange) {
		this.metrics.record("unavailable");
		exchange.getResponse().getHeaders().set(HttpHeaders.RETRY_AFTER, "1");
		return refuse(exchange, HttpStatus.SERVICE_UNAVAILABLE, "idempotency-unavailable",
				"Idempotency keys cannot be checked right now; retry with the same key");
	}

	private Mono<Void> refuse(ServerWebExchange exchange, HttpStatus status, String slug, String detail) {
		ProblemDetail problem = EdgeProblems.problem(status, slug, detail);
		return this.problems.write(exchange, problem);
	}

	private boolean matches(ServerHttpRequest request) {
		for (RequestRule.Matcher binding : this.bindings) {
			if (binding.matches(request.getMethod(), request.getPath().pathWithinApplication())) {
				return true;
			}
		}
		return false;
	}

	/**
	 * The key of a header value: an RFC 8941 string ({@code "..."}) as the draft writes
	 * it, or the bare characters that many clients send.
	 */
	private @Nullable String key(@Nullable String header) {
		if (header == null) {
			return null;
		}
		String key = header.strip();
		if (key.length() >= 2 && key.startsWith("\"") && key.endsWith("\"")) {
			key = key.substring(1, key.length() - 1);
		}
		if (key.isEmpty() || key.length() > this.properties.getMaxKeyLength()) {
			return null;
		}
		for (int i = 0; i < key.length(); i++) {
			char c = key.charAt(i);
			if (c < 0x21 || c > 0x7e || c == '"' || c == '\\') {
				return null;
			}
		}
		return key;
	}

	private static Mono<String> scope(ServerWebExchange exchange) {
		return exchange.getPrincipal()
			.map((principal) -> (principal instanceof EdgeAuthentication authentication)
					? scope(authentication.getPrincipal()) : "principal:" + principal.getName())
			.defaultIfEmpty("anonymous:" + remoteAddress(exchange.getRequest()));
	}

	private static String scope(EdgePrincipal principal) {
		return principal.kind() + ":" + principal.tenantId() + ":" + principal.getName();
	}

	private static String remoteAddress(ServerHttpRequest request) {
		InetSocketAddress address = request.getRemoteAddress();
		return (address != null && address.getAddress() != null) ? address.getAddress().getHostAddress() : "unknown";
	}

	private static Mono<byte[]> body(ServerHttpRequest request, int maxBytes) {
		return DataBufferUtils.join(request.getBody(), maxBytes).map((buffer) -> {
			byte[] bytes = new byte[buffer.readableByteCount()];
			buffer.read(bytes);
			DataBufferUtils.release(buffer);
			return bytes;
		}).defaultIfEmpty(new byte[0]);
	}

	private static String fingerprint(ServerHttpRequest request, byte[] body) {
		MessageDigest digest = sha256();
		digest.update((request.getMethod().name() + " " + request.getURI().getRawPath() + "?"
				+ request.getURI().getRawQuery() + "\n")
			.getBytes(StandardCharsets.UTF_8));
		digest.update(body);
		return HexFormat.of().formatHex(digest.digest());
	}

	private static String sha256(String value) {
		return HexFormat.of().formatHex(sha256().digest(value.getBytes(StandardCharsets.UTF_8)));
	}

	private static MessageDigest sha256() {
		try {
			return MessageDigest.getInstance("SHA-256");
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * A request whose body was read to fingerprint it, handed on from memory.
	 */
	private static final class CachedBodyRequest extends ServerHttpRequestDecorator {

		private final byte[] body;

		CachedBodyRequest(ServerHttpRequest delegate, byte[] body) {
			super(delegate);
			this.body = body;
		}

		@Override
		public Flux<DataBuffer> getBody() {
			return Flux.defer(() -> (this.body.length == 0) ? Flux.empty()
					: Flux.just(DefaultDataBufferFactory.sharedInstance.wrap(this.body)));
		}

	}

	/**
	 * The class name, without an identity hash: Spring's filter chain names each filter's
	 * checkpoint with it on every request.
	 */
	@Override
	public String toString() {
		return getClass().getName();
	}

}
