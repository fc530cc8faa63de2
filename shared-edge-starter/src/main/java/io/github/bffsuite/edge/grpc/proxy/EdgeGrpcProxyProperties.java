package io.github.bffsuite.edge.grpc.proxy;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * gRPC through the edge as gRPC: how the edge answers gRPC calls it refuses itself.
 */
@ConfigurationProperties("edge.grpc.proxy")
public class EdgeGrpcProxyProperties {

	/**
	 * Whether gRPC calls get the edge in gRPC: errors as gRPC statuses and HTTP/2 to the
	 * routes' upstreams.
	 */
	private boolean enabled = true;

	/**
	 * Domain of the google.rpc.ErrorInfo in the status details of the edge's errors.
	 */
	private String errorDomain = "bff-suite.dev";

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public String getErrorDomain() {
		return this.errorDomain;
	}

	public void setErrorDomain(String errorDomain) {
		this.errorDomain = errorDomain;
	}

}
