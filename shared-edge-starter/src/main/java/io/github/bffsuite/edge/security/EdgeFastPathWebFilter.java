package io.github.bffsuite.edge.security;

import java.util.EnumMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import io.github.bffsuite.edge.identity.EdgeAuthentication;
import io.github.bffsuite.edge.identity.EdgePrincipal;
import io.github.bffsuite.edge.identity.IdentityHeaders;
import io.github.bffsuite.edge.identity.IdentityHeadersGatewayFilter;
import io.github.bffsuite.edge.observability.AccessLogExchangeWebFilter;
import io.github.bffsuite.edge.ratelimit.EdgeRateLimitWebFilter;
import io.github.bffsuite.edge.web.NettyHeaders;
import io.github.bffsuite.edge.web.RequestIdWebFilter;
import io.github.bffsuite.edge.web.RequestLimitsWebFilter;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import reactor.util.context.Context;

import org.springframework.context.ApplicationContext;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.ReactiveSecurityContextHolder;
import org.springframework.security.core.context.SecurityContextImpl;
import org.springframework.security.web.server.authorization.ServerAccessDeniedHandler;
import org.springframework.security.web.server.firewall.ServerExchangeRejectedException;
import org.springframework.web.cors.reactive.CorsUtils;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import org.springframework.web.server.handler.DefaultWebFilterChain;

/**
 * The edge in one step. It stands where the edge's first web filter stood and replaces,
 * for the requests it decides, the edge's own web filters (request id, identity header
 * strip, request limits, access log registration, rate limit) and Spring Security's whole
 * filter chain with one synchronous pass:
 * <ol>
 * <li>the firewall's checks ({@link CheckOnceServerWebExchangeFirewall}, the same ones
 * Spring Security runs);</li>
 * <li>the credential: exactly one mechanism finds one, already known valid now
 * ({@link EdgeFastAuthenticator}: a cached token whose time claims still hold, an API key
 * held in memory and checked again);</li>
 * <li>the access decision ({@link EdgeAuthorizationManager}, deny by default);</li>
 * <li>request id, identity headers stripped, security response headers, access log
 * registration, and the caller in the exchange and the Reactor context
 * ({@link ReactiveSecurityContextHolder}), so that method security,
 * {@code @AuthenticationPrincipal} and the handlers see what they always saw;</li>
 * <li>the rate limit, decided without a publisher on the memory store and with one call
 * on Redis.</li>
 * </ol>
 * Every request it does not decide that way (no credential, a credential not in a cache,
 * a refused one, a denied one, a CORS or preflight request, a WebSocket upgrade, a
 * firewall rejection, a body of unknown length, another application context such as the
 * management server) goes through the filters it replaced, unchanged and in their order:
 * so the answers that are not a plain success are the old chain's by construction, and a
 * differential test holds the successes to the same status and headers.
 */
public final class EdgeFastPathWebFilter implements WebFilter {

	/**
	 * Why a request took the filter chain rather than the fast path, or that it took the
	 * fast path.
	 */
	enum Path {

		FAST, OTHER_CONTEXT, METHOD, UPGRADE, LIMITS, CORS, FIREWALL, NO_CREDENTIALS, UNDECIDED, MECHANISMS, DENIED

	}

	private static final WebFilterChain NO_CHAIN = (exchange) -> Mono.empty();

	private final @Nullable ApplicationContext context;

	private final CheckOnceServerWebExchangeFirewall firewall;

	private final List<EdgeFastAuthenticator> authenticators;

	private final EdgeAuthorizationManager authorization;

	private final @Nullable ProblemCorsWebFilter cors;

	private final @Nullable WebFilter securityHeaders;

	private final ServerAccessDeniedHandler accessDenied;

	private final RequestIdWebFilter requestIds;

	private final @Nullable RequestLimitsWebFilter limits;

	private final @Nullable EdgeRateLimitWebFilter rateLimit;

	private final List<WebFilter> replaced;

	private final List<WebFilter> beforeSecurity;

	private final List<WebFilter> afterSecurity;

	private final Map<Path, Counter> counters;

	EdgeFastPathWebFilter(@Nullable ApplicationContext context, Parts parts, List<WebFilter> replaced,
			List<WebFilter> beforeSecurity, List<WebFilter> afterSecurity, @Nullable MeterRegistry registry) {
		this.context = context;
		this.firewall = parts.firewall();
		this.authenticators = List.copyOf(parts.authenticators());
		this.authorization = parts.authorization();
		this.cors = parts.cors();
		this.securityHeaders = parts.securityHeaders();
		this.accessDenied = parts.accessDenied();
		this.requestIds = parts.requestIds();
		this.limits = parts.limits();
		this.rateLimit = parts.rateLimit();
		this.replaced = List.copyOf(replaced);
		this.beforeSecurity = List.copyOf(beforeSecurity);
		this.afterSecurity = List.copyOf(afterSecurity);
		this.counters = counters(registry);
	}

