package io.github.bffsuite.partner.client;

import io.github.bffsuite.edge.grpc.transcoding.GrpcMetadata;
import io.github.bffsuite.edge.identity.EdgeAuthentication;
import io.github.bffsuite.edge.identity.IdentityTokenSigner;
import io.github.bffsuite.edge.web.RequestIdWebFilter;
import io.grpc.Metadata;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.security.core.context.ReactiveSecurityContextHolder;
import org.springframework.security.core.context.SecurityContext;

/**
 * The request metadata of a gRPC call made while handling a partner request, as the
 * starter's transcoding sends it: the request id and the caller's identity under the
 * lower-case names of the identity headers ({@code x-user-id}, {@code x-tenant-id},
 * {@code x-scopes}, {@code x-client-id}, {@code x-plan}), plus the signed identity for
 * the service when signing is on. Read from the Reactor context, as the REST clients'
 * {@code IdentityExchangeFilterFunction} does; the metadata itself is the starter's
 * {@link GrpcMetadata}.
 */
class GrpcIdentityMetadata {

	private final GrpcMetadata metadata;

	GrpcIdentityMetadata(String requestIdHeader, @Nullable IdentityTokenSigner signer, String signedHeader) {
		this.metadata = new GrpcMetadata(requestIdHeader, signer, signedHeader);
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
				.map((authentication) -> this.metadata.of(((EdgeAuthentication) authentication).getPrincipal(),
						requestId, audience))
				.defaultIfEmpty(this.metadata.of(null, requestId, audience));
		});
	}

}
