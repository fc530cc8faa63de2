package io.github.bffsuite.samples.order.product;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import javax.net.ssl.SSLException;

import io.netty.channel.ChannelOption;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.SslManagerBundle;
import org.springframework.boot.ssl.SslOptions;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.reactive.function.client.WebClient;

import io.github.bffsuite.samples.support.Problems;

/**
 * Reads current prices from product-service's public catalogue
 * ({@code GET /products?ids=a,b}), without identity headers. Parses the answer tolerantly
 * (a top-level array, or an object with an {@code items} or {@code products} array of
 * objects with {@code id} and {@code priceCents}); any failure, slowness included, is a
 * 503 problem.
 */
public class ProductCatalogClient {

	/** Most ids product-service accepts in one call. */
	static final int BATCH_SIZE = 100;

	private final WebClient webClient;

	private final Duration timeout;

	private final JsonMapper jsonMapper;

	public ProductCatalogClient(URI baseUrl, Duration timeout, JsonMapper jsonMapper) {
		this(baseUrl, timeout, jsonMapper, null);
	}

	/**
	 * Create a client of product-service.
	 * @param baseUrl the base URL of product-service
	 * @param timeout the longest wait, connecting included
	 * @param jsonMapper the mapper of the answers
	 * @param sslBundle for an HTTPS base URL, the SSL bundle with the client certificate
	 * to present and the CAs to trust, or {@code null} for the JVM's default CAs and no
	 * client certificate. It is read once: a renewed certificate is used after a restart.
	 */
	public ProductCatalogClient(URI baseUrl, Duration timeout, JsonMapper jsonMapper, @Nullable SslBundle sslBundle) {
		HttpClient httpClient = HttpClient.create()
			.option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) timeout.toMillis())
			.responseTimeout(timeout);
		if (sslBundle != null) {
			// Reactor Netty verifies the host name on a secured client, as a browser does
			SslContext sslContext = sslContext(sslBundle);
			httpClient = httpClient.secure((spec) -> spec.sslContext(sslContext));
		}
		// Load event loops and the resolver now, so the first order does not pay for them
		// within its short timeout
		httpClient.warmup().subscribe();
		this.webClient = WebClient.builder()
			.baseUrl(baseUrl.toString())
			.clientConnector(new ReactorClientHttpConnector(httpClient))
			.build();
		this.timeout = timeout;
		this.jsonMapper = jsonMapper;
	}

	/**
	 * Return a client TLS context with the bundle's key and trust managers, protocols and
	 * ciphers, as Spring Boot builds one for its own Reactor Netty clients.
	 */
	private static SslContext sslContext(SslBundle sslBundle) {
		SslManagerBundle managers = sslBundle.getManagers();
		SslOptions options = sslBundle.getOptions();
		try {
			return SslContextBuilder.forClient()
				.keyManager(managers.getKeyManagerFactory())
				.trustManager(managers.getTrustManagerFactory())
				.ciphers(SslOptions.asSet(options.getCiphers()))
				.protocols(options.getEnabledProtocols())
				.build();
		}
		catch (SSLException ex) {
			throw new IllegalStateException("No TLS context for product-service: " + ex.getMessage(), ex);
		}
	}

	/**
	 * Return the current unit price of each known product; unknown ids are absent.
	 * @param productIds the product ids, without duplicates
	 * @return prices in cents by product id
	 */
	public Mono<Map<String, Long>> prices(Collection<String> productIds) {
		List<List<String>> batches = batches(List.copyOf(productIds));
		return Flux.fromIterable(batches)
			.concatMap(this::fetch)
			.collect(HashMap<String, Long>::new, Map::putAll)
			.map(Map::copyOf);
	}

	private Mono<Map<String, Long>> fetch(List<String> ids) {
		// the public catalogue: no identity headers, which product-service does not read
		// and, with signed identities, would refuse without a token signed for it
		return this.webClient.get()
			.uri((uri) -> uri.path("/products").queryParam("ids", String.join(",", ids)).build())
			.retrieve()
			.bodyToMono(byte[].class)
			.defaultIfEmpty(new byte[0])
			.timeout(this.timeout)
			.map(this::parse)
			.onErrorMap((ex) -> !(ex instanceof ErrorResponseException), ProductCatalogClient::unavailable);
	}

	private Map<String, Long> parse(byte[] body) {
		JsonNode root;
		try {
			root = this.jsonMapper.readTree(body);
		}
		catch (JacksonException ex) {
			throw unavailable(ex);
		}
		JsonNode products = root.isArray() ? root : root.has("items") ? root.get("items") : root.get("products");
		if (products == null || !products.isArray()) {
			throw unavailable(null);
		}
		Map<String, Long> prices = new HashMap<>();
		for (JsonNode product : products) {
			JsonNode id = product.get("id");
			JsonNode price = product.get("priceCents");
			if (id == null || !id.isString() || price == null || !price.canConvertToLong() || price.asLong() < 0) {
				throw unavailable(null);
			}
			prices.put(id.asString(), price.asLong());
		}
		return prices;
	}

	private static List<List<String>> batches(List<String> ids) {
		List<List<String>> batches = new ArrayList<>();
		for (int from = 0; from < ids.size(); from += BATCH_SIZE) {
			batches.add(ids.subList(from, Math.min(ids.size(), from + BATCH_SIZE)));
		}
		return batches;
	}

	private static ErrorResponseException unavailable(@Nullable Throwable cause) {
		ErrorResponseException problem = Problems.of(HttpStatus.SERVICE_UNAVAILABLE, "downstream-unavailable",
				"Downstream unavailable", "product-service did not answer in time or with a usable response");
		return (cause != null) ? new ErrorResponseException(problem.getStatusCode(), problem.getBody(), cause)
				: problem;
	}

}