	private static Map<Path, Counter> counters(@Nullable MeterRegistry registry) {
		Map<Path, Counter> counters = new EnumMap<>(Path.class);
		if (registry != null) {
			for (Path path : Path.values()) {
				counters.put(path,
						Counter.builder("edge.fastpath.requests")
							.description("Requests the edge took through its fused fast path (path=fast), "
									+ "or through the filter chain, and why")
							.tag("path", (path == Path.FAST) ? "fast" : "chain")
							.tag("reason", path.name().toLowerCase().replace('_', '-'))
							.register(registry));
			}
		}
		return counters;
	}

	/**
	 * Return the filters this step replaces, in their order: what a request that is not
	 * decided here goes through.
	 * @return the replaced filters
	 */
	List<WebFilter> replaced() {
		return this.replaced;
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		Authentication authentication = null;
		Path path = decide(exchange);
		if (path == Path.FAST) {
			authentication = authenticate(exchange);
			if (authentication == null) {
				path = Path.UNDECIDED;
			}
			else if (!this.authorization.allows(exchange, authentication)) {
				path = Path.DENIED;
			}
		}
		count(path);
		if (authentication == null || path != Path.FAST) {
			return new DefaultWebFilterChain(chain::filter, this.replaced).filter(exchange);
		}
		return fast(exchange, chain, authentication);
	}

	private void count(Path path) {
		Counter counter = this.counters.get(path);
		if (counter != null) {
			counter.increment();
		}
	}

	/**
	 * The checks that need no credential, without side effects: whatever they refuse is
	 * left to the chain.
	 */
	private Path decide(ServerWebExchange exchange) {
		if (this.context != null && exchange.getApplicationContext() != this.context) {
			return Path.OTHER_CONTEXT;
		}
		ServerHttpRequest request = exchange.getRequest();
		HttpMethod method = request.getMethod();
		if (HttpMethod.OPTIONS.equals(method) || HttpMethod.TRACE.equals(method)) {
			return Path.METHOD;
		}
		HttpHeaders headers = request.getHeaders();
		if (headers.containsHeader(HttpHeaders.UPGRADE)) {
			return Path.UPGRADE;
		}
		if (this.limits != null && !this.limits.passes(request)) {
			return Path.LIMITS;
		}
		if (this.cors != null && CorsUtils.isCorsRequest(request)) {
			return Path.CORS;
		}
		try {
			if (!this.firewall.checkNow(exchange)) {
				return Path.FIREWALL;
			}
		}
		catch (ServerExchangeRejectedException ex) {
			return Path.FIREWALL;
		}
		return Path.FAST;
	}

	/**
	 * The caller, when exactly one mechanism finds a credential and knows it valid now.
	 */
	private @Nullable Authentication authenticate(ServerWebExchange exchange) {
		Authentication found = null;
		for (EdgeFastAuthenticator authenticator : this.authenticators) {
			EdgeFastAuthenticator.Outcome outcome = authenticator.authenticate(exchange);
			if (!outcome.credential()) {
				continue;
			}
			if (outcome.authentication() == null || found != null) {
				return null;
			}
			found = outcome.authentication();
		}
		return found;
	}

	private Mono<Void> fast(ServerWebExchange original, WebFilterChain chain, Authentication authentication) {
		String requestId = this.requestIds.resolve(original.getRequest());
		String requestIdHeader = this.requestIds.header();
		original.getAttributes().put(RequestIdWebFilter.ATTRIBUTE, requestId);
		original.getResponse().getHeaders().set(requestIdHeader, requestId);
		ServerHttpRequest request = withEdgeHeaders(original.getRequest(), requestIdHeader, requestId);
		EdgePrincipal principal = (authentication instanceof EdgeAuthentication edge) ? edge.getPrincipal() : null;
		Context context = ReactiveSecurityContextHolder
			.withSecurityContext(Mono.just(new SecurityContextImpl(authentication)))
			.put(RequestIdWebFilter.MDC_KEY, requestId);
		if (this.beforeSecurity.isEmpty()) {
			ServerWebExchange exchange = original.mutate()
				.request(request)
				.principal(Mono.just(authentication))
				.build();
			return secured(exchange, chain, authentication, principal, context);
		}
		// filters that stood between the edge's first filters and Spring Security's chain
		// still run there, on an exchange that knows no caller yet
		ServerWebExchange exchange = (request != original.getRequest()) ? original.mutate().request(request).build()
				: original;
		return new DefaultWebFilterChain(
				(before) -> secured(before.mutate().principal(Mono.just(authentication)).build(), chain, authentication,
						principal, context),
				this.beforeSecurity)
			.filter(exchange)
			.contextWrite((view) -> view.put(RequestIdWebFilter.MDC_KEY, requestId));
	}

