package io.github.bffsuite.edge.identity;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Signed identity for the services: the gateway signs the identity it forwards as a
 * short-lived compact JWS (ES256) in one header, which a service checks with the
 * gateway's public key ({@code edge-identity-verifier}).
 */
@ConfigurationProperties("edge.identity.signing")
public class EdgeIdentitySigningProperties {

	/** Longest lifetime a signed identity may have. */
	public static final Duration MAX_TTL = Duration.ofSeconds(60);

	/**
	 * Whether every downstream call with an authenticated caller carries a signed
	 * identity.
	 */
	private boolean enabled;

	/**
	 * Header that carries the signed identity.
	 */
	private String header = "Edge-Identity";

	/**
	 * Issuer ("iss") of the signed identity. Defaults to spring.application.name.
	 */
	private @Nullable String issuer;

	/**
	 * Key id ("kid" header) of the signing key. Defaults to the issuer.
	 */
	private @Nullable String keyId;

	/**
	 * Lifetime of a signed identity ("exp" minus "iat"), at most 60s.
	 */
	private Duration ttl = Duration.ofSeconds(30);

	/**
	 * Location of the PEM PKCS#8 EC P-256 private key that signs ("-----BEGIN PRIVATE
	 * KEY-----"): a file path, or a "file:" or "classpath:" resource.
	 */
	private @Nullable String privateKey;

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public String getHeader() {
		return this.header;
	}

	public void setHeader(String header) {
		this.header = header;
	}

	public @Nullable String getIssuer() {
		return this.issuer;
	}

	public void setIssuer(@Nullable String issuer) {
		this.issuer = issuer;
	}

	public @Nullable String getKeyId() {
		return this.keyId;
	}

	public void setKeyId(@Nullable String keyId) {
		this.keyId = keyId;
	}

	public Duration getTtl() {
		return this.ttl;
	}

	public void setTtl(Duration ttl) {
		this.ttl = ttl;
	}

	public @Nullable String getPrivateKey() {
		return this.privateKey;
	}

	public void setPrivateKey(@Nullable String privateKey) {
		this.privateKey = privateKey;
	}

}
