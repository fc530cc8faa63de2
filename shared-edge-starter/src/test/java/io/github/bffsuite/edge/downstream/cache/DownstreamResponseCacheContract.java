package io.github.bffsuite.edge.downstream.cache;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import io.github.bffsuite.edge.downstream.EdgeDownstreamClients;
import io.github.bffsuite.edge.downstream.EdgeDownstreamProperties;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.http.HttpHeaders;
import org.springframework.util.unit.DataSize;
import org.springframework.web.reactive.function.client.WebClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What a downstream response cache must do whatever its store: safe keys (tenant,
 * principal, Vary), {@code Cache-Control}, revalidation, bounds on what is stored, and
 * one call for concurrent misses. Calls go through the downstream's real
 * {@code WebClient} to a real HTTP service; the identity headers are set on each call as
 * the edge's identity filter sets them.
 */
abstract class DownstreamResponseCacheContract {

	static final Duration WAIT = Duration.ofSeconds(20);

	final MutableClock clock = new MutableClock();

	final MeterRegistry meters = new SimpleMeterRegistry();

	CacheStubServer service;

	EdgeDownstreamClients clients;

	WebClient client;

	abstract ResponseCacheStores stores();

	void configure(EdgeDownstreamProperties.Cache cache) {
	}

	@BeforeEach
	void start() {
		this.service = new CacheStubServer();
		EdgeDownstreamProperties properties = new EdgeDownstreamProperties();
		EdgeDownstreamProperties.Service catalog = new EdgeDownstreamProperties.Service();
		catalog.setBaseUrl(this.service.baseUrl());
		catalog.setResponseTimeout(WAIT);
		catalog.getCircuitBreaker().setEnabled(false);
		catalog.getCache().setEnabled(true);
		catalog.getCache().setMaxEntrySize(DataSize.ofKilobytes(1));
		configure(catalog.getCache());
		properties.getServices().put("catalog", catalog);
		this.clients = new EdgeDownstreamClients(properties, WebClient::builder, this.meters, this.clock, stores());
		this.client = this.clients.webClient("catalog");
	}

	@AfterEach
	void stop() {
		this.clients.destroy();
		this.service.close();
	}

	@Test
	void servesARepeatedCallFromTheCache() {
		cacheable("/products/p-1", "max-age=60");
		assertThat(get("/products/p-1", "t-1", "u-1").body()).contains("/products/p-1");
		assertThat(get("/products/p-1", "t-1", "u-2").body()).contains("/products/p-1");
		assertThat(this.service.count("/products/p-1")).isEqualTo(1);
		assertThat(count("hit")).isEqualTo(1);
		assertThat(count("miss")).isEqualTo(1);
	}

	@Test
	void sortsTheQuery() {
		cacheable("/products?a=1&b=2", "max-age=60");
		cacheable("/products?b=2&a=1", "max-age=60");
		get("/products?a=1&b=2", "t-1", null);
		get("/products?b=2&a=1", "t-1", null);
		assertThat(this.service.count("/products?a=1&b=2") + this.service.count("/products?b=2&a=1")).isEqualTo(1);
	}

	@Test
	void neverSharesAnEntryBetweenTenants() {
		cacheable("/products", "public, max-age=60");
		assertThat(get("/products", "t-1", "u-1").body()).contains("tenant t-1");
		assertThat(get("/products", "t-2", "u-1").body()).contains("tenant t-2");
		assertThat(get("/products", "t-1", "u-1").body()).contains("tenant t-1");
		assertThat(get("/products", "t-2", "u-1").body()).contains("tenant t-2");
		assertThat(get("/products", null, "u-1").body()).contains("tenant null");
		assertThat(this.service.count("/products")).isEqualTo(3);
	}

	@Test
	void neverSharesAPrivateEntryBetweenUsers() {
		cacheable("/me/favourites", "private, max-age=60");
		assertThat(get("/me/favourites", "t-1", "u-1").body()).contains("user u-1");
		assertThat(get("/me/favourites", "t-1", "u-2").body()).contains("user u-2");
		assertThat(get("/me/favourites", "t-1", "u-1").body()).contains("user u-1");
		assertThat(get("/me/favourites", "t-1", "u-2").body()).contains("user u-2");
		assertThat(this.service.count("/me/favourites")).isEqualTo(2);
		// without a principal a private answer is neither served nor kept
		assertThat(get("/me/favourites", "t-1", null).body()).contains("user null");
		assertThat(get("/me/favourites", "t-1", null).body()).contains("user null");
		assertThat(this.service.count("/me/favourites")).isEqualTo(4);
	}

