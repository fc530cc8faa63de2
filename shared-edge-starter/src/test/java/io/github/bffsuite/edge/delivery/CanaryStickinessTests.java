package io.github.bffsuite.edge.delivery;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import io.github.bffsuite.edge.delivery.CanaryGateways.Gateway;
import io.github.bffsuite.edge.delivery.CanaryGateways.Reply;
import io.github.bffsuite.edge.test.JwksServer;
import io.github.bffsuite.edge.test.TestKeys;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.util.function.Tuple2;

import org.springframework.http.HttpHeaders;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sticky split through two real gateway instances: 1,000 users split within two
 * percentage points of the weight, and no user changes version over 20 requests or from
 * one instance to the other.
 */
class CanaryStickinessTests {

	static final TestKeys keys = new TestKeys();

	static final JwksServer jwks = new JwksServer(keys);

	static final VersionServer stable = new VersionServer("stable");

	static final VersionServer canary = new VersionServer("canary");

	static Gateway first;

	static Gateway second;

	@BeforeAll
	static void start() {
		Map<String, Object> properties = CanaryGateways.properties(jwks, stable, canary);
		properties.put("edge.delivery.canaries.products.weight", "25");
		properties.put("edge.delivery.canaries.products.steps", "");
		// the split alone: no verdict may move the weight under the test
		properties.put("edge.delivery.canaries.products.analysis.enabled", "false");
		first = CanaryGateways.start(properties);
		second = CanaryGateways.start(properties);
	}

	@AfterAll
	static void stop() {
		for (AutoCloseable closeable : new AutoCloseable[] { first, second, stable, canary, jwks }) {
			try {
				if (closeable != null) {
					closeable.close();
				}
			}
			catch (Exception ex) {
				throw new IllegalStateException(ex);
			}
		}
	}

	@Test
	void splitsAThousandUsersWithinTwoPointsOfTheWeightAndTheSameOnBothInstances() {
		List<Tuple2<String, String>> versions = Flux.range(0, 1000).flatMap((i) -> {
			Consumer<HttpHeaders> user = CanaryGateways.user(keys, "user-" + i, "products:read");
			return first.getAsync("/products/" + i, user)
				.zipWith(second.getAsync("/products/" + i, user))
				.map((replies) -> reactor.util.function.Tuples.of(replies.getT1().version(),
						replies.getT2().version()));
		}, 16).collectList().block(Duration.ofMinutes(3));
		assertThat(versions).hasSize(1000);
		assertThat(versions).allSatisfy((pair) -> {
			assertThat(pair.getT1()).isIn("stable", "canary");
			assertThat(pair.getT2()).isEqualTo(pair.getT1());
		});
		long onCanary = versions.stream().filter((pair) -> pair.getT1().equals("canary")).count();
		assertThat(onCanary / 10.0).isBetween(23.0, 27.0);
	}

	@Test
	void keepsEachUserOnOneVersionOverTwentyRequestsAcrossInstances() {
		for (int i = 0; i < 30; i++) {
			Consumer<HttpHeaders> user = CanaryGateways.user(keys, "sticky-" + i, "products:read");
			List<Reply> replies = Flux.range(0, 20)
				.concatMap((n) -> ((n % 2 == 0) ? first : second).getAsync("/products/p-" + n, user))
				.collectList()
				.block(Duration.ofSeconds(60));
			assertThat(replies).hasSize(20);
			String version = replies.get(0).version();
			assertThat(version).isIn("stable", "canary");
			assertThat(replies).allSatisfy((reply) -> {
				assertThat(reply.version()).isEqualTo(version);
				assertThat(reply.servedBy()).isEqualTo(version);
			});
		}
	}

}
