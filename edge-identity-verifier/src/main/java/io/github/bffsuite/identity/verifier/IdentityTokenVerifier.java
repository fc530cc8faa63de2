package io.github.bffsuite.identity.verifier;

import java.security.interfaces.ECPublicKey;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.Map;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jose.util.JSONObjectUtils;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

/**
 * Verifies a signed identity: a compact JWS, ES256 only (the algorithm is pinned, never
 * taken from the token), {@code typ} {@value #TYPE}, from a known issuer with its key id,
 * a valid signature, this service as its audience, {@code sub}, {@code iat} and
 * {@code exp} present, a lifetime of at most 60 seconds, not expired and not issued in
 * the future beyond the clock skew.
 */
public class IdentityTokenVerifier {

	/** The {@code typ} header of a signed identity. */
	public static final String TYPE = "edge-identity+jwt";

	/** Longest lifetime ({@code exp - iat}) accepted. */
	public static final Duration MAX_LIFETIME = Duration.ofSeconds(60);

	private final Map<String, Key> issuers;

	private final String audience;

	private final long skewSeconds;

	private final Clock clock;

	/**
	 * Create a verifier.
	 * @param issuers the key of each trusted issuer, by issuer
	 * @param audience this service
	 * @param clockSkew the tolerance on time claims
	 * @param clock the clock
	 */
	public IdentityTokenVerifier(Map<String, Key> issuers, String audience, Duration clockSkew, Clock clock) {
		this.issuers = Map.copyOf(issuers);
		this.audience = audience;
		this.skewSeconds = clockSkew.toSeconds();
		this.clock = clock;
	}

	/**
	 * Verify a signed identity.
	 * @param token the compact JWS
	 * @return its claims
	 * @throws IdentityVerificationException when it is not valid for this service now
	 */
	public VerifiedIdentity verify(String token) throws IdentityVerificationException {
		String[] parts = token.split("\\.", -1);
		if (parts.length != 3) {
			throw new IdentityVerificationException("malformed", "not a compact JWS");
		}
		Map<String, Object> header;
		try {
			header = JSONObjectUtils.parse(new Base64URL(parts[0]).decodeToString());
		}
		catch (ParseException | RuntimeException ex) {
			throw new IdentityVerificationException("malformed", "the JOSE header is not JSON");
		}
		Object alg = header.get("alg");
		if (!"ES256".equals(alg)) {
			throw new IdentityVerificationException("algorithm", "algorithm '" + alg + "' is not accepted, only ES256");
		}
		if (!TYPE.equals(header.get("typ"))) {
			throw new IdentityVerificationException("type", "typ must be '" + TYPE + "'");
		}
		SignedJWT jwt;
		JWTClaimsSet claims;
		try {
			jwt = SignedJWT.parse(token);
			claims = jwt.getJWTClaimsSet();
		}
		catch (ParseException | RuntimeException ex) {
			throw new IdentityVerificationException("malformed", "the token does not parse: " + ex.getMessage());
		}
		String issuer = claims.getIssuer();
		if (issuer == null) {
			throw missing("iss");
		}
		Key key = this.issuers.get(issuer);
		if (key == null) {
			throw new IdentityVerificationException("unknown-issuer", "issuer '" + issuer + "' is not trusted");
		}
		String kid = jwt.getHeader().getKeyID();
		if (!key.keyId().equals(kid)) {
			throw new IdentityVerificationException("unknown-key",
					"key id '" + kid + "' is not a key of issuer '" + issuer + "'");
		}
		try {
			if (!jwt.verify(key.verifier())) {
				throw new IdentityVerificationException("bad-signature", "the signature does not verify");
			}
		}
		catch (JOSEException | RuntimeException ex) {
			throw new IdentityVerificationException("bad-signature", "the signature does not verify");
		}
		return check(claims, issuer);
	}

	private VerifiedIdentity check(JWTClaimsSet claims, String issuer) throws IdentityVerificationException {
		String subject = claims.getSubject();
		if (subject == null) {
			throw missing("sub");
		}
		List<String> audiences = claims.getAudience();
		if (audiences.isEmpty()) {
			throw missing("aud");
		}
		if (!audiences.contains(this.audience)) {
			throw new IdentityVerificationException("audience",
					"audience " + audiences + " does not name this service (" + this.audience + ")");
		}
		Date iat = claims.getIssueTime();
		Date exp = claims.getExpirationTime();
		if (iat == null) {
			throw missing("iat");
		}
		if (exp == null) {
			throw missing("exp");
		}
		long issued = iat.getTime() / 1000;
		long expires = exp.getTime() / 1000;
		if (expires - issued > MAX_LIFETIME.toSeconds() || expires <= issued) {
			throw new IdentityVerificationException("lifetime",
					"exp - iat is " + (expires - issued) + "s, it must be more than 0s and at most 60s");
		}
		long now = this.clock.millis() / 1000;
		if (now > expires + this.skewSeconds) {
			throw new IdentityVerificationException("expired", "expired " + (now - expires) + "s ago");
		}
		if (issued > now + this.skewSeconds) {
			throw new IdentityVerificationException("not-yet-valid", "issued " + (issued - now) + "s in the future");
		}
		Date nbf = claims.getNotBeforeTime();
		if (nbf != null && nbf.getTime() / 1000 > now + this.skewSeconds) {
			throw new IdentityVerificationException("not-yet-valid", "not valid before " + nbf.toInstant());
		}
		try {
			String clientId = claims.getStringClaim("client_id");
			String kind = claims.getStringClaim("kind");
			// sub is the user id, unless the token says the caller is a client (or, from
			// a signer that does not say, sub is the client id)
			boolean user = (kind != null) ? "user".equals(kind) : !subject.equals(clientId);
			String scope = claims.getStringClaim("scope");
			List<String> scopes = (scope != null)
					? Arrays.stream(scope.trim().split("\\s+")).filter((s) -> !s.isEmpty()).toList() : List.of();
			return new VerifiedIdentity(issuer, subject, user ? subject : null, claims.getStringClaim("tenant"), scopes,
					clientId, claims.getStringClaim("plan"), claims.getStringClaim("rid"),
					Instant.ofEpochSecond(issued), Instant.ofEpochSecond(expires));
		}
		catch (ParseException ex) {
			throw new IdentityVerificationException("malformed", ex.getMessage());
		}
	}

	private static IdentityVerificationException missing(String claim) {
		return new IdentityVerificationException("missing-claim", "claim '" + claim + "' is missing");
	}

	/**
	 * The key of a trusted issuer.
	 *
	 * @param keyId the key id the issuer signs with
	 * @param verifier the verifier of its signatures
	 */
	public record Key(String keyId, ECDSAVerifier verifier) {

		/**
		 * Create the key of an issuer.
		 * @param keyId the key id
		 * @param publicKey the public key
		 * @return the key
		 */
		public static Key of(String keyId, ECPublicKey publicKey) {
			try {
				return new Key(keyId, new ECDSAVerifier(publicKey));
			}
			catch (JOSEException ex) {
				throw new IllegalStateException("Not an ES256 key: " + ex.getMessage(), ex);
			}
		}

		@Override
		public String toString() {
			return "Key[" + this.keyId + "]";
		}

	}

	@Override
	public String toString() {
		return "IdentityTokenVerifier[audience=" + this.audience + ", issuers=" + this.issuers.keySet() + "]";
	}

}
