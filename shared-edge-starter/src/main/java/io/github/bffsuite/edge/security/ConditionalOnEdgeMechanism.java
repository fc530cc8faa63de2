package io.github.bffsuite.edge.security;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.context.annotation.Conditional;

/**
 * Matches when {@code edge.security.mechanisms} includes the given mechanism.
 */
@Target({ ElementType.TYPE, ElementType.METHOD })
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Conditional(OnEdgeMechanismCondition.class)
public @interface ConditionalOnEdgeMechanism {

	/**
	 * The mechanism that must be enabled.
	 * @return the mechanism
	 */
	EdgeSecurityProperties.Mechanism value();

}
