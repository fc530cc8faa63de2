package io.github.bffsuite.web.user;

import tools.jackson.databind.json.JsonMapper;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Makes {@code ApplyUserVisibility} available to the gateway's routes.
 */
@Configuration(proxyBeanMethods = false)
class UserVisibilityConfiguration {

	@Bean
	ApplyUserVisibilityGatewayFilterFactory applyUserVisibilityGatewayFilterFactory(JsonMapper json) {
		return new ApplyUserVisibilityGatewayFilterFactory(json);
	}

}
