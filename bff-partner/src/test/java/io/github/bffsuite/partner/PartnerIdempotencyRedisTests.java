package io.github.bffsuite.partner;

import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Idempotent order creation with bff-partner's redis profile: the starter's Redis
 * idempotency store.
 */
@ActiveProfiles("redis")
class PartnerIdempotencyRedisTests extends PartnerIdempotencyTests {

	@DynamicPropertySource
	static void redis(DynamicPropertyRegistry registry) {
		redisStores(registry);
	}

}
