package io.github.bffsuite.edge.downstream;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.web.reactive.function.client.support.WebClientAdapter;
import org.springframework.web.service.invoker.HttpServiceProxyFactory;

/**
 * Builds clients of {@code @HttpExchange} interfaces over the resilient {@code WebClient}
 * of a named downstream, so a declared client has the downstream's base URL, identity
 * headers, timeouts, circuit breaker, retry budget and metrics, and the shared
 * {@link DownstreamErrors error policy}.
 */
public class DownstreamHttpServices {

	private final EdgeDownstreamClients clients;

	private final Map<String, HttpServiceProxyFactory> factories = new ConcurrentHashMap<>();

	public DownstreamHttpServices(EdgeDownstreamClients clients) {
		this.clients = clients;
	}

	/**
	 * Create a client of a service interface over a downstream.
	 * @param <S> the interface type
	 * @param downstream the downstream name, as configured under
	 * {@code edge.downstream.services}
	 * @param type the interface, annotated with {@code @HttpExchange}
	 * @return the client
	 */
	public <S> S client(String downstream, Class<S> type) {
		return this.factories.computeIfAbsent(downstream, this::factory).createClient(type);
	}

	private HttpServiceProxyFactory factory(String downstream) {
		WebClientAdapter adapter = WebClientAdapter
			.create(DownstreamErrors.applyTo(downstream, this.clients.webClient(downstream)));
		return HttpServiceProxyFactory.builderFor(adapter).build();
	}

}
