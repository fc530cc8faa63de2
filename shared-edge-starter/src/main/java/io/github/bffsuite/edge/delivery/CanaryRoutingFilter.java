package io.github.bffsuite.edge.delivery;

import java.net.InetSocketAddress;
import java.net.URI;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.github.bffsuite.edge.delivery.RouteCanary.Outcome;
import io.github.bffsuite.edge.delivery.RouteCanary.Version;
import io.github.bffsuite.edge.identity.EdgeCaller;
import io.github.bffsuite.edge.identity.EdgePrincipal;
import io.github.bffsuite.edge.identity.IdentityHeadersGatewayFilter;
import io.github.bffsuite.edge.support.UpstreamFailures;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.cloud.gateway.filter.RouteToRequestUrlFilter;
import org.springframework.cloud.gateway.filter.headers.HttpHeadersFilter;
import org.springframework.cloud.gateway.route.Route;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * Sends each request of a route with a canary to the stable or the canary version: a
 * tester's override header when the caller holds the scope for it, else the caller's
 * sticky bucket at the current weight. It runs after the route's URL is resolved and
 * after {@code CallDownstream} picked an instance, and again for each of its retries, so
 * it rewrites the URL each attempt goes to and times each attempt per version.
 * <p>
 * As an {@link HttpHeadersFilter} it removes the override headers from every request sent
 * downstream, whoever sent them.
 */
public class CanaryRoutingFilter implements GlobalFilter, HttpHeadersFilter, Ordered {

	/**
	 * Order of the filter: after the route's URL is resolved and {@code CallDownstream}
	 * ran, before the load balancer client filter and the routing filter.
	 */
	public static final int ORDER = RouteToRequestUrlFilter.ROUTE_TO_URL_FILTER_ORDER + 125;

	/** Exchange attribute holding the {@link Version} chosen for the request. */
	public static final String VERSION_ATTRIBUTE = CanaryRoutingFilter.class.getName() + ".version";

	private static final String STABLE_URL_ATTRIBUTE = CanaryRoutingFilter.class.getName() + ".stableUrl";

	private static final String WRITTEN_URL_ATTRIBUTE = CanaryRoutingFilter.class.getName() + ".writtenUrl";

	private final CanaryController controller;

	private final Function<ServerWebExchange, @Nullable String> clientAddress;

	private final Set<String> overrideHeaders;

	/**
	 * Create a filter.
	 * @param controller the canaries
	 * @param clientAddress the client's address of a request (behind trusted proxies)
	 */
	public CanaryRoutingFilter(CanaryController controller,
			Function<ServerWebExchange, @Nullable String> clientAddress) {
		this.controller = controller;
		this.clientAddress = clientAddress;
		this.overrideHeaders = controller.canaries()
			.stream()
			.map((canary) -> canary.settings().getOverride().getHeader())
			.filter((header) -> !header.isBlank())
			.collect(Collectors.toUnmodifiableSet());
	}

	/**
	 * The client's address as the connection gives it.
	 * @param exchange the exchange
	 * @return the address, or {@code null}
	 */
	public static @Nullable String remoteAddress(ServerWebExchange exchange) {
		InetSocketAddress remote = exchange.getRequest().getRemoteAddress();
		return (remote != null && remote.getAddress() != null) ? remote.getAddress().getHostAddress() : null;
	}

	@Override
	public int getOrder() {
		return ORDER;
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
		Route route = exchange.getAttribute(ServerWebExchangeUtils.GATEWAY_ROUTE_ATTR);
		RouteCanary canary = (route != null) ? this.controller.canary(route.getId()) : null;
		URI current = exchange.getAttribute(ServerWebExchangeUtils.GATEWAY_REQUEST_URL_ATTR);
		if (canary == null || current == null) {
			return chain.filter(exchange);
		}
		// a retry comes back with the URL this filter wrote: the stable one is from
		// before
		URI written = exchange.getAttribute(WRITTEN_URL_ATTRIBUTE);
		URI stable = exchange.getAttribute(STABLE_URL_ATTRIBUTE);
		URI stableUrl = (written != null && stable != null && written.equals(current)) ? stable : current;
		Version chosen = exchange.getAttribute(VERSION_ATTRIBUTE);
		if (chosen != null) {
			return route(exchange, chain, canary, stableUrl, chosen);
		}
		EdgePrincipal principal = exchange.getAttribute(IdentityHeadersGatewayFilter.PRINCIPAL_ATTRIBUTE);
		if (principal != null) {
			return route(exchange, chain, canary, stableUrl, choose(exchange, canary, principal));
		}
		return EdgeCaller.of(exchange)
			.map((caller) -> choose(exchange, canary, caller))
			.switchIfEmpty(Mono.fromSupplier(() -> choose(exchange, canary, null)))
			.flatMap((version) -> route(exchange, chain, canary, stableUrl, version));
	}

