package io.github.bffsuite.edge.tls;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of the edge's TLS listener ({@code edge.tls}), beside Spring Boot's
 * {@code server.ssl}.
 */
@ConfigurationProperties("edge.tls")
public class EdgeTlsProperties {

	/** A plain HTTP listener that only redirects to the HTTPS port. */
	private final HttpRedirect httpRedirect = new HttpRedirect();

	public HttpRedirect getHttpRedirect() {
		return this.httpRedirect;
	}

	/**
	 * Plain HTTP on a second port, answered with a redirect to the same path and query on
	 * the HTTPS port. Off (no plain HTTP at all) unless a port is set.
	 */
	public static class HttpRedirect {

		/**
		 * Port of the plain HTTP listener that redirects to HTTPS (e.g. 80, or 8079 in
		 * development); none when unset, so plain HTTP is off.
		 */
		private @Nullable Integer port;

		/**
		 * Status of the redirect: 308 keeps the method and body (RFC 9110), 301 for old
		 * clients that need it.
		 */
		private int status = 308;

		/**
		 * Port written in the redirect's Location, when clients reach the HTTPS listener
		 * on another port than the server's (behind a port mapping); the server's own
		 * HTTPS port when unset.
		 */
		private @Nullable Integer httpsPort;

		public @Nullable Integer getPort() {
			return this.port;
		}

		public void setPort(@Nullable Integer port) {
			this.port = port;
		}

		public int getStatus() {
			return this.status;
		}

		public void setStatus(int status) {
			this.status = status;
		}

		public @Nullable Integer getHttpsPort() {
			return this.httpsPort;
		}

		public void setHttpsPort(@Nullable Integer httpsPort) {
			this.httpsPort = httpsPort;
		}

	}

}
