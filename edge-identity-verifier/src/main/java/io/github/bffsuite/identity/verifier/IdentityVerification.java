package io.github.bffsuite.identity.verifier;

import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;

/**
 * What to do with one request, whatever the web stack: the decision the reactive and the
 * servlet filters share.
 * <ul>
 * <li>no signed identity and no identity header: pass on, anonymous;</li>
 * <li>identity headers without a signed identity: 401 {@code identity-unverified};</li>
 * <li>a signed identity that does not verify: 401 {@code identity-unverified} naming
 * why;</li>
 * <li>a valid signed identity that an identity header present contradicts: 401
 * {@code identity-mismatch};</li>
 * <li>a valid signed identity: pass on with the identity headers replaced by its
 * claims.</li>
 * </ul>
 * Reports each outcome's result (such as {@code verified}, {@code anonymous},
 * {@code missing-token}, {@code mismatch}, {@code expired}) to a listener: the
 * {@code edge.identity.verification{result}} counter when Micrometer is present.
 */
public class IdentityVerification {

	/** Base of the problem {@code type} URIs, as the suite's services use. */
	public static final String PROBLEM_BASE = "https://bff-suite.dev/problems/";

	/**
	 * An identity header and how it reads from a verified identity.
	 */
	public enum Header {

		/** The user id. */
		USER_ID("X-User-ID", VerifiedIdentity::userId),

		/** The tenant id. */
		TENANT_ID("X-Tenant-ID", VerifiedIdentity::tenantId),

		/** The space-separated scopes. */
		SCOPES("X-Scopes", (identity) -> identity.scopes().isEmpty() ? null : String.join(" ", identity.scopes())),

		/** The client id. */
		CLIENT_ID("X-Client-ID", VerifiedIdentity::clientId),

		/** The partner plan. */
		PLAN("X-Plan", VerifiedIdentity::plan);

		private final String headerName;

		private final Function<VerifiedIdentity, @Nullable String> value;

		Header(String headerName, Function<VerifiedIdentity, @Nullable String> value) {
			this.headerName = headerName;
			this.value = value;
		}

		/**
		 * Return the header's name.
		 * @return the name
		 */
		public String headerName() {
			return this.headerName;
		}

		/**
		 * Return the header's value for a verified identity.
		 * @param identity the identity
		 * @return the value, {@code null} when the identity has none
		 */
		public @Nullable String valueOf(VerifiedIdentity identity) {
			return this.value.apply(identity);
		}

		/**
		 * Return the identity header a header name is, in any letter case and with
		 * underscores or dashes.
		 * @param name a header name
		 * @return the identity header, {@code null} when it is none
		 */
		public static @Nullable Header of(String name) {
			String normalized = name.trim().replace('_', '-').toLowerCase(Locale.ROOT);
			for (Header header : values()) {
				if (header.headerName.toLowerCase(Locale.ROOT).equals(normalized)) {
					return header;
				}
			}
			return null;
		}

	}

	private final IdentityTokenVerifier verifier;

	private final String tokenHeader;

	private final Consumer<String> results;

	/**
	 * Create the decision.
	 * @param verifier the token verifier
	 * @param tokenHeader the header of the signed identity
	 * @param results told the result of every decision
	 */
	public IdentityVerification(IdentityTokenVerifier verifier, String tokenHeader, Consumer<String> results) {
		this.verifier = verifier;
		this.tokenHeader = tokenHeader;
		this.results = results;
	}

	/**
	 * Return the header of the signed identity.
	 * @return the header name
	 */
	public String tokenHeader() {
		return this.tokenHeader;
	}

