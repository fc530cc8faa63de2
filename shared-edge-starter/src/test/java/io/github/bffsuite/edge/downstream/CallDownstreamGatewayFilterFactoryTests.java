package io.github.bffsuite.edge.downstream;

import io.github.bffsuite.edge.test.EdgeGatewayTestSupport;
import org.junit.jupiter.api.Test;

import org.springframework.http.MediaType;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link CallDownstreamGatewayFilterFactory} under its name and under its
 * former name, {@code EdgeDownstream}: both apply the named downstream's policies to a
 * route.
 */
class CallDownstreamGatewayFilterFactoryTests extends EdgeGatewayTestSupport {

	@Test
	void appliesTheDownstreamPoliciesToARoute() {
		assertThat(problem("/refused/ok/x", 502)).contains("\"downstream\":\"refused\"", "\"reason\":\"unreachable\"");
	}

	@Test
	void appliesThemUnderTheFormerNameEdgeDownstream() {
		assertThat(problem("/legacy/ok/x", 502)).contains("\"downstream\":\"refused\"", "\"reason\":\"unreachable\"");
	}

	@Test
	void keepsARoutesTighterResponseTimeout() {
		// the route's 300 ms, not the downstream's 3 s, bounds the call: the service's
		// answer after 2 s never reaches the client
		String body = problem("/tight/delay/2000/route", 504);
		assertThat(body).contains("gateway-timeout");
	}

	@Test
	void timesACallOnceWithTheDownstreamsTimeout() {
		// the gateway's own response timeout (10 s) is off for this call; the
		// downstream's
		// (500 ms) answers with its problem
		String body = problem("/timeout/delay/2000/route", 504);
		assertThat(body).contains("\"downstream\":\"timeout\"", "gateway-timeout");
	}

	@Test
	void keepsTheRoutesResponseTimeoutForAStreamedCall() {
		// the downstream does not time a streamed call (its 200 ms would otherwise answer
		// first): the route's 300 ms still bounds the wait for the response's headers
		this.client.get()
			.uri("/streamed/delay/2000/route")
			.headers((headers) -> headers.setBearerAuth(token()))
			.accept(MediaType.TEXT_EVENT_STREAM)
			.exchange()
			.expectStatus()
			.isEqualTo(504);
		String body = problem("/streamed/delay/2000/route", 504);
		assertThat(body).contains("\"downstream\":\"quick\"");
	}

	private String problem(String path, int status) {
		return authorizedGet(path).expectStatus()
			.isEqualTo(status)
			.expectBody(String.class)
			.returnResult()
			.getResponseBody();
	}

}
