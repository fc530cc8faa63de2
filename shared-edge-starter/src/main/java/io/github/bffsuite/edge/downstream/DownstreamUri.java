package io.github.bffsuite.edge.downstream;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.web.util.UriBuilder;

/**
 * A downstream path with query parameters whose values are URI variables, so that the URI
 * builder of an {@link EdgeDownstreamClients#webClient(String) edge WebClient} encodes
 * each value strictly: {@code Camera+Bag} goes out as {@code Camera%2BBag}. Written into
 * the template instead ({@code uri.queryParam("q", query)}), a value keeps its {@code +},
 * which the service reads as a space. Use it as
 * {@code client.get().uri(DownstreamUri.path("/products").query("q", query)::build)}.
 */
public final class DownstreamUri {

	private final String path;

	private final Map<String, Object> query = new LinkedHashMap<>();

	private DownstreamUri(String path) {
		this.path = path;
	}

	/**
	 * Start a URI.
	 * @param path the path, such as {@code /products}
	 * @return the URI so far
	 */
	public static DownstreamUri path(String path) {
		return new DownstreamUri(path);
	}

	/**
	 * Add a query parameter, unless its value is {@code null}.
	 * @param name the name
	 * @param value the value, or {@code null} to leave the parameter out
	 * @return this
	 */
	public DownstreamUri query(String name, @Nullable Object value) {
		if (value != null) {
			this.query.put(name, value);
		}
		return this;
	}

	/**
	 * Build the URI with the client's builder (base URL and encoding).
	 * @param uri the builder
	 * @return the URI
	 */
	public URI build(UriBuilder uri) {
		uri.path(this.path);
		this.query.keySet().forEach((name) -> uri.queryParam(name, "{" + name + "}"));
		return uri.build(this.query);
	}

}
