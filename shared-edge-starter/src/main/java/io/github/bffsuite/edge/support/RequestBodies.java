package io.github.bffsuite.edge.support;

import org.springframework.http.HttpHeaders;

/**
 * What request headers say about the request's body.
 */
public final class RequestBodies {

	private RequestBodies() {
	}

	/**
	 * Whether the request announces a body: a positive {@code Content-Length} or a
	 * {@code Transfer-Encoding} (a streamed body of unknown length).
	 * @param headers the request headers
	 * @return whether a body follows the headers
	 */
	public static boolean announced(HttpHeaders headers) {
		return headers.getContentLength() > 0 || headers.containsHeader(HttpHeaders.TRANSFER_ENCODING);
	}

}
