package io.github.bffsuite.partner;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Self-service API keys with bff-partner's redis profile: keys in a real Redis.
 */
@ActiveProfiles("redis")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "management.server.port=0")
class PartnerApiKeyRedisTests extends PartnerApiKeyContract {

	@DynamicPropertySource
	static void redis(DynamicPropertyRegistry registry) {
		redisStores(registry);
	}

}
