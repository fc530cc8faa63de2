package io.github.bffsuite.edge.support;

import java.net.SocketException;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;

import javax.net.ssl.SSLException;

import io.netty.channel.unix.Errors;
import reactor.netty.http.client.PrematureCloseException;
import reactor.netty.internal.shaded.reactor.pool.PoolAcquirePendingLimitException;
import reactor.netty.internal.shaded.reactor.pool.PoolAcquireTimeoutException;

/**
 * Classifies failed calls to upstream services by exception type, through the whole cause
 * chain, since {@code WebClient} wraps them (as {@code WebClientRequestException}) and
 * gateway routes do not.
 */
public final class UpstreamFailures {

	private UpstreamFailures() {
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
	 * Whether a call timed out, waiting for the answer or for a pooled connection.
	 * @param ex the failure
	 * @return whether it is a timeout
	 */
	public static boolean isTimeout(Throwable ex) {
		return inChain(ex, TimeoutException.class::isInstance);
	}

	/**
	 * Whether a service could not be reached or dropped the connection before its answer:
	 * refused, unreachable, reset or closed early.
	 * @param ex the failure
	 * @return whether it is a connection failure
	 */
	public static boolean isConnectFailure(Throwable ex) {
		// SocketException covers ConnectException and, on the NIO transport, a reset;
		// the native transports report a reset as a NativeIoException
		return inChain(ex,
				(cause) -> cause instanceof SocketException || cause instanceof PrematureCloseException
						|| (cause instanceof Errors.NativeIoException error
								&& error.expectedErr() == Errors.ERRNO_ECONNRESET_NEGATIVE));
	}

	/**
	 * Whether the TLS handshake with a service failed or TLS broke off: a certificate
	 * that is not trusted, has expired or does not match the service's host name, a
	 * client certificate the service refused, or no common protocol or cipher. Checked
	 * before {@link #isConnectFailure(Throwable)}: retrying does not help.
	 * @param ex the failure
	 * @return whether it is a TLS failure
	 */
	public static boolean isTlsFailure(Throwable ex) {
		return inChain(ex, SSLException.class::isInstance);
	}

	/**
	 * Return the message of the TLS failure in a chain, such as {@code No subject
	 * alternative names matching IP address 127.0.0.1 found}.
	 * @param ex the failure
	 * @return the message of the innermost {@link SSLException} with one, or the class
	 * name of the failure
	 */
	public static String tlsFailureMessage(Throwable ex) {
		String message = null;
		for (Throwable cause = ex; cause != null; cause = (cause.getCause() != cause) ? cause.getCause() : null) {
			if (cause instanceof SSLException && cause.getMessage() != null) {
				message = cause.getMessage();
			}
		}
		return (message != null) ? message : ex.getClass().getName();
	}

	/**
	 * Whether a call never left this instance because its connection pool had no free
	 * connection in time or too many calls waiting: local saturation, not a failure of
	 * the service.
	 * @param ex the failure
	 * @return whether the pool was exhausted
	 */
	public static boolean isPoolExhausted(Throwable ex) {
		return inChain(ex, (cause) -> cause instanceof PoolAcquireTimeoutException
				|| cause instanceof PoolAcquirePendingLimitException);
	}

}
