package io.github.bffsuite.edge.security.jwt;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.jwk.source.JWKSecurityContextJWKSet;

import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.NimbusReactiveJwtDecoder;
import org.springframework.util.Assert;

/**
 * Builds the edge's JWT decoder: signatures checked with pinned asymmetric algorithms
 * against a {@link CachingJwksSource}, then expiry and not-before with a bounded skew,
 * issuer and audience all checked together.
 */
public final class EdgeJwtDecoders {

	private EdgeJwtDecoders() {
	}

	/**
	 * Build a decoder.
	 * @param jwt the JWT settings
	 * @param keys the key source
	 * @return the decoder
	 */
	public static NimbusReactiveJwtDecoder create(EdgeJwtProperties jwt, CachingJwksSource keys) {
		Assert.notEmpty(jwt.getAlgorithms(), "At least one JWS algorithm must be accepted");
		Set<JWSAlgorithm> algorithms = new LinkedHashSet<>();
		for (String name : jwt.getAlgorithms()) {
			SignatureAlgorithm algorithm = SignatureAlgorithm.from(name);
			Assert.isTrue(algorithm != null, () -> "Unsupported or symmetric JWS algorithm '" + name + "'");
			algorithms.add(JWSAlgorithm.parse(algorithm.getName()));
		}
		// The builder keeps a single algorithm; pin the whole accepted set on the
		// processor instead
		NimbusReactiveJwtDecoder.JwkSourceReactiveJwtDecoderBuilder builder = NimbusReactiveJwtDecoder
			.withJwkSource(keys)
			.jwtProcessorCustomizer((processor) -> processor
				.setJWSKeySelector(new JWSVerificationKeySelector<>(algorithms, new JWKSecurityContextJWKSet())));
		NimbusReactiveJwtDecoder decoder = builder.build();
		decoder.setJwtValidator(validator(jwt));
		return decoder;
	}

	static OAuth2TokenValidator<Jwt> validator(EdgeJwtProperties jwt) {
		List<OAuth2TokenValidator<Jwt>> validators = new ArrayList<>();
		validators.add(new JwtTimestampValidator(jwt.getClockSkew()));
		if (jwt.getIssuerUri() != null) {
			validators.add(new JwtIssuerValidator(jwt.getIssuerUri()));
		}
		if (!jwt.getAudiences().isEmpty()) {
			List<String> accepted = List.copyOf(jwt.getAudiences());
			validators.add(new JwtClaimValidator<Collection<String>>(JwtClaimNames.AUD,
					(audiences) -> audiences != null && audiences.stream().anyMatch(accepted::contains)));
		}
		return new DelegatingOAuth2TokenValidator<>(validators);
	}

}
