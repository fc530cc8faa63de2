package io.github.bffsuite.edge.ratelimit;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.github.bffsuite.edge.test.RateLimitFields;
import org.junit.jupiter.api.Test;

import org.springframework.http.HttpHeaders;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.entry;

/**
 * The rate limit headers in both syntaxes.
 */
class RateLimitHeadersTests {

	static final RateLimitPolicy BURST = new RateLimitPolicy("burst", 100, 50, Duration.ofSeconds(30), List.of(),
			Set.of(RateLimitKey.CLIENT), RedisFailureMode.LOCAL_FALLBACK, 1);

	static final RateLimitPolicy DAILY = new RateLimitPolicy("daily", 0, 1, Duration.ofSeconds(1),
			List.of(new RateLimitPolicy.Quota(10000, Duration.ofDays(1))), Set.of(RateLimitKey.CLIENT),
			RedisFailureMode.LOCAL_FALLBACK, 1);

	static final List<RateLimitHeaders.Applied> APPLIED = List.of(
			new RateLimitHeaders.Applied(BURST,
					new RateLimitDecision(true, 100, 99, 600, 0, RateLimitDecision.Origin.MEMORY)),
			new RateLimitHeaders.Applied(DAILY,
					new RateLimitDecision(true, 10000, 9950, 3_599_001, 0, RateLimitDecision.Origin.MEMORY)));

	@Test
	void writesOneStructuredItemPerPolicyInDraft10() {
		HttpHeaders headers = new HttpHeaders();
		headers.set("RateLimit-Limit", "stale");
		RateLimitHeaders.write(headers, APPLIED, EdgeRateLimitProperties.HeaderSyntax.DRAFT_10);
		assertThat(headers.getFirst("RateLimit-Policy")).isEqualTo("\"burst\";q=100;w=60, \"daily\";q=10000;w=86400");
		assertThat(headers.getFirst("RateLimit")).isEqualTo("\"burst\";r=99;t=1, \"daily\";r=9950;t=3600");
		assertThat(headers.getFirst("X-RateLimit-Remaining")).isEqualTo("99");
		assertThat(headers.containsHeader("RateLimit-Limit")).isFalse();
	}

	@Test
	void writesDraft10ByDefault() {
		HttpHeaders headers = new HttpHeaders();
		RateLimitHeaders.write(headers, APPLIED);
		assertThat(new EdgeRateLimitProperties().getHeaderSyntax())
			.isEqualTo(EdgeRateLimitProperties.HeaderSyntax.DRAFT_10);
		assertThat(RateLimitFields.policies(headers)).containsExactly(entry("burst", Map.of("q", 100L, "w", 60L)),
				entry("daily", Map.of("q", 10000L, "w", 86400L)));
		assertThat(RateLimitFields.assertDraft10(headers)).containsExactly(entry("burst", Map.of("r", 99L, "t", 1L)),
				entry("daily", Map.of("r", 9950L, "t", 3600L)));
	}

	@Test
	void keepsTheDraft07FieldsBehindTheProperty() {
		HttpHeaders headers = new HttpHeaders();
		RateLimitHeaders.write(headers, APPLIED, EdgeRateLimitProperties.HeaderSyntax.DRAFT_07);
		assertThat(headers.getFirst("RateLimit-Limit")).isEqualTo("100");
		assertThat(headers.getFirst("RateLimit-Policy")).isEqualTo("50;w=30;burst=100, 10000;w=86400");
		assertThat(headers.containsHeader("RateLimit")).isFalse();
	}

	@Test
	void writesPolicyNamesAsStructuredFieldStrings() {
		RateLimitPolicy odd = new RateLimitPolicy("say \"hi\" \\ o'clock", 5, 5, Duration.ofSeconds(1), List.of(),
				Set.of(RateLimitKey.CLIENT), RedisFailureMode.LOCAL_FALLBACK, 1);
		HttpHeaders headers = new HttpHeaders();
		RateLimitHeaders.write(headers, List.of(new RateLimitHeaders.Applied(odd,
				new RateLimitDecision(true, 5, 4, 200, 0, RateLimitDecision.Origin.MEMORY))));
		assertThat(headers.getFirst("RateLimit-Policy")).isEqualTo("\"say \\\"hi\\\" \\\\ o'clock\";q=5;w=1");
		assertThat(RateLimitFields.assertDraft10(headers)).containsOnlyKeys("say \"hi\" \\ o'clock");
	}

	@Test
	void refusesPolicyNamesNoStructuredFieldStringCanCarry() {
		for (String name : List.of("caf\u00e9", "tab\tbed", "")) {
			assertThatIllegalArgumentException()
				.isThrownBy(() -> new RateLimitPolicy(name, 5, 5, Duration.ofSeconds(1), List.of(),
						Set.of(RateLimitKey.CLIENT), RedisFailureMode.LOCAL_FALLBACK, 1))
				.withMessageContaining("printable ASCII");
		}
	}

	@Test
	void allowsNoBucketOnlyWithQuotas() {
		assertThatIllegalArgumentException().isThrownBy(() -> new RateLimitPolicy("none", 0, 1, Duration.ofSeconds(1),
				List.of(), Set.of(RateLimitKey.CLIENT), RedisFailureMode.LOCAL_FALLBACK, 1));
	}

}
