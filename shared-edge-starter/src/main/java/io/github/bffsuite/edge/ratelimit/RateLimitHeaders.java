package io.github.bffsuite.edge.ratelimit;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.springframework.http.HttpHeaders;

/**
 * Writes the {@code RateLimit-*} headers (IETF httpapi draft) and their older
 * {@code X-RateLimit-*} names from the decisions taken for a request: limit, remaining
 * and reset (seconds) of the most constraining one, and every applied policy.
 */
public final class RateLimitHeaders {

	/** Size of the most constraining limit. */
	public static final String LIMIT = "RateLimit-Limit";

	/** Tokens left in it. */
	public static final String REMAINING = "RateLimit-Remaining";

	/** Seconds until it is full again or its window ends. */
	public static final String RESET = "RateLimit-Reset";

	/** Every policy applied, such as {@code 20;w=1, 10000;w=86400}. */
	public static final String POLICY = "RateLimit-Policy";

	private RateLimitHeaders() {
	}

	/**
	 * Set the headers.
	 * @param headers the response headers
	 * @param applied the decisions taken for the request, in order
	 */
	static void write(HttpHeaders headers, List<Applied> applied) {
		if (applied.isEmpty()) {
			return;
		}
		RateLimitDecision report = report(applied);
		String limit = Long.toString(report.limit());
		String remaining = Long.toString(Math.max(0, report.remaining()));
		String reset = Long.toString(seconds(report.resetMillis()));
		Set<String> policies = new LinkedHashSet<>();
		applied.forEach((entry) -> policies.add(entry.policy().describe()));
		headers.set(LIMIT, limit);
		headers.set(REMAINING, remaining);
		headers.set(RESET, reset);
		headers.set(POLICY, String.join(", ", policies));
		headers.set("X-RateLimit-Limit", limit);
		headers.set("X-RateLimit-Remaining", remaining);
		headers.set("X-RateLimit-Reset", reset);
	}

	private static RateLimitDecision report(List<Applied> applied) {
		RateLimitDecision report = null;
		for (Applied entry : applied) {
			RateLimitDecision decision = entry.decision();
			if (!decision.allowed()) {
				return decision;
			}
			if (report == null || decision.remaining() < report.remaining()
					|| (decision.remaining() == report.remaining() && decision.resetMillis() > report.resetMillis())) {
				report = decision;
			}
		}
		return report;
	}

	/**
	 * Round milliseconds up to whole seconds, as clients that wait the returned seconds
	 * must find the tokens there.
	 * @param millis the milliseconds
	 * @return the seconds
	 */
	static long seconds(long millis) {
		return (Math.max(0, millis) + 999) / 1000;
	}

	/**
	 * A decision taken under a policy.
	 *
	 * @param policy the policy
	 * @param decision the decision
	 */
	record Applied(RateLimitPolicy policy, RateLimitDecision decision) {

	}

}
