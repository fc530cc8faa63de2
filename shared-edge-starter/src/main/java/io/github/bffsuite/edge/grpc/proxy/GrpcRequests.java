package io.github.bffsuite.edge.grpc.proxy;

import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpHeaders;
import org.springframework.http.server.reactive.ServerHttpRequest;

/**
 * Which requests are gRPC: {@code content-type: application/grpc} and its
 * {@code +proto}/{@code +json} forms, not gRPC-Web (which carries its trailers in the
 * body and is not proxied here).
 */
public final class GrpcRequests {

	/** Content type of gRPC requests and responses. */
	public static final String CONTENT_TYPE = "application/grpc";

	private GrpcRequests() {
	}

	/**
	 * Whether the request is a gRPC call.
	 * @param request the request
	 * @return true for gRPC over HTTP/2
	 */
	public static boolean isGrpc(ServerHttpRequest request) {
		return isGrpc(request.getHeaders().getFirst(HttpHeaders.CONTENT_TYPE));
	}

	/**
	 * Whether a content type is gRPC's.
	 * @param contentType the content type, if any
	 * @return true for {@code application/grpc}, {@code application/grpc+<codec>} and
	 * {@code application/grpc;<parameters>}
	 */
	public static boolean isGrpc(@Nullable String contentType) {
		if (contentType == null || !contentType.regionMatches(true, 0, CONTENT_TYPE, 0, CONTENT_TYPE.length())) {
			return false;
		}
		if (contentType.length() == CONTENT_TYPE.length()) {
			return true;
		}
		char next = contentType.charAt(CONTENT_TYPE.length());
		return next == '+' || next == ';' || next == ' ';
	}

}
