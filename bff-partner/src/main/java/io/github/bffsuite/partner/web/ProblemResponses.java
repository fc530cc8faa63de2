package io.github.bffsuite.partner.web;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Problem statuses an operation answers besides the ones every operation may answer (400,
 * 401, 403, 429): the OpenAPI documents list them with the problem schema.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface ProblemResponses {

	/**
	 * The statuses.
	 * @return the statuses
	 */
	int[] value();

}
