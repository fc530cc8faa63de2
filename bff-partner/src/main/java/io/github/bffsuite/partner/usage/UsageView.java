package io.github.bffsuite.partner.usage;

import java.time.Instant;
import java.util.List;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * What the caller has left of each rate limit policy of its plan: the same numbers as the
 * {@code RateLimit} header items.
 *
 * @param plan the caller's plan
 * @param policies each policy's state
 */
public record UsageView(@Schema(example = "pro") String plan, List<Policy> policies) {

	/**
	 * One policy's state.
	 *
	 * @param name the policy name, as in the RateLimit-Policy header
	 * @param limit the size of its quota (q)
	 * @param window its window in seconds (w)
	 * @param remaining what is left of it (r)
	 * @param resetSeconds seconds until it is full again or its window ends (t)
	 * @param resetAt the same as an instant
	 */
	public record Policy(@Schema(example = "pro-daily") String name, @Schema(example = "500000") long limit,
			@Schema(example = "86400") long window, @Schema(example = "499950") long remaining,
			@Schema(example = "3600") long resetSeconds, Instant resetAt) {

	}

}
