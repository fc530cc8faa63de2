package io.github.bffsuite.bench.graphql;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.netty.handler.codec.http.HttpHeaderNames;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.ByteBufFlux;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Load driver of the GraphQL benchmark: the same page (the caller and 20 orders with
 * their lines and products) fetched through bff-web's GraphQL (guardrails on and off),
 * the N+1 way against the services, and through a hand-written REST aggregate. For each
 * it prints requests per second, p50 and p99 latency, response bytes, and downstream
 * calls per page (read from the gateway's {@code edge_downstream_requests} metric, or
 * counted by the driver for N+1).
 *
 * <p>
 * System properties: {@code token}, {@code document} (file), {@code graphql},
 * {@code graphqlNoGuardrails}, {@code aggregate} (base URLs), {@code graphqlMetrics},
 * {@code graphqlNoGuardrailsMetrics}, {@code aggregateMetrics} (prometheus URLs),
 * {@code users}, {@code orders}, {@code products} (service base URLs), {@code warmup},
 * {@code duration} (seconds), {@code connections}.
 */
public final class GraphQlBenchmark {

	private static final JsonMapper json = JsonMapper.builder().build();

	private static final Pattern DOWNSTREAM_COUNT = Pattern
		.compile("(?m)^edge_downstream_requests_seconds_count\\{[^}]*\\} ([0-9.E+]+)$");

	private final HttpClient http = HttpClient.create(ConnectionProvider.builder("bench").maxConnections(512).build());

	private final String token = System.getProperty("token");

	private GraphQlBenchmark() {
	}

	public static void main(String[] args) throws Exception {
		new GraphQlBenchmark().run();
	}

	private void run() throws Exception {
		String document = Files.readString(Path.of(System.getProperty("document")));
		String body = json.writeValueAsString(Map.of("query", document, "variables", Map.of("first", 20)));
		int warmup = Integer.getInteger("warmup", 15);
		int duration = Integer.getInteger("duration", 15);
		int connections = Integer.getInteger("connections", 16);
		Map<String, Page> modes = new LinkedHashMap<>();
		modes.put("graphql (bff-web)", () -> graphQl(System.getProperty("graphql"), body));
		modes.put("graphql, guardrails off", () -> graphQl(System.getProperty("graphqlNoGuardrails"), body));
		modes.put("rest aggregate (hand-written)", () -> aggregate(System.getProperty("aggregate")));
		modes.put("n+1 against the services", this::nPlusOne);
		Map<String, String> metrics = Map.of("graphql (bff-web)", System.getProperty("graphqlMetrics"),
				"graphql, guardrails off", System.getProperty("graphqlNoGuardrailsMetrics"),
				"rest aggregate (hand-written)", System.getProperty("aggregateMetrics"));
		int rounds = Integer.getInteger("rounds", 3);
		for (Map.Entry<String, Page> mode : modes.entrySet()) {
			Outcome check = mode.getValue().fetch().block(Duration.ofSeconds(30));
			if (check == null || !check.ok()) {
				throw new IllegalStateException(mode.getKey() + " does not answer a full page: " + check);
			}
			load(mode.getValue(), connections, Duration.ofSeconds(warmup));
		}
		List<String> names = new ArrayList<>(modes.keySet());
		List<List<Result>> all = new ArrayList<>();
		for (int round = 0; round < rounds; round++) {
			// interleaved: each round starts with another mode, so drift hits every mode
			Map<String, Result> byName = new LinkedHashMap<>();
			for (int i = 0; i < names.size(); i++) {
				String name = names.get((i + round) % names.size());
				Page page = modes.get(name);
				String metricsUrl = metrics.get(name);
				double before = (metricsUrl != null) ? downstreamCalls(metricsUrl) : 0;
				Measured measured = load(page, connections, Duration.ofSeconds(duration));
				double calls = (metricsUrl != null) ? (downstreamCalls(metricsUrl) - before) / measured.count()
						: measured.driverCalls() / (double) measured.count();
				byName.put(name, new Result(name, measured, calls, duration));
				System.out.printf(Locale.ROOT, "round %d: measured %s%n", round + 1, name);
			}
			List<Result> results = new ArrayList<>();
			for (String name : names) {
				results.add(byName.get(name));
			}
			all.add(results);
		}
		for (int round = 0; round < all.size(); round++) {
			System.out.printf(Locale.ROOT, "%nround %d", round + 1);
			print(all.get(round), connections, duration);
		}
		summary(all);
	}

