package io.github.bffsuite.partner;

import org.springframework.boot.test.context.SpringBootTest;

/**
 * Self-service API keys with the in-memory key store.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "management.server.port=0")
class PartnerApiKeyTests extends PartnerApiKeyContract {

}
