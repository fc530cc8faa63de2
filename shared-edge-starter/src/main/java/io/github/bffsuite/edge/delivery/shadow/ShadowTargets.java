package io.github.bffsuite.edge.delivery.shadow;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import io.github.bffsuite.edge.downstream.EdgeDownstreamProperties;
import org.jspecify.annotations.Nullable;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.http.client.HttpClientSettings;
import org.springframework.boot.http.client.HttpRedirects;
import org.springframework.boot.http.client.ReactorHttpClientBuilder;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.http.HttpMethod;
import org.springframework.util.StringUtils;

/**
 * The shadow targets of a gateway's routes, made from {@link EdgeShadowProperties} and
 * checked when the gateway starts: a bad setting fails start-up with a message that names
 * the property.
 */
public class ShadowTargets implements DisposableBean {

	private static final Set<String> METHODS = Set.of("GET", "HEAD", "OPTIONS", "POST", "PUT", "PATCH", "DELETE",
			"TRACE");

	private final Map<String, ShadowTarget> targets = new LinkedHashMap<>();

	/**
	 * Make and check the shadow targets.
	 * @param properties the shadow settings
	 * @param downstreams the named downstreams a target may name, or {@code null}
	 * @param sslBundles the SSL bundles, or {@code null}
	 * @param metrics where copies are counted
	 */
	public ShadowTargets(EdgeShadowProperties properties, @Nullable EdgeDownstreamProperties downstreams,
			@Nullable SslBundles sslBundles, ShadowMetrics metrics) {
		if (!StringUtils.hasText(properties.getHeader())) {
			throw new IllegalStateException("edge.delivery.shadow.header must not be blank");
		}
		try {
			properties.getRoutes()
				.forEach((route, settings) -> this.targets.put(route,
						target(route, settings, downstreams, sslBundles, metrics)));
		}
		catch (RuntimeException ex) {
			destroy();
			throw ex;
		}
	}

	private static ShadowTarget target(String route, EdgeShadowProperties.Route settings,
			@Nullable EdgeDownstreamProperties downstreams, @Nullable SslBundles sslBundles, ShadowMetrics metrics) {
		String prefix = "edge.delivery.shadow.routes." + route + ".";
		double share = settings.getShare();
		if (Double.isNaN(share) || share < 0 || share > 1) {
			throw new IllegalStateException(
					prefix + "share must be from 0 (no request copied) to 1 (every request), but is " + share);
		}
		if (settings.getMaxConcurrency() <= 0) {
			throw new IllegalStateException(
					prefix + "max-concurrency must be at least 1, but is " + settings.getMaxConcurrency());
		}
		if (settings.getTimeout().isNegative() || settings.getTimeout().isZero()) {
			throw new IllegalStateException(prefix + "timeout must be more than 0, but is " + settings.getTimeout());
		}
		if (settings.getMaxBodySize().isNegative()) {
			throw new IllegalStateException(
					prefix + "max-body-size must not be negative, but is " + settings.getMaxBodySize());
		}
		if (settings.getMaxBodySize().toBytes() > Integer.MAX_VALUE) {
			throw new IllegalStateException(prefix + "max-body-size must be less than 2GB");
		}
		Set<HttpMethod> methods = new LinkedHashSet<>();
		for (String method : settings.getMethods()) {
			String name = method.trim().toUpperCase(Locale.ROOT);
			if (!METHODS.contains(name)) {
				throw new IllegalStateException(prefix + "methods: unknown HTTP method '" + method + "'");
			}
			methods.add(HttpMethod.valueOf(name));
		}
		Resolved resolved = resolve(prefix, settings, downstreams);
		SslBundle bundle = sslBundle(prefix, resolved, sslBundles);
		ConnectionProvider pool = ConnectionProvider.builder("edge-shadow-" + route)
			.maxConnections(settings.getMaxConcurrency())
			.pendingAcquireMaxCount(settings.getMaxConcurrency())
			.pendingAcquireTimeout(settings.getTimeout())
			.maxIdleTime(java.time.Duration.ofSeconds(20))
			.evictInBackground(java.time.Duration.ofSeconds(10))
			.build();
		HttpClient client = new ReactorHttpClientBuilder().withHttpClientFactory(() -> HttpClient.create(pool))
			.withoutHttpClientDefaults()
			.build(new HttpClientSettings(HttpRedirects.DONT_FOLLOW, settings.getTimeout(), settings.getTimeout(),
					bundle));
		return new ShadowTarget(route, resolved.url(), share, Set.copyOf(methods), settings.getMaxBodySize().toBytes(),
				settings.getMaxConcurrency(), settings.getTimeout(), client, pool, metrics);
	}

