package io.github.bffsuite.edge.graphql.persisted;

import java.time.Duration;

import reactor.core.publisher.Mono;

import org.springframework.data.redis.core.ReactiveStringRedisTemplate;

/**
 * Keeps registered documents in Redis, shared by every instance, under
 * {@code <prefix>{<hash>}} (a hash tag, so each key has its own Redis Cluster slot). Each
 * read renews the key's time to live.
 */
public class RedisPersistedQueryStore implements PersistedQueryStore {

	private final ReactiveStringRedisTemplate redis;

	private final String keyPrefix;

	private final Duration timeToLive;

	public RedisPersistedQueryStore(ReactiveStringRedisTemplate redis, String keyPrefix, Duration timeToLive) {
		this.redis = redis;
		this.keyPrefix = keyPrefix;
		this.timeToLive = timeToLive;
	}

	@Override
	public Mono<String> get(String hash) {
		return this.redis.opsForValue().getAndExpire(key(hash), this.timeToLive);
	}

	@Override
	public Mono<Void> put(String hash, String document) {
		return this.redis.opsForValue().set(key(hash), document, this.timeToLive).then();
	}

	/**
	 * Return the Redis key of a hash.
	 * @param hash the hash
	 * @return the key
	 */
	public String key(String hash) {
		return this.keyPrefix + "{" + hash + "}";
	}

}
