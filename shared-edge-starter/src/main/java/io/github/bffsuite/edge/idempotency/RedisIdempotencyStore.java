package io.github.bffsuite.edge.idempotency;

import java.time.Duration;
import java.util.List;

import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;

/**
 * Idempotency keys in Redis, shared by every instance: one hash per scoped key, taken and
 * completed by Lua scripts so that two instances never both run a request.
 */
public class RedisIdempotencyStore implements IdempotencyStore {

	private final ReactiveStringRedisTemplate redis;

	private final RedisScript<List<Object>> reserveScript;

	private final RedisScript<Long> completeScript;

	private final String keyPrefix;

	private final Duration timeout;

	private final JsonMapper json = JsonMapper.builder().build();

	public RedisIdempotencyStore(ReactiveStringRedisTemplate redis, RedisScript<List<Object>> reserveScript,
			RedisScript<Long> completeScript, String keyPrefix, Duration timeout) {
		this.redis = redis;
		this.reserveScript = reserveScript;
		this.completeScript = completeScript;
		this.keyPrefix = keyPrefix;
		this.timeout = timeout;
	}

	@Override
	public Mono<Reservation> reserve(String key, String fingerprint, Duration lockTimeout) {
		return this.redis
			.execute(this.reserveScript, List.of(redisKey(key)),
					List.of(fingerprint, Long.toString(lockTimeout.toMillis())))
			.next()
			.timeout(this.timeout)
			.map(this::reservation);
	}

	private Reservation reservation(List<Object> reply) {
		return switch (String.valueOf(reply.get(0))) {
			case "acquired" -> Reservation.ACQUIRED;
			case "mismatch" -> Reservation.MISMATCH;
			case "in-flight" -> Reservation.IN_FLIGHT;
			default -> Reservation.completed(this.json.readValue(String.valueOf(reply.get(1)), StoredResponse.class));
		};
	}

	@Override
	public Mono<Void> complete(String key, String fingerprint, StoredResponse response, Duration ttl) {
		return this.redis
			.execute(this.completeScript, List.of(redisKey(key)),
					List.of(fingerprint, this.json.writeValueAsString(response), Long.toString(ttl.toMillis())))
			.next()
			.timeout(this.timeout)
			.then();
	}

	@Override
	public Mono<Void> release(String key) {
		return this.redis.delete(redisKey(key)).timeout(this.timeout).then();
	}

	private String redisKey(String key) {
		// the whole scoped key is the hash tag: one slot per key on Redis Cluster
		return this.keyPrefix + "{" + key + "}";
	}

}
