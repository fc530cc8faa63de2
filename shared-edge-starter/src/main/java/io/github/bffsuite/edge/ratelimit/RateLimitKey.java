package io.github.bffsuite.edge.ratelimit;

/**
 * What a rate limit policy counts per. Several may be combined, such as tenant and route.
 */
public enum RateLimitKey {

	/** The end user's id; absent for API keys and client credentials tokens. */
	USER,

	/** The caller's tenant. */
	TENANT,

	/** The OAuth2 client id or API key id. */
	CLIENT,

	/**
	 * The client IP: the peer address, or the X-Forwarded-For entry nearest to it that is
	 * not a trusted proxy.
	 */
	IP,

	/** The route id, or the binding's path pattern for the web filter. */
	ROUTE

}
