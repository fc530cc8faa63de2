package io.github.bffsuite.identity.verifier;

/**
 * A signed identity that failed verification, with why.
 */
public class IdentityVerificationException extends Exception {

	private final String reason;

	/**
	 * Create an exception.
	 * @param reason a short stable reason, the {@code result} tag of the metric (such as
	 * {@code expired})
	 * @param detail what is wrong, safe to tell the caller
	 */
	public IdentityVerificationException(String reason, String detail) {
		super(detail, null, false, false);
		this.reason = reason;
	}

	/**
	 * Return the short stable reason.
	 * @return the reason
	 */
	public String getReason() {
		return this.reason;
	}

}
