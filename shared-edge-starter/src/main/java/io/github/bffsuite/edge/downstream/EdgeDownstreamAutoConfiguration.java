package io.github.bffsuite.edge.downstream;

import java.time.Clock;

import io.github.bffsuite.edge.downstream.cache.RedisResponseCacheStore;
import io.github.bffsuite.edge.downstream.cache.ResponseCacheStores;
import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration;
import org.springframework.cloud.gateway.config.HttpClientProperties;
import org.springframework.cloud.gateway.filter.factory.GatewayFilterFactory;
import org.springframework.cloud.loadbalancer.core.ReactorServiceInstanceLoadBalancer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * Auto-configuration of named downstream services: a resilient {@code WebClient} per
 * service and the {@code CallDownstream} gateway filter that applies the same policies to
 * routes, and clients of {@code @HttpExchange} interfaces over those {@code WebClient}s.
 * <p>
 * Backs off without resilience4j (circuit breaker and bulkhead) or Spring Cloud
 * LoadBalancer on the class path: every downstream call is guarded and balanced, so there
 * is no unguarded variant to fall back to. A gateway that calls downstreams declares
 * them.
 * <p>
 * A downstream may cache its GET answers ({@code edge.downstream.services.<name>.cache}),
 * in memory or, with Spring Data Redis, in Redis.
 * <p>
 * HTTPS downstreams may be called with a client certificate from an SSL bundle
 * ({@code edge.downstream.ssl-bundle}, or {@code ssl-bundle} of one service).
 */
@AutoConfiguration(after = { WebClientAutoConfiguration.class, SslAutoConfiguration.class },
		afterName = "org.springframework.boot.data.redis.autoconfigure.DataRedisReactiveAutoConfiguration")
@ConditionalOnClass({ WebClient.class, MeterRegistry.class, CircuitBreaker.class, Bulkhead.class,
		ReactorServiceInstanceLoadBalancer.class })
@ConditionalOnProperty(name = "edge.downstream.enabled", matchIfMissing = true)
@EnableConfigurationProperties(EdgeDownstreamProperties.class)
public final class EdgeDownstreamAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	EdgeDownstreamClients edgeDownstreamClients(EdgeDownstreamProperties properties,
			ObjectProvider<WebClient.Builder> builders, ObjectProvider<MeterRegistry> meters,
			ObjectProvider<ResponseCacheStores> cacheStores, ObjectProvider<SslBundles> sslBundles) {
		Clock clock = Clock.systemUTC();
		return new EdgeDownstreamClients(properties, () -> builders.getIfAvailable(WebClient::builder),
				meters.getIfUnique(CompositeMeterRegistry::new), clock,
				cacheStores.getIfAvailable(() -> ResponseCacheStores.memory(clock)), sslBundles.getIfAvailable());
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(ReactiveStringRedisTemplate.class)
	static class RedisCacheConfiguration {

		@Bean
		@ConditionalOnMissingBean
		ResponseCacheStores edgeDownstreamResponseCacheStores(ObjectProvider<ReactiveStringRedisTemplate> redis) {
			ResponseCacheStores memory = ResponseCacheStores.memory(Clock.systemUTC());
			return (downstream, cache, metrics) -> {
				if (cache.getStore() != EdgeDownstreamProperties.CacheStore.REDIS) {
					return memory.create(downstream, cache, metrics);
				}
				ReactiveStringRedisTemplate template = redis.getIfAvailable();
				if (template == null) {
					throw new IllegalStateException("edge.downstream.services." + downstream
							+ ".cache.store=redis needs a Redis connection (spring.data.redis.*)");
				}
				return new RedisResponseCacheStore(template, cache.getRedisKeyPrefix(), cache.getRedisTimeout());
			};
		}

	}

	@Bean
	@ConditionalOnMissingBean
	DownstreamHttpServices downstreamHttpServices(EdgeDownstreamClients clients) {
		return new DownstreamHttpServices(clients);
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(GatewayFilterFactory.class)
	static class GatewayConfiguration {

		@Bean
		@ConditionalOnMissingBean(ignored = EdgeDownstreamGatewayFilterFactory.class)
		CallDownstreamGatewayFilterFactory callDownstreamGatewayFilterFactory(EdgeDownstreamClients clients,
				ObjectProvider<HttpClientProperties> httpClient) {
			HttpClientProperties properties = httpClient.getIfAvailable();
			return new CallDownstreamGatewayFilterFactory(clients,
					(properties != null) ? properties.getResponseTimeout() : null);
		}

		@Bean
		@ConditionalOnMissingBean
		@SuppressWarnings("deprecation")
		EdgeDownstreamGatewayFilterFactory edgeDownstreamGatewayFilterFactory(EdgeDownstreamClients clients) {
			return new EdgeDownstreamGatewayFilterFactory(clients);
		}

	}

}
