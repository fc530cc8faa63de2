package io.github.bffsuite.edge.observability;

import io.github.bffsuite.edge.security.EdgeAuthenticationFailureListener;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.web.server.ServerWebExchange;

/**
 * Counts the requests the edge rejects with 401 or 403 as {@code edge.auth.failures},
 * tagged with the reason.
 */
public class AuthenticationFailureMetrics implements EdgeAuthenticationFailureListener {

	private final MeterRegistry meters;

	private final String client;

	public AuthenticationFailureMetrics(MeterRegistry meters, String client) {
		this.meters = meters;
		this.client = client;
	}

	@Override
	public void onFailure(ServerWebExchange exchange, String reason) {
		this.meters.counter("edge.auth.failures", "reason", reason, "client", this.client).increment();
	}

}
