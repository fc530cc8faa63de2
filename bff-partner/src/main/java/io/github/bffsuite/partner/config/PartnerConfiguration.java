package io.github.bffsuite.partner.config;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;

/**
 * The partner API's settings. Each part's beans are declared beside its code (client,
 * key, usage, webhook, api), which imports these settings; this package imports none of
 * them back.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(PartnerProperties.class)
class PartnerConfiguration {

}
