package io.github.bffsuite.edge.graphql;

import java.util.Map;

import reactor.core.publisher.Mono;
import reactor.util.context.ContextView;

import org.springframework.core.Ordered;
import org.springframework.graphql.server.support.AbstractAuthenticationWebSocketInterceptor;
import org.springframework.graphql.server.support.BearerTokenAuthenticationExtractor;
import org.springframework.graphql.server.webflux.AuthenticationWebSocketInterceptor;
import org.springframework.security.authentication.ReactiveAuthenticationManager;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.ReactiveSecurityContextHolder;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.server.resource.BearerTokenErrors;

/**
 * Authenticates a graphql-ws connection from the bearer token in its
 * {@code connection_init} payload ({@code {"Authorization": "Bearer <token>"}}), since
 * browsers cannot set headers on a WebSocket handshake. Unlike Spring for GraphQL's
 * {@link AuthenticationWebSocketInterceptor}, a payload without a token is refused as an
 * invalid one is: the socket closes with {@code 4401} before any operation is parsed, so
 * no anonymous caller ever reaches introspection or validation. It runs first among the
 * interceptors, so the guardrails see the caller of each operation.
 */
public class EdgeWebSocketAuthenticationInterceptor extends AbstractAuthenticationWebSocketInterceptor
		implements Ordered {

	/** Order of this interceptor: before the guardrails. */
	public static final int ORDER = Ordered.HIGHEST_PRECEDENCE;

	private final ReactiveAuthenticationManager manager;

	/**
	 * Create the interceptor.
	 * @param manager authenticates the bearer token, as for a bearer header
	 */
	public EdgeWebSocketAuthenticationInterceptor(ReactiveAuthenticationManager manager) {
		super(EdgeWebSocketAuthenticationInterceptor::required);
		this.manager = manager;
	}

	@Override
	protected Mono<Authentication> authenticate(Authentication authentication) {
		return this.manager.authenticate(authentication);
	}

	@Override
	protected ContextView getContextToWrite(SecurityContext securityContext) {
		return ReactiveSecurityContextHolder.withSecurityContext(Mono.just(securityContext));
	}

	private static Mono<Authentication> required(Map<String, Object> payload) {
		return new BearerTokenAuthenticationExtractor().getAuthentication(payload)
			.switchIfEmpty(Mono.error(() -> new OAuth2AuthenticationException(BearerTokenErrors
				.invalidRequest("connection_init must carry {\"Authorization\": \"Bearer <token>\"}"))));
	}

	@Override
	public int getOrder() {
		return ORDER;
	}

}
