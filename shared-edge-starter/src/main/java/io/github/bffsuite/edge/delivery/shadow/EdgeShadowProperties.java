package io.github.bffsuite.edge.delivery.shadow;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * Shadow traffic: a share of a gateway route's requests is copied to a shadow target (a
 * new version of the route's service, say), fire-and-forget. The client's answer never
 * waits for the copy and never shows its status or headers.
 */
@ConfigurationProperties("edge.delivery.shadow")
public class EdgeShadowProperties {

	/**
	 * Whether the routes configured under edge.delivery.shadow.routes are mirrored.
	 */
	private boolean enabled = true;

	/**
	 * Header set to "true" on every copy, so that the shadow service can tell a copy from
	 * a real request and refuse side effects.
	 */
	private String header = "X-Edge-Shadow";

	/**
	 * Suffix appended to the request id header of every copy, so that the shadow's logs
	 * tell copies apart and still correlate them with the original request.
	 */
	private String requestIdSuffix = "-shadow";

	/**
	 * Shadow settings by Spring Cloud Gateway route id.
	 */
	private Map<String, Route> routes = new LinkedHashMap<>();

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public String getHeader() {
		return this.header;
	}

	public void setHeader(String header) {
		this.header = header;
	}

	public String getRequestIdSuffix() {
		return this.requestIdSuffix;
	}

	public void setRequestIdSuffix(String requestIdSuffix) {
		this.requestIdSuffix = requestIdSuffix;
	}

	public Map<String, Route> getRoutes() {
		return this.routes;
	}

	public void setRoutes(Map<String, Route> routes) {
		this.routes = routes;
	}

	/**
	 * The shadow of one route.
	 */
	public static class Route {

		/**
		 * Where copies go: an absolute http or https URL (scheme, host and port; the path
		 * and query are those of the route's downstream request), or the name of a
		 * downstream under edge.downstream.services whose base-url is used.
		 */
		private @Nullable String target;

		/**
		 * Share of the route's requests (of the enabled methods) that is copied, from 0
		 * (none) to 1 (all). Copies are spread evenly: a share of 0.25 copies every
		 * fourth request.
		 */
		private double share = 1.0;

		/**
		 * HTTP methods that are copied. Only idempotent ones by default: a copy of a POST
		 * may place an order twice if the shadow does not check the shadow header.
		 */
		private Set<String> methods = new LinkedHashSet<>(List.of("GET", "HEAD", "OPTIONS"));

		/**
		 * Largest request body that is copied, by its Content-Length; a larger one, or a
		 * body without a Content-Length (chunked), is not copied.
		 */
		private DataSize maxBodySize = DataSize.ofKilobytes(64);

		/**
		 * Most copies of this route in flight at once. A copy that would exceed it is
		 * dropped (and counted), never queued.
		 */
		private int maxConcurrency = 16;

		/**
		 * Time a copy may take, from connecting to the end of the shadow's answer; a copy
		 * still running then is cancelled and counted as failed.
		 */
		private Duration timeout = Duration.ofSeconds(2);

		/**
		 * Name of the SSL bundle (spring.ssl.bundle.*) for an https target. Defaults to
		 * the target downstream's ssl-bundle, then to edge.downstream.ssl-bundle.
		 */
		private @Nullable String sslBundle;

		public @Nullable String getTarget() {
			return this.target;
		}

		public void setTarget(@Nullable String target) {
			this.target = target;
		}

		public double getShare() {
			return this.share;
		}

		public void setShare(double share) {
			this.share = share;
		}

		public Set<String> getMethods() {
			return this.methods;
		}

		public void setMethods(Set<String> methods) {
			this.methods = methods;
		}

		public DataSize getMaxBodySize() {
			return this.maxBodySize;
		}

		public void setMaxBodySize(DataSize maxBodySize) {
			this.maxBodySize = maxBodySize;
		}

		public int getMaxConcurrency() {
			return this.maxConcurrency;
		}

		public void setMaxConcurrency(int maxConcurrency) {
			this.maxConcurrency = maxConcurrency;
		}

		public Duration getTimeout() {
			return this.timeout;
		}

		public void setTimeout(Duration timeout) {
			this.timeout = timeout;
		}

		public @Nullable String getSslBundle() {
			return this.sslBundle;
		}

		public void setSslBundle(@Nullable String sslBundle) {
			this.sslBundle = sslBundle;
		}

	}

}
