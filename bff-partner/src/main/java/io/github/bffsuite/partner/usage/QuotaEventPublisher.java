package io.github.bffsuite.partner.usage;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.concurrent.atomic.AtomicInteger;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import io.github.bffsuite.edge.identity.EdgePrincipal;
import io.github.bffsuite.edge.ratelimit.RateLimitDecision;
import io.github.bffsuite.edge.ratelimit.RateLimitListener;
import io.github.bffsuite.edge.ratelimit.RateLimitPolicies;
import io.github.bffsuite.edge.ratelimit.RateLimitPolicy;
import io.github.bffsuite.partner.config.PartnerProperties;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.server.ServerWebExchange;

/**
 * Sends a signed quota event to the tenant's webhook when a request crosses one of the
 * configured thresholds of a daily quota (a policy with one quota and no bucket).
 * Crossing is decided from the store's atomic answer, so exactly one request per window
 * crosses each threshold, on any number of instances. Delivery is asynchronous (the
 * request never waits), retried with exponential backoff, and bounded: beyond the queue
 * capacity events are dropped and logged.
 * <p>
 * Each delivery carries {@code X-Signature-Timestamp} (epoch seconds) and
 * {@code X-Signature: sha256=<hex>}, the HMAC-SHA-256 of {@code <timestamp>.<body>} with
 * the tenant's webhook secret, so receivers can check origin and freshness. While a
 * rotated secret overlaps the one it replaces, the header lists one signature per secret,
 * newest first: {@code sha256=<hex>, sha256=<hex>}. The webhook is looked up on each
 * attempt, so a retry goes where the tenant's webhook points by then.
 */
public class QuotaEventPublisher implements RateLimitListener {

	private static final Log logger = LogFactory.getLog(QuotaEventPublisher.class);

	private final PartnerProperties properties;

	private final WebClient webClient;

	private final JsonMapper json;

	private final WebhookEndpoints endpoints;

	private final Clock clock;

	private final AtomicInteger pending = new AtomicInteger();

	public QuotaEventPublisher(PartnerProperties properties, WebClient.Builder webClient, JsonMapper json,
			Clock clock) {
		this(properties, webClient, json, WebhookEndpoints.configured(properties), clock);
	}

	/**
	 * Create a publisher.
	 * @param properties the partner settings
	 * @param webClient the builder of the client that delivers events
	 * @param json the mapper of event bodies
	 * @param endpoints where each tenant's events go
	 * @param clock the clock
	 */
	public QuotaEventPublisher(PartnerProperties properties, WebClient.Builder webClient, JsonMapper json,
			WebhookEndpoints endpoints, Clock clock) {
		this.properties = properties;
		this.webClient = webClient.build();
		this.json = json;
		this.endpoints = endpoints;
		this.clock = clock;
	}

	@Override
	public void onDecision(ServerWebExchange exchange, @Nullable EdgePrincipal principal, RateLimitPolicy policy,
			RateLimitDecision decision, long cost) {
		if (!this.properties.getEvents().isEnabled() || principal == null || principal.tenantId() == null
				|| !decision.allowed() || policy.capacity() != 0 || policy.quotas().size() != 1 || cost < 1) {
			return;
		}
		long limit = decision.limit();
		long used = limit - Math.max(0, decision.remaining());
		long before = used - cost;
		for (int threshold : this.properties.getEvents().getThresholds()) {
			long boundary = (long) Math.ceil(limit * threshold / 100.0);
			if (before < boundary && used >= boundary) {
				Instant now = this.clock.instant();
				QuotaEvent event = new QuotaEvent(UUID.randomUUID().toString(), QuotaEvent.THRESHOLD_REACHED, now,
						principal.tenantId(), String.valueOf(principal.clientId()),
						(principal.plan() != null) ? principal.plan() : RateLimitPolicies.DEFAULT_PLAN, policy.name(),
						threshold, limit, used, Math.max(0, decision.remaining()),
						Instant.ofEpochSecond(Math.round((now.toEpochMilli() + decision.resetMillis()) / 1000.0)));
				publish(event);
			}
		}
	}

	private void publish(QuotaEvent event) {
		PartnerProperties.Events settings = this.properties.getEvents();
		if (this.pending.incrementAndGet() > settings.getQueueCapacity()) {
			this.pending.decrementAndGet();
			logger.warn("Quota event " + event.id() + " for tenant " + event.tenant()
					+ " dropped: too many events are waiting for delivery");
			return;
		}
		String body = this.json.writeValueAsString(event);
		Mono.defer(() -> this.endpoints.find(event.tenant()).flatMap((endpoint) -> deliver(event, body, endpoint)))
			.timeout(settings.getTimeout())
			.retryWhen(Retry.backoff(Math.max(0, settings.getMaxAttempts() - 1), settings.getInitialBackoff())
				.maxBackoff(Duration.ofMinutes(5)))
			.doFinally((signal) -> this.pending.decrementAndGet())
			.subscribe(null, (ex) -> logger.warn("Quota event " + event.id() + " for tenant " + event.tenant()
					+ " could not be delivered after " + settings.getMaxAttempts() + " attempts", ex));
	}

	private Mono<Void> deliver(QuotaEvent event, String body, WebhookEndpoint endpoint) {
		String timestamp = Long.toString(this.clock.instant().getEpochSecond());
		return this.webClient.post()
			.uri(endpoint.url())
			.contentType(MediaType.APPLICATION_JSON)
			.header("X-Event-Id", event.id())
			.header("X-Event-Type", event.type())
			.header("X-Signature-Timestamp", timestamp)
			.header("X-Signature", signatures(endpoint.secrets(), timestamp, body))
			.bodyValue(body)
			.retrieve()
			.toBodilessEntity()
			.then();
	}

	/**
	 * The {@code X-Signature} header of an event body: one {@code sha256=<hex>} per
	 * secret, newest first, separated by {@code ", "}.
	 * @param secrets the tenant's webhook secrets, newest first
	 * @param timestamp the epoch seconds sent as X-Signature-Timestamp
	 * @param body the exact body
	 * @return the header value
	 */
	public static String signatures(List<String> secrets, String timestamp, String body) {
		return secrets.stream()
			.map((secret) -> "sha256=" + sign(secret, timestamp, body))
			.collect(Collectors.joining(", "));
	}

	/**
	 * Sign an event body as the webhook receiver checks it.
	 * @param secret the tenant's webhook secret
	 * @param timestamp the epoch seconds sent as X-Signature-Timestamp
	 * @param body the exact body
	 * @return the lower-case hex HMAC-SHA-256 of {@code <timestamp>.<body>}
	 */
	public static String sign(String secret, String timestamp, String body) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
			return HexFormat.of().formatHex(mac.doFinal((timestamp + "." + body).getBytes(StandardCharsets.UTF_8)));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("HMAC-SHA-256 is not available", ex);
		}
	}

}
