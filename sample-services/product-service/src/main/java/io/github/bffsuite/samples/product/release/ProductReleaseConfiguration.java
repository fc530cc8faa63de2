package io.github.bffsuite.samples.product.release;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Wires the release header and the release's injected faults.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ProductReleaseProperties.class)
class ProductReleaseConfiguration {

	@Bean
	ProductReleaseWebFilter productReleaseWebFilter(ProductReleaseProperties properties) {
		return new ProductReleaseWebFilter(properties);
	}

}
