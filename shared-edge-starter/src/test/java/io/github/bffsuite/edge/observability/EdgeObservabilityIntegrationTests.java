package io.github.bffsuite.edge.observability;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import io.github.bffsuite.edge.downstream.EdgeDownstreamClients;
import io.github.bffsuite.edge.test.EdgeGatewayTestSupport;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Metrics, Prometheus scraping, access log lines and trace propagation of a running
 * gateway with real downstreams.
 */
@ExtendWith(OutputCaptureExtension.class)
class EdgeObservabilityIntegrationTests extends EdgeGatewayTestSupport {

	private static final Pattern TRACE_PARENT = Pattern.compile("00-([0-9a-f]{32})-([0-9a-f]{16})-[0-9a-f]{2}");

	@Autowired
	MeterRegistry meters;

	@Autowired
	EdgeDownstreamClients clients;

	@Test
	void recordsRouteAndDownstreamTimersWithLowCardinalityTags() {
		for (String id : new String[] { "u-1", "u-2", "u-3" }) {
			authorizedGet("/users/ok/" + id).expectStatus().isOk();
		}
		await().atMost(Duration.ofSeconds(2))
			.untilAsserted(() -> assertThat(this.meters.get("http.server.requests")
				.tags("route", "users", "method", "GET", "status", "200", "outcome", "SUCCESS", "client", "test")
				.timer()
				.count()).isGreaterThanOrEqualTo(3));
		assertThat(this.meters.get("edge.downstream.requests")
			.tags("downstream", "users", "method", "GET", "status", "200", "outcome", "success")
			.timer()
			.count()).isGreaterThanOrEqualTo(3);
		assertThat(this.meters.find("http.server.requests").tagKeys("path").timers()).isEmpty();
		// one request timer: the edge adds no second one of its own
		assertThat(this.meters.find("edge.route.requests").timers()).isEmpty();
	}

	@Test
	void exposesCircuitBreakerStateRetriesAndAuthFailures() {
		this.clients.webClient("budget")
			.get()
			.uri("/status/503/metrics")
			.exchangeToMono((response) -> response.releaseBody())
			.onErrorComplete()
			.block();
		this.client.get().uri("/users/ok/anonymous").exchange().expectStatus().isUnauthorized();
		assertThat(this.meters.get("resilience4j.circuitbreaker.state")
			.tags("name", "users", "state", "closed")
			.gauge()
			.value()).isEqualTo(1);
		assertThat(this.meters.get("edge.downstream.retries").tags("downstream", "budget").counter().count())
			.isPositive();
		assertThat(this.meters.get("edge.auth.failures").tags("reason", "unauthenticated").counter().count())
			.isPositive();
		String scrape = this.client.get()
			.uri("/actuator/prometheus")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(String.class)
			.returnResult()
			.getResponseBody();
		assertThat(scrape).contains("http_server_requests_seconds_bucket{", "edge_downstream_requests_seconds_bucket{",
				"resilience4j_circuitbreaker_state{", "edge_auth_failures_total{", "edge_downstream_retry_budget{");
	}

	@Test
	void writesOneJsonAccessLogLinePerRequestWithoutCredentials(CapturedOutput output) {
		String token = token();
		this.client.get()
			.uri("/users/ok/logged?api_key=secret-in-query")
			.header("X-Request-ID", "req-access-1")
			.headers((headers) -> headers.setBearerAuth(token))
			.exchange()
			.expectStatus()
			.isOk();
		String line = accessLogLine(output, "req-access-1");
		assertThat(line)
			.contains("edge.access", "{\"type\":\"access\",\"method\":\"GET\",\"route\":\"users\"",
					"\"path\":\"/users/ok/logged\"", "\"status\":200", "\"principal\":\"u-001\"", "\"tenant\":\"acme\"",
					"\"client\":\"test\"", "\"durationMs\":", "\"bytes\":")
			.doesNotContain(token)
			.doesNotContain("secret-in-query");
		assertThat(output.getOut().lines().filter((candidate) -> candidate.contains("req-access-1")).count())
			.isEqualTo(1);
	}

