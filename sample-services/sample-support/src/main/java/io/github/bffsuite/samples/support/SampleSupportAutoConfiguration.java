package io.github.bffsuite.samples.support;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.http.codec.ServerCodecConfigurer;

/**
 * Wires problem+json errors and fault injection into every sample service.
 */
@AutoConfiguration
@EnableConfigurationProperties(FaultProperties.class)
public final class SampleSupportAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	ProblemWebExceptionHandler problemWebExceptionHandler(ServerCodecConfigurer codecs) {
		return new ProblemWebExceptionHandler(codecs);
	}

	@Bean
	@ConditionalOnMissingBean
	FaultInjection faultInjection(FaultProperties properties) {
		return new FaultInjection(properties);
	}

	@Bean
	@ConditionalOnProperty(name = "sample.faults.admin-enabled", matchIfMissing = true)
	FaultAdminController faultAdminController(FaultInjection faults) {
		return new FaultAdminController(faults);
	}

}