	/**
	 * Median and range over the rounds of each round's ratios: GraphQL against the
	 * hand-written aggregate, guardrails on against off, and GraphQL's p50 minus the
	 * aggregate's.
	 */
	private static void summary(List<List<Result>> rounds) {
		List<Double> vsAggregate = new ArrayList<>();
		List<Double> onOff = new ArrayList<>();
		List<Double> p50Delta = new ArrayList<>();
		for (List<Result> results : rounds) {
			Measured graphQl = results.get(0).measured();
			Measured off = results.get(1).measured();
			Measured aggregate = results.get(2).measured();
			vsAggregate.add(rate(graphQl) / rate(aggregate));
			onOff.add(rate(graphQl) / rate(off));
			p50Delta.add((graphQl.percentile(50) - aggregate.percentile(50)) / 1e6);
		}
		System.out.printf(Locale.ROOT, "%nover %d interleaved rounds, median (range):%n", rounds.size());
		System.out.printf(Locale.ROOT, "  graphql / rest aggregate req/s   %.2fx (%s)   target >= 0.70x%n",
				median(vsAggregate), range(vsAggregate, "%.2f"));
		System.out.printf(Locale.ROOT, "  guardrails on / off req/s        %.2fx (%s)   target >= 0.95x%n",
				median(onOff), range(onOff, "%.2f"));
		System.out.printf(Locale.ROOT, "  graphql p50 - aggregate p50      %+.1f ms (%s)   target <= +10 ms%n",
				median(p50Delta), range(p50Delta, "%+.1f"));
	}

	private static double rate(Measured measured) {
		return measured.count() / (measured.elapsedNanos() / 1e9);
	}

	private static double median(List<Double> values) {
		List<Double> sorted = values.stream().sorted().toList();
		int n = sorted.size();
		return (n % 2 == 1) ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
	}

	private static String range(List<Double> values, String format) {
		List<Double> sorted = values.stream().sorted().toList();
		return String.format(Locale.ROOT, format + " to " + format, sorted.get(0), sorted.get(sorted.size() - 1));
	}

	private Mono<Outcome> graphQl(String baseUrl, String body) {
		return this.http
			.headers((headers) -> headers.set(HttpHeaderNames.AUTHORIZATION, "Bearer " + this.token)
				.set(HttpHeaderNames.CONTENT_TYPE, "application/json")
				.set(HttpHeaderNames.ACCEPT, "application/graphql-response+json"))
			.post()
			.uri(baseUrl + "/graphql")
			.send(ByteBufFlux.fromString(Mono.just(body)))
			.responseSingle(
					(response, content) -> content.asString(StandardCharsets.UTF_8)
						.map((text) -> new Outcome(
								response.status().code() == 200 && !text.contains("\"errors\"")
										&& text.contains("\"product\":{"),
								text.getBytes(StandardCharsets.UTF_8).length, 0)));
	}

	private Mono<Outcome> aggregate(String baseUrl) {
		return this.http.headers((headers) -> headers.set(HttpHeaderNames.AUTHORIZATION, "Bearer " + this.token))
			.get()
			.uri(baseUrl + "/orders-page?limit=20")
			.responseSingle((response, content) -> content.asString(StandardCharsets.UTF_8)
				.map((text) -> new Outcome(response.status().code() == 200 && text.contains("\"product\":{"),
						text.getBytes(StandardCharsets.UTF_8).length, 0)));
	}

	/** What a client does without a BFF: the orders, then each line's product. */
	private Mono<Outcome> nPlusOne() {
		HttpClient services = this.http.headers((headers) -> headers.set("X-User-ID", "u-001")
			.set("X-Tenant-ID", "acme")
			.set("X-Scopes", "users:read orders:read products:read"));
		Mono<String> me = get(services, System.getProperty("users") + "/users/me");
		Mono<Outcome> orders = get(services, System.getProperty("orders") + "/orders?limit=20").flatMap((page) -> {
			List<String> productIds = new ArrayList<>();
			for (JsonNode order : json.readTree(page).get("items")) {
				for (JsonNode item : order.get("items")) {
					productIds.add(item.get("productId").asString());
				}
			}
			return Flux.fromIterable(productIds)
				.flatMap((id) -> get(services, System.getProperty("products") + "/products/" + id))
				.map(String::length)
				.reduce(0, Integer::sum)
				.map((bytes) -> new Outcome(productIds.size() > 20, page.length() + bytes, 1 + productIds.size()));
		});
		return Mono.zip(me, orders)
			.map((both) -> new Outcome(both.getT2().ok(), both.getT1().length() + both.getT2().bytes(),
					both.getT2().calls() + 1));
	}

