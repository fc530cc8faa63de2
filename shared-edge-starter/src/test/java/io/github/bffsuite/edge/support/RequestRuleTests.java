package io.github.bffsuite.edge.support;

import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.http.HttpMethod;
import org.springframework.http.server.PathContainer;

import static org.assertj.core.api.Assertions.assertThat;

class RequestRuleTests {

	@Test
	void matchesEveryMethodWhenNoneIsNamed() {
		RequestRule.Matcher matcher = RequestRule.Matcher.of("/api/orders/**", Set.of());
		assertThat(matcher.matches(HttpMethod.GET, path("/api/orders/o-1"))).isTrue();
		assertThat(matcher.matches(HttpMethod.DELETE, path("/api/orders"))).isTrue();
		assertThat(matcher.matches(HttpMethod.GET, path("/api/users/u-1"))).isFalse();
	}

	@Test
	void matchesOnlyTheNamedMethodsInAnyLetterCase() {
		RequestRule rule = bind(Map.of("rule.pattern", "/api/orders/**", "rule.methods", "post,Put"));
		RequestRule.Matcher matcher = rule.matcher();
		assertThat(matcher.matches(HttpMethod.POST, path("/api/orders"))).isTrue();
		assertThat(matcher.matches(HttpMethod.PUT, path("/api/orders/o-1"))).isTrue();
		assertThat(matcher.matches(HttpMethod.GET, path("/api/orders/o-1"))).isFalse();
	}

	@Test
	void matchesThePathInAnyLetterCase() {
		RequestRule.Matcher matcher = RequestRule.Matcher.of("/api/users/**", Set.of());
		assertThat(matcher.matches(HttpMethod.GET, path("/API/Users/u-1"))).isTrue();
		assertThat(matcher.matches(HttpMethod.GET, path("/api/orders/o-1"))).isFalse();
	}

	@Test
	void matchesEverythingByDefault() {
		RequestRule.Matcher matcher = new RequestRule().matcher();
		assertThat(matcher.matches(HttpMethod.PATCH, path("/anything/at/all"))).isTrue();
	}

	private static RequestRule bind(Map<String, String> properties) {
		return new Binder(new MapConfigurationPropertySource(properties)).bind("rule", RequestRule.class).get();
	}

	private static PathContainer path(String path) {
		return PathContainer.parsePath(path);
	}

}
