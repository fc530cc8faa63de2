package io.github.bffsuite.partner.client;

import java.util.Locale;

import io.github.bffsuite.edge.identity.EdgeAuthentication;
import io.github.bffsuite.edge.identity.EdgePrincipal;
import io.github.bffsuite.edge.identity.IdentityHeaders;
import io.github.bffsuite.edge.identity.IdentityTokenSigner;
import io.github.bffsuite.edge.web.RequestIdWebFilter;
import io.grpc.Metadata;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.http.HttpHeaders;
import org.springframework.security.core.context.ReactiveSecurityContextHolder;
import org.springframework.security.core.context.SecurityContext;

/**
 * The request metadata of a gRPC call made while handling a partner request, as the
 * starter's transcoding sends it: the request id and the caller's identity under the
 * lower-case names of the identity headers ({@code x-user-id}, {@code x-tenant-id},
 * {@code x-scopes}, {@code x-client-id}, {@code x-plan}), plus the signed identity for
 * the service when signing is on. Read from the Reactor context, as the REST clients'
 * {@code IdentityExchangeFilterFunction} does.
 */
class GrpcIdentityMetadata {

	private final String requestIdKey;

	private final @Nullable IdentityTokenSigner signer;

	private final String signedKey;

	GrpcIdentityMetadata(String requestIdHeader, @Nullable IdentityTokenSigner signer, String signedHeader) {
		this.requestIdKey = requestIdHeader.toLowerCase(Locale.ROOT);
		this.signer = signer;
		this.signedKey = signedHeader.toLowerCase(Locale.ROOT);
	}

	/**
	 * Build the metadata of a call from the current request's context.
	 * @param audience the service the signed identity is for
	 * @return the metadata
	 */
	Mono<Metadata> current(String audience) {
		return Mono.deferContextual((context) -> {
			String requestId = context.getOrDefault(RequestIdWebFilter.MDC_KEY, null);
			return ReactiveSecurityContextHolder.getContext()
				.map(SecurityContext::getAuthentication)
				.filter(EdgeAuthentication.class::isInstance)
				.map((authentication) -> build(((EdgeAuthentication) authentication).getPrincipal(), requestId,
						audience))
				.defaultIfEmpty(build(null, requestId, audience));
		});
	}

	private Metadata build(@Nullable EdgePrincipal principal, @Nullable String requestId, String audience) {
		Metadata metadata = new Metadata();
		if (requestId != null) {
			put(metadata, this.requestIdKey, requestId);
		}
		if (principal != null) {
			HttpHeaders identity = new HttpHeaders();
			IdentityHeaders.set(identity, principal);
			identity.forEach(
					(name, values) -> values.forEach((value) -> put(metadata, name.toLowerCase(Locale.ROOT), value)));
			if (this.signer != null) {
				put(metadata, this.signedKey, this.signer.sign(principal, audience, requestId));
			}
		}
		return metadata;
	}

	private static void put(Metadata metadata, String key, String value) {
		metadata.put(Metadata.Key.of(key, Metadata.ASCII_STRING_MARSHALLER), value);
	}

}