	@Test
	void keepsOneVariantPerValueOfTheVaryHeaders() {
		this.service.answer("/greeting", 200, Map.of("Cache-Control", "max-age=60", "Vary", "Accept-Language"),
				(headers) -> "{\"language\":\"" + headers.get("Accept-Language") + "\"}");
		assertThat(get("/greeting", "t-1", null, (headers) -> headers.set("Accept-Language", "en")).body())
			.contains("en");
		assertThat(get("/greeting", "t-1", null, (headers) -> headers.set("Accept-Language", "fr")).body())
			.contains("fr");
		assertThat(get("/greeting", "t-1", null, (headers) -> headers.set("Accept-Language", "en")).body())
			.contains("en");
		assertThat(get("/greeting", "t-1", null, (headers) -> headers.set("Accept-Language", "fr")).body())
			.contains("fr");
		assertThat(this.service.count("/greeting")).isEqualTo(2);
	}

	@Test
	void neverKeepsNoStoreAnswersErrorsOrAnswersWithoutCacheControl() {
		cacheable("/no-store", "no-store");
		this.service.answer("/failing", 500, Map.of("Cache-Control", "max-age=60"), (headers) -> "{}");
		this.service.answer("/missing", 404, Map.of("Cache-Control", "max-age=60"), (headers) -> "{}");
		this.service.answer("/silent", 200, Map.of(), (headers) -> "{}");
		for (String path : List.of("/no-store", "/failing", "/missing", "/silent")) {
			get(path, "t-1", "u-1");
			get(path, "t-1", "u-1");
			assertThat(this.service.count(path)).as(path).isEqualTo(2);
		}
		assertThat(count("hit")).isZero();
	}

	@Test
	void keepsAnAnswerToACallWithCredentialsOnlyWhenTheServiceSaysItIsPublic() {
		cacheable("/with-credentials", "max-age=60");
		cacheable("/with-credentials-public", "public, max-age=60");
		for (int i = 0; i < 2; i++) {
			get("/with-credentials", "t-1", null, (headers) -> headers.setBearerAuth("token"));
			get("/with-credentials-public", "t-1", null, (headers) -> headers.setBearerAuth("token"));
		}
		assertThat(this.service.count("/with-credentials")).isEqualTo(2);
		assertThat(this.service.count("/with-credentials-public")).isEqualTo(1);
	}

	@Test
	void takesTheHeadersOfA304WhateverTheirCase() {
		this.service.answer("/products/p-4", 200, Map.of("Cache-Control", "max-age=60", "etag", "\"v1\""),
				(headers) -> "{\"id\":\"p-4\"}");
		get("/products/p-4", "t-1", null);
		this.clock.advance(Duration.ofSeconds(61));
		Got revalidated = get("/products/p-4", "t-1", null);
		assertThat(revalidated.body()).isEqualTo("{\"id\":\"p-4\"}");
		assertThat(revalidated.etags()).containsExactly("\"v1\"");
	}

	@Test
	void letsACallerThatAsksForNoCacheThrough() {
		cacheable("/products/p-5", "max-age=60");
		get("/products/p-5", "t-1", null);
		get("/products/p-5", "t-1", null, (headers) -> headers.setCacheControl("no-cache"));
		assertThat(this.service.count("/products/p-5")).isEqualTo(2);
		assertThat(count("bypass")).isEqualTo(1);
	}

	@Test
	void revalidatesAStaleEntryWithItsEtag() {
		this.service.answer("/products/p-2", 200, Map.of("Cache-Control", "max-age=60", "ETag", "\"v1\""),
				(headers) -> "{\"id\":\"p-2\"}");
		get("/products/p-2", "t-1", null);
		this.clock.advance(Duration.ofSeconds(61));
		Got revalidated = get("/products/p-2", "t-1", null);
		assertThat(revalidated.status()).isEqualTo(200);
		assertThat(revalidated.body()).isEqualTo("{\"id\":\"p-2\"}");
		assertThat(this.service.count("/products/p-2")).isEqualTo(2);
		assertThat(this.service.received().get(1).get("If-None-Match")).isEqualTo("\"v1\"");
		assertThat(count("revalidated")).isEqualTo(1);
		// the 304 made the entry fresh again
		get("/products/p-2", "t-1", null);
		assertThat(this.service.count("/products/p-2")).isEqualTo(2);
		assertThat(count("hit")).isEqualTo(1);
	}