	private Version choose(ServerWebExchange exchange, RouteCanary canary, @Nullable EdgePrincipal principal) {
		Version version = chooseVersion(exchange, canary, principal);
		exchange.getAttributes().put(VERSION_ATTRIBUTE, version);
		return version;
	}

	private Version chooseVersion(ServerWebExchange exchange, RouteCanary canary, @Nullable EdgePrincipal principal) {
		EdgeCanaryProperties.Canary settings = canary.settings();
		EdgeCanaryProperties.Override override = settings.getOverride();
		if (!override.getHeader().isBlank() && !override.getScope().isBlank() && principal != null
				&& principal.scopes().contains(override.getScope())) {
			String value = exchange.getRequest().getHeaders().getFirst(override.getHeader());
			if (value != null) {
				String wanted = value.trim().toLowerCase(Locale.ROOT);
				if (wanted.equals("always")) {
					return Version.CANARY;
				}
				if (wanted.equals("never")) {
					return Version.STABLE;
				}
			}
		}
		String key = key(exchange, settings.getStickBy(), principal);
		if (key == null || key.isEmpty()) {
			key = this.clientAddress.apply(exchange);
		}
		return (key != null && canary.takes(key)) ? Version.CANARY : Version.STABLE;
	}

	private @Nullable String key(ServerWebExchange exchange, EdgeCanaryProperties.StickBy stickBy,
			@Nullable EdgePrincipal principal) {
		return switch (stickBy) {
			case USER -> (principal != null) ? principal.userId() : null;
			case TENANT -> (principal != null) ? principal.tenantId() : null;
			case API_KEY -> (principal != null) ? principal.clientId() : null;
			case CLIENT_ADDRESS -> this.clientAddress.apply(exchange);
		};
	}

	private Mono<Void> route(ServerWebExchange exchange, GatewayFilterChain chain, RouteCanary canary, URI stableUrl,
			Version version) {
		URI target = (version == Version.CANARY) ? reconstruct(canary.uri(), stableUrl) : stableUrl;
		exchange.getAttributes().put(STABLE_URL_ATTRIBUTE, stableUrl);
		exchange.getAttributes().put(WRITTEN_URL_ATTRIBUTE, target);
		exchange.getAttributes().put(ServerWebExchangeUtils.GATEWAY_REQUEST_URL_ATTR, target);
		String header = canary.settings().getVersionHeader();
		if (!header.isBlank()) {
			exchange.getResponse().getHeaders().set(header, version.tag);
		}
		long start = System.nanoTime();
		return chain.filter(exchange)
			.doOnSuccess(
					(done) -> this.controller.record(canary, version, outcome(exchange), System.nanoTime() - start))
			.doOnError((ex) -> this.controller.record(canary, version, outcome(ex), System.nanoTime() - start))
			.doOnCancel(() -> this.controller.record(canary, version, Outcome.CANCELLED, System.nanoTime() - start));
	}

	private static Outcome outcome(ServerWebExchange exchange) {
		HttpStatusCode status = exchange.getResponse().getStatusCode();
		if (status == null || status.is2xxSuccessful() || status.is3xxRedirection()) {
			return Outcome.SUCCESS;
		}
		return status.is5xxServerError() ? Outcome.SERVER_ERROR : Outcome.CLIENT_ERROR;
	}

	private static Outcome outcome(Throwable ex) {
		if (UpstreamFailures.isTimeout(ex) || ex instanceof TimeoutException) {
			return Outcome.TIMEOUT;
		}
		if (UpstreamFailures.isConnectFailure(ex)) {
			return Outcome.CONNECT_FAILURE;
		}
		return Outcome.ERROR;
	}

	/**
	 * Return a URL with its scheme, host and port replaced by those of a canary URI.
	 * @param canary the canary URI
	 * @param url the resolved URL of the request
	 * @return the URL on the canary
	 */
	static URI reconstruct(URI canary, URI url) {
		return UriComponentsBuilder.fromUri(url)
			.scheme(canary.getScheme())
			.host(canary.getHost())
			.port(canary.getPort())
			.build(true)
			.toUri();
	}

	@Override
	public HttpHeaders filter(HttpHeaders input, ServerWebExchange exchange) {
		boolean present = false;
		for (String header : this.overrideHeaders) {
			present |= input.containsHeader(header);
		}
		if (!present) {
			return input;
		}
		HttpHeaders headers = new HttpHeaders();
		headers.putAll(input);
		this.overrideHeaders.forEach(headers::remove);
		return headers;
	}

	@Override
	public boolean supports(Type type) {
		return type == Type.REQUEST;
	}

}
