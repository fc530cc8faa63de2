package io.github.bffsuite.identity.verifier;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Verification of the identity a gateway signed for this service.
 */
@ConfigurationProperties("edge.identity.verification")
public class EdgeIdentityVerificationProperties {

	/**
	 * Whether identity headers must come with a valid signed identity.
	 */
	private boolean enabled;

	/**
	 * Audience ("aud") a signed identity must name: this service. Defaults to
	 * spring.application.name.
	 */
	private @Nullable String audience;

	/**
	 * Header that carries the signed identity.
	 */
	private String header = "Edge-Identity";

	/**
	 * Tolerance for clock differences between the gateways and this service when checking
	 * "exp" and "iat".
	 */
	private Duration clockSkew = Duration.ofSeconds(5);

	/**
	 * Trusted issuers (gateways) by their "iss", each with its public key.
	 */
	private Map<String, Issuer> issuers = new LinkedHashMap<>();

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public @Nullable String getAudience() {
		return this.audience;
	}

	public void setAudience(@Nullable String audience) {
		this.audience = audience;
	}

	public String getHeader() {
		return this.header;
	}

	public void setHeader(String header) {
		this.header = header;
	}

	public Duration getClockSkew() {
		return this.clockSkew;
	}

	public void setClockSkew(Duration clockSkew) {
		this.clockSkew = clockSkew;
	}

	public Map<String, Issuer> getIssuers() {
		return this.issuers;
	}

	public void setIssuers(Map<String, Issuer> issuers) {
		this.issuers = issuers;
	}

	/**
	 * A trusted issuer.
	 */
	public static class Issuer {

		/**
		 * Location of the issuer's PEM EC P-256 public key ("-----BEGIN PUBLIC KEY-----",
		 * SubjectPublicKeyInfo): a file path, or a "file:" or "classpath:" resource.
		 */
		private @Nullable String publicKey;

		/**
		 * Key id ("kid") the issuer signs with. Defaults to the issuer's name.
		 */
		private @Nullable String keyId;

		public @Nullable String getPublicKey() {
			return this.publicKey;
		}

		public void setPublicKey(@Nullable String publicKey) {
			this.publicKey = publicKey;
		}

		public @Nullable String getKeyId() {
			return this.keyId;
		}

		public void setKeyId(@Nullable String keyId) {
			this.keyId = keyId;
		}

	}

}
