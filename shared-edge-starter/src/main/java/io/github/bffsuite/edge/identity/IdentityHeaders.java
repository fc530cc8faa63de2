package io.github.bffsuite.edge.identity;

import java.util.Locale;
import java.util.Set;

import org.springframework.http.HttpHeaders;

/**
 * The identity headers a gateway sets for its services, which services trust and clients
 * must never be able to set themselves.
 */
public final class IdentityHeaders {

	/** The user id. */
	public static final String USER_ID = "X-User-ID";

	/** The tenant id. */
	public static final String TENANT_ID = "X-Tenant-ID";

	/** The space-separated scopes. */
	public static final String SCOPES = "X-Scopes";

	/** The OAuth2 client id or API key id. */
	public static final String CLIENT_ID = "X-Client-ID";

	/** The partner plan. */
	public static final String PLAN = "X-Plan";

	private static final Set<String> NORMALIZED = Set.of("x-user-id", "x-tenant-id", "x-scopes", "x-client-id",
			"x-plan");

	private static final int SHORTEST = NORMALIZED.stream().mapToInt(String::length).min().orElseThrow();

	private static final int LONGEST = NORMALIZED.stream().mapToInt(String::length).max().orElseThrow();

	private IdentityHeaders() {
	}

	/**
	 * Whether a header name is, in any letter case and with underscores or dashes, one of
	 * the identity headers.
	 * @param name the header name
	 * @return whether it is an identity header
	 */
	public static boolean isIdentityHeader(String name) {
		String trimmed = name.trim();
		// every identity header is an X- header of 6 to 11 characters: the rest (nearly
		// every header a request carries) is decided without a lower-cased copy
		if (trimmed.length() < SHORTEST || trimmed.length() > LONGEST
				|| Character.toLowerCase(trimmed.charAt(0)) != 'x') {
			return false;
		}
		return NORMALIZED.contains(trimmed.replace('_', '-').toLowerCase(Locale.ROOT));
	}

	/**
	 * Remove every identity header, in every spelling.
	 * @param headers writable headers
	 */
	public static void strip(HttpHeaders headers) {
		headers.headerNames().stream().filter(IdentityHeaders::isIdentityHeader).toList().forEach(headers::remove);
	}

	/**
	 * Replace the identity headers with those of a principal.
	 * @param headers writable headers
	 * @param principal the principal
	 */
	public static void set(HttpHeaders headers, EdgePrincipal principal) {
		strip(headers);
		add(headers, principal);
	}

	/**
	 * Add the identity headers of a principal to headers that hold none.
	 * @param headers writable headers without identity headers
	 * @param principal the principal
	 */
	static void add(HttpHeaders headers, EdgePrincipal principal) {
		if (principal.userId() != null) {
			headers.set(USER_ID, principal.userId());
		}
		if (principal.tenantId() != null) {
			headers.set(TENANT_ID, principal.tenantId());
		}
		if (!principal.scopes().isEmpty()) {
			headers.set(SCOPES, String.join(" ", principal.scopes().stream().sorted().toList()));
		}
		if (principal.clientId() != null) {
			headers.set(CLIENT_ID, principal.clientId());
		}
		if (principal.plan() != null) {
			headers.set(PLAN, principal.plan());
		}
	}

}
