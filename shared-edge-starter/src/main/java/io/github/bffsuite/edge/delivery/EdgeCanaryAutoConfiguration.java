package io.github.bffsuite.edge.delivery;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

import io.github.bffsuite.edge.ratelimit.ClientAddressResolver;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.cloud.gateway.route.Route;
import org.springframework.cloud.gateway.route.RouteLocator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.io.ClassPathResource;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;

/**
 * Auto-configuration of canary releases on Spring Cloud Gateway routes
 * ({@code edge.delivery.canaries.<route-id>}): off unless a canary is configured. The
 * state of each canary lives in memory, or in Redis with
 * {@code edge.delivery.canary-control.store=redis}.
 */
@AutoConfiguration(
		afterName = { "org.springframework.boot.data.redis.autoconfigure.DataRedisReactiveAutoConfiguration",
				"org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration",
				"io.github.bffsuite.edge.ratelimit.EdgeRateLimitAutoConfiguration" },
		// the Redis warm-up loads every edge script, these two included
		beforeName = "io.github.bffsuite.edge.redis.EdgeRedisAutoConfiguration")
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
@ConditionalOnClass(GlobalFilter.class)
@ConditionalOnCanaries
@EnableConfigurationProperties(EdgeCanaryProperties.class)
@Import({ EdgeCanaryAutoConfiguration.Redis.class, EdgeCanaryAutoConfiguration.Memory.class })
public final class EdgeCanaryAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	CanaryController edgeCanaryController(EdgeCanaryProperties properties, CanaryStateStore edgeCanaryStateStore,
			ObjectProvider<Clock> clock, ObjectProvider<MeterRegistry> meters) {
		return new CanaryController(properties, edgeCanaryStateStore, clock.getIfAvailable(Clock::systemUTC),
				meters.getIfUnique());
	}

	@Bean
	@ConditionalOnMissingBean
	CanaryRoutingFilter edgeCanaryRoutingFilter(CanaryController controller,
			ObjectProvider<ClientAddressResolver> addresses) {
		ClientAddressResolver resolver = addresses.getIfUnique();
		if (resolver != null) {
			return new CanaryRoutingFilter(controller, (exchange) -> resolver.resolve(exchange.getRequest()));
		}
		return new CanaryRoutingFilter(controller, CanaryRoutingFilter::remoteAddress);
	}

	@Bean
	SmartInitializingSingleton edgeCanaryRouteCheck(CanaryController controller, ObjectProvider<RouteLocator> routes) {
		return () -> {
			RouteLocator locator = routes.getIfAvailable();
			if (locator != null) {
				// start-up only: a canary on a route that does not exist must stop the
				// gateway, and the routes are only known through the reactive locator
				List<String> ids = locator.getRoutes().map(Route::getId).collectList().block(Duration.ofSeconds(30));
				CanaryValidation.routesExist(controller.routes(), (ids != null) ? ids : List.of());
			}
		};
	}

	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnAvailableEndpoint
	CanariesEndpoint canariesEndpoint(CanaryController controller, EdgeCanaryProperties properties) {
		return new CanariesEndpoint(controller, properties.getCanaryControl().getAdminScope());
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(ReactiveStringRedisTemplate.class)
	@ConditionalOnProperty(name = "edge.delivery.canary-control.store", havingValue = "redis")
	static class Redis {

		@Bean
		@ConditionalOnMissingBean(name = "edgeCanaryInitialiseScript")
		RedisScript<String> edgeCanaryInitialiseScript() throws IOException {
			return RedisScript.of(lua("edge_canary_initialise.lua"), String.class);
		}

		@Bean
		@ConditionalOnMissingBean(name = "edgeCanaryCompareAndSetScript")
		RedisScript<Long> edgeCanaryCompareAndSetScript() throws IOException {
			return RedisScript.of(lua("edge_canary_compare_and_set.lua"), Long.class);
		}

		private static String lua(String name) throws IOException {
			// read once, as the rate limit store does: a resource-backed script checks
			// its file before every call
			return new ClassPathResource("META-INF/scripts/" + name).getContentAsString(StandardCharsets.UTF_8);
		}

		@Bean
		@ConditionalOnMissingBean(CanaryStateStore.class)
		RedisCanaryStateStore edgeCanaryStateStore(ReactiveStringRedisTemplate redis,
				RedisScript<String> edgeCanaryInitialiseScript, RedisScript<Long> edgeCanaryCompareAndSetScript,
				EdgeCanaryProperties properties) {
			return new RedisCanaryStateStore(redis, edgeCanaryInitialiseScript, edgeCanaryCompareAndSetScript,
					properties.getCanaryControl().getKeyPrefix(), Duration.ofSeconds(2));
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnProperty(name = "edge.delivery.canary-control.store", havingValue = "memory", matchIfMissing = true)
	static class Memory {

		@Bean
		@ConditionalOnMissingBean(CanaryStateStore.class)
		InMemoryCanaryStateStore edgeCanaryStateStore() {
			return new InMemoryCanaryStateStore();
		}

	}

}
