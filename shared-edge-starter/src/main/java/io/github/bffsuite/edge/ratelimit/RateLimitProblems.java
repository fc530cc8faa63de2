package io.github.bffsuite.edge.ratelimit;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import io.github.bffsuite.edge.web.EdgeProblems;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;

/**
 * The problems a rate limited request is answered with.
 */
final class RateLimitProblems {

	private RateLimitProblems() {
	}

	/**
	 * {@code plan} is referenced and no plan applies to the caller.
	 * @return a 403 problem
	 */
	static ProblemDetail planUnknown() {
		return EdgeProblems.problem(HttpStatus.FORBIDDEN, "rate-limit-plan-unknown",
				"No rate limit plan applies to this caller");
	}

	/**
	 * The caller lacks a key part the policy needs: retrying would not help, so not a
	 * 429.
	 * @param policy the policy
	 * @return a 403 problem
	 */
	static ProblemDetail keyMissing(RateLimitPolicy policy) {
		return EdgeProblems.problem(HttpStatus.FORBIDDEN, "rate-limit-key-missing",
				"The caller cannot be identified by " + describe(policy.key()) + " as rate limit policy '"
						+ policy.name() + "' requires");
	}

	/**
	 * A policy denied the request: 429, or 503 when it fails closed while Redis is down.
	 * The {@code retryAfter} property, in seconds, is set when waiting helps.
	 * @param policy the policy
	 * @param decision the denial
	 * @param syntax the header syntax, which also picks the problem type
	 * @return the problem
	 */
	static ProblemDetail denied(RateLimitPolicy policy, RateLimitDecision decision,
			EdgeRateLimitProperties.HeaderSyntax syntax) {
		ProblemDetail problem;
		if (decision.origin() == RateLimitDecision.Origin.FAIL_CLOSED) {
			problem = EdgeProblems.problem(HttpStatus.SERVICE_UNAVAILABLE, "rate-limiter-unavailable",
					"Rate limiting is unavailable, so requests under policy '" + policy.name() + "' are refused");
		}
		else if (decision.retryAfterMillis() < 0) {
			problem = EdgeProblems.problem(HttpStatus.TOO_MANY_REQUESTS, "rate-limited",
					"The request costs more than rate limit policy '" + policy.name() + "' ever allows");
		}
		else if (syntax == EdgeRateLimitProperties.HeaderSyntax.DRAFT_10) {
			problem = EdgeProblems.problem(HttpStatus.TOO_MANY_REQUESTS, "quota-exceeded",
					"Rate limit policy '" + policy.name() + "' exceeded");
			problem.setProperty("violated-policies", List.of(policy.name()));
		}
		else {
			problem = EdgeProblems.problem(HttpStatus.TOO_MANY_REQUESTS, "rate-limited",
					"Rate limit policy '" + policy.name() + "' exceeded");
		}
		if (decision.retryAfterMillis() >= 0) {
			problem.setProperty("retryAfter", retryAfterSeconds(decision));
		}
		problem.setProperty("policy", policy.name());
		return problem;
	}

	/**
	 * Return the wait, in whole seconds rounded up, after which a denied request is
	 * allowed.
	 * @param decision a denial whose retry-after is not negative
	 * @return the seconds, at least 1
	 */
	static long retryAfterSeconds(RateLimitDecision decision) {
		return Math.max(1, RateLimitHeaders.seconds(decision.retryAfterMillis()));
	}

	private static String describe(Set<RateLimitKey> key) {
		List<String> parts = new ArrayList<>();
		for (RateLimitKey part : RateLimitKey.values()) {
			if (key.contains(part)) {
				parts.add(part.name().toLowerCase(Locale.ROOT));
			}
		}
		return String.join(" and ", parts);
	}

}
