package io.github.bffsuite.edge.ratelimit;

/**
 * What a policy does while Redis cannot be reached (error, timeout or open circuit).
 */
public enum RedisFailureMode {

	/** Let requests through unlimited. */
	FAIL_OPEN,

	/** Refuse requests with 503 until Redis answers again. */
	FAIL_CLOSED,

	/** Keep limiting with an in-memory bucket per instance. */
	LOCAL_FALLBACK

}
