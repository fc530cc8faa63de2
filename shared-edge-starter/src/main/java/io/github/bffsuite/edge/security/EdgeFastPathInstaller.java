package io.github.bffsuite.edge.security;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

import io.github.bffsuite.edge.identity.StripIdentityHeadersWebFilter;
import io.github.bffsuite.edge.observability.AccessLogExchangeWebFilter;
import io.github.bffsuite.edge.ratelimit.EdgeRateLimitWebFilter;
import io.github.bffsuite.edge.web.RequestIdWebFilter;
import io.github.bffsuite.edge.web.RequestLimitsWebFilter;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.context.ApplicationContext;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.WebFilterChainProxy;
import org.springframework.security.web.server.authentication.AuthenticationWebFilter;
import org.springframework.security.web.server.authorization.ServerAccessDeniedHandler;
import org.springframework.security.web.server.firewall.ServerWebExchangeFirewall;
import org.springframework.security.web.server.header.HttpHeaderWriterWebFilter;
import org.springframework.web.server.WebFilter;

/**
 * Puts {@link EdgeFastPathWebFilter} in a web handler's filter list in place of the
 * filters it fuses, when it can stand for them exactly; otherwise it leaves the list as
 * it is and says why.
 * <p>
 * The start-up checks: the edge's request id filter must be the first filter of the list
 * (nothing may run before the edge's first step; an application filter ordered there
 * fails the start, since the fast path would change what it sees); the edge's own
 * security filter chain must be the first one (it matches every exchange, so no later
 * chain is ever used); it may hold only the filters the fast path stands for (an unknown
 * filter added by a customizer keeps the chain for every request); each of its
 * authentication mechanisms must have a fast part; and the firewall must be
 * {@link CheckOnceServerWebExchangeFirewall}, whose checks can run without a publisher.
 */
public final class EdgeFastPathInstaller implements Consumer<List<WebFilter>> {

	private static final Log logger = LogFactory.getLog(EdgeFastPathInstaller.class);

	/** The filters the fast path fuses. */
	private static final Set<Class<?>> FUSED = Set.of(RequestIdWebFilter.class, StripIdentityHeadersWebFilter.class,
			RequestLimitsWebFilter.class, AccessLogExchangeWebFilter.Registration.class, WebFilterChainProxy.class,
			AccessLogExchangeWebFilter.class, EdgeRateLimitWebFilter.class);

	/** The filters of the edge's security chain that the fast path stands for. */
	private static final Set<String> KNOWN_SECURITY_FILTERS = Set.of(
			"org.springframework.security.config.web.server.ServerHttpSecurity$ServerWebExchangeReactorContextWebFilter",
			"org.springframework.security.web.server.header.HttpHeaderWriterWebFilter",
			"io.github.bffsuite.edge.security.ProblemCorsWebFilter",
			"org.springframework.security.web.server.context.ReactorContextWebFilter",
			"org.springframework.security.web.server.authentication.AuthenticationWebFilter",
			"org.springframework.security.web.server.context.SecurityContextServerWebExchangeWebFilter",
			"org.springframework.security.web.server.savedrequest.ServerRequestCacheWebFilter",
			"org.springframework.security.web.server.authorization.ExceptionTranslationWebFilter",
			"org.springframework.security.web.server.authorization.AuthorizationWebFilter");

	private final @Nullable ApplicationContext context;

	private final List<SecurityWebFilterChain> chains;

	private final @Nullable SecurityWebFilterChain edge;

	private final @Nullable ServerWebExchangeFirewall firewall;

	private final List<EdgeFastAuthenticator> authenticators;

	private final EdgeAuthorizationManager authorization;

	private final ServerAccessDeniedHandler accessDenied;

	private final @Nullable MeterRegistry registry;

	private final List<EdgeFastPathWebFilter> installed = new ArrayList<>();

	EdgeFastPathInstaller(@Nullable ApplicationContext context, List<SecurityWebFilterChain> chains,
			@Nullable SecurityWebFilterChain edge, @Nullable ServerWebExchangeFirewall firewall,
			List<EdgeFastAuthenticator> authenticators, EdgeAuthorizationManager authorization,
			ServerAccessDeniedHandler accessDenied, @Nullable MeterRegistry registry) {
		this.context = context;
		this.chains = List.copyOf(chains);
		this.edge = edge;
		this.firewall = firewall;
		this.authenticators = List.copyOf(authenticators);
		this.authorization = authorization;
		this.accessDenied = accessDenied;
		this.registry = registry;
	}

	/**
	 * Return the fast path filters this installer put in a filter list.
	 * @return the installed filters, one per web handler
	 */
	public List<? extends WebFilter> installed() {
		return List.copyOf(this.installed);
	}

