package io.github.bffsuite.edge.security.apikey;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.data.redis.core.ReactiveStringRedisTemplate;

/**
 * API keys in Redis, shared by every gateway instance. Each key is a Redis hash at
 * {@code <prefix>{<key hash>}}; lookups are cached on the instance for a short TTL, so a
 * revocation takes effect everywhere within that TTL.
 */
public class RedisApiKeyStore implements ApiKeyStore {

	private static final int MAX_CACHED = 10_000;

	private final ReactiveStringRedisTemplate redis;

	private final String prefix;

	private final Duration cacheTtl;

	private final Clock clock;

	private final Map<String, Cached> cache = new ConcurrentHashMap<>();

	public RedisApiKeyStore(ReactiveStringRedisTemplate redis, String prefix, Duration cacheTtl, Clock clock) {
		this.redis = redis;
		this.prefix = prefix;
		this.cacheTtl = cacheTtl;
		this.clock = clock;
	}

	@Override
	public Mono<ApiKeyRecord> findByHash(String hash) {
		Instant now = this.clock.instant();
		Cached cached = this.cache.get(hash);
		if (cached != null && cached.expiresAt().isAfter(now)) {
			return Mono.justOrEmpty(cached.record());
		}
		return this.redis.<String, String>opsForHash()
			.entries(key(hash))
			.collectMap(Map.Entry::getKey, Map.Entry::getValue)
			.map((fields) -> Optional.ofNullable(fields.isEmpty() ? null : toRecord(hash, fields)))
			.doOnNext((record) -> remember(hash, record.orElse(null), now))
			.flatMap(Mono::justOrEmpty);
	}

	/**
	 * Add or replace a key.
	 * @param record the record
	 * @return completion
	 */
	public Mono<Void> save(ApiKeyRecord record) {
		Map<String, String> fields = new LinkedHashMap<>();
		fields.put("id", record.id());
		fields.put("tenant", record.tenant());
		fields.put("plan", record.plan());
		fields.put("scopes", String.join(" ", record.scopes()));
		fields.put("expiresAt", (record.expiresAt() != null) ? record.expiresAt().toString() : "");
		fields.put("revoked", Boolean.toString(record.revoked()));
		return this.redis.opsForHash().putAll(key(record.hash()), fields).then();
	}

	/**
	 * Revoke a key on every instance.
	 * @param hash the key hash
	 * @return completion
	 */
	public Mono<Void> revoke(String hash) {
		return this.redis.opsForHash().put(key(hash), "revoked", "true").then();
	}

	private String key(String hash) {
		return this.prefix + "{" + hash + "}";
	}

	private void remember(String hash, @Nullable ApiKeyRecord record, Instant now) {
		if (this.cache.size() >= MAX_CACHED) {
			this.cache.clear();
		}
		this.cache.put(hash, new Cached(record, now.plus(this.cacheTtl)));
	}

	private static ApiKeyRecord toRecord(String hash, Map<String, String> fields) {
		String expiresAt = fields.getOrDefault("expiresAt", "");
		Set<String> scopes = Arrays.stream(fields.getOrDefault("scopes", "").split("\\s+"))
			.filter((scope) -> !scope.isEmpty())
			.collect(Collectors.toUnmodifiableSet());
		return new ApiKeyRecord(fields.getOrDefault("id", "unknown"), hash, fields.getOrDefault("tenant", ""),
				fields.getOrDefault("plan", "basic"), scopes, expiresAt.isEmpty() ? null : Instant.parse(expiresAt),
				Boolean.parseBoolean(fields.get("revoked")));
	}

	private record Cached(@Nullable ApiKeyRecord record, Instant expiresAt) {

	}

}
