package io.github.bffsuite.mobile.config;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;

/**
 * Binds the mobile gateway's {@code edge.mobile.*} properties.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(MobileProperties.class)
public class MobileConfiguration {

}
