package io.github.bffsuite.edge.downstream;

import io.github.bffsuite.edge.test.EdgeGatewayTestSupport;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link CallDownstreamGatewayFilterFactory} under its name and under its
 * former name, {@code EdgeDownstream}: both apply the named downstream's policies to a
 * route.
 */
class CallDownstreamGatewayFilterFactoryTests extends EdgeGatewayTestSupport {

	@Test
	void appliesTheDownstreamPoliciesToARoute() {
		assertThat(unreachableProblem("/refused/ok/x")).contains("\"downstream\":\"refused\"",
				"\"reason\":\"unreachable\"");
	}

	@Test
	void appliesThemUnderTheFormerNameEdgeDownstream() {
		assertThat(unreachableProblem("/legacy/ok/x")).contains("\"downstream\":\"refused\"",
				"\"reason\":\"unreachable\"");
	}

	private String unreachableProblem(String path) {
		return this.client.get()
			.uri(path)
			.headers((headers) -> headers.setBearerAuth(token()))
			.exchange()
			.expectStatus()
			.isEqualTo(502)
			.expectBody(String.class)
			.returnResult()
			.getResponseBody();
	}

}