	@Test
	void writesAccessLogLinesThroughAnAsyncAppenderThatNeverDropsOne() {
		Logger access = (Logger) LoggerFactory.getLogger(AccessLogHttpHandlerDecorator.LOGGER);
		Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
		assertThat(access.isAdditive()).isFalse();
		List<Appender<ILoggingEvent>> appenders = new ArrayList<>();
		access.iteratorForAppenders().forEachRemaining(appenders::add);
		assertThat(appenders).isNotEmpty().allSatisfy((appender) -> {
			assertThat(appender).isInstanceOf(BatchingAsyncAppender.class);
			assertThat(appender.isStarted()).isTrue();
		});
		List<String> rootAppenders = new ArrayList<>();
		root.iteratorForAppenders().forEachRemaining((appender) -> rootAppenders.add(appender.getName()));
		assertThat(appenders).extracting(Appender::getName)
			.containsExactlyInAnyOrderElementsOf(
					rootAppenders.stream().map((name) -> AsyncAccessLogAppenders.NAME_PREFIX + name).toList());
	}

	@Test
	void logsRejectedRequestsWithTheirStatus(CapturedOutput output) {
		this.client.get()
			.uri("/users/ok/rejected")
			.header("X-Request-ID", "req-rejected-1")
			.exchange()
			.expectStatus()
			.isUnauthorized();
		String line = accessLogLine(output, "req-rejected-1");
		assertThat(output.getOut()).contains("\"status\":401,")
			.doesNotContain("\"principal\":\"u-001\",\"requestId\":\"req-rejected-1\"");
		// rejected before it reached a route, the request still has its trace in the line
		assertThat(line).containsPattern("\\[[0-9a-f]{32},[0-9a-f]{16},req-rejected-1\\] ")
			.containsPattern("\"traceId\":\"[0-9a-f]{32}\"");
	}

	@Test
	void propagatesTraceContextDownstreamAndLogsTheTraceId(CapturedOutput output) {
		String callersTrace = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";
		this.client.get()
			.uri("/users/ok/traced")
			.header("X-Request-ID", "req-traced-1")
			// the caller's own trace, in another case: continued, never passed on as it
			// came
			.header("TraceParent", callersTrace)
			// the caller's baggage: the edge originates none and passes it on as sent
			.header("baggage", "tenant=acme,  plan=pro")
			.headers((headers) -> headers.setBearerAuth(token()))
			.exchange()
			.expectStatus()
			.isOk();
		List<String> traceParents = serviceA.lastHeaderValues("traceparent");
		assertThat(traceParents).hasSize(1);
		Matcher matcher = TRACE_PARENT.matcher(traceParents.get(0));
		assertThat(matcher.matches()).isTrue();
		String traceId = matcher.group(1);
		String parentSpanId = matcher.group(2);
		assertThat(traceId).isEqualTo("0af7651916cd43dd8448eb211c80319c");
		assertThat(parentSpanId).isNotEqualTo("b7ad6b7169203331");
		assertThat(serviceA.lastHeaderValues("baggage")).containsExactly("tenant=acme,  plan=pro");
		String line = accessLogLine(output, "req-traced-1");
		assertThat(line).contains("\"traceId\":\"" + traceId + "\"");
		// the log line's correlation prefix, [traceId,spanId,requestId], without
		// automatic context propagation; the downstream's parent is the gateway's server
		// span itself: one observation per proxied request, no client span in between
		assertThat(line).contains("[" + traceId + "," + parentSpanId + ",req-traced-1] ");
		assertThat(this.meters.find("http.client.requests").tag("route", "users").timers()).isEmpty();
		// one request timer: the server's, tagged with the route; not Spring Cloud
		// Gateway's second one
		await().atMost(Duration.ofSeconds(10))
			.until(() -> !this.meters.find("http.server.requests").tag("route", "users").timers().isEmpty());
		assertThat(this.meters.find("spring.cloud.gateway.requests").timers()).isEmpty();
	}

	/**
	 * Wait for the log line of the request with the given id and return it.
	 */
	static String accessLogLine(CapturedOutput output, String requestId) {
		String id = "\"requestId\":\"" + requestId + "\"";
		await().atMost(Duration.ofSeconds(2)).until(() -> output.getOut().contains(id));
		return output.getOut().lines().filter((candidate) -> candidate.contains(id)).findFirst().orElseThrow();
	}

}
