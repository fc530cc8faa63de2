package io.github.bffsuite.edge.idempotency;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.http.server.reactive.ServerHttpResponseDecorator;

/**
 * A response that, before it is written, hands what the handler produced (status, the
 * headers it set, the body) to be kept for replays, or {@code null} when it must not be
 * kept: a server error, or a body over the size limit.
 */
final class KeepingResponse extends ServerHttpResponseDecorator {

	/** Headers that describe one transfer or one request, never replayed. */
	private static final Set<String> NOT_KEPT = Set.of("content-length", "transfer-encoding", "connection",
			"keep-alive", "date", "set-cookie");

	private final Set<String> earlierHeaders;

	private final long maxBytes;

	private final Function<@Nullable StoredResponse, Mono<Void>> keeper;

	private final AtomicBoolean decided = new AtomicBoolean();

	KeepingResponse(ServerHttpResponse delegate, long maxBytes, Function<@Nullable StoredResponse, Mono<Void>> keeper) {
		super(delegate);
		// headers set before the handler ran (request id, rate limits) belong to this
		// request, not to the response that is replayed
		this.earlierHeaders = Set
			.copyOf(delegate.getHeaders().headerNames().stream().map(KeepingResponse::lower).toList());
		this.maxBytes = maxBytes;
		this.keeper = keeper;
	}

	boolean isDecided() {
		return this.decided.get();
	}

	@Override
	public Mono<Void> writeWith(Publisher<? extends DataBuffer> body) {
		return DataBufferUtils.join(Flux.from(body))
			.defaultIfEmpty(bufferFactory().wrap(new byte[0]))
			.flatMap((buffer) -> {
				byte[] bytes = new byte[buffer.readableByteCount()];
				buffer.read(bytes);
				DataBufferUtils.release(buffer);
				return keep(bytes).then(getDelegate().writeWith(Mono.just(bufferFactory().wrap(bytes))));
			});
	}

	@Override
	public Mono<Void> writeAndFlushWith(Publisher<? extends Publisher<? extends DataBuffer>> body) {
		return writeWith(Flux.from(body).concatMap(Flux::from));
	}

	@Override
	public Mono<Void> setComplete() {
		return keep(new byte[0]).then(getDelegate().setComplete());
	}

	private Mono<Void> keep(byte[] body) {
		if (!this.decided.compareAndSet(false, true)) {
			return Mono.empty();
		}
		HttpStatusCode status = getStatusCode();
		int code = (status != null) ? status.value() : 200;
		if (code >= 500 || body.length > this.maxBytes) {
			return this.keeper.apply(null);
		}
		return this.keeper.apply(new StoredResponse(code, handlerHeaders(), body));
	}

	private Map<String, List<String>> handlerHeaders() {
		Map<String, List<String>> kept = new LinkedHashMap<>();
		HttpHeaders headers = getHeaders();
		headers.forEach((name, values) -> {
			String lower = lower(name);
			if (!this.earlierHeaders.contains(lower) && !NOT_KEPT.contains(lower)) {
				kept.put(name, List.copyOf(values));
			}
		});
		return kept;
	}

	private static String lower(String name) {
		return name.toLowerCase(Locale.ROOT);
	}

}