	private static Mono<String> get(HttpClient client, String url) {
		return client.get()
			.uri(url)
			.responseSingle((response, content) -> content.asString(StandardCharsets.UTF_8)
				.filter((text) -> response.status().code() == 200)
				.switchIfEmpty(Mono.error(() -> new IllegalStateException(url + " answered " + response.status()))));
	}

	private Measured load(Page page, int connections, Duration duration) {
		long deadline = System.nanoTime() + duration.toNanos();
		List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
		AtomicLong bytes = new AtomicLong();
		AtomicLong calls = new AtomicLong();
		AtomicLong failures = new AtomicLong();
		long start = System.nanoTime();
		Flux.range(0, connections).flatMap((worker) -> Mono.defer(() -> {
			long begin = System.nanoTime();
			return page.fetch().doOnNext((outcome) -> {
				latencies.add(System.nanoTime() - begin);
				bytes.addAndGet(outcome.bytes());
				calls.addAndGet(outcome.calls());
				if (!outcome.ok()) {
					failures.incrementAndGet();
				}
			}).onErrorResume((ex) -> {
				failures.incrementAndGet();
				return Mono.empty();
			});
		}).repeat(() -> System.nanoTime() < deadline), connections).blockLast();
		long elapsed = System.nanoTime() - start;
		List<Long> sorted = new ArrayList<>(latencies);
		Collections.sort(sorted);
		return new Measured(sorted, bytes.get(), calls.get(), failures.get(), elapsed);
	}

	private double downstreamCalls(String prometheusUrl) {
		String text = this.http.get()
			.uri(prometheusUrl)
			.responseContent()
			.aggregate()
			.asString(StandardCharsets.UTF_8)
			.block(Duration.ofSeconds(10));
		double total = 0;
		Matcher matcher = DOWNSTREAM_COUNT.matcher((text != null) ? text : "");
		while (matcher.find()) {
			total += Double.parseDouble(matcher.group(1));
		}
		return total;
	}

	private static void print(List<Result> results, int connections, int duration) {
		Result graphQl = results.get(0);
		System.out.printf(Locale.ROOT,
				"%nGraphQL benchmark: the caller + 20 orders with lines and products, %d connections, %d s each%n",
				connections, duration);
		System.out.printf(Locale.ROOT, "%-32s %10s %9s %9s %10s %16s %9s %11s%n", "mode", "req/s", "p50 ms", "p99 ms",
				"bytes", "downstream/page", "failures", "vs graphql");
		for (Result result : results) {
			Measured m = result.measured();
			System.out.printf(Locale.ROOT, "%-32s %10.0f %9.2f %9.2f %10d %16.1f %9d %10.2fx%n", result.name(),
					m.count() / (m.elapsedNanos() / 1e9), m.percentile(50) / 1e6, m.percentile(99) / 1e6,
					m.count() > 0 ? m.bytes() / m.count() : 0, result.callsPerPage(), m.failures(),
					(m.count() / (m.elapsedNanos() / 1e9))
							/ (graphQl.measured().count() / (graphQl.measured().elapsedNanos() / 1e9)));
		}
		Measured on = results.get(0).measured();
		Measured off = results.get(1).measured();
		System.out.printf(Locale.ROOT, "guardrails cost: throughput on/off %.2f, p50 on/off %.2f, p99 on/off %.2f%n",
				(on.count() / (on.elapsedNanos() / 1e9)) / (off.count() / (off.elapsedNanos() / 1e9)),
				on.percentile(50) / (double) off.percentile(50), on.percentile(99) / (double) off.percentile(99));
	}

	@FunctionalInterface
	interface Page {

		Mono<Outcome> fetch();

	}

	record Outcome(boolean ok, long bytes, long calls) {

	}

	record Measured(List<Long> latencies, long bytes, long driverCalls, long failures, long elapsedNanos) {

		long count() {
			return this.latencies.size();
		}

		long percentile(int p) {
			if (this.latencies.isEmpty()) {
				return 0;
			}
			int index = (int) Math.ceil(p / 100.0 * this.latencies.size()) - 1;
			return this.latencies.get(Math.max(0, Math.min(index, this.latencies.size() - 1)));
		}

	}

	record Result(String name, Measured measured, double callsPerPage, int duration) {

	}

}
