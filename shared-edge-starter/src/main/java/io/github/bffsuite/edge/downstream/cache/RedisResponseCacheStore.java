package io.github.bffsuite.edge.downstream.cache;

import java.time.Duration;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.data.redis.core.ReactiveStringRedisTemplate;

/**
 * A response cache store in Redis, shared by every instance of a gateway: the spec and
 * each variant as a string with its own expiry ({@code SET ... PX}), the answer as JSON.
 * <p>
 * Redis bounds what it keeps with its own {@code maxmemory} policy and the expiries; the
 * cache bounds each entry by {@code max-entry-size}. A Redis that fails or is slow is a
 * miss, never an error of the call.
 */
public class RedisResponseCacheStore implements ResponseCacheStore {

	private static final Log logger = LogFactory.getLog(RedisResponseCacheStore.class);

	private final ReactiveStringRedisTemplate redis;

	private final String keyPrefix;

	private final Duration timeout;

	private final JsonMapper json = JsonMapper.builder().build();

	public RedisResponseCacheStore(ReactiveStringRedisTemplate redis, String keyPrefix, Duration timeout) {
		this.redis = redis;
		this.keyPrefix = keyPrefix;
		this.timeout = timeout;
	}

	@Override
	public Mono<VarySpec> findSpec(String resourceKey) {
		return read(resourceKey).map(VarySpec::decode);
	}

	@Override
	public Mono<CachedResponse> find(String variantKey) {
		return read(variantKey).map((value) -> this.json.readValue(value, CachedResponse.class));
	}

	private Mono<String> read(String key) {
		return this.redis.opsForValue()
			.get(this.keyPrefix + key)
			.timeout(this.timeout)
			.onErrorResume((ex) -> failed("read", ex));
	}

	@Override
	public Mono<Void> save(String resourceKey, VarySpec spec, String variantKey, CachedResponse response,
			Duration ttl) {
		return Mono
			.when(this.redis.opsForValue().set(this.keyPrefix + resourceKey, spec.encode(), ttl),
					this.redis.opsForValue()
						.set(this.keyPrefix + variantKey, this.json.writeValueAsString(response), ttl))
			.timeout(this.timeout)
			.onErrorResume((ex) -> failed("write", ex));
	}

	private <T> Mono<T> failed(String operation, Throwable ex) {
		if (logger.isDebugEnabled()) {
			logger.debug("Response cache " + operation + " failed, treated as a miss", ex);
		}
		return Mono.empty();
	}

}
