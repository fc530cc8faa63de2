package io.github.bffsuite.edge.downstream;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.context.annotation.Conditional;

/**
 * Matches when a downstream of the given name is configured under
 * {@code edge.downstream.services}.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ ElementType.TYPE, ElementType.METHOD })
@Documented
@Conditional(OnDownstreamCondition.class)
public @interface ConditionalOnDownstream {

	/**
	 * The name of the downstream.
	 * @return the name, such as {@code order-service}
	 */
	String value();

}
