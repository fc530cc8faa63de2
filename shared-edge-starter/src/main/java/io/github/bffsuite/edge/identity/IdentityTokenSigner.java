package io.github.bffsuite.edge.identity;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.interfaces.ECPrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Date;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.io.ApplicationResourceLoader;
import org.springframework.core.io.Resource;
import org.springframework.util.Assert;

/**
 * Signs the identity a gateway forwards to one downstream service as a compact JWS
 * (ES256): {@code iss}, {@code sub} (the user id, or the client id of a machine caller),
 * {@code tenant}, {@code scope} (space-separated), {@code client_id}, {@code plan},
 * {@code rid} (the request id), {@code aud} (the target service), {@code iat} and
 * {@code exp}; header {@code kid} and {@code typ} {@value #TYPE}. The signer and the
 * header are built once; each call signs on the calling thread.
 */
public class IdentityTokenSigner {

	/**
	 * Attribute naming the downstream service a request goes to: on a gateway exchange
	 * (set by the {@code CallDownstream} route filter) and on a {@code WebClient} request
	 * (set by the edge's downstream clients).
	 */
	public static final String AUDIENCE_ATTRIBUTE = IdentityTokenSigner.class.getName() + ".audience";

	/** Default header of the signed identity ({@code edge.identity.signing.header}). */
	public static final String DEFAULT_HEADER = "Edge-Identity";

	/** The {@code typ} header of a signed identity. */
	public static final String TYPE = "edge-identity+jwt";

	private static final Pattern PEM = Pattern
		.compile("-----BEGIN PRIVATE KEY-----([A-Za-z0-9+/=\\s]+)-----END PRIVATE KEY-----");

	private final ECDSASigner signer;

	private final JWSHeader header;

	private final String issuer;

	private final long ttlSeconds;

	private final Clock clock;

	/**
	 * Create a signer.
	 * @param key the EC P-256 private key
	 * @param issuer the issuer
	 * @param keyId the key id
	 * @param ttl the lifetime of a signed identity, at most 60 seconds
	 * @param clock the clock of {@code iat}
	 */
	public IdentityTokenSigner(ECPrivateKey key, String issuer, String keyId, Duration ttl, Clock clock) {
		Assert.isTrue(!ttl.isNegative() && !ttl.isZero() && ttl.compareTo(EdgeIdentitySigningProperties.MAX_TTL) <= 0,
				() -> "edge.identity.signing.ttl must be more than 0s and at most 60s, but is " + ttl);
		Assert.isTrue(Curve.P_256.equals(Curve.forECParameterSpec(key.getParams())),
				"The identity signing key must be an EC P-256 key (ES256)");
		try {
			this.signer = new ECDSASigner(key);
		}
		catch (JOSEException ex) {
			throw new IllegalStateException("The identity signing key is not usable for ES256", ex);
		}
		this.header = new JWSHeader.Builder(JWSAlgorithm.ES256).keyID(keyId).type(new JOSEObjectType(TYPE)).build();
		this.issuer = issuer;
		this.ttlSeconds = ttl.toSeconds();
		this.clock = clock;
	}

	/**
	 * Sign the identity of a caller for one downstream service.
	 * @param principal the caller
	 * @param audience the downstream service
	 * @param requestId the request id, if any
	 * @return the compact JWS
	 */
	public String sign(EdgePrincipal principal, String audience, @Nullable String requestId) {
		long now = this.clock.millis() / 1000;
		JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder().issuer(this.issuer)
			.subject(principal.getName())
			.audience(audience)
			.issueTime(new Date(now * 1000))
			.expirationTime(new Date((now + this.ttlSeconds) * 1000));
		if (principal.tenantId() != null) {
			claims.claim("tenant", principal.tenantId());
		}
		if (!principal.scopes().isEmpty()) {
			claims.claim("scope", String.join(" ", principal.scopes().stream().sorted().toList()));
		}
		if (principal.clientId() != null) {
			claims.claim("client_id", principal.clientId());
		}
		if (principal.userId() == null) {
			// sub is the client id: tells the service there is no user behind the call
			claims.claim("kind", (principal.kind() == EdgePrincipal.Kind.API_KEY) ? "api-key" : "client");
		}
		if (principal.plan() != null) {
			claims.claim("plan", principal.plan());
		}
		if (requestId != null) {
			claims.claim("rid", requestId);
		}
		SignedJWT jwt = new SignedJWT(this.header, claims.build());
		try {
			jwt.sign(this.signer);
		}
		catch (JOSEException ex) {
			throw new IllegalStateException("Signing the identity failed", ex);
		}
		return jwt.serialize();
	}

	/**
	 * Read a PEM PKCS#8 EC private key.
	 * @param location a file path or a {@code file:} or {@code classpath:} resource
	 * @return the key
	 */
	public static ECPrivateKey readPrivateKey(String location) {
		Resource resource = ApplicationResourceLoader.get().getResource(location);
		String pem;
		try (InputStream in = resource.getInputStream()) {
			pem = new String(in.readAllBytes(), StandardCharsets.US_ASCII);
		}
		catch (IOException ex) {
			throw new IllegalStateException(
					"edge.identity.signing.private-key: cannot read '" + location + "' (" + ex.getMessage() + ")", ex);
		}
		Matcher matcher = PEM.matcher(pem);
		if (!matcher.find()) {
			throw new IllegalStateException("edge.identity.signing.private-key: '" + location
					+ "' holds no PEM PKCS#8 private key (-----BEGIN PRIVATE KEY-----)");
		}
		try {
			byte[] der = Base64.getMimeDecoder().decode(matcher.group(1));
			PrivateKey key = KeyFactory.getInstance("EC").generatePrivate(new PKCS8EncodedKeySpec(der));
			return (ECPrivateKey) key;
		}
		catch (GeneralSecurityException | IllegalArgumentException | ClassCastException ex) {
			throw new IllegalStateException("edge.identity.signing.private-key: '" + location
					+ "' is not an EC private key (ES256 needs P-256)", ex);
		}
	}

}
