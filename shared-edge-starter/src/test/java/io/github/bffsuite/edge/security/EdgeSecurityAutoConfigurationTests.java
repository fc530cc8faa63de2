package io.github.bffsuite.edge.security;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bffsuite.edge.identity.EdgeIdentityAutoConfiguration;
import io.github.bffsuite.edge.security.apikey.ApiKeyAuthenticationManager;
import io.github.bffsuite.edge.security.apikey.ApiKeyStore;
import io.github.bffsuite.edge.security.apikey.EdgeApiKeyAutoConfiguration;
import io.github.bffsuite.edge.security.apikey.InMemoryApiKeyStore;
import io.github.bffsuite.edge.security.jwt.CachingJwksSource;
import io.github.bffsuite.edge.security.jwt.CachingReactiveJwtDecoder;
import io.github.bffsuite.edge.security.jwt.EdgeJwtAutoConfiguration;
import io.github.bffsuite.edge.security.jwt.EdgeJwtProperties;
import io.github.bffsuite.edge.web.EdgeWebAutoConfiguration;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.http.codec.autoconfigure.CodecsAutoConfiguration;
import org.springframework.boot.security.autoconfigure.ReactiveUserDetailsServiceAutoConfiguration;
import org.springframework.boot.security.autoconfigure.web.reactive.ReactiveWebSecurityAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;
import org.springframework.security.web.server.firewall.ServerWebExchangeFirewall;
import org.springframework.security.web.server.firewall.StrictServerWebExchangeFirewall;
import org.springframework.boot.webflux.autoconfigure.WebFluxAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.web.reactive.EnableWebFluxSecurity;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.security.web.server.MatcherSecurityWebFilterChain;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.WebFilterChainProxy;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatchers;

import static org.assertj.core.api.Assertions.assertThat;

class EdgeSecurityAutoConfigurationTests {

