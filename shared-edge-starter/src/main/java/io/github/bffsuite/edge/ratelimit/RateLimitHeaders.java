package io.github.bffsuite.edge.ratelimit;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.springframework.http.HttpHeaders;

/**
 * Writes the rate limit headers of the IETF httpapi drafts from the decisions taken for a
 * request: by default (draft-10) one structured {@code RateLimit-Policy} and
 * {@code RateLimit} item per policy; in the draft-07 syntax limit, remaining and reset
 * (seconds) of the most constraining one and every applied policy. Both add the older
 * {@code X-RateLimit-*} names.
 */
public final class RateLimitHeaders {

	/** Draft-07: size of the most constraining limit. */
	public static final String LIMIT = "RateLimit-Limit";

	/** Draft-07: tokens left in it. */
	public static final String REMAINING = "RateLimit-Remaining";

	/** Draft-07: seconds until it is full again or its window ends. */
	public static final String RESET = "RateLimit-Reset";

	/**
	 * Every policy applied: in draft-10 such as {@code "daily";q=10000;w=86400}, in
	 * draft-07 such as {@code 20;w=1, 10000;w=86400}.
	 */
	public static final String POLICY = "RateLimit-Policy";

	/**
	 * Draft-10: what is left of every policy applied, such as
	 * {@code "daily";r=9950;t=3600}.
	 */
	public static final String RATE_LIMIT = "RateLimit";

	private RateLimitHeaders() {
	}

	/**
	 * Set the headers in the default syntax, draft-10.
	 * @param headers the response headers
	 * @param applied the decisions taken for the request, in order
	 */
	static void write(HttpHeaders headers, List<Applied> applied) {
		write(headers, applied, EdgeRateLimitProperties.HeaderSyntax.DRAFT_10);
	}

	/**
	 * Set the headers in a syntax.
	 * @param headers the response headers
	 * @param applied the decisions taken for the request, in order
	 * @param syntax the syntax
	 */
	static void write(HttpHeaders headers, List<Applied> applied, EdgeRateLimitProperties.HeaderSyntax syntax) {
		if (applied.isEmpty()) {
			return;
		}
		RateLimitDecision report = report(applied);
		String limit = Long.toString(report.limit());
		String remaining = Long.toString(Math.max(0, report.remaining()));
		String reset = Long.toString(seconds(report.resetMillis()));
		if (syntax == EdgeRateLimitProperties.HeaderSyntax.DRAFT_10) {
			headers.remove(LIMIT);
			headers.remove(REMAINING);
			headers.remove(RESET);
			headers.set(POLICY, structured(applied, (entry) -> entry.policy().describeItem()));
			headers.set(RATE_LIMIT, structured(applied, RateLimitHeaders::item));
			headers.set("X-RateLimit-Limit", limit);
			headers.set("X-RateLimit-Remaining", remaining);
			headers.set("X-RateLimit-Reset", reset);
			return;
		}
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

	private static String structured(List<Applied> applied, java.util.function.Function<Applied, String> item) {
		if (applied.size() == 1) {
			// one policy, the usual case: its item is the list
			return item.apply(applied.get(0));
		}
		Set<String> names = new LinkedHashSet<>();
		List<String> items = new java.util.ArrayList<>();
		for (Applied entry : applied) {
			if (names.add(entry.policy().name())) {
				items.add(item.apply(entry));
			}
		}
		return String.join(", ", items);
	}

	/**
	 * Return a draft-10 {@code RateLimit} list item for a decision.
	 * @param applied the decision and its policy
	 * @return the item, such as {@code "daily";r=9950;t=3600}
	 */
	static String item(Applied applied) {
		RateLimitDecision decision = applied.decision();
		return RateLimitPolicy.sfString(applied.policy().name()) + ";r=" + Math.max(0, decision.remaining()) + ";t="
				+ seconds(decision.resetMillis());
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
