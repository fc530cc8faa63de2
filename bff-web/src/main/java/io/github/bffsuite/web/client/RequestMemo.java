package io.github.bffsuite.web.client;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import reactor.core.publisher.Mono;
import reactor.util.context.Context;

/**
 * The calls of one incoming request, so that identical reads inside it (the same service,
 * path and query, say two aliases of one field) are sent once and share the answer. It
 * lives in the Reactor context of the request; outside one, calls are not shared. Only
 * reads are memoized, never writes or streams.
 */
public final class RequestMemo {

	private static final Class<RequestMemo> KEY = RequestMemo.class;

	private final Map<String, Mono<?>> calls = new ConcurrentHashMap<>();

	private RequestMemo() {
	}

	/**
	 * Return a context that holds a new, empty memo.
	 * @return the context to write for one request
	 */
	public static Context newContext() {
		return Context.of(KEY, new RequestMemo());
	}

	/**
	 * Run a read once per request and key.
	 * @param <T> the result type
	 * @param key what identifies the call, such as its service and URI
	 * @param call the call
	 * @return the shared result
	 */
	@SuppressWarnings("unchecked")
	public static <T> Mono<T> once(String key, Supplier<Mono<T>> call) {
		return Mono.deferContextual((context) -> context.getOrEmpty(KEY)
			.map((memo) -> (Mono<T>) ((RequestMemo) memo).calls.computeIfAbsent(key, (k) -> call.get().cache()))
			.orElseGet(call));
	}

}
