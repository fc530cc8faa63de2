package io.github.bffsuite.samples.support;

import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

import org.springframework.http.server.reactive.ServerHttpRequest;

/**
 * The caller as a gateway vouches for it through {@code X-User-ID}, {@code X-Tenant-ID},
 * {@code X-Scopes} and {@code X-Client-ID}. Sample services trust nothing else.
 *
 * @param userId the user id, absent for client-credential callers
 * @param tenantId the tenant id
 * @param scopes the granted scopes
 * @param clientId the OAuth2 client or API key id
 */
public record Identity(@Nullable String userId, @Nullable String tenantId, List<String> scopes,
		@Nullable String clientId) {

	/** Header carrying the authenticated user id. */
	public static final String USER_ID = "X-User-ID";

	/** Header carrying the authenticated tenant id. */
	public static final String TENANT_ID = "X-Tenant-ID";

	/** Header carrying the space-separated scopes. */
	public static final String SCOPES = "X-Scopes";

	/** Header carrying the client id. */
	public static final String CLIENT_ID = "X-Client-ID";

	private static final Pattern SAFE_ID = Pattern.compile("[A-Za-z0-9._:@-]{1,64}");

	/**
	 * Read the identity headers of a request.
	 * @param request the request
	 * @return the identity, with absent or malformed values as {@code null}
	 */
	public static Identity from(ServerHttpRequest request) {
		String scopes = request.getHeaders().getFirst(SCOPES);
		List<String> scopeList = (scopes != null)
				? Arrays.stream(scopes.trim().split("\\s+")).filter((scope) -> !scope.isEmpty()).toList() : List.of();
		return new Identity(safe(request.getHeaders().getFirst(USER_ID)),
				safe(request.getHeaders().getFirst(TENANT_ID)), scopeList,
				safe(request.getHeaders().getFirst(CLIENT_ID)));
	}

	private static @Nullable String safe(@Nullable String value) {
		return (value != null && SAFE_ID.matcher(value).matches()) ? value : null;
	}

	/**
	 * Return the tenant id or fail with 401 when no gateway vouched for one.
	 * @return the tenant id
	 */
	public String requireTenant() {
		if (this.tenantId == null) {
			throw Problems.unauthenticated("Missing " + TENANT_ID + " header set by a gateway");
		}
		return this.tenantId;
	}

	/**
	 * Return the user id or fail with 401 when no gateway vouched for one.
	 * @return the user id
	 */
	public String requireUser() {
		if (this.userId == null) {
			throw Problems.unauthenticated("Missing " + USER_ID + " header set by a gateway");
		}
		return this.userId;
	}

	/**
	 * Whether the caller was granted the given scope.
	 * @param scope the scope
	 * @return whether it is granted
	 */
	public boolean hasScope(String scope) {
		return this.scopes.contains(scope);
	}

}
