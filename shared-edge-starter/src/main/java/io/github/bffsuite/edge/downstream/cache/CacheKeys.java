package io.github.bffsuite.edge.downstream.cache;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

import io.github.bffsuite.edge.identity.IdentityHeaders;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;

/**
 * The keys of a downstream response cache. A resource is the method, the downstream, the
 * tenant, the path and the sorted query; a variant of it adds the principal when answers
 * are per principal and the values of every request header the service varies on. Each
 * part is hashed (SHA-256) with separators no part can contain, so keys are short and no
 * two different requests share one.
 */
final class CacheKeys {

	private CacheKeys() {
	}

	/**
	 * Return the tenant a call is made for, as the edge's identity headers say.
	 * @param headers the request headers
	 * @return the tenant, empty when none
	 */
	static String tenant(HttpHeaders headers) {
		String tenant = headers.getFirst(IdentityHeaders.TENANT_ID);
		return (tenant != null) ? tenant : "";
	}

	/**
	 * Return the principal a call is made for: the user, or the client (API key) for
	 * machine callers.
	 * @param headers the request headers
	 * @return the principal, or {@code null} for an anonymous call
	 */
	static @Nullable String principal(HttpHeaders headers) {
		String user = headers.getFirst(IdentityHeaders.USER_ID);
		if (user != null && !user.isBlank()) {
			return "user:" + user;
		}
		String client = headers.getFirst(IdentityHeaders.CLIENT_ID);
		return (client != null && !client.isBlank()) ? "client:" + client : null;
	}

	static String resource(String downstream, HttpMethod method, URI url, String tenant) {
		String query = url.getRawQuery();
		String sortedQuery = "";
		if (query != null && !query.isEmpty()) {
			String[] parameters = query.split("&");
			Arrays.sort(parameters);
			sortedQuery = String.join("&", parameters);
		}
		String material = String.join("\n", method.name(), downstream, tenant, String.valueOf(url.getRawPath()),
				sortedQuery);
		return downstream + ":{" + sha256(material) + "}";
	}

	static String variant(String resourceKey, VarySpec spec, @Nullable String principal, HttpHeaders headers) {
		StringBuilder material = new StringBuilder(spec.perPrincipal() ? "p\n" + principal : "s");
		for (String name : spec.headers()) {
			List<String> values = headers.get(name);
			if (values == null) {
				values = List.of();
			}
			material.append('\n').append(name).append('\u0000').append(String.join("\u0000", values));
		}
		return resourceKey + ":" + sha256(material.toString());
	}

	private static String sha256(String material) {
		try {
			MessageDigest digest = MessageDigest.getInstance("SHA-256");
			return HexFormat.of().formatHex(digest.digest(material.getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
