package io.github.bffsuite.edge.delivery;

import java.time.Duration;
import java.util.List;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;

/**
 * Canary states in Redis, shared by every instance: one hash per canary, changed only by
 * a compare-and-set script that also publishes the new state on a channel every instance
 * listens to.
 */
public class RedisCanaryStateStore implements CanaryStateStore {

	private final ReactiveStringRedisTemplate redis;

	private final RedisScript<String> initialiseScript;

	private final RedisScript<Long> compareAndSetScript;

	private final String keyPrefix;

	private final String channel;

	private final Duration timeout;

	private final JsonMapper json = JsonMapper.builder().build();

	public RedisCanaryStateStore(ReactiveStringRedisTemplate redis, RedisScript<String> initialiseScript,
			RedisScript<Long> compareAndSetScript, String keyPrefix, Duration timeout) {
		this.redis = redis;
		this.initialiseScript = initialiseScript;
		this.compareAndSetScript = compareAndSetScript;
		this.keyPrefix = keyPrefix;
		this.channel = keyPrefix + "changes";
		this.timeout = timeout;
	}

	/**
	 * Return the channel on which changes are published.
	 * @return the channel
	 */
	public String channel() {
		return this.channel;
	}

	@Override
	public Mono<CanaryState> initialise(CanaryState initial) {
		return this.redis
			.execute(this.initialiseScript, List.of(key(initial.route())),
					List.of(write(initial), Long.toString(initial.revision())))
			.next()
			.timeout(this.timeout)
			.map(this::read);
	}

	@Override
	public Mono<CanaryState> get(String route) {
		return this.redis.<String, String>opsForHash().get(key(route), "state").timeout(this.timeout).map(this::read);
	}

	@Override
	public Mono<Boolean> compareAndSet(CanaryState next) {
		return this.redis
			.execute(this.compareAndSetScript, List.of(key(next.route())),
					List.of(Long.toString(next.revision() - 1), write(next), this.channel))
			.next()
			.timeout(this.timeout)
			.map((stored) -> stored == 1L);
	}

	@Override
	public Flux<CanaryState> changes() {
		return this.redis.listenToChannel(this.channel).map((message) -> read(message.getMessage()));
	}

	private String key(String route) {
		// the route id is the hash tag: one slot per canary on Redis Cluster
		return this.keyPrefix + "{" + route + "}";
	}

	private String write(CanaryState state) {
		return this.json.writeValueAsString(state);
	}

	private CanaryState read(String value) {
		return this.json.readValue(value, CanaryState.class);
	}

}
