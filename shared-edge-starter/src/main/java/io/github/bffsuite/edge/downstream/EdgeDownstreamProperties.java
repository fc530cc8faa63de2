package io.github.bffsuite.edge.downstream;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Named downstream services of a gateway, referenced by routes and aggregating handlers,
 * such as {@code uri: ${edge.downstream.services.user-service.base-url}} in a route.
 */
@ConfigurationProperties("edge.downstream")
public class EdgeDownstreamProperties {

	/**
	 * Downstream services by name.
	 */
	private Map<String, Service> services = new LinkedHashMap<>();

	public Map<String, Service> getServices() {
		return this.services;
	}

	public void setServices(Map<String, Service> services) {
		this.services = services;
	}

	/**
	 * A downstream service.
	 */
	public static class Service {

		/**
		 * Base URL of the service, such as http://localhost:9001.
		 */
		private String baseUrl = "";

		public String getBaseUrl() {
			return this.baseUrl;
		}

		public void setBaseUrl(String baseUrl) {
			this.baseUrl = baseUrl;
		}

	}

}
