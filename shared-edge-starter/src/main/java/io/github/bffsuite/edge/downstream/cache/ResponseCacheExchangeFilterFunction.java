package io.github.bffsuite.edge.downstream.cache;

import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;

import io.github.bffsuite.edge.downstream.EdgeDownstreamProperties;
import io.github.bffsuite.edge.downstream.cache.ResponseCacheMetrics.Result;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.BodyExtractors;
import org.springframework.web.reactive.function.client.ClientRequest;
import org.springframework.web.reactive.function.client.ClientResponse;
import org.springframework.web.reactive.function.client.ExchangeFilterFunction;
import org.springframework.web.reactive.function.client.ExchangeFunction;
import org.springframework.web.reactive.function.client.ExchangeStrategies;

/**
 * A shared HTTP cache (RFC 9111) for the GET calls of one downstream's {@code WebClient},
 * so that every caller of the downstream gets it.
 * <ul>
 * <li>Keys hold the downstream, method, path, sorted query and tenant; the
 * {@link VarySpec} kept per resource adds every header named in {@code Vary} and, for
 * {@code Cache-Control: private} answers, the principal. A private answer without a
 * principal is not kept.</li>
 * <li>Only 200 answers with {@code max-age}, {@code s-maxage}, or {@code no-cache} and an
 * {@code ETag} are kept, for at most {@code max-ttl}; {@code no-store},
 * {@code Set-Cookie}, {@code Vary: *}, errors and bodies above {@code max-entry-size}
 * never are. No heuristic freshness.</li>
 * <li>A stale entry with an {@code ETag} is revalidated with {@code If-None-Match}; a 304
 * refreshes it.</li>
 * <li>Concurrent misses of one key in this instance make one call (like nginx's
 * {@code proxy_cache_lock}); a waiter reuses the answer only when it could have been
 * served from the cache to it, else it makes its own call.</li>
 * </ul>
 * Calls that carry their own conditional or range headers, or ask for a stream, pass
 * through. Written by hand because neither Spring, Caffeine nor Redis provide an HTTP
 * cache for {@code WebClient}; storage, bounds and expiry are Caffeine's or Redis's.
 */
public class ResponseCacheExchangeFilterFunction implements ExchangeFilterFunction {

	private static final Set<String> BYPASS_REQUEST_HEADERS = Set.of(HttpHeaders.IF_NONE_MATCH,
			HttpHeaders.IF_MODIFIED_SINCE, HttpHeaders.IF_MATCH, HttpHeaders.IF_UNMODIFIED_SINCE, HttpHeaders.RANGE);

	private final String downstream;

	private final StoragePolicy policy;

	private final ResponseCacheStore store;

	private final ResponseCacheMetrics metrics;

	private final Clock clock;

	private final Map<String, Mono<Fetched>> inFlight = new ConcurrentHashMap<>();

	private final AtomicReference<ExchangeStrategies> strategies = new AtomicReference<>(
			ExchangeStrategies.withDefaults());

	public ResponseCacheExchangeFilterFunction(String downstream, EdgeDownstreamProperties.Cache properties,
			ResponseCacheStore store, ResponseCacheMetrics metrics, Clock clock) {
		this.downstream = downstream;
		this.policy = new StoragePolicy(properties);
		this.store = store;
		this.metrics = metrics;
		this.clock = clock;
	}

	@Override
	public Mono<ClientResponse> filter(ClientRequest request, ExchangeFunction next) {
		if (!HttpMethod.GET.equals(request.method())) {
			return next.exchange(request);
		}
		if (bypasses(request.headers())) {
			this.metrics.record(Result.BYPASS);
			return next.exchange(request);
		}
		String principal = CacheKeys.principal(request.headers());
		String resourceKey = CacheKeys.resource(this.downstream, request.method(), request.url(),
				CacheKeys.tenant(request.headers()));
		return this.store.findSpec(resourceKey)
			.map(Lookup::new)
			.defaultIfEmpty(new Lookup(null))
			.flatMap((lookup) -> lookup(lookup.spec(), request, next, resourceKey, principal));
	}

