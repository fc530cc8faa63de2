package io.github.bffsuite.partner;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import io.github.bffsuite.edge.test.GatewayTestFixture;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two bff-partner instances with the redis profile sharing one real Redis: a key made
 * through one works on the other, revoking it on one is refused by the other within one
 * second, and a tenant-wide daily quota holds exactly across both under concurrent calls
 * from many keys.
 */
class PartnerRedisKeyRevocationTests {

	// the JWKS of the keys PartnerGatewayTestSupport.partnerToken signs with
	static final GatewayTestFixture fixture = PartnerGatewayTestSupport.fixture;

	static final SampleBackend backend = new SampleBackend();

	static ConfigurableApplicationContext first;

	static ConfigurableApplicationContext second;

	static final int TEAM_DAILY = 25;

	@BeforeAll
	static void startTwoInstances() {
		String run = "test-partner-" + UUID.randomUUID() + ":";
		first = start(run);
		second = start(run);
	}

	// The two instances are closed by Spring Boot's shutdown hook when the test JVM ends,
	// not here: closing a context disposes Reactor Netty's global event loops, which the
	// JWKS server and stubs shared with the other test classes run on.

	static ConfigurableApplicationContext start(String run) {
		return PartnerGatewayTestSupport.startRedisInstance(run, backend, "--edge.partner.tenants.umbrella.plan=team",
				"--edge.rate-limit.policies.team-daily.quotas[0].limit=" + TEAM_DAILY);
	}

	@Test
	void revocationOnOneInstanceIsRefusedByTheOtherWithinOneSecond() throws InterruptedException {
		String admin = PartnerGatewayTestSupport.partnerToken("globex", "keys:admin");
		Map<?, ?> created = client(first).post()
			.uri("/partner/admin/keys")
			.headers((h) -> h.setBearerAuth(admin))
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue("{\"name\":\"shared\",\"scopes\":[\"orders:read\"]}")
			.exchange()
			.expectStatus()
			.isCreated()
			.expectBody(Map.class)
			.returnResult()
			.getResponseBody();
		String key = (String) created.get("key");
		assertThat(call(second, key)).isEqualTo(HttpStatus.OK);
		client(second).get()
			.uri("/partner/admin/keys")
			.headers((h) -> h.setBearerAuth(admin))
			.exchange()
			.expectBody(String.class)
			.value((body) -> assertThat(body).contains((String) ((Map<?, ?>) created.get("details")).get("id")));
		client(first).delete()
			.uri("/partner/admin/keys/" + ((Map<?, ?>) created.get("details")).get("id"))
			.headers((h) -> h.setBearerAuth(admin))
			.exchange()
			.expectStatus()
			.isOk();
		long revokedAt = System.nanoTime();
		HttpStatus status = call(second, key);
		while (status == HttpStatus.OK && System.nanoTime() - revokedAt < Duration.ofSeconds(2).toNanos()) {
			Thread.sleep(20);
			status = call(second, key);
		}
		assertThat(status).isEqualTo(HttpStatus.UNAUTHORIZED);
		assertThat(Duration.ofNanos(System.nanoTime() - revokedAt)).isLessThan(Duration.ofSeconds(1));
		assertThat(call(first, key)).isEqualTo(HttpStatus.UNAUTHORIZED);
	}

	@Test
	void aTenantWideQuotaHoldsExactlyAcrossInstancesKeysAndRotations() throws Exception {
		List<String> keys = new ArrayList<>();
		for (int i = 0; i < 4; i++) {
			ConfigurableApplicationContext instance = (i % 2 == 0) ? first : second;
			Map<?, ?> created = client(instance).post()
				.uri("/partner/admin/keys")
				.headers((h) -> h.setBearerAuth(PartnerQuotaContract.admin("umbrella")))
				.contentType(MediaType.APPLICATION_JSON)
				.bodyValue("{\"name\":\"team\",\"scopes\":[\"orders:read\"]}")
				.exchange()
				.expectStatus()
				.isCreated()
				.expectBody(Map.class)
				.returnResult()
				.getResponseBody();
			keys.add((String) created.get("key"));
		}
		// 8 callers, 10 calls each, over 4 keys and both instances at once
		ExecutorService callers = Executors.newFixedThreadPool(8);
		try {
			List<Future<Integer>> calls = new ArrayList<>();
			for (int i = 0; i < 80; i++) {
				ConfigurableApplicationContext instance = (i % 2 == 0) ? first : second;
				String key = keys.get(i % keys.size());
				calls.add(callers.submit(() -> call(instance, key).value()));
			}
			int allowed = 0;
			for (Future<Integer> call : calls) {
				int status = call.get(60, TimeUnit.SECONDS);
				assertThat(status).isIn(200, 429);
				allowed += (status == 200) ? 1 : 0;
			}
			assertThat(allowed).isEqualTo(TEAM_DAILY);
		}
		finally {
			callers.shutdownNow();
		}
	}

	@Test
	void seedsTheConfiguredDevKeysIntoRedis() {
		assertThat(call(second, PartnerGatewayTestSupport.ACME_DEV_KEY)).isEqualTo(HttpStatus.OK);
	}

	static HttpStatus call(ConfigurableApplicationContext context, String key) {
		return HttpStatus.valueOf(client(context).get()
			.uri("/partner/v2/orders")
			.header("X-API-Key", key)
			.exchange()
			.returnResult(Void.class)
			.getStatus()
			.value());
	}

	static WebTestClient client(ConfigurableApplicationContext context) {
		return PartnerGatewayTestSupport.client(context);
	}

}