	private Mono<Void> secured(ServerWebExchange exchange, WebFilterChain chain, Authentication authentication,
			@Nullable EdgePrincipal principal, Context context) {
		if (this.securityHeaders != null) {
			// registers its writer before the response commits, and goes on at once
			this.securityHeaders.filter(exchange, NO_CHAIN);
		}
		if (this.cors != null) {
			// not a cross-origin request (those take the chain): this only adds Vary
			this.cors.process(exchange);
		}
		AccessLogExchangeWebFilter.register(exchange, authentication);
		if (principal != null) {
			exchange.getAttributes().put(IdentityHeadersGatewayFilter.PRINCIPAL_ATTRIBUTE, principal);
		}
		Mono<Void> rest;
		if (this.afterSecurity.isEmpty()) {
			rest = limit(exchange, chain, principal);
		}
		else {
			rest = new DefaultWebFilterChain((after) -> limit(after, chain, principal), this.afterSecurity)
				.filter(exchange);
		}
		return rest.onErrorResume(AccessDeniedException.class, (denied) -> this.accessDenied.handle(exchange, denied))
			.contextWrite((view) -> view.putAll(context.put(ServerWebExchange.class, exchange).readOnly()));
	}

	private Mono<Void> limit(ServerWebExchange exchange, WebFilterChain chain, @Nullable EdgePrincipal principal) {
		return (this.rateLimit != null) ? this.rateLimit.filter(exchange, chain, principal) : chain.filter(exchange);
	}

	/**
	 * The request with spoofed identity headers removed and the request id set: one
	 * mutation, and none when the client sent neither an identity header nor anything but
	 * the request id it keeps.
	 */
	private static ServerHttpRequest withEdgeHeaders(ServerHttpRequest request, String requestIdHeader,
			String requestId) {
		HttpHeaders headers = request.getHeaders();
		boolean spoofed = hasIdentityHeader(request);
		List<String> sent = headers.get(requestIdHeader);
		boolean kept = sent != null && sent.size() == 1 && requestId.equals(sent.get(0));
		if (!spoofed && kept) {
			return request;
		}
		boolean strip = spoofed;
		return request.mutate().headers((mutable) -> {
			if (strip) {
				IdentityHeaders.strip(mutable);
			}
			mutable.set(requestIdHeader, requestId);
		}).build();
	}

	private static boolean hasIdentityHeader(ServerHttpRequest request) {
		io.netty.handler.codec.http.HttpHeaders netty = NettyHeaders.of(request);
		if (netty != null) {
			// the names as Netty decoded them, without Spring's case-insensitive name set
			for (Iterator<Map.Entry<CharSequence, CharSequence>> it = netty.iteratorCharSequence(); it.hasNext();) {
				if (IdentityHeaders.isIdentityHeader(it.next().getKey().toString())) {
					return true;
				}
			}
			return false;
		}
		for (String name : request.getHeaders().headerNames()) {
			if (IdentityHeaders.isIdentityHeader(name)) {
				return true;
			}
		}
		return false;
	}

	/**
	 * What the fast path is made of.
	 *
	 * @param firewall the firewall whose checks run first
	 * @param authenticators each mechanism's part
	 * @param authorization the access decision
	 * @param cors the CORS filter of the security chain, if CORS is configured
	 * @param securityHeaders the security chain's header writer filter, if any
	 * @param accessDenied answers a denial raised later (method security)
	 * @param requestIds the request id filter
	 * @param limits the request limits filter, if any
	 * @param rateLimit the rate limit filter, if any
	 */
	record Parts(CheckOnceServerWebExchangeFirewall firewall, List<EdgeFastAuthenticator> authenticators,
			EdgeAuthorizationManager authorization, @Nullable ProblemCorsWebFilter cors,
			@Nullable WebFilter securityHeaders, ServerAccessDeniedHandler accessDenied, RequestIdWebFilter requestIds,
			@Nullable RequestLimitsWebFilter limits, @Nullable EdgeRateLimitWebFilter rateLimit) {

	}

	/**
	 * The class name, without an identity hash: Spring's filter chain names each filter's
	 * checkpoint with it on every request.
	 */
	@Override
	public String toString() {
		return getClass().getName();
	}

}
