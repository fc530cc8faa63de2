package io.github.bffsuite.edge.grpc.transcoding;

import java.util.Locale;
import java.util.Optional;

import io.github.bffsuite.edge.identity.EdgeCaller;
import io.github.bffsuite.edge.identity.EdgePrincipal;
import io.github.bffsuite.edge.identity.IdentityHeaders;
import io.github.bffsuite.edge.identity.IdentityTokenSigner;
import io.github.bffsuite.edge.web.RequestIdWebFilter;
import io.grpc.Metadata;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.http.HttpHeaders;
import org.springframework.web.server.ServerWebExchange;

/**
 * The request metadata of a transcoded call: the request id and the edge's identity of
 * the caller, under the lower-case names of the headers a routed HTTP request gets
 * ({@code x-user-id}, {@code x-tenant-id}, {@code x-scopes}, {@code x-client-id},
 * {@code x-plan}, and the signed {@code edge-identity} when signing is on). Nothing of
 * the client's own headers is passed on. Public so that an application's own gRPC clients
 * send the same metadata ({@link #of(EdgePrincipal, String, String)}).
 */
public final class GrpcMetadata {

	private final String requestIdKey;

	private final @Nullable IdentityTokenSigner signer;

	private final String signedKey;

	/**
	 * Create the metadata builder.
	 * @param requestIdHeader the request id header ({@code edge.web.request-id.header})
	 * @param signer the identity signer, or {@code null} when signing is off
	 * @param signedHeader the header of the signed identity
	 */
	public GrpcMetadata(String requestIdHeader, @Nullable IdentityTokenSigner signer, String signedHeader) {
		this.requestIdKey = requestIdHeader.toLowerCase(Locale.ROOT);
		this.signer = signer;
		this.signedKey = signedHeader.toLowerCase(Locale.ROOT);
	}

	/**
	 * Build the metadata of a call.
	 * @param exchange the exchange
	 * @param audience the service the signed identity is for
	 * @return the metadata
	 */
	Mono<Metadata> of(ServerWebExchange exchange, String audience) {
		return principal(exchange)
			.map((principal) -> of(principal.orElse(null), RequestIdWebFilter.requestId(exchange), audience));
	}

	/**
	 * Build the metadata of a call for a caller.
	 * @param principal the caller, or {@code null} for an anonymous call
	 * @param requestId the request id, if any
	 * @param audience the service the signed identity is for
	 * @return the metadata
	 */
	public Metadata of(@Nullable EdgePrincipal principal, @Nullable String requestId, String audience) {
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

	private static Mono<Optional<EdgePrincipal>> principal(ServerWebExchange exchange) {
		return EdgeCaller.of(exchange).map(Optional::of).defaultIfEmpty(Optional.empty());
	}

}
