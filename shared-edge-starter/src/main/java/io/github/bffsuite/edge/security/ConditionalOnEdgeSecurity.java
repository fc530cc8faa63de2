package io.github.bffsuite.edge.security;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.security.web.server.SecurityWebFilterChain;

/**
 * Matches in a reactive web application with Spring Security's WebFlux support on the
 * classpath, unless {@code edge.security.enabled} is false: where the edge security
 * auto-configurations apply.
 */
@Target({ ElementType.TYPE, ElementType.METHOD })
@Retention(RetentionPolicy.RUNTIME)
@Documented
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
@ConditionalOnClass(SecurityWebFilterChain.class)
@ConditionalOnProperty(name = "edge.security.enabled", matchIfMissing = true)
public @interface ConditionalOnEdgeSecurity {

}