	private Mono<ClientResponse> lookup(@Nullable VarySpec spec, ClientRequest request, ExchangeFunction next,
			String resourceKey, @Nullable String principal) {
		if (spec == null) {
			// nothing known about the resource: coalesce on the resource, each waiter
			// then checks the answer's Vary and privacy against its own request
			return fetch(resourceKey, null, request, next, resourceKey, principal);
		}
		if (spec.perPrincipal() && principal == null) {
			this.metrics.record(Result.BYPASS);
			return next.exchange(request);
		}
		String variantKey = CacheKeys.variant(resourceKey, spec, principal, request.headers());
		return this.store.find(variantKey).map(Lookup::new).defaultIfEmpty(new Lookup(null)).flatMap((lookup) -> {
			CachedResponse cached = lookup.response();
			if (cached != null && cached.isFresh(this.clock.millis())) {
				this.metrics.record(Result.HIT);
				return Mono.just(toClientResponse(cached.status(), cached.headers(), cached.body()));
			}
			CachedResponse stale = (cached != null && cached.etag() != null) ? cached : null;
			return fetch(variantKey, stale, request, next, resourceKey, principal);
		});
	}

	private Mono<ClientResponse> fetch(String coalesceKey, @Nullable CachedResponse stale, ClientRequest request,
			ExchangeFunction next, String resourceKey, @Nullable String principal) {
		return Mono.defer(() -> {
			boolean[] leader = { false };
			Mono<Fetched> call = this.inFlight.computeIfAbsent(coalesceKey, (key) -> {
				leader[0] = true;
				AtomicReference<Mono<Fetched>> self = new AtomicReference<>();
				Mono<Fetched> shared = call(stale, request, next, resourceKey, principal)
					// leave the map before the answer goes out, so a caller that comes
					// after it asks the cache, never this finished call
					.doOnSuccess((fetched) -> this.inFlight.remove(key, self.get()))
					.doOnError((ex) -> this.inFlight.remove(key, self.get()))
					.doOnCancel(() -> this.inFlight.remove(key, self.get()))
					.share();
				self.set(shared);
				return shared;
			});
			if (!leader[0]) {
				this.metrics.record(Result.COALESCED);
				return call.flatMap((fetched) -> {
					if (fetched.servable(request.headers(), principal)) {
						return Mono.just(toClientResponse(fetched.status(), fetched.headers(), fetched.body()));
					}
					// the answer was for someone else or another variant: ask for ours
					return next.exchange(request);
				});
			}
			this.metrics.record((stale != null) ? Result.REVALIDATED : Result.MISS);
			return call.map((fetched) -> toClientResponse(fetched.status(), fetched.headers(), fetched.body()));
		});
	}

	private Mono<Fetched> call(@Nullable CachedResponse stale, ClientRequest request, ExchangeFunction next,
			String resourceKey, @Nullable String principal) {
		ClientRequest sent = (stale != null)
				? ClientRequest.from(request).headers((headers) -> headers.setIfNoneMatch(stale.etag())).build()
				: request;
		return next.exchange(sent).flatMap((response) -> {
			this.strategies.set(response.strategies());
			if (stale != null && response.statusCode().value() == HttpStatus.NOT_MODIFIED.value()) {
				return response.releaseBody()
					.then(Mono.defer(() -> revalidated(stale, response, request, resourceKey, principal)));
			}
			return DataBufferUtils.join(response.body(BodyExtractors.toDataBuffers())).map((buffer) -> {
				try {
					byte[] bytes = new byte[buffer.readableByteCount()];
					buffer.read(bytes);
					return bytes;
				}
				finally {
					DataBufferUtils.release(buffer);
				}
			}).defaultIfEmpty(new byte[0]).flatMap((body) -> store(response, body, request, resourceKey, principal));
		});
	}

