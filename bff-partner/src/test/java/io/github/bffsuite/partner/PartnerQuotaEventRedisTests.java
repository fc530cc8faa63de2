package io.github.bffsuite.partner;

import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Quota events with bff-partner's redis profile: thresholds crossed as the Redis script
 * counts the daily quota.
 */
@ActiveProfiles("redis")
class PartnerQuotaEventRedisTests extends PartnerQuotaEventTests {

	@DynamicPropertySource
	static void redis(DynamicPropertyRegistry registry) {
		redisStores(registry);
	}

}
