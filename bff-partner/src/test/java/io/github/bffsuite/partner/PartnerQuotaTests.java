package io.github.bffsuite.partner;

import org.springframework.boot.test.context.SpringBootTest;

/**
 * Plan limits with the in-memory stores.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "management.server.port=0", "edge.rate-limit.policies.basic-burst.capacity=3",
				"edge.rate-limit.policies.basic-burst.refill-tokens=3",
				"edge.rate-limit.policies.basic-burst.refill-period=60s",
				"edge.rate-limit.policies.basic-daily.quotas[0].limit=100",
				"edge.rate-limit.policies.pro-daily.quotas[0].limit=2", "edge.partner.tenants.umbrella.plan=team",
				"edge.rate-limit.policies.team-daily.quotas[0].limit=5" })
class PartnerQuotaTests extends PartnerQuotaContract {

}
