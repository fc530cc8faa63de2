package io.github.bffsuite.samples.auth.config;

import java.util.ArrayList;
import java.util.List;

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

	/**
	 * Origins whose pages may call the token endpoint from a browser (CORS), such as a
	 * gateway's Swagger UI getting a client-credentials token.
	 */
	private List<String> corsAllowedOrigins = new ArrayList<>();

	public boolean isKeyRotationEnabled() {
		return this.keyRotationEnabled;
	}

	public void setKeyRotationEnabled(boolean keyRotationEnabled) {
		this.keyRotationEnabled = keyRotationEnabled;
	}

	public List<String> getCorsAllowedOrigins() {
		return this.corsAllowedOrigins;
	}

	public void setCorsAllowedOrigins(List<String> corsAllowedOrigins) {
		this.corsAllowedOrigins = corsAllowedOrigins;
	}

}
