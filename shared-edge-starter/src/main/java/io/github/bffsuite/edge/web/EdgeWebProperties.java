package io.github.bffsuite.edge.web;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * Web plumbing of an edge gateway: request ids, request limits, server timeouts and CORS.
 */
@ConfigurationProperties("edge.web")
public class EdgeWebProperties {

	/**
	 * Request id handling.
	 */
	private final RequestId requestId = new RequestId();

	/**
	 * Limits on what a client may send.
	 */
	private final Limits limits = new Limits();

	/**
	 * Cross-origin resource sharing for browser clients.
	 */
	private final Cors cors = new Cors();

	/**
	 * How proxied responses are written to the client.
	 */
	private final Proxy proxy = new Proxy();

	public RequestId getRequestId() {
		return this.requestId;
	}

	public Limits getLimits() {
		return this.limits;
	}

	public Proxy getProxy() {
		return this.proxy;
	}

	public Cors getCors() {
		return this.cors;
	}

	/**
	 * Request id settings.
	 */
	public static class RequestId {

		/**
		 * Header that carries the request id in and out.
		 */
		private String header = "X-Request-ID";

		/**
		 * Longest inbound request id that is kept; longer ones are replaced.
		 */
		private int maxLength = 64;

		public String getHeader() {
			return this.header;
		}

		public void setHeader(String header) {
			this.header = header;
		}

		public int getMaxLength() {
			return this.maxLength;
		}

		public void setMaxLength(int maxLength) {
			this.maxLength = maxLength;
		}

	}

	/**
	 * Request limits and server timeouts.
	 */
	public static class Limits {

		/**
		 * Largest request body accepted; larger ones are answered with 413.
		 */
		private DataSize maxBodySize = DataSize.ofMegabytes(1);

		/**
		 * Largest total size of request headers accepted; larger ones are answered with
		 * 431.
		 */
		private DataSize maxHeaderSize = DataSize.ofKilobytes(16);

		/**
		 * Size at which the HTTP server itself rejects request headers before they are
		 * parsed into a request. Must be larger than max-header-size.
		 */
		private DataSize serverMaxHeaderSize = DataSize.ofKilobytes(64);

		/**
		 * Time after which an idle client connection is closed; zero for never.
		 */
		private Duration idleTimeout = Duration.ofSeconds(60);

		/**
		 * Longest time without reading data from a client while a request is received;
		 * zero for no limit.
		 */
		private Duration readTimeout = Duration.ofSeconds(30);

		public DataSize getMaxBodySize() {
			return this.maxBodySize;
		}

		public void setMaxBodySize(DataSize maxBodySize) {
			this.maxBodySize = maxBodySize;
		}

		public DataSize getMaxHeaderSize() {
			return this.maxHeaderSize;
		}

		public void setMaxHeaderSize(DataSize maxHeaderSize) {
			this.maxHeaderSize = maxHeaderSize;
		}

		public DataSize getServerMaxHeaderSize() {
			return this.serverMaxHeaderSize;
		}

		public void setServerMaxHeaderSize(DataSize serverMaxHeaderSize) {
			this.serverMaxHeaderSize = serverMaxHeaderSize;
		}

		public Duration getIdleTimeout() {
			return this.idleTimeout;
		}

		public void setIdleTimeout(Duration idleTimeout) {
			this.idleTimeout = idleTimeout;
		}

		public Duration getReadTimeout() {
			return this.readTimeout;
		}

		public void setReadTimeout(Duration readTimeout) {
			this.readTimeout = readTimeout;
		}

	}

	/**
	 * How proxied responses are written to the client.
	 */
	public static class Proxy {

		/**
		 * Largest proxied response body, by its Content-Length, that is gathered and
		 * written to the client together with the response headers in one write; larger
		 * bodies, bodies of unknown length and streams are passed on as they arrive. Zero
		 * to pass every body on as it arrives.
		 */
		private DataSize singleWriteMaxSize = DataSize.ofKilobytes(64);

		public DataSize getSingleWriteMaxSize() {
			return this.singleWriteMaxSize;
		}

		public void setSingleWriteMaxSize(DataSize singleWriteMaxSize) {
			this.singleWriteMaxSize = singleWriteMaxSize;
		}

	}

	/**
	 * CORS settings, applied to every path when allowed-origins is not empty.
	 */
	public static class Cors {

		/**
		 * Origins allowed to call the gateway from a browser.
		 */
		private List<String> allowedOrigins = new ArrayList<>();

		/**
		 * HTTP methods allowed in cross-origin requests.
		 */
		private List<String> allowedMethods = new ArrayList<>(List.of("GET", "POST", "PUT", "PATCH", "DELETE"));

		/**
		 * Request headers allowed in cross-origin requests.
		 */
		private List<String> allowedHeaders = new ArrayList<>(
				List.of("Authorization", "Content-Type", "X-Request-ID", "Idempotency-Key", "If-None-Match"));

		/**
		 * Response headers browsers may read.
		 */
		private List<String> exposedHeaders = new ArrayList<>(List.of("X-Request-ID", "ETag", "Retry-After",
				"RateLimit-Limit", "RateLimit-Remaining", "RateLimit-Reset", "RateLimit-Policy"));

		/**
		 * Whether browsers may send credentials such as cookies.
		 */
		private boolean allowCredentials;

		/**
		 * How long browsers may cache a preflight response.
		 */
		private Duration maxAge = Duration.ofMinutes(30);

		public List<String> getAllowedOrigins() {
			return this.allowedOrigins;
		}

		public void setAllowedOrigins(List<String> allowedOrigins) {
			this.allowedOrigins = allowedOrigins;
		}

		public List<String> getAllowedMethods() {
			return this.allowedMethods;
		}

		public void setAllowedMethods(List<String> allowedMethods) {
			this.allowedMethods = allowedMethods;
		}

		public List<String> getAllowedHeaders() {
			return this.allowedHeaders;
		}

		public void setAllowedHeaders(List<String> allowedHeaders) {
			this.allowedHeaders = allowedHeaders;
		}

		public List<String> getExposedHeaders() {
			return this.exposedHeaders;
		}

		public void setExposedHeaders(List<String> exposedHeaders) {
			this.exposedHeaders = exposedHeaders;
		}

		public boolean isAllowCredentials() {
			return this.allowCredentials;
		}

		public void setAllowCredentials(boolean allowCredentials) {
			this.allowCredentials = allowCredentials;
		}

		public Duration getMaxAge() {
			return this.maxAge;
		}

		public void setMaxAge(Duration maxAge) {
			this.maxAge = maxAge;
		}

	}

}
