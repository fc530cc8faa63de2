package io.github.bffsuite.edge.downstream;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;

/**
 * Auto-configuration of named downstream services.
 */
@AutoConfiguration
@EnableConfigurationProperties(EdgeDownstreamProperties.class)
public final class EdgeDownstreamAutoConfiguration {

}
