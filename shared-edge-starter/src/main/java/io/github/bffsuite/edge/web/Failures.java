package io.github.bffsuite.edge.web;

import java.io.IOException;
import java.net.ConnectException;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;

/**
 * Classifies the failures of calls to upstream services, looking through the whole cause
 * chain, so the error handler and the resilient downstream clients agree on what a
 * timeout or an unreachable service is.
 */
public final class Failures {

	private Failures() {
	}

	/**
	 * Whether an exception or one of its causes passes a test.
	 * @param ex the exception
	 * @param test the test
	 * @return whether one in the chain passes
	 */
	public static boolean inChain(Throwable ex, Predicate<Throwable> test) {
		for (Throwable cause = ex; cause != null; cause = (cause.getCause() != cause) ? cause.getCause() : null) {
			if (test.test(cause)) {
				return true;
			}
		}
		return false;
	}

	/**
	 * Whether a call timed out.
	 * @param ex the failure
	 * @return whether it is a timeout
	 */
	public static boolean isTimeout(Throwable ex) {
		return inChain(ex, TimeoutException.class::isInstance);
	}

	/**
	 * Whether a service could not be reached or dropped the connection: refused, reset or
	 * closed before the response.
	 * @param ex the failure
	 * @return whether it is a connect failure
	 */
	public static boolean isConnectFailure(Throwable ex) {
		return inChain(ex,
				(cause) -> cause instanceof ConnectException
						|| cause.getClass().getName().endsWith("PrematureCloseException")
						|| (cause instanceof IOException && String.valueOf(cause.getMessage()).contains("reset")));
	}

}
