package io.github.bffsuite.edge.security.jwt;

import java.util.List;

import io.github.bffsuite.edge.identity.EdgeAuthentication;
import io.github.bffsuite.edge.security.EdgeFastAuthenticator;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpHeaders;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.web.server.ServerWebExchange;

/**
 * The bearer JWT mechanism's part of the fused fast path: one {@code Authorization}
 * header with the {@code Bearer} scheme (any letter case) and an RFC 6750
 * {@code b64token}, no {@code access_token} in the query, and a token that
 * {@link CachingReactiveJwtDecoder} validated before and whose {@code exp} and
 * {@code nbf} still hold. Anything else (a second header, another scheme, a token in the
 * query, a token not in the cache or no longer valid, a token of a kind not accepted
 * here) is left to Spring Security's bearer token filter.
 */
public final class FastJwtAuthenticator implements EdgeFastAuthenticator {

	private static final String BEARER = "Bearer ";

	private final @Nullable CachingReactiveJwtDecoder decoder;

	private final EdgeJwtAuthenticationConverter converter;

	/**
	 * Create the mechanism's part.
	 * @param decoder the edge's decoder: without the validated-token cache
	 * ({@link CachingReactiveJwtDecoder}) every token is left to the filter chain
	 * @param converter maps a token to the edge's principal
	 */
	public FastJwtAuthenticator(ReactiveJwtDecoder decoder, EdgeJwtAuthenticationConverter converter) {
		this.decoder = (decoder instanceof CachingReactiveJwtDecoder caching) ? caching : null;
		this.converter = converter;
	}

	@Override
	public Outcome authenticate(ServerWebExchange exchange) {
		if (this.decoder == null) {
			return Outcome.UNDECIDED;
		}
		ServerHttpRequest request = exchange.getRequest();
		List<String> values = request.getHeaders().get(HttpHeaders.AUTHORIZATION);
		String rawQuery = request.getURI().getRawQuery();
		boolean queryToken = rawQuery != null && rawQuery.contains("access_token");
		if (values == null || values.isEmpty()) {
			return queryToken ? Outcome.UNDECIDED : Outcome.NONE;
		}
		if (values.size() != 1 || queryToken) {
			return Outcome.UNDECIDED;
		}
		String token = bearerToken(values.get(0));
		if (token == null) {
			return Outcome.UNDECIDED;
		}
		CachingReactiveJwtDecoder.Validated validated = this.decoder.validated(token);
		if (validated == null) {
			return Outcome.UNDECIDED;
		}
		EdgeAuthentication authentication = validated.converted(EdgeAuthentication.class,
				this.converter::authentication);
		return (authentication != null) ? Outcome.authenticated(authentication) : Outcome.UNDECIDED;
	}

	/**
	 * The token of a {@code Bearer} credential, as Spring Security's
	 * {@code ServerBearerTokenAuthenticationConverter} reads it
	 * ({@code ^Bearer (?<token>[a-zA-Z0-9-._~+/]+=*)$}, case-insensitive), without a
	 * regular expression.
	 */
	static @Nullable String bearerToken(String header) {
		int length = header.length();
		if (length <= BEARER.length() || !header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
			return null;
		}
		int i = BEARER.length();
		int start = i;
		while (i < length && isToken68(header.charAt(i))) {
			i++;
		}
		if (i == start) {
			return null;
		}
		while (i < length && header.charAt(i) == '=') {
			i++;
		}
		return (i == length) ? header.substring(start) : null;
	}

	private static boolean isToken68(char c) {
		return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '.'
				|| c == '_' || c == '~' || c == '+' || c == '/';
	}

}