	@Override
	public void accept(List<WebFilter> filters) {
		int first = -1;
		int last = -1;
		int proxy = -1;
		RequestIdWebFilter requestIds = null;
		RequestLimitsWebFilter limits = null;
		EdgeRateLimitWebFilter rateLimit = null;
		for (int i = 0; i < filters.size(); i++) {
			WebFilter filter = filters.get(i);
			if (!FUSED.contains(filter.getClass())) {
				continue;
			}
			first = (first < 0) ? i : first;
			last = i;
			if (filter instanceof WebFilterChainProxy) {
				proxy = i;
			}
			else if (filter instanceof RequestIdWebFilter found) {
				requestIds = found;
			}
			else if (filter instanceof RequestLimitsWebFilter found) {
				limits = found;
			}
			else if (filter instanceof EdgeRateLimitWebFilter found) {
				rateLimit = found;
			}
		}
		String refusal = refusal(proxy, requestIds);
		if (refusal != null) {
			logger.info("The edge's fast path is off: " + refusal);
			return;
		}
		if (first != 0 || filters.get(0) != requestIds) {
			throw new IllegalStateException("The edge's fast path needs the edge's request id filter to run first, "
					+ "but " + filters.get(0) + " is ordered before it; order it after "
					+ RequestIdWebFilter.class.getName() + " or set edge.security.fast-path.enabled=false");
		}
		SecurityWebFilterChain chain = this.chains.get(0);
		List<WebFilter> securityFilters = chain.getWebFilters().collectList().block();
		refusal = refusal(securityFilters);
		if (refusal != null) {
			logger.warn("The edge's fast path is off: " + refusal);
			return;
		}
		List<WebFilter> segment = new ArrayList<>(filters.subList(first, last + 1));
		List<WebFilter> before = new ArrayList<>();
		List<WebFilter> after = new ArrayList<>();
		for (int i = first; i <= last; i++) {
			WebFilter filter = filters.get(i);
			if (!FUSED.contains(filter.getClass())) {
				((i < proxy) ? before : after).add(filter);
			}
		}
		HttpHeaderWriterWebFilter headerWriter = find(securityFilters, HttpHeaderWriterWebFilter.class);
		WebFilter securityHeaders = SecurityHeaderWrites.forFastPath(headerWriter);
		if (securityHeaders == headerWriter && headerWriter != null) {
			logger.info("The edge's fast path writes the security headers with Spring Security's writers: "
					+ "the chain has a header writer it does not know");
		}
		EdgeFastPathWebFilter.Parts parts = new EdgeFastPathWebFilter.Parts(
				(CheckOnceServerWebExchangeFirewall) this.firewall, this.authenticators, this.authorization,
				find(securityFilters, ProblemCorsWebFilter.class), securityHeaders, this.accessDenied, requestIds,
				limits, rateLimit);
		EdgeFastPathWebFilter fused = new EdgeFastPathWebFilter(this.context, parts, segment, before, after,
				this.registry);
		filters.subList(first, last + 1).clear();
		filters.add(first, fused);
		this.installed.add(fused);
		logger.debug("The edge's fast path stands for " + segment);
	}

	private @Nullable String refusal(int proxy, @Nullable RequestIdWebFilter requestIds) {
		if (proxy < 0) {
			return "no Spring Security filter chain proxy in the web handler's filters";
		}
		if (requestIds == null) {
			return "no request id filter in the web handler's filters";
		}
		if (this.edge == null || this.chains.isEmpty() || this.chains.get(0) != this.edge) {
			return "the first security filter chain is not the edge's own (" + this.chains
					+ "); the fast path stands for the edge's chain only";
		}
		if (!(this.firewall instanceof CheckOnceServerWebExchangeFirewall)) {
			return "the firewall is " + this.firewall + ", not " + CheckOnceServerWebExchangeFirewall.class.getName()
					+ " (edge.security.firewall.check-once=true)";
		}
		if (this.authenticators.isEmpty()) {
			return "no authentication mechanism has a fast part";
		}
		return null;
	}

	private @Nullable String refusal(@Nullable List<WebFilter> securityFilters) {
		if (securityFilters == null) {
			return "the security filter chain has no filters";
		}
		int mechanisms = 0;
		for (WebFilter filter : securityFilters) {
			if (!KNOWN_SECURITY_FILTERS.contains(filter.getClass().getName())) {
				return "the security filter chain holds " + filter.getClass().getName()
						+ ", which the fast path does not stand for";
			}
			if (filter instanceof AuthenticationWebFilter) {
				mechanisms++;
			}
		}
		if (mechanisms != this.authenticators.size()) {
			return "the security filter chain has " + mechanisms + " authentication filters, and "
					+ this.authenticators.size() + " mechanisms have a fast part";
		}
		return null;
	}

	private static <T> @Nullable T find(List<WebFilter> filters, Class<T> type) {
		for (WebFilter filter : filters) {
			if (type.isInstance(filter)) {
				return type.cast(filter);
			}
		}
		return null;
	}

}
