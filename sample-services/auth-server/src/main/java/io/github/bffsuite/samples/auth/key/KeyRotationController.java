package io.github.bffsuite.samples.auth.key;

import com.nimbusds.jose.jwk.RSAKey;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * <strong>Dev-only</strong> endpoint that rotates the signing key:
 * {@code POST /admin/rotate-key} makes a new key current while the previous one stays
 * published for tokens that are still alive. Enabled by
 * {@code auth.dev.key-rotation-enabled} (on unless switched off); it is unauthenticated
 * and must never be exposed outside a developer machine.
 */
@RestController
@ConditionalOnBooleanProperty(name = "auth.dev.key-rotation-enabled", matchIfMissing = true)
public class KeyRotationController {

	private final RotatingJwkSource jwkSource;

	public KeyRotationController(RotatingJwkSource jwkSource) {
		this.jwkSource = jwkSource;
	}

	@PostMapping("/admin/rotate-key")
	public RotatedKey rotate() {
		RSAKey previous = this.jwkSource.current();
		RSAKey current = this.jwkSource.rotate();
		return new RotatedKey(current.getKeyID(), previous.getKeyID());
	}

	/**
	 * Result of a rotation.
	 *
	 * @param kid id of the key that signs new tokens from now on
	 * @param previousKid id of the key that is still published for verification
	 */
	public record RotatedKey(String kid, String previousKid) {

	}

}
