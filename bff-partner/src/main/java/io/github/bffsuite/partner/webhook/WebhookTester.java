package io.github.bffsuite.partner.webhook;

import java.io.ByteArrayOutputStream;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.TimeoutException;

import javax.net.ssl.SSLException;

import io.github.bffsuite.partner.usage.QuotaEventPublisher;
import io.github.bffsuite.partner.usage.WebhookEndpoint;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.client.ClientResponse;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * Sends one signed {@code webhook.test} event to a webhook, signed and sent exactly as
 * quota events are, and reports the receiver's status, its time and a bounded excerpt of
 * its answer. Never retried, never follows a redirect, bounded by a timeout.
 */
public class WebhookTester {

	/** Type of the test event. */
	public static final String TEST = "webhook.test";

	private static final Log logger = LogFactory.getLog(WebhookTester.class);

	private final WebClient webClient;

	private final JsonMapper json;

	private final WebhookProperties properties;

	private final Clock clock;

	public WebhookTester(WebClient.Builder webClient, JsonMapper json, WebhookProperties properties, Clock clock) {
		this.webClient = webClient.build();
		this.json = json;
		this.properties = properties;
		this.clock = clock;
	}

	/**
	 * Send a test event.
	 * @param tenant the tenant
	 * @param endpoint its webhook
	 * @return what the receiver answered
	 */
	public Mono<WebhookTestResult> send(String tenant, WebhookEndpoint endpoint) {
		return Mono.defer(() -> {
			Instant now = this.clock.instant();
			TestEvent event = new TestEvent(UUID.randomUUID().toString(), TEST, now, tenant);
			String body = this.json.writeValueAsString(event);
			String timestamp = Long.toString(now.getEpochSecond());
			String url = endpoint.url().toString();
			long start = System.nanoTime();
			return this.webClient.post()
				.uri(endpoint.url())
				.contentType(MediaType.APPLICATION_JSON)
				.header("X-Event-Id", event.id())
				.header("X-Event-Type", event.type())
				.header("X-Signature-Timestamp", timestamp)
				.header("X-Signature", QuotaEventPublisher.signatures(endpoint.secrets(), timestamp, body))
				.bodyValue(body)
				.exchangeToMono((response) -> excerpt(response).defaultIfEmpty("")
					.map((excerpt) -> new WebhookTestResult(event.id(), url, response.statusCode().is2xxSuccessful(),
							response.statusCode().value(), millisSince(start), excerpt.isEmpty() ? null : excerpt,
							null)))
				.timeout(this.properties.getTestTimeout())
				.onErrorResume((ex) -> Mono
					.just(new WebhookTestResult(event.id(), url, false, null, millisSince(start), null, describe(ex))));
		});
	}

	private Mono<String> excerpt(ClientResponse response) {
		int chars = Math.max(0, this.properties.getTestExcerptLength());
		int maxBytes = chars * 4;
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		// each buffer is copied and released in map: what follows sees only counts, so a
		// buffer is never released twice (Reactor discards what then() ignores)
		return response.bodyToFlux(DataBuffer.class).map((buffer) -> {
			try {
				int take = Math.min(buffer.readableByteCount(), maxBytes - bytes.size());
				byte[] chunk = new byte[take];
				buffer.read(chunk);
				bytes.write(chunk, 0, take);
				return bytes.size();
			}
			finally {
				DataBufferUtils.release(buffer);
			}
		}).takeUntil((read) -> read >= maxBytes).then(Mono.fromSupplier(() -> {
			String text = bytes.toString(StandardCharsets.UTF_8).replaceAll("\\p{Cntrl}", " ").strip();
			return (text.length() > chars) ? text.substring(0, chars) + "…" : text;
		}));
	}

	private String describe(Throwable ex) {
		for (Throwable cause = ex; cause != null; cause = (cause.getCause() != cause) ? cause.getCause() : null) {
			if (cause instanceof TimeoutException) {
				return "no answer within " + this.properties.getTestTimeout().toMillis() + " ms";
			}
			if (cause instanceof ConnectException) {
				return "connection refused";
			}
			if (cause instanceof UnknownHostException) {
				return "unknown host";
			}
			if (cause instanceof SSLException) {
				return "TLS handshake failed";
			}
		}
		return "request failed";
	}

	private static long millisSince(long start) {
		return Duration.ofNanos(System.nanoTime() - start).toMillis();
	}

	/**
	 * The body of a test event.
	 *
	 * @param id the event id
	 * @param type {@value WebhookTester#TEST}
	 * @param occurredAt when it was sent
	 * @param tenant the tenant
	 */
	public record TestEvent(String id, String type, Instant occurredAt, @Nullable String tenant) {

	}

}
