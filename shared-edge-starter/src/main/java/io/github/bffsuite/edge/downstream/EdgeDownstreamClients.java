package io.github.bffsuite.edge.downstream;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

import io.github.bffsuite.edge.downstream.cache.ResponseCacheExchangeFilterFunction;
import io.github.bffsuite.edge.downstream.cache.ResponseCacheMetrics;
import io.github.bffsuite.edge.downstream.cache.ResponseCacheStores;
import io.github.bffsuite.edge.identity.IdentityTokenSigner;
import io.github.bffsuite.edge.support.CircuitBreakerProperties;
import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.bulkhead.BulkheadConfig;
import io.github.resilience4j.bulkhead.BulkheadRegistry;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.micrometer.core.instrument.MeterRegistry;
import org.jspecify.annotations.Nullable;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.http.client.HttpClientSettings;
import org.springframework.boot.http.client.HttpRedirects;
import org.springframework.boot.http.client.ReactorHttpClientBuilder;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.cloud.loadbalancer.core.RoundRobinLoadBalancer;
import org.springframework.cloud.loadbalancer.core.ServiceInstanceListSupplier;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.util.StringUtils;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * The named downstream services of a gateway, each with a ready {@link WebClient} (its
 * own connection pool and timeouts, the edge's identity and request id headers, trace
 * propagation and the downstream's resilience policies) and the {@link Downstream} that
 * gateway routes share.
 */
public class EdgeDownstreamClients implements DisposableBean {

	private final Map<String, Downstream> downstreams = new LinkedHashMap<>();

	private final Map<String, WebClient> webClients = new LinkedHashMap<>();

	private final Map<String, ConnectionProvider> pools = new LinkedHashMap<>();

	private final CircuitBreakerRegistry circuitBreakers = CircuitBreakerRegistry.ofDefaults();

	private final BulkheadRegistry bulkheads = BulkheadRegistry.ofDefaults();

	public EdgeDownstreamClients(EdgeDownstreamProperties properties, Supplier<WebClient.Builder> builders,
			MeterRegistry meters, Clock clock) {
		this(properties, builders, meters, clock, ResponseCacheStores.memory(clock));
	}

	/**
	 * Create the clients of the configured downstreams.
	 * @param properties the downstreams
	 * @param builders the builders to start each client from
	 * @param meters where metrics go
	 * @param clock the clock of instance ejection and response cache freshness
	 * @param cacheStores the stores of the downstreams whose response cache is enabled
	 */
	public EdgeDownstreamClients(EdgeDownstreamProperties properties, Supplier<WebClient.Builder> builders,
			MeterRegistry meters, Clock clock, ResponseCacheStores cacheStores) {
		this(properties, builders, meters, clock, cacheStores, null);
	}

	/**
	 * Create the clients of the configured downstreams.
	 * @param properties the downstreams
	 * @param builders the builders to start each client from
	 * @param meters where metrics go
	 * @param clock the clock of instance ejection and response cache freshness
	 * @param cacheStores the stores of the downstreams whose response cache is enabled
	 * @param sslBundles the SSL bundles that {@code edge.downstream.ssl-bundle} and
	 * {@code edge.downstream.services.<name>.ssl-bundle} name, or {@code null} when there
	 * are none
	 */
	public EdgeDownstreamClients(EdgeDownstreamProperties properties, Supplier<WebClient.Builder> builders,
			MeterRegistry meters, Clock clock, ResponseCacheStores cacheStores, @Nullable SslBundles sslBundles) {
		properties.getServices().forEach((name, service) -> {
			StaticInstanceListSupplier instances = service.getInstances().isEmpty() ? null
					: new StaticInstanceListSupplier(name, service.getInstances(), service.getEjectionTime(), clock);
			Downstream downstream = new Downstream(name, service, circuitBreaker(name, service),
					bulkhead(name, service), instances, (instances != null) ? loadBalancer(instances) : null, meters);
			this.downstreams.put(name, downstream);
			ConnectionProvider pool = pool(name, service.getPool());
			this.pools.put(name, pool);
			HttpClient httpClient = httpClient(pool, service, sslBundle(name, properties, service, sslBundles));
			WebClient.Builder builder = builders.get()
				.baseUrl(baseUrl(name, service))
				.clientConnector(new ReactorClientHttpConnector(httpClient))
				// the audience of the identity signed for this service
				.defaultRequest((request) -> request.attribute(IdentityTokenSigner.AUDIENCE_ATTRIBUTE, name));
			if (service.getCache().isEnabled()) {
				// inside the identity filter (a customizer of the builder), so keys see
				// the tenant and principal; outside the policies, so a hit takes no
				// bulkhead permit and never counts against the circuit
				ResponseCacheMetrics cacheMetrics = new ResponseCacheMetrics(meters, name);
				builder.filter(new ResponseCacheExchangeFilterFunction(name, service.getCache(),
						cacheStores.create(name, service.getCache(), cacheMetrics), cacheMetrics, clock));
			}
			this.webClients.put(name, builder.filter(new DownstreamExchangeFilterFunction(downstream)).build());
		});
	}

	/**
	 * Return the service's Reactor Netty client on its own pool, with its connect timeout
	 * and, when it has one, its SSL bundle, through Boot's builder without Boot's client
	 * defaults (no compression, no system proxy, no redirects): the same client as
	 * without a bundle, plus TLS with the bundle's key and trust managers, protocols and
	 * ciphers. Reactor Netty verifies the service's host name on such a client (HTTPS
	 * endpoint identification), as on any secured HTTP client.
	 * <p>
	 * The bundle is read once, when the clients are made: if it reloads
	 * ({@code reload-on-update}), these clients do not pick that up and keep presenting
	 * and trusting what they started with until the gateway restarts.
	 */
	private static HttpClient httpClient(ConnectionProvider pool, EdgeDownstreamProperties.Service service,
			@Nullable SslBundle sslBundle) {
		return new ReactorHttpClientBuilder().withHttpClientFactory(() -> HttpClient.create(pool))
			.withoutHttpClientDefaults()
			.build(new HttpClientSettings(HttpRedirects.DONT_FOLLOW, service.getConnectTimeout(), null, sslBundle));
	}

	private static @Nullable SslBundle sslBundle(String name, EdgeDownstreamProperties properties,
			EdgeDownstreamProperties.Service service, @Nullable SslBundles sslBundles) {
		String bundle = StringUtils.hasText(service.getSslBundle()) ? service.getSslBundle()
				: properties.getSslBundle();
		if (!StringUtils.hasText(bundle)) {
			return null;
		}
		if (sslBundles == null) {
			throw new IllegalStateException("Downstream '" + name + "' uses SSL bundle '" + bundle
					+ "', but there are no SSL bundles (spring.ssl.bundle.*)");
		}
		return sslBundles.getBundle(bundle);
	}

	private static String baseUrl(String name, EdgeDownstreamProperties.Service service) {
		if (!service.getInstances().isEmpty() || !StringUtils.hasText(service.getBaseUrl())) {
			// the host is replaced by the chosen instance on every attempt
			return "http://" + name;
		}
		return service.getBaseUrl();
	}

	private @Nullable CircuitBreaker circuitBreaker(String name, EdgeDownstreamProperties.Service service) {
		CircuitBreakerProperties properties = service.getCircuitBreaker();
		if (!properties.isEnabled()) {
			return null;
		}
		CircuitBreakerConfig config = properties.toConfig()
			.recordResult(Downstream::isFailedResult)
			.ignoreException((ex) -> !Downstream.isServiceFailure(ex))
			.build();
		return this.circuitBreakers.circuitBreaker(name, config);
	}

	private @Nullable Bulkhead bulkhead(String name, EdgeDownstreamProperties.Service service) {
		if (!service.getBulkhead().isEnabled()) {
			return null;
		}
		// never wait for a permit: waiting would block an event loop thread
		BulkheadConfig config = BulkheadConfig.custom()
			.maxConcurrentCalls(service.getBulkhead().getMaxConcurrentCalls())
			.maxWaitDuration(java.time.Duration.ZERO)
			.build();
		return this.bulkheads.bulkhead(name, config);
	}

	private static RoundRobinLoadBalancer loadBalancer(StaticInstanceListSupplier instances) {
		return new RoundRobinLoadBalancer(new ObjectProvider<>() {

			@Override
			public ServiceInstanceListSupplier getObject() {
				return instances;
			}

			@Override
			public ServiceInstanceListSupplier getIfAvailable() {
				return instances;
			}

		}, instances.getServiceId());
	}

	private static ConnectionProvider pool(String name, EdgeDownstreamProperties.Pool pool) {
		return ConnectionProvider.builder("edge-" + name)
			.maxConnections(pool.getMaxConnections())
			.pendingAcquireTimeout(pool.getPendingAcquireTimeout())
			.pendingAcquireMaxCount(pool.getPendingAcquireMaxCount())
			.maxIdleTime(pool.getMaxIdleTime())
			.maxLifeTime(pool.getMaxLifeTime())
			.evictInBackground(pool.getMaxIdleTime().dividedBy(2))
			.build();
	}

	/**
	 * Return the {@code WebClient} of a downstream, with its base URL set.
	 * @param name the downstream name
	 * @return the client
	 */
	public WebClient webClient(String name) {
		WebClient client = this.webClients.get(name);
		if (client == null) {
			throw unknown(name);
		}
		return client;
	}

	/**
	 * Return a downstream with its policies.
	 * @param name the downstream name
	 * @return the downstream
	 */
	public Downstream downstream(String name) {
		Downstream downstream = this.downstreams.get(name);
		if (downstream == null) {
			throw unknown(name);
		}
		return downstream;
	}

	/**
	 * Return the names of the configured downstreams.
	 * @return the names
	 */
	public Set<String> names() {
		return this.downstreams.keySet();
	}

	/**
	 * Return the registry holding the downstreams' circuit breakers.
	 * @return the registry
	 */
	public CircuitBreakerRegistry circuitBreakers() {
		return this.circuitBreakers;
	}

	/**
	 * Return the registry holding the downstreams' bulkheads.
	 * @return the registry
	 */
	public BulkheadRegistry bulkheads() {
		return this.bulkheads;
	}

	private IllegalArgumentException unknown(String name) {
		return new IllegalArgumentException("No downstream named '" + name + "'; configure edge.downstream.services."
				+ name + " (known: " + this.downstreams.keySet() + ")");
	}

	@Override
	public void destroy() {
		this.pools.values().forEach(ConnectionProvider::dispose);
	}

}
