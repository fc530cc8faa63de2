package io.github.bffsuite.edge.graphql;

import com.github.benmanes.caffeine.cache.Caffeine;
import graphql.GraphQL;
import io.github.bffsuite.edge.graphql.persisted.InMemoryPersistedQueryStore;
import io.github.bffsuite.edge.graphql.persisted.PersistedQueryStore;
import io.github.bffsuite.edge.graphql.persisted.RedisPersistedQueryStore;
import io.github.bffsuite.edge.graphql.persisted.TrustedDocuments;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.data.redis.autoconfigure.DataRedisReactiveAutoConfiguration;
import org.springframework.boot.graphql.autoconfigure.GraphQlAutoConfiguration;
import org.springframework.boot.graphql.autoconfigure.reactive.GraphQlWebFluxAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;
import org.springframework.graphql.server.webflux.GraphQlHttpHandler;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Wiring of {@link EdgeGraphQlAutoConfiguration}.
 */
class EdgeGraphQlAutoConfigurationTests {

	final ReactiveWebApplicationContextRunner runner = new ReactiveWebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(GraphQlAutoConfiguration.class, GraphQlWebFluxAutoConfiguration.class,
				EdgeGraphQlAutoConfiguration.class))
		.withPropertyValues("spring.graphql.schema.locations=classpath:graphql-test/",
				"edge.graphql.trusted-documents.locations=classpath:graphql-test/trusted/*.graphql");

	@Nested
	class Enabled {

		@Test
		void guardsTheGraphQlEndpoint() {
			EdgeGraphQlAutoConfigurationTests.this.runner.run((context) -> {
				assertThat(context).hasSingleBean(EdgeGraphQlInterceptor.class)
					.hasSingleBean(DocumentAnalyzer.class)
					.hasSingleBean(GraphQlGuardrailMetrics.class)
					.hasSingleBean(InMemoryPersistedQueryStore.class)
					.hasBean("edgeGraphQlGetRouterFunction");
				assertThat(context.getBean(GraphQlHttpHandler.class)).isInstanceOf(EdgeGraphQlHttpHandler.class);
				assertThat(context.getBean(TrustedDocuments.class).documents()).hasSize(2);
			});
		}

		@Test
		void keepsPersistedQueriesInRedisWhenAskedTo() {
			EdgeGraphQlAutoConfigurationTests.this.runner
				.withConfiguration(AutoConfigurations.of(DataRedisAutoConfiguration.class,
						DataRedisReactiveAutoConfiguration.class))
				.withPropertyValues("edge.graphql.persisted-queries.store=redis")
				.run((context) -> assertThat(context).getBean(PersistedQueryStore.class)
					.isInstanceOf(RedisPersistedQueryStore.class));
		}

		@Test
		void keepsPersistedQueriesInMemoryWithoutSpringDataRedis() {
			EdgeGraphQlAutoConfigurationTests.this.runner
				.withClassLoader(new FilteredClassLoader("org.springframework.data.redis"))
				.run((context) -> assertThat(context).hasSingleBean(EdgeGraphQlInterceptor.class)
					.hasSingleBean(InMemoryPersistedQueryStore.class));
		}

		@Test
		void refusesPersistedQueriesInRedisWithoutSpringDataRedis() {
			EdgeGraphQlAutoConfigurationTests.this.runner
				.withClassLoader(new FilteredClassLoader("org.springframework.data.redis"))
				.withPropertyValues("edge.graphql.persisted-queries.store=redis")
				.run((context) -> assertThat(context).hasFailed()
					.getFailure()
					.rootCause()
					.hasMessageContaining("edge.graphql.persisted-queries.store=redis needs Redis"));
		}

		@Test
		void leavesGetToSpringWhenGetIsDisabled() {
			EdgeGraphQlAutoConfigurationTests.this.runner.withPropertyValues("edge.graphql.http.get-enabled=false")
				.run((context) -> assertThat(context).hasSingleBean(EdgeGraphQlInterceptor.class)
					.doesNotHaveBean("edgeGraphQlGetRouterFunction"));
		}

	}

	@Nested
	class Disabled {

		@Test
		void backsOffWithoutCaffeine() {
			EdgeGraphQlAutoConfigurationTests.this.runner.withClassLoader(new FilteredClassLoader(Caffeine.class))
				.run((context) -> {
					assertThat(context).hasNotFailed().doesNotHaveBean(EdgeGraphQlInterceptor.class);
					assertThat(context.getBean(GraphQlHttpHandler.class)).isNotInstanceOf(EdgeGraphQlHttpHandler.class);
				});
		}

		@Test
		void backsOffWhenSwitchedOff() {
			EdgeGraphQlAutoConfigurationTests.this.runner.withPropertyValues("edge.graphql.enabled=false")
				.run((context) -> {
					assertThat(context).doesNotHaveBean(EdgeGraphQlInterceptor.class);
					assertThat(context.getBean(GraphQlHttpHandler.class)).isNotInstanceOf(EdgeGraphQlHttpHandler.class);
				});
		}

		@Test
		void backsOffWithoutGraphQlJava() {
			EdgeGraphQlAutoConfigurationTests.this.runner.withClassLoader(new FilteredClassLoader(GraphQL.class))
				.run((context) -> assertThat(context).hasNotFailed()
					.doesNotHaveBean(EdgeGraphQlInterceptor.class)
					.doesNotHaveBean(GraphQlHttpHandler.class));
		}

		@Test
		void backsOffWithoutSpringForGraphQl() {
			EdgeGraphQlAutoConfigurationTests.this.runner
				.withClassLoader(new FilteredClassLoader(GraphQlHttpHandler.class))
				.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(EdgeGraphQlInterceptor.class));
		}

		@Test
		void backsOffWithoutASchema() {
			EdgeGraphQlAutoConfigurationTests.this.runner
				.withPropertyValues("spring.graphql.schema.locations=classpath:no-such-schema/")
				.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(EdgeGraphQlInterceptor.class));
		}

	}

}
