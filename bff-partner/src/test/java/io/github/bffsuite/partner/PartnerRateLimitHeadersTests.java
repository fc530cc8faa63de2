package io.github.bffsuite.partner;

import java.util.List;
import java.util.Map;

import io.github.bffsuite.edge.test.RateLimitFields;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.HttpHeaders;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * bff-partner's rate limit headers read by a structured-field parser, as the same test
 * reads bff-web's and bff-mobile's: draft-10 lists on both API versions.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "management.server.port=0")
class PartnerRateLimitHeadersTests extends PartnerGatewayTestSupport {

	@Test
	void sendsRateLimitHeadersAsStructuredFieldLists() {
		for (String uri : List.of("/partner/v1/products?category=books", "/partner/v2/products?category=books")) {
			HttpHeaders headers = this.client.get()
				.uri(uri)
				.header("X-API-Key", ACME_DEV_KEY)
				.exchange()
				.expectStatus()
				.isOk()
				.expectBody()
				.returnResult()
				.getResponseHeaders();
			Map<String, Map<String, Long>> policies = RateLimitFields.policies(headers);
			// the plan's burst bucket and its daily quota
			assertThat(policies).as(uri).hasSize(2);
			assertThat(policies.keySet()).as(uri).anyMatch((name) -> name.endsWith("-burst"));
			assertThat(policies.values()).as(uri).anyMatch((policy) -> policy.get("w") == 86400L);
			assertThat(RateLimitFields.assertDraft10(headers)).as(uri).containsOnlyKeys(policies.keySet());
		}
	}

}
