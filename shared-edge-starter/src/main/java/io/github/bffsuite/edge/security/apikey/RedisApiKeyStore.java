package io.github.bffsuite.edge.security.apikey;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bffsuite.edge.web.EdgeProblems;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.http.HttpStatus;

/**
 * API keys in Redis, shared by every gateway instance. Each key is a Redis hash at
 * {@code <prefix>{<key hash>}}, and a tenant's key hashes a set at
 * {@code <prefix>tenant:{<tenant>}}; lookups are cached on the instance for a short TTL,
 * so a revocation takes effect everywhere within that TTL.
 */
public class RedisApiKeyStore implements ApiKeyStore {

	private static final long MAX_CACHED = 10_000;

	private final ReactiveStringRedisTemplate redis;

	private final String prefix;

	private final Duration timeout;

	private final Cache<String, Optional<ApiKeyRecord>> cache;

	public RedisApiKeyStore(ReactiveStringRedisTemplate redis, String prefix, Duration cacheTtl, Clock clock) {
		this(redis, prefix, cacheTtl, Duration.ofSeconds(1), clock);
	}

	/**
	 * Create a store.
	 * @param redis the Redis template
	 * @param prefix the key prefix
	 * @param cacheTtl how long a lookup is remembered on this instance
	 * @param timeout longest wait for one lookup; a slower one fails with a 503 problem
	 * @param clock the clock
	 */
	public RedisApiKeyStore(ReactiveStringRedisTemplate redis, String prefix, Duration cacheTtl, Duration timeout,
			Clock clock) {
		this.redis = redis;
		this.prefix = prefix;
		this.timeout = timeout;
		this.cache = Caffeine.newBuilder()
			.maximumSize(MAX_CACHED)
			.expireAfterWrite(cacheTtl)
			.ticker(() -> TimeUnit.MILLISECONDS.toNanos(clock.millis()))
			// maintenance on the calling thread: no pool hop for a few map operations
			.executor(Runnable::run)
			.build();
	}

	@Override
	public @Nullable ApiKeyRecord findInMemory(String hash) {
		Optional<ApiKeyRecord> cached = this.cache.getIfPresent(hash);
		return (cached != null) ? cached.orElse(null) : null;
	}

	@Override
	public Mono<ApiKeyRecord> findByHash(String hash) {
		Optional<ApiKeyRecord> cached = this.cache.getIfPresent(hash);
		if (cached != null) {
			return Mono.justOrEmpty(cached);
		}
		return this.redis.<String, String>opsForHash()
			.entries(key(hash))
			.collectMap(Map.Entry::getKey, Map.Entry::getValue)
			.map((fields) -> Optional.ofNullable(fields.isEmpty() ? null : toRecord(hash, fields)))
			// a Redis that does not answer (a master failing over) must not hold the
			// request until the client's own command timeout
			.timeout(this.timeout)
			.onErrorMap((ex) -> EdgeProblems.exception(HttpStatus.SERVICE_UNAVAILABLE, "credentials-unavailable",
					"API keys cannot be checked right now; retry shortly"))
			.doOnNext((record) -> this.cache.put(hash, record))
			.flatMap(Mono::justOrEmpty);
	}

	@Override
	public Mono<Void> save(ApiKeyRecord record) {
		Map<String, String> fields = new LinkedHashMap<>();
		fields.put("id", record.id());
		fields.put("tenant", record.tenant());
		fields.put("plan", record.plan());
		fields.put("scopes", String.join(" ", record.scopes()));
		fields.put("expiresAt", instant(record.expiresAt()));
		fields.put("revoked", Boolean.toString(record.revoked()));
		fields.put("name", record.name());
		fields.put("hint", record.hint());
		fields.put("createdAt", instant(record.createdAt()));
		fields.put("lastUsedAt", instant(record.lastUsedAt()));
		fields.put("allowedIps", String.join(" ", record.allowedIps()));
		fields.put("clientId", record.clientId());
		return this.redis.opsForHash()
			.putAll(key(record.hash()), fields)
			.then(this.redis.opsForSet().add(tenantKey(record.tenant()), record.hash()))
			.doOnSuccess((added) -> this.cache.invalidate(record.hash()))
			.then();
	}

	@Override
	public Mono<Boolean> revoke(String hash) {
		return this.redis.hasKey(key(hash))
			.flatMap((exists) -> exists ? this.redis.opsForHash().put(key(hash), "revoked", "true").thenReturn(true)
					: Mono.just(false))
			.doOnSuccess((revoked) -> this.cache.invalidate(hash));
	}

	@Override
	public Flux<ApiKeyRecord> findByTenant(String tenant) {
		return this.redis.opsForSet()
			.members(tenantKey(tenant))
			.concatMap((hash) -> this.redis.<String, String>opsForHash()
				.entries(key(hash))
				.collectMap(Map.Entry::getKey, Map.Entry::getValue)
				.filter((fields) -> !fields.isEmpty())
				.map((fields) -> toRecord(hash, fields)))
			.filter((record) -> record.tenant().equals(tenant))
			.sort(java.util.Comparator.comparing(ApiKeyRecord::id));
	}

	@Override
	public Mono<Void> touch(String hash, Instant at) {
		// only an existing key: never recreate a deleted one as an empty hash
		return this.redis.hasKey(key(hash))
			.flatMap((exists) -> exists ? this.redis.opsForHash().put(key(hash), "lastUsedAt", at.toString())
					: Mono.just(false))
			.then();
	}

	private static String instant(@Nullable Instant instant) {
		return (instant != null) ? instant.toString() : "";
	}

	private String tenantKey(String tenant) {
		return this.prefix + "tenant:{" + tenant + "}";
	}

	private String key(String hash) {
		return this.prefix + "{" + hash + "}";
	}

	private static ApiKeyRecord toRecord(String hash, Map<String, String> fields) {
		String id = fields.getOrDefault("id", "unknown");
		return new ApiKeyRecord(id, hash, fields.getOrDefault("tenant", ""), fields.getOrDefault("plan", "basic"),
				Set.copyOf(words(fields.get("scopes"))), instant(fields.get("expiresAt")),
				Boolean.parseBoolean(fields.get("revoked")), fields.getOrDefault("name", id),
				fields.getOrDefault("hint", ""), instant(fields.get("createdAt")), instant(fields.get("lastUsedAt")),
				words(fields.get("allowedIps")), fields.getOrDefault("clientId", id));
	}

	private static List<String> words(@Nullable String value) {
		return (value != null) ? Arrays.stream(value.split("\\s+")).filter((word) -> !word.isEmpty()).toList()
				: List.of();
	}

	private static @Nullable Instant instant(@Nullable String value) {
		return (value != null && !value.isEmpty()) ? Instant.parse(value) : null;
	}

}