	private Mono<Fetched> revalidated(CachedResponse stale, ClientResponse notModified, ClientRequest request,
			String resourceKey, @Nullable String principal) {
		long now = this.clock.millis();
		HttpHeaders headers = notModified.headers().asHttpHeaders();
		CacheDirectives directives = CacheDirectives.parse(headers.getValuesAsList(HttpHeaders.CACHE_CONTROL));
		VarySpec spec = VarySpec.of(directives.isPrivate(), headers.getValuesAsList(HttpHeaders.VARY));
		Duration lifetime = directives.freshness(spec.perPrincipal());
		if (lifetime == null) {
			// the 304 carries no caching headers: the stored ones still apply
			lifetime = Duration.ofMillis(Math.max(0, stale.freshUntil() - stale.storedAt()));
		}
		lifetime = this.policy.freshness(lifetime, headers);
		Map<String, List<String>> updated = new LinkedHashMap<>();
		for (String name : List.of(HttpHeaders.ETAG, HttpHeaders.CACHE_CONTROL, HttpHeaders.EXPIRES, HttpHeaders.DATE,
				HttpHeaders.LAST_MODIFIED, HttpHeaders.VARY)) {
			List<String> values = headers.get(name);
			if (values != null && !values.isEmpty()) {
				// as sent: getValuesAsList would unquote entity tags
				updated.put(name, List.copyOf(values));
			}
		}
		CachedResponse refreshed = stale.revalidated(now, now + lifetime.toMillis(), updated);
		Fetched fetched = new Fetched(refreshed.status(), refreshed.headers(), refreshed.body(), request.headers(),
				principal, true, spec);
		if (directives.noStore() || (spec.perPrincipal() && principal == null) || spec.headers().contains("*")) {
			return Mono.just(fetched.unshared());
		}
		String variantKey = CacheKeys.variant(resourceKey, spec, principal, request.headers());
		return this.store
			.save(resourceKey, spec, variantKey, refreshed, this.policy.retention(lifetime, refreshed.etag()))
			.thenReturn(fetched);
	}

	private Mono<Fetched> store(ClientResponse response, byte[] body, ClientRequest request, String resourceKey,
			@Nullable String principal) {
		HttpHeaders headers = response.headers().asHttpHeaders();
		Map<String, List<String>> kept = StoragePolicy.storedHeaders(headers);
		int status = response.statusCode().value();
		CacheDirectives directives = CacheDirectives.parse(headers.getValuesAsList(HttpHeaders.CACHE_CONTROL));
		VarySpec spec = VarySpec.of(directives.isPrivate(), headers.getValuesAsList(HttpHeaders.VARY));
		boolean storable = this.policy.storable(status, headers, directives, spec, principal, request.headers(),
				body.length);
		Fetched fetched = new Fetched(status, kept, body, request.headers(), principal, storable, spec);
		Duration lifetime = directives.freshness(spec.perPrincipal());
		if (!storable || lifetime == null) {
			return Mono.just(fetched);
		}
		lifetime = this.policy.freshness(lifetime, headers);
		String etag = headers.getETag();
		if (lifetime.isZero() && etag == null) {
			return Mono.just(fetched);
		}
		long now = this.clock.millis();
		CachedResponse cached = new CachedResponse(status, kept, body, now, now + lifetime.toMillis(), etag);
		String variantKey = CacheKeys.variant(resourceKey, spec, principal, request.headers());
		return this.store.save(resourceKey, spec, variantKey, cached, this.policy.retention(lifetime, etag))
			.thenReturn(fetched);
	}

	private static boolean bypasses(HttpHeaders headers) {
		for (String name : BYPASS_REQUEST_HEADERS) {
			if (headers.containsHeader(name)) {
				return true;
			}
		}
		// the caller wants the service's own answer now
		CacheDirectives asked = CacheDirectives.parse(headers.getValuesAsList(HttpHeaders.CACHE_CONTROL));
		if (asked.noCache() || asked.noStore()) {
			return true;
		}
		for (MediaType accepted : headers.getAccept()) {
			if (MediaType.TEXT_EVENT_STREAM.isCompatibleWith(accepted) && !accepted.isWildcardType()
					|| MediaType.APPLICATION_NDJSON.equalsTypeAndSubtype(accepted)) {
				return true;
			}
		}
		return false;
	}

	private ClientResponse toClientResponse(int status, Map<String, List<String>> headers, byte[] body) {
		return ClientResponse.create(HttpStatusCode.valueOf(status), this.strategies.get())
			.headers((target) -> headers.forEach(target::addAll))
			.body(Flux.defer(() -> Flux.just(DefaultDataBufferFactory.sharedInstance.wrap(body))))
			.build();
	}

	private record Lookup(@Nullable Object found) {

		@Nullable VarySpec spec() {
			return (this.found instanceof VarySpec spec) ? spec : null;
		}

		@Nullable CachedResponse response() {
			return (this.found instanceof CachedResponse response) ? response : null;
		}

	}

}
