package io.github.bffsuite.web.client;

import org.jspecify.annotations.Nullable;

/**
 * A sample service answered a call with an error status. Transport failures (timeouts,
 * open circuits, refused connections, 502/503/504) come as the starter's
 * {@code DownstreamException} instead.
 */
public class ServiceException extends RuntimeException {

	private final String service;

	private final int status;

	private final @Nullable String detail;

	public ServiceException(String service, int status, @Nullable String detail) {
		super("Service '" + service + "' answered " + status, null, false, false);
		this.service = service;
		this.status = status;
		this.detail = detail;
	}

	/**
	 * Return the logical name of the service.
	 * @return the name, such as {@code order-service}
	 */
	public String service() {
		return this.service;
	}

	/**
	 * Return the HTTP status the service answered.
	 * @return the status
	 */
	public int status() {
		return this.status;
	}

	/**
	 * Return the {@code detail} of the service's problem, meant for clients.
	 * @return the detail, or {@code null}
	 */
	public @Nullable String detail() {
		return this.detail;
	}

}
