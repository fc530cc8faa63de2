package io.github.bffsuite.edge.ratelimit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.StringJoiner;

import io.github.bffsuite.edge.identity.EdgePrincipal;
import org.jspecify.annotations.Nullable;

import org.springframework.web.server.ServerWebExchange;

/**
 * The default {@link RateLimitKeyResolver}: user, tenant and client from the
 * authenticated principal, the client IP through a {@link ClientAddressResolver}, the
 * route as given. A key of several parts names each ({@code user=u-1|ip=203.0.113.5}); a
 * key longer than 128 characters is replaced by its SHA-256, so that callers cannot make
 * the store hold arbitrarily long keys.
 */
public class PrincipalRateLimitKeyResolver implements RateLimitKeyResolver {

	private static final int MAX_KEY_LENGTH = 128;

	private final ClientAddressResolver addresses;

	public PrincipalRateLimitKeyResolver(ClientAddressResolver addresses) {
		this.addresses = addresses;
	}

	@Override
	public @Nullable String resolve(RateLimitPolicy policy, ServerWebExchange exchange, String route,
			@Nullable EdgePrincipal principal) {
		boolean combined = policy.key().size() > 1;
		StringJoiner key = new StringJoiner("|");
		for (RateLimitKey part : RateLimitKey.values()) {
			if (!policy.key().contains(part)) {
				continue;
			}
			String value = switch (part) {
				case USER -> (principal != null) ? principal.userId() : null;
				case TENANT -> (principal != null) ? principal.tenantId() : null;
				case CLIENT -> (principal != null) ? principal.clientId() : null;
				case IP -> this.addresses.resolve(exchange.getRequest());
				case ROUTE -> route;
			};
			if (value == null || value.isEmpty()) {
				return null;
			}
			key.add(combined ? part.name().toLowerCase(Locale.ROOT) + "=" + value : value);
		}
		String value = key.toString();
		return (value.length() <= MAX_KEY_LENGTH) ? value : sha256(value);
	}

	private static String sha256(String value) {
		try {
			return HexFormat.of()
				.formatHex(MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