	private static Resolved resolve(String prefix, EdgeShadowProperties.Route settings,
			@Nullable EdgeDownstreamProperties downstreams) {
		String target = settings.getTarget();
		if (!StringUtils.hasText(target)) {
			throw new IllegalStateException(prefix + "target must be set: an http(s) URL such as "
					+ "http://localhost:9013, or the name of a downstream under edge.downstream.services");
		}
		String bundle = settings.getSslBundle();
		EdgeDownstreamProperties.Service service = (downstreams != null) ? downstreams.getServices().get(target) : null;
		String url = target;
		if (service != null) {
			if (!service.getInstances().isEmpty() || !StringUtils.hasText(service.getBaseUrl())
					|| service.getBaseUrl().startsWith("lb:")) {
				throw new IllegalStateException(
						prefix + "target names downstream '" + target + "', which has no single http(s) base-url");
			}
			url = service.getBaseUrl();
			if (!StringUtils.hasText(bundle)) {
				bundle = service.getSslBundle();
			}
		}
		if (!StringUtils.hasText(bundle) && downstreams != null) {
			bundle = downstreams.getSslBundle();
		}
		URI uri;
		try {
			uri = new URI(url);
		}
		catch (URISyntaxException ex) {
			throw new IllegalStateException(prefix + "target '" + target + "' is not a URL: " + ex.getMessage(), ex);
		}
		String scheme = (uri.getScheme() != null) ? uri.getScheme().toLowerCase(Locale.ROOT) : "";
		if (!(scheme.equals("http") || scheme.equals("https")) || !StringUtils.hasText(uri.getHost())
				|| uri.getRawQuery() != null || uri.getRawFragment() != null) {
			throw new IllegalStateException(prefix + "target '" + target
					+ "' is unknown: neither an http(s) URL with a host and without a query, such as "
					+ "http://localhost:9013, nor a downstream under edge.downstream.services"
					+ ((downstreams != null) ? " (known: " + downstreams.getServices().keySet() + ")" : ""));
		}
		return new Resolved(uri, scheme.equals("https") ? bundle : null);
	}

	private static @Nullable SslBundle sslBundle(String prefix, Resolved resolved, @Nullable SslBundles sslBundles) {
		String name = resolved.sslBundle();
		if (!StringUtils.hasText(name)) {
			return null;
		}
		if (sslBundles == null) {
			throw new IllegalStateException(
					prefix + "ssl-bundle: '" + name + "' is named, but there are no SSL bundles (spring.ssl.bundle.*)");
		}
		return sslBundles.getBundle(name);
	}

	/**
	 * Return the shadow targets by route id.
	 * @return the targets
	 */
	Map<String, ShadowTarget> byRoute() {
		return this.targets;
	}

	/**
	 * Return the ids of the routes that have a shadow.
	 * @return the route ids
	 */
	public Set<String> routeIds() {
		return this.targets.keySet();
	}

	/**
	 * Return how many copies of a route are in flight.
	 * @param route the route id
	 * @return the count, 0 for a route without a shadow
	 */
	public int inFlight(String route) {
		ShadowTarget target = this.targets.get(route);
		return (target != null) ? target.inFlight() : 0;
	}

	@Override
	public void destroy() {
		this.targets.values().forEach(ShadowTarget::dispose);
	}

	private record Resolved(URI url, @Nullable String sslBundle) {
	}

}
