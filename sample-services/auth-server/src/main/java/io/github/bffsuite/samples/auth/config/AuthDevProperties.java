package io.github.bffsuite.samples.auth.config;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * <strong>Dev-only</strong> switches of the sample issuer.
 */
@ConfigurationProperties("auth.dev")
public class AuthDevProperties {

	/**
	 * Whether the unauthenticated dev-only endpoint POST /admin/rotate-key is exposed.
	 */
	private boolean keyRotationEnabled = true;

	public boolean isKeyRotationEnabled() {
		return this.keyRotationEnabled;
	}

	public void setKeyRotationEnabled(boolean keyRotationEnabled) {
		this.keyRotationEnabled = keyRotationEnabled;
	}

}
