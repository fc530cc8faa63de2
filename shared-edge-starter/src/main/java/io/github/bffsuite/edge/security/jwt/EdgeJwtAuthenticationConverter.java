package io.github.bffsuite.edge.security.jwt;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;

import io.github.bffsuite.edge.identity.EdgeAuthentication;
import io.github.bffsuite.edge.identity.EdgePrincipal;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.core.convert.converter.Converter;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;

/**
 * Maps a validated JWT to the {@link EdgePrincipal} with the configured claim names. A
 * token whose subject is its own client id (client credentials) is a client, not a user.
 */
public class EdgeJwtAuthenticationConverter implements Converter<Jwt, Mono<AbstractAuthenticationToken>> {

	private final EdgeJwtProperties.Claims claims;

	private final Set<EdgePrincipal.Kind> acceptedKinds;

	public EdgeJwtAuthenticationConverter(EdgeJwtProperties jwt) {
		this.claims = jwt.getClaims();
		this.acceptedKinds = Set.copyOf(jwt.getAcceptedKinds());
	}

	@Override
	public Mono<AbstractAuthenticationToken> convert(Jwt jwt) {
		EdgePrincipal principal = principal(jwt);
		if (!this.acceptedKinds.contains(principal.kind())) {
			// A client-credential token at a user gateway (or the reverse) is not valid
			// here
			return Mono
				.error(new InvalidBearerTokenException("Tokens of kind " + principal.kind() + " are not accepted"));
		}
		return Mono.just(new EdgeAuthentication(principal));
	}

	/**
	 * Map a validated token without a publisher.
	 * @param jwt the token
	 * @return the authentication, or {@code null} when tokens of its kind are not
	 * accepted here
	 */
	public @Nullable EdgeAuthentication authentication(Jwt jwt) {
		EdgePrincipal principal = principal(jwt);
		return this.acceptedKinds.contains(principal.kind()) ? new EdgeAuthentication(principal) : null;
	}

	/**
	 * Build the principal of a token.
	 * @param jwt the token
	 * @return the principal
	 */
	public EdgePrincipal principal(Jwt jwt) {
		String subject = string(jwt.getClaims().get(this.claims.getUserId()));
		String clientId = this.claims.getClientId()
			.stream()
			.map((name) -> string(jwt.getClaims().get(name)))
			.filter(Objects::nonNull)
			.findFirst()
			.orElse(null);
		boolean client = subject != null && subject.equals(clientId);
		return new EdgePrincipal(client ? EdgePrincipal.Kind.CLIENT : EdgePrincipal.Kind.USER, client ? null : subject,
				string(jwt.getClaims().get(this.claims.getTenantId())), clientId,
				strings(jwt.getClaims().get(this.claims.getScopes())),
				strings(jwt.getClaims().get(this.claims.getRoles())),
				string(jwt.getClaims().get(this.claims.getPlan())));
	}

	private static @Nullable String string(@Nullable Object value) {
		return (value instanceof String text && !text.isBlank()) ? text : null;
	}

	private static Set<String> strings(@Nullable Object value) {
		Set<String> result = new LinkedHashSet<>();
		if (value instanceof String text) {
			for (String part : text.trim().split("\\s+")) {
				if (!part.isEmpty()) {
					result.add(part);
				}
			}
		}
		else if (value instanceof Collection<?> values) {
			values.stream().map(String::valueOf).forEach(result::add);
		}
		return Set.copyOf(result);
	}

}
