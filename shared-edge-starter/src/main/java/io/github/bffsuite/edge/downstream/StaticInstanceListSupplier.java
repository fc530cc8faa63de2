package io.github.bffsuite.edge.downstream;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import reactor.core.publisher.Flux;

import org.springframework.cloud.client.DefaultServiceInstance;
import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.loadbalancer.core.ServiceInstanceListSupplier;

/**
 * The instances of a load-balanced downstream, from {@code application.yml}, minus those
 * recently ejected because they refused a connection (passive health checking). When
 * every instance is ejected all of them are offered again rather than none.
 */
public class StaticInstanceListSupplier implements ServiceInstanceListSupplier {

	private final String serviceId;

	private final List<ServiceInstance> instances;

	private final Duration ejectionTime;

	private final Clock clock;

	private final Map<String, Instant> ejectedUntil = new ConcurrentHashMap<>();

	public StaticInstanceListSupplier(String serviceId, List<URI> uris, Duration ejectionTime, Clock clock) {
		this.serviceId = serviceId;
		this.instances = uris.stream().map((uri) -> instance(serviceId, uri)).toList();
		this.ejectionTime = ejectionTime;
		this.clock = clock;
	}

	private static ServiceInstance instance(String serviceId, URI uri) {
		boolean secure = "https".equalsIgnoreCase(uri.getScheme());
		int port = (uri.getPort() != -1) ? uri.getPort() : (secure ? 443 : 80);
		return new DefaultServiceInstance(serviceId + "-" + uri.getHost() + "-" + port, serviceId, uri.getHost(), port,
				secure);
	}

	@Override
	public String getServiceId() {
		return this.serviceId;
	}

	@Override
	public Flux<List<ServiceInstance>> get() {
		return Flux.just(available());
	}

	/**
	 * Return the instances not currently ejected, or all of them if every one is.
	 * @return the instances
	 */
	public List<ServiceInstance> available() {
		if (this.ejectedUntil.isEmpty()) {
			return this.instances;
		}
		Instant now = this.clock.instant();
		List<ServiceInstance> healthy = this.instances.stream().filter((instance) -> {
			Instant until = this.ejectedUntil.get(instance.getInstanceId());
			if (until != null && !now.isBefore(until)) {
				this.ejectedUntil.remove(instance.getInstanceId(), until);
				return true;
			}
			return until == null;
		}).toList();
		return healthy.isEmpty() ? this.instances : healthy;
	}

	/**
	 * Leave an instance out for the ejection time.
	 * @param instance the instance that refused a connection
	 */
	public void eject(ServiceInstance instance) {
		this.ejectedUntil.put(instance.getInstanceId(), this.clock.instant().plus(this.ejectionTime));
	}

}