	private final ReactiveWebApplicationContextRunner runner = new ReactiveWebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(EdgeWebAutoConfiguration.class, EdgeIdentityAutoConfiguration.class,
				EdgeSecurityAutoConfiguration.class, EdgeJwtAutoConfiguration.class, EdgeApiKeyAutoConfiguration.class,
				ReactiveWebSecurityAutoConfiguration.class, ReactiveUserDetailsServiceAutoConfiguration.class,
				WebFluxAutoConfiguration.class, CodecsAutoConfiguration.class))
		.withPropertyValues("edge.security.jwt.jwk-set-uri=http://127.0.0.1:1/jwks");

	@Test
	void createsStatelessEdgeChainWithJwtByDefault() {
		this.runner.run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(context).hasSingleBean(SecurityWebFilterChain.class);
			assertThat(context).hasSingleBean(ReactiveJwtDecoder.class);
			assertThat(context).hasSingleBean(CachingJwksSource.class);
			assertThat(context).doesNotHaveBean(ApiKeyAuthenticationManager.class);
		});
	}

	@Test
	void bindsJwtProperties() {
		this.runner
			.withPropertyValues("edge.security.jwt.clock-skew=15s", "edge.security.jwt.audiences=a,b",
					"edge.security.jwt.claims.tenant-id=org", "edge.security.rules[0].pattern=/x/**",
					"edge.security.rules[0].methods=POST", "edge.security.rules[0].scopes=x:write")
			.run((context) -> {
				EdgeSecurityProperties properties = context.getBean(EdgeSecurityProperties.class);
				EdgeJwtProperties jwt = context.getBean(EdgeJwtProperties.class);
				assertThat(jwt.getClockSkew()).isEqualTo(Duration.ofSeconds(15));
				assertThat(jwt.getAudiences()).containsExactly("a", "b");
				assertThat(jwt.getClaims().getTenantId()).isEqualTo("org");
				assertThat(properties.getRules()).singleElement()
					.satisfies((rule) -> assertThat(rule.getScopes()).containsExactly("x:write"));
			});
	}

	@Test
	void refusesSymmetricAlgorithms() {
		this.runner.withPropertyValues("edge.security.jwt.algorithms=HS256")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining("Unsupported or symmetric JWS algorithm 'HS256'"));
	}

	@Test
	void userSecurityChainWins() {
		this.runner.withUserConfiguration(UserChainConfiguration.class)
			.run((context) -> assertThat(context).getBean(SecurityWebFilterChain.class)
				.isSameAs(context.getBean(UserChainConfiguration.class).chain));
	}

	@Test
	void enablesWebFluxSecurityWhenTheApplicationDoesNot() {
		this.runner.run((context) -> assertThat(context).hasSingleBean(WebFilterChainProxy.class)
			.hasSingleBean(EdgeSecurityAutoConfiguration.EnableWebFluxSecurityConfiguration.class));
	}

	@Test
	void leavesEnablingWebFluxSecurityToTheApplicationWhenItDoes() {
		this.runner.withUserConfiguration(UserEnableWebFluxSecurityConfiguration.class).run((context) -> {
			assertThat(context).hasSingleBean(WebFilterChainProxy.class)
				.doesNotHaveBean(EdgeSecurityAutoConfiguration.EnableWebFluxSecurityConfiguration.class);
			assertThat(context).getBean(SecurityWebFilterChain.class)
				.isSameAs(context.getBean("edgeSecurityWebFilterChain"));
		});
	}

	@Test
	void backsOffEnablingWebFluxSecurityWhenTheApplicationDefinesTheFilterChainProxy() {
		this.runner.withUserConfiguration(UserFilterChainProxyConfiguration.class)
			.run((context) -> assertThat(context).getBean(WebFilterChainProxy.class)
				.isSameAs(context.getBean(UserFilterChainProxyConfiguration.class).proxy));
	}

	@Test
	void checksRequestHeadersOnceWithTheStrictFirewallsRules() {
		this.runner.run((context) -> assertThat(context).hasSingleBean(CheckOnceServerWebExchangeFirewall.class));
	}

	@Test
	void leavesSpringSecuritysStrictFirewallWhenCheckOnceIsOff() {
		this.runner.withPropertyValues("edge.security.firewall.check-once=false")
			.run((context) -> assertThat(context).doesNotHaveBean(ServerWebExchangeFirewall.class));
	}

	@Test
	void userFirewallWins() {
		this.runner.withBean(ServerWebExchangeFirewall.class, StrictServerWebExchangeFirewall::new)
			.run((context) -> assertThat(context).doesNotHaveBean(CheckOnceServerWebExchangeFirewall.class)
				.hasSingleBean(ServerWebExchangeFirewall.class));
	}

	@Test
	void userJwtDecoderWins() {
		ReactiveJwtDecoder decoder = (token) -> Mono.empty();
		this.runner.withBean(ReactiveJwtDecoder.class, () -> decoder)
			.run((context) -> assertThat(context).getBean(ReactiveJwtDecoder.class).isSameAs(decoder));
	}

	@Test
	void backsOffWhenDisabled() {
		this.runner.withPropertyValues("edge.security.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(CachingJwksSource.class)
				.doesNotHaveBean(EdgeSecurityProperties.class));
	}

	@Test
	void backsOffWithoutSpringSecurity() {
		this.runner.withClassLoader(new FilteredClassLoader(SecurityWebFilterChain.class))
			.run((context) -> assertThat(context).doesNotHaveBean(EdgeSecurityProperties.class)
				.doesNotHaveBean(CachingJwksSource.class));
	}

	@Test
	void cachesValidatedTokensWithCaffeine() {
		this.runner.run((context) -> assertThat(context).getBean(ReactiveJwtDecoder.class)
			.isInstanceOf(CachingReactiveJwtDecoder.class));
	}

	@Test
	void validatesTokensWithoutCachingThemWithoutCaffeine() {
		this.runner.withClassLoader(new FilteredClassLoader(Caffeine.class))
			.run((context) -> assertThat(context).hasNotFailed()
				.getBean(ReactiveJwtDecoder.class)
				.isNotInstanceOf(CachingReactiveJwtDecoder.class));
	}

	@Test
	void generatesConfigurationMetadataWithDescriptions() throws IOException {
		try (InputStream metadata = getClass().getResourceAsStream("/META-INF/spring-configuration-metadata.json")) {
			assertThat(metadata).isNotNull();
			String json = new String(metadata.readAllBytes(), StandardCharsets.UTF_8);
			assertThat(json).contains("\"edge.security.jwt.clock-skew\"")
				.contains("\"edge.security.api-key.header\"")
				.contains("\"edge.web.limits.max-body-size\"")
				.contains("Clock skew tolerated");
		}
	}

	@Nested
	class ApiKeys {

		private final ReactiveWebApplicationContextRunner apiKeys = EdgeSecurityAutoConfigurationTests.this.runner
			.withPropertyValues("edge.security.mechanisms=api-key", "edge.security.api-key.hash=sha256");

		@Test
		void createsInMemoryStoreWithoutJwt() {
			this.apiKeys.run((context) -> {
				assertThat(context).hasSingleBean(InMemoryApiKeyStore.class);
				assertThat(context).hasSingleBean(ApiKeyAuthenticationManager.class);
				assertThat(context).doesNotHaveBean(ReactiveJwtDecoder.class);
			});
		}

		@Test
		void keepsKeysInMemoryWithoutSpringDataRedis() {
			this.apiKeys.withClassLoader(new FilteredClassLoader("org.springframework.data.redis"))
				.run((context) -> assertThat(context).hasSingleBean(InMemoryApiKeyStore.class)
					.hasSingleBean(ApiKeyAuthenticationManager.class));
		}

		@Test
		void userStoreWins() {
			ApiKeyStore store = (hash) -> Mono.empty();
			this.apiKeys.withBean(ApiKeyStore.class, () -> store)
				.run((context) -> assertThat(context).getBean(ApiKeyStore.class).isSameAs(store));
		}

		@Test
		void requiresSecretForHmac() {
			this.apiKeys.withPropertyValues("edge.security.api-key.hash=hmac-sha256")
				.run((context) -> assertThat(context).getFailure()
					.rootCause()
					.hasMessageContaining("An HMAC secret is required"));
		}

	}

	@Configuration(proxyBeanMethods = false)
	@EnableWebFluxSecurity
	static class UserEnableWebFluxSecurityConfiguration {

	}

	@Configuration(proxyBeanMethods = false)
	static class UserFilterChainProxyConfiguration {

		final SecurityWebFilterChain chain = new MatcherSecurityWebFilterChain(ServerWebExchangeMatchers.anyExchange(),
				List.of((exchange, next) -> next.filter(exchange)));

		final WebFilterChainProxy proxy = new WebFilterChainProxy(this.chain);

		@Bean
		SecurityWebFilterChain userChain() {
			return this.chain;
		}

		@Bean
		WebFilterChainProxy userWebFilterChainProxy() {
			return this.proxy;
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class UserChainConfiguration {

		SecurityWebFilterChain chain;

		@Bean
		SecurityWebFilterChain userChain(ServerHttpSecurity http) {
			this.chain = http.authorizeExchange((exchanges) -> exchanges.anyExchange().permitAll()).build();
			return this.chain;
		}

	}

}
