package io.github.bffsuite.partner.webhook;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.github.bffsuite.edge.web.EdgeProblems;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.core.io.ClassPathResource;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.http.HttpStatus;
import org.springframework.web.ErrorResponseException;

/**
 * Webhooks in Redis, shared by every gateway instance: one hash per tenant at
 * {@code <prefix>{<tenant>}}, written by Lua scripts so each change is atomic (and on one
 * Redis Cluster slot). Lookups are not cached: they happen once per admin call and once
 * per event delivery attempt, never on the request path.
 */
public class RedisWebhookStore implements WebhookStore {

	@SuppressWarnings({ "unchecked", "rawtypes" })
	private static final RedisScript<List<String>> SET_URL = (RedisScript) RedisScript
		.of(script("partner_webhook_set_url.lua"), List.class);

	@SuppressWarnings({ "unchecked", "rawtypes" })
	private static final RedisScript<List<String>> ROTATE = (RedisScript) RedisScript
		.of(script("partner_webhook_rotate.lua"), List.class);

	private final ReactiveStringRedisTemplate redis;

	private final String prefix;

	private final Duration timeout;

	/**
	 * Create a store.
	 * @param redis the Redis template
	 * @param prefix the key prefix
	 * @param timeout longest wait for one command; a slower one fails with a 503 problem
	 */
	public RedisWebhookStore(ReactiveStringRedisTemplate redis, String prefix, Duration timeout) {
		this.redis = redis;
		this.prefix = prefix;
		this.timeout = timeout;
	}

	@Override
	public Mono<WebhookRegistration> find(String tenant) {
		return guard(this.redis.<String, String>opsForHash()
			.entries(key(tenant))
			.collectMap(Map.Entry::getKey, Map.Entry::getValue)
			.flatMap((hash) -> Mono.justOrEmpty(registration(tenant, hash))));
	}

	@Override
	public Mono<WebhookRegistration> setUrl(String tenant, URI url, String secretIfNew, Instant now) {
		return guard(
				this.redis.execute(SET_URL, List.of(key(tenant)), List.of(url.toString(), secretIfNew, millis(now)))
					.next()
					.flatMap((fields) -> Mono.justOrEmpty(registration(tenant, fields))));
	}

	@Override
	public Mono<WebhookRegistration> rotate(String tenant, String secret, @Nullable Instant previousExpiresAt,
			Instant now) {
		String previous = (previousExpiresAt != null) ? millis(previousExpiresAt) : "0";
		return guard(this.redis.execute(ROTATE, List.of(key(tenant)), List.of(secret, previous, millis(now)))
			.next()
			.flatMap((fields) -> Mono.justOrEmpty(registration(tenant, fields))));
	}

	@Override
	public Mono<Boolean> delete(String tenant) {
		return guard(this.redis.delete(key(tenant)).map((deleted) -> deleted > 0));
	}

	private String key(String tenant) {
		return this.prefix + "{" + tenant + "}";
	}

	private <T> Mono<T> guard(Mono<T> command) {
		return command.timeout(this.timeout)
			.onErrorMap((ex) -> !(ex instanceof ErrorResponseException),
					(ex) -> EdgeProblems.exception(HttpStatus.SERVICE_UNAVAILABLE, "webhook-store-unavailable",
							"The webhook store did not answer; try again shortly"));
	}

	private static @Nullable WebhookRegistration registration(String tenant, List<String> fields) {
		Map<String, String> hash = new HashMap<>();
		for (int i = 0; i + 1 < fields.size(); i += 2) {
			hash.put(fields.get(i), fields.get(i + 1));
		}
		return registration(tenant, hash);
	}

	private static @Nullable WebhookRegistration registration(String tenant, Map<String, String> hash) {
		String url = hash.get("url");
		String secret = hash.get("secret");
		if (url == null || secret == null) {
			return null;
		}
		String previousExpiresAt = hash.get("previousSecretExpiresAt");
		return new WebhookRegistration(tenant, URI.create(url), secret, hash.get("previousSecret"),
				(previousExpiresAt != null) ? instant(previousExpiresAt) : null, instant(hash.get("createdAt")),
				instant(hash.get("updatedAt")));
	}

	private static Instant instant(@Nullable String millis) {
		return (millis != null) ? Instant.ofEpochMilli(Long.parseLong(millis)) : Instant.EPOCH;
	}

	private static String millis(Instant instant) {
		return Long.toString(instant.toEpochMilli());
	}

	private static String script(String name) {
		try {
			return new ClassPathResource("META-INF/scripts/" + name).getContentAsString(StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