	@Test
	void revalidatesEveryUseOfANoCacheAnswer() {
		this.service.answer("/prices", 200, Map.of("Cache-Control", "no-cache", "ETag", "W/\"p1\""),
				(headers) -> "{\"price\":1}");
		get("/prices", "t-1", null);
		assertThat(get("/prices", "t-1", null).body()).isEqualTo("{\"price\":1}");
		assertThat(this.service.received().get(1).get("If-None-Match")).isEqualTo("W/\"p1\"");
		assertThat(count("revalidated")).isEqualTo(1);
	}

	@Test
	void capsFreshnessAtMaxTtl() {
		cacheable("/products/p-3", "max-age=86400");
		get("/products/p-3", "t-1", null);
		this.clock.advance(Duration.ofMinutes(11));
		get("/products/p-3", "t-1", null);
		assertThat(this.service.count("/products/p-3")).isEqualTo(2);
	}

	@Test
	void doesNotKeepBodiesAboveTheEntryLimit() {
		this.service.answer("/big", 200, Map.of("Cache-Control", "max-age=60"), (headers) -> "x".repeat(4096));
		assertThat(get("/big", "t-1", null).body()).hasSize(4096);
		assertThat(get("/big", "t-1", null).body()).hasSize(4096);
		assertThat(this.service.count("/big")).isEqualTo(2);
	}

	@Test
	void makesOneCallForConcurrentMisses() throws Exception {
		cacheable("/products/hot", "max-age=60");
		CompletableFuture<Void> gate = this.service.gate("/products/hot");
		CompletableFuture<List<Got>> answers = Flux.range(0, 20)
			.flatMap((i) -> call("/products/hot", "t-1", "u-" + i, (headers) -> {
			}), 20)
			.collectList()
			.toFuture();
		// the service holds its answer until every caller waits for the one call
		await().atMost(WAIT).until(() -> count("coalesced") == 19);
		gate.complete(null);
		assertThat(answers.get(WAIT.toSeconds(), TimeUnit.SECONDS)).hasSize(20)
			.allSatisfy((got) -> assertThat(got.body()).contains("/products/hot"));
		assertThat(this.service.count("/products/hot")).isEqualTo(1);
		assertThat(count("miss")).isEqualTo(1);
		get("/products/hot", "t-1", "u-0");
		assertThat(this.service.count("/products/hot")).isEqualTo(1);
	}

	@Test
	void givesAPrivateAnswerOnlyToConcurrentCallersOfTheSamePrincipal() throws Exception {
		cacheable("/me/cart", "private, max-age=60");
		CompletableFuture<Void> gate = this.service.gate("/me/cart");
		CompletableFuture<List<Got>> answers = Flux.range(0, 6)
			.flatMap((i) -> call("/me/cart", "t-1", "u-" + (i % 2), (headers) -> {
			}), 6)
			.collectList()
			.toFuture();
		await().atMost(WAIT).until(() -> count("coalesced") == 5);
		gate.complete(null);
		List<Got> got = answers.get(WAIT.toSeconds(), TimeUnit.SECONDS);
		assertThat(got).hasSize(6);
		assertThat(got.stream().filter((answer) -> answer.body().contains("user u-0")).count()).isEqualTo(3);
		assertThat(got.stream().filter((answer) -> answer.body().contains("user u-1")).count()).isEqualTo(3);
	}

	void cacheable(String path, String cacheControl) {
		this.service.answer(path, 200, Map.of("Cache-Control", cacheControl),
				(headers) -> "{\"path\":\"" + path + "\",\"tenant\":\"tenant " + headers.get("X-Tenant-ID")
						+ "\",\"user\":\"user " + headers.get("X-User-ID") + "\"}");
	}

	double count(String result) {
		return this.meters.get("edge.downstream.cache.requests")
			.tag("downstream", "catalog")
			.tag("result", result)
			.counter()
			.count();
	}

	Got get(String path, String tenant, String user) {
		return get(path, tenant, user, (headers) -> {
		});
	}

	Got get(String path, String tenant, String user, Consumer<HttpHeaders> headers) {
		return call(path, tenant, user, headers).block(WAIT);
	}

	Mono<Got> call(String path, String tenant, String user, Consumer<HttpHeaders> extra) {
		return this.client.get().uri(path).headers((headers) -> {
			if (tenant != null) {
				headers.set("X-Tenant-ID", tenant);
			}
			if (user != null) {
				headers.set("X-User-ID", user);
			}
			extra.accept(headers);
		})
			.exchangeToMono((response) -> response.bodyToMono(String.class)
				.defaultIfEmpty("")
				.map((body) -> new Got(response.statusCode().value(), body,
						response.headers().header(HttpHeaders.ETAG))));
	}

	record Got(int status, String body, List<String> etags) {

	}

}