	/**
	 * Decide about a request.
	 * @param tokens the values of the signed identity header, empty when absent
	 * @param identityHeaders the values of each identity header present, every spelling
	 * merged
	 * @return the outcome
	 */
	public Outcome decide(List<String> tokens, Map<Header, List<String>> identityHeaders) {
		if (tokens.isEmpty()) {
			if (identityHeaders.isEmpty()) {
				return count(Outcome.ANONYMOUS, "anonymous");
			}
			return count(Outcome.unverified("Identity headers " + names(identityHeaders.keySet())
					+ " came without a signed identity in " + this.tokenHeader), "missing-token");
		}
		if (tokens.size() > 1) {
			return count(Outcome.unverified("More than one " + this.tokenHeader + " header"), "malformed");
		}
		VerifiedIdentity identity;
		try {
			identity = this.verifier.verify(tokens.get(0).trim());
		}
		catch (IdentityVerificationException ex) {
			return count(Outcome.unverified(this.tokenHeader + " rejected: " + ex.getMessage()), ex.getReason());
		}
		for (Map.Entry<Header, List<String>> present : identityHeaders.entrySet()) {
			if (!agrees(present.getKey(), present.getValue(), identity)) {
				return count(Outcome.mismatch(
						present.getKey().headerName() + " does not match the signed identity in " + this.tokenHeader),
						"mismatch");
			}
		}
		Map<Header, String> headers = new EnumMap<>(Header.class);
		for (Header header : Header.values()) {
			String value = header.valueOf(identity);
			if (value != null) {
				headers.put(header, value);
			}
		}
		return count(new Outcome(Result.VERIFIED, identity, headers, null, null), "verified");
	}

	private static boolean agrees(Header header, List<String> values, VerifiedIdentity identity) {
		String expected = header.valueOf(identity);
		if (expected == null) {
			return false;
		}
		for (String value : values) {
			boolean same = (header == Header.SCOPES) ? scopes(value).equals(scopes(expected))
					: value.trim().equals(expected);
			if (!same) {
				return false;
			}
		}
		return true;
	}

	private static Set<String> scopes(String value) {
		Set<String> scopes = new HashSet<>();
		for (String scope : value.trim().split("\\s+")) {
			if (!scope.isEmpty()) {
				scopes.add(scope);
			}
		}
		return scopes;
	}

	private static String names(Set<Header> headers) {
		return String.join(", ", headers.stream().map(Header::headerName).toList());
	}

	private Outcome count(Outcome outcome, String result) {
		this.results.accept(result);
		return outcome;
	}

	/**
	 * What happens to a request.
	 */
	public enum Result {

		/** No identity at all: it goes on as it came. */
		ANONYMOUS,

		/** A valid signed identity: it goes on with the identity headers replaced. */
		VERIFIED,

		/** Refused with 401. */
		REJECTED

	}

	/**
	 * The outcome for one request.
	 *
	 * @param result what happens
	 * @param identity the verified identity, when verified
	 * @param headers the identity headers to set (all others removed), when verified
	 * @param problemType the problem type URI, when rejected
	 * @param detail why, when rejected
	 */
	public record Outcome(Result result, @Nullable VerifiedIdentity identity, Map<Header, String> headers,
			@Nullable String problemType, @Nullable String detail) {

		static final Outcome ANONYMOUS = new Outcome(Result.ANONYMOUS, null, Map.of(), null, null);

		static Outcome unverified(String detail) {
			return new Outcome(Result.REJECTED, null, Map.of(), PROBLEM_BASE + "identity-unverified", detail);
		}

		static Outcome mismatch(String detail) {
			return new Outcome(Result.REJECTED, null, Map.of(), PROBLEM_BASE + "identity-mismatch", detail);
		}

		/**
		 * Return the problem+json body of a rejection.
		 * @param instance the request path
		 * @return the body
		 */
		public String problemJson(String instance) {
			Map<String, Object> body = new LinkedHashMap<>();
			body.put("type", this.problemType);
			body.put("title", (this.problemType != null && this.problemType.endsWith("mismatch")) ? "Identity mismatch"
					: "Identity not verified");
			body.put("status", 401);
			body.put("detail", this.detail);
			body.put("instance", instance);
			StringBuilder json = new StringBuilder("{");
			body.forEach((name, value) -> {
				if (json.length() > 1) {
					json.append(',');
				}
				json.append('"').append(name).append("\":");
				if (value instanceof Integer) {
					json.append(value);
				}
				else {
					quote(json, String.valueOf(value));
				}
			});
			return json.append('}').toString();
		}

		private static void quote(StringBuilder json, String value) {
			json.append('"');
			for (int i = 0; i < value.length(); i++) {
				char c = value.charAt(i);
				if (c == '"' || c == '\\') {
					json.append('\\').append(c);
				}
				else if (c < 0x20) {
					json.append(String.format("\\u%04x", (int) c));
				}
				else {
					json.append(c);
				}
			}
			json.append('"');
		}

	}

}
