import java.io.IOException;
import java.io.OutputStream;
import java.math.BigInteger;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.sun.net.httpserver.HttpServer;

/**
 * The home-screen benchmark of benchmarks/mobile/run.sh, JDK only (run as a single-file
 * source program).
 *
 * <pre>
 * java MobileHomeBench.java issuer PORT TOKEN_FILE        a JWKS endpoint and one signed user token
 * java MobileHomeBench.java measure MOBILE WEB USERS ORDERS PRODUCTS TOKEN_FILE REQUESTS [name=value ...]
 * </pre>
 *
 * The options name the two gateways /home is timed on ({@code cold=}, {@code warm=} and
 * their {@code -management=} base URLs), the rounds and the warm-up.
 */
public class MobileHomeBench {

	static final String USER = "u-004";

	static final String TENANT = "acme";

	static final String SCOPES = "users:read orders:read orders:write products:read";

	static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

	public static void main(String[] args) throws Exception {
		if (args[0].equals("issuer")) {
			issuer(Integer.parseInt(args[1]), Path.of(args[2]));
		}
		else {
			measure(args);
		}
	}

	// ---- a dev issuer: JWKS and one RS256 token for both bff-mobile and bff-web

	static void issuer(int port, Path tokenFile) throws Exception {
		KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
		generator.initialize(2048);
		KeyPair keys = generator.generateKeyPair();
		RSAPublicKey publicKey = (RSAPublicKey) keys.getPublic();
		String jwks = "{\"keys\":[{\"kty\":\"RSA\",\"kid\":\"bench\",\"use\":\"sig\",\"alg\":\"RS256\",\"n\":\""
				+ b64(unsigned(publicKey.getModulus())) + "\",\"e\":\"" + b64(unsigned(publicKey.getPublicExponent()))
				+ "\"}]}";
		long now = System.currentTimeMillis() / 1000;
		String header = "{\"alg\":\"RS256\",\"kid\":\"bench\",\"typ\":\"JWT\"}";
		String claims = "{\"iss\":\"http://bench.issuer\",\"sub\":\"" + USER + "\",\"aud\":[\"bff-mobile\",\"bff-web\"],"
				+ "\"iat\":" + now + ",\"nbf\":" + now + ",\"exp\":" + (now + 6 * 3600) + ",\"tenant_id\":\"" + TENANT
				+ "\",\"scope\":\"" + SCOPES + "\",\"roles\":[\"user\"],\"client_id\":\"mobile-app\"}";
		String signingInput = b64(header.getBytes(StandardCharsets.UTF_8)) + "."
				+ b64(claims.getBytes(StandardCharsets.UTF_8));
		Signature signature = Signature.getInstance("SHA256withRSA");
		signature.initSign(keys.getPrivate());
		signature.update(signingInput.getBytes(StandardCharsets.US_ASCII));
		Files.writeString(tokenFile, signingInput + "." + b64(signature.sign()));
		HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
		server.createContext("/jwks", (exchange) -> {
			byte[] body = jwks.getBytes(StandardCharsets.UTF_8);
			exchange.getResponseHeaders().set("Content-Type", "application/json");
			exchange.sendResponseHeaders(200, body.length);
			try (OutputStream out = exchange.getResponseBody()) {
				out.write(body);
			}
		});
		server.start();
	}

	static byte[] unsigned(BigInteger value) {
		byte[] bytes = value.toByteArray();
		return (bytes[0] == 0) ? java.util.Arrays.copyOfRange(bytes, 1, bytes.length) : bytes;
	}

	static String b64(byte[] bytes) {
		return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
	}

	// ---- the measurements

	static void measure(String[] args) throws Exception {
		String mobile = args[1];
		String web = args[2];
		Map<String, String> services = Map.of("user-service", args[3], "order-service", args[4], "product-service",
				args[5]);
		String token = Files.readString(Path.of(args[6])).strip();
		int requests = (args.length > 7) ? Integer.parseInt(args[7]) : 500;
		// then name=value options: cold, warm (gateway URLs), cold-management, warm-management,
		// cold-args, warm-args, rounds, warmup-min, warmup-max, warmup-step (seconds), warmup-tolerance
		Map<String, String> options = new LinkedHashMap<>();
		options.put("cold", mobile);
		for (int i = 8; i < args.length; i++) {
			int equals = args[i].indexOf('=');
			options.put(args[i].substring(0, equals), args[i].substring(equals + 1));
		}

		Response home = get(mobile + "/mobile/v1/home", token, "identity");
		if (home.status != 200) {
			throw new IllegalStateException("/mobile/v1/home answered " + home.status + ": " + home.text());
		}
		List<String> firstProducts = new ArrayList<>();
		Matcher product = Pattern.compile("\"product\":\\{\"id\":\"(p-[0-9]+)\"").matcher(home.text());
		while (product.find()) {
			firstProducts.add(product.group(1));
		}
		// what the app would fetch without the BFF: the same data through the pass-through routes
		Map<String, String> raw = new LinkedHashMap<>();
		raw.put("user", "/api/users/me");
		raw.put("orders", "/api/orders?limit=3");
		raw.put("products", "/api/products?ids=" + String.join(",", firstProducts));
		raw.put("recommended", "/api/products/recommended?userId=" + USER + "&limit=5");
		raw.put("badges", "/api/orders/counts");

		System.out.println();
		System.out.println("== bytes of the home screen (user " + USER + ")");
		long homeRaw = home.body.length;
		long homeGzip = get(mobile + "/mobile/v1/home", token, "gzip").bodyOf("gzip");
		long homeBrotli = get(mobile + "/mobile/v1/home", token, "br").bodyOf("br");
		long homeZstd = get(mobile + "/mobile/v1/home", token, "zstd").bodyOf("zstd");
		System.out.printf("%-44s %8d raw %8d gzip %8d br %8d zstd%n", "bff-mobile GET /mobile/v1/home (1 request)",
				homeRaw, homeGzip, homeBrotli, homeZstd);
		long rawTotal = 0;
		long rawGzipTotal = 0;
		for (Map.Entry<String, String> call : raw.entrySet()) {
			Response plain = get(mobile + call.getValue(), token, "identity");
			if (plain.status != 200) {
				throw new IllegalStateException(call.getValue() + " answered " + plain.status + ": " + plain.text());
			}
			long gzip = get(mobile + call.getValue(), token, "gzip").body.length;
			rawTotal += plain.body.length;
			rawGzipTotal += gzip;
			System.out.printf("  %-42s %8d raw %8d gzip%n", call.getValue().replaceAll("ids=.*", "ids=..."),
					plain.body.length, gzip);
		}
		System.out.printf("%-44s %8d raw %8d gzip%n", "raw service responses (" + raw.size() + " requests)", rawTotal,
				rawGzipTotal);
		String query = "{\"query\":\"{ me { id name } orders(first: 3) { edges { node { id status total { amount currency }"
				+ " items { quantity product { name } } } } } recommendations(first: 5) { id name price { amount currency } } }\"}";
		Response graphql = post(web + "/graphql", token, query, "identity");
		long graphqlGzip = post(web + "/graphql", token, query, "gzip").body.length;
		// the fields the GraphQL query asks for (it has no image URLs, item counts or badges)
		String sameData = "/mobile/v1/home?fields=user(id,firstName),orders(id,status,totalCents,itemCount,product(name)),"
				+ "recommended(id,name,priceCents,currency)";
		Response masked = get(mobile + sameData, token, "identity");
		long maskedGzip = get(mobile + sameData, token, "gzip").body.length;
		System.out.printf("%-44s %8d raw %8d gzip%n", "bff-mobile /home?fields=<the GraphQL query's>",
				masked.body.length, maskedGzip);
		if (graphql.status == 200) {
			System.out.printf("%-44s %8d raw %8d gzip%n", "bff-web POST /graphql, same screen (1 request)",
					graphql.body.length, graphqlGzip);
		}
		else {
			System.out.println("bff-web GraphQL answered " + graphql.status + ": " + graphql.text());
		}
		System.out.printf("home / raw service responses: %.1f %% uncompressed vs uncompressed; as sent (br) vs as the"
				+ " services send them: %.1f %%; gzip vs gzip: %.1f %% (target <= 25 %%)%n", 100.0 * homeRaw / rawTotal,
				100.0 * homeBrotli / rawTotal, 100.0 * homeGzip / rawGzipTotal);
		if (graphql.status == 200) {
			System.out.printf("home / GraphQL: %.1f %% raw, %.1f %% as sent (gzip); same fields: %.1f %% raw, %.1f %% as sent "
					+ "(target < 100 %%)%n", 100.0 * homeRaw / graphql.body.length, 100.0 * homeGzip / graphqlGzip,
					100.0 * masked.body.length / graphql.body.length, 100.0 * maskedGzip / graphqlGzip);
		}
		System.out.printf("round trips: 1 instead of %d (%d saved; the products call waits for the orders one, so "
				+ "without the BFF the app needs 2 sequential round trips, with it 1)%n", raw.size(), raw.size() - 1);

		System.out.println();
		System.out.println("== straight to the services (no gateway), " + requests + " sequential requests each");
		Map<String, String> direct = new LinkedHashMap<>();
		direct.put("user-service GET /users/me", services.get("user-service") + "/users/me");
		direct.put("order-service GET /orders?limit=3", services.get("order-service") + "/orders?limit=3");
		direct.put("order-service GET /orders/counts", services.get("order-service") + "/orders/counts");
		direct.put("product-service GET /products?ids=",
				services.get("product-service") + "/products?ids=" + String.join(",", firstProducts));
		direct.put("product-service GET /products/recommended",
				services.get("product-service") + "/products/recommended?userId=" + USER + "&limit=5");
		for (Map.Entry<String, String> call : direct.entrySet()) {
			latencies(call.getValue(), null, Math.min(200, requests));
			double[] p = percentiles(latencies(call.getValue(), null, requests));
			System.out.printf("%-46s p50 %7.2f ms   p99 %7.2f ms%n", call.getKey(), p[0], p[1]);
		}
		homeLatency(options, token, requests);
	}

	// ---- /home cold and warm against the slowest downstream call of the same requests

	/**
	 * /home on two gateways that differ only in the product cache: "cold" (off, every
	 * product batch goes to product-service) and "warm" (on, filled by the warm-up).
	 * Each round measures both, interleaved, and reads the gateway's own downstream
	 * client timer (edge.downstream.requests, a percentile histogram) before and after,
	 * so the calls compared with /home are exactly the ones those requests made.
	 */
	static void homeLatency(Map<String, String> options, String token, int requests) throws Exception {
		int rounds = Integer.parseInt(options.getOrDefault("rounds", "3"));
		Duration warmupMin = Duration.ofSeconds(Long.parseLong(options.getOrDefault("warmup-min", "60")));
		Duration warmupMax = Duration.ofSeconds(Long.parseLong(options.getOrDefault("warmup-max", "300")));
		Duration warmupStep = Duration.ofSeconds(Long.parseLong(options.getOrDefault("warmup-step", "10")));
		double tolerance = Double.parseDouble(options.getOrDefault("warmup-tolerance", "0.04"));
		Map<String, Row> rows = new LinkedHashMap<>();
		rows.put("cold", new Row("cold", options.get("cold"), options.get("cold-management"),
				options.getOrDefault("cold-args", "")));
		rows.put("warm", new Row("warm", options.get("warm"), options.get("warm-management"),
				options.getOrDefault("warm-args", "")));
		System.out.println();
		System.out.println("== /mobile/v1/home latency, product cache cold and warm");
		for (Row row : rows.values()) {
			System.out.println(row.name + ": bff-mobile " + row.base + " " + row.args);
		}
		for (Row row : rows.values()) {
			warmUp(row, token, warmupMin, warmupMax, warmupStep, tolerance);
		}
		List<String> cacheMeters = cacheMeters(rows.get("warm").management);
		System.out.println("warm row's product-service cache meters: "
				+ (cacheMeters.isEmpty() ? "none (no response cache in this build: warm = cold)"
						: String.join(", ", cacheMeters)));
		System.out.println();
		System.out.printf("%d interleaved rounds of %d sequential requests per row%n", rounds, requests);
		for (int round = 1; round <= rounds; round++) {
			List<Row> order = new ArrayList<>(rows.values());
			if (round % 2 == 0) {
				java.util.Collections.reverse(order);
			}
			for (Row row : order) {
				Map<String, Histogram> before = downstreamHistograms(row.management);
				double[] home = percentiles(latencies(row.base + "/mobile/v1/home", token, requests));
				Map<String, Histogram> after = downstreamHistograms(row.management);
				RoundResult result = RoundResult.of(home, before, after);
				row.results.add(result);
				System.out.printf("round %d %-4s home p50 %7.2f p99 %7.2f ms | %s%n", round, row.name, home[0], home[1],
						result.calls());
			}
		}
		System.out.println();
		System.out.println("median of the rounds (min-max); slowest call = the downstream with the highest p50 in the"
				+ " gateway's own client timer, same requests");
		System.out.printf("%-5s %22s %22s %-16s %22s %22s %20s %20s %10s%n", "row", "home p50 ms", "home p99 ms",
				"slowest call", "call p50 ms", "call p99 ms", "p50 diff ms", "p99 diff ms", "p50 ratio");
		for (Row row : rows.values()) {
			List<RoundResult> results = row.results;
			String slowest = results.get(results.size() / 2).slowest;
			System.out.printf("%-5s %22s %22s %-16s %22s %22s %20s %20s %10s%n", row.name,
					spread(results, (r) -> r.homeP50), spread(results, (r) -> r.homeP99), slowest,
					spread(results, (r) -> r.callP50), spread(results, (r) -> r.callP99),
					spread(results, (r) -> r.homeP50 - r.callP50), spread(results, (r) -> r.homeP99 - r.callP99),
					String.format("%.2fx", median(results, (r) -> r.homeP50 / r.callP50)));
		}
		Row warm = rows.get("warm");
		double difference = median(warm.results, (r) -> r.homeP50 - r.callP50);
		System.out.printf("target (warm): home p50 <= slowest call p50 + 5 ms: %+.2f ms, %s%n", difference,
				(difference <= 5.0) ? "MET" : "NOT met");
		if (cacheMeters.isEmpty()) {
			System.out.println("note: no product cache in this build, so the warm row still makes the product batch call");
		}
	}

	static void warmUp(Row row, String token, Duration min, Duration max, Duration step, double tolerance)
			throws Exception {
		List<Double> series = new ArrayList<>();
		long start = System.nanoTime();
		while (true) {
			List<Double> times = new ArrayList<>();
			long stepEnd = System.nanoTime() + step.toNanos();
			while (System.nanoTime() < stepEnd) {
				long begin = System.nanoTime();
				call(row.base + "/mobile/v1/home", token);
				times.add((System.nanoTime() - begin) / 1e6);
			}
			series.add(percentiles(times.stream().mapToDouble(Double::doubleValue).toArray())[0]);
			Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
			boolean settled = settled(series, tolerance);
			if ((settled && elapsed.compareTo(min) >= 0) || elapsed.compareTo(max) >= 0) {
				System.out.printf("warm-up %s: %d s, p50 per %d s step %s ms%s%n", row.name, elapsed.toSeconds(),
						step.toSeconds(), series.stream().map((p) -> String.format("%.2f", p)).toList(),
						settled ? "" : " (NOT settled: figures below may still fall)");
				return;
			}
		}
	}

	static boolean settled(List<Double> series, double tolerance) {
		if (series.size() < 3) {
			return false;
		}
		List<Double> last = series.subList(series.size() - 3, series.size());
		double low = last.stream().mapToDouble(Double::doubleValue).min().orElseThrow();
		double high = last.stream().mapToDouble(Double::doubleValue).max().orElseThrow();
		return high <= low * (1 + tolerance);
	}

	static String spread(List<RoundResult> results, java.util.function.ToDoubleFunction<RoundResult> figure) {
		double[] values = results.stream().mapToDouble(figure).sorted().toArray();
		return String.format("%.2f (%.2f..%.2f)", values[values.length / 2], values[0], values[values.length - 1]);
	}

	static double median(List<RoundResult> results, java.util.function.ToDoubleFunction<RoundResult> figure) {
		double[] values = results.stream().mapToDouble(figure).sorted().toArray();
		return values[values.length / 2];
	}

	static final Pattern BUCKET = Pattern
		.compile("(?m)^edge_downstream_requests_seconds_bucket\\{([^}]*)\\} (\\S+)$");

	static final Pattern DOWNSTREAM = Pattern.compile("downstream=\"([^\"]+)\"");

	static final Pattern LE = Pattern.compile("le=\"([^\"]+)\"");

	/** The gateway's downstream client timer, as cumulative bucket counts per downstream. */
	static Map<String, Histogram> downstreamHistograms(String management) throws Exception {
		String text = scrape(management + "/actuator/prometheus?includedNames=edge_downstream_requests_seconds");
		Map<String, Histogram> histograms = new java.util.TreeMap<>();
		Matcher line = BUCKET.matcher(text);
		while (line.find()) {
			Matcher downstream = DOWNSTREAM.matcher(line.group(1));
			Matcher le = LE.matcher(line.group(1));
			if (downstream.find() && le.find()) {
				double bound = le.group(1).equals("+Inf") ? Double.POSITIVE_INFINITY : Double.parseDouble(le.group(1));
				histograms.computeIfAbsent(downstream.group(1), (name) -> new Histogram(new java.util.TreeMap<>()))
					.buckets()
					.merge(bound, Double.parseDouble(line.group(2)), Double::sum);
			}
		}
		return histograms;
	}

	static List<String> cacheMeters(String management) throws Exception {
		return scrape(management + "/actuator/prometheus").lines()
			.filter((line) -> !line.startsWith("#") && line.contains("cache") && line.contains("product-service"))
			.map((line) -> line.replaceAll("[{ ].*", ""))
			.distinct()
			.toList();
	}

	static String scrape(String url) throws Exception {
		HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(url)).build(),
				HttpResponse.BodyHandlers.ofString());
		if (response.statusCode() != 200) {
			throw new IllegalStateException(url + " answered " + response.statusCode());
		}
		return response.body();
	}

	/** Cumulative counts by upper bound in seconds. */
	record Histogram(java.util.TreeMap<Double, Double> buckets) {

		Histogram minus(Histogram before) {
			java.util.TreeMap<Double, Double> delta = new java.util.TreeMap<>();
			this.buckets.forEach((le, count) -> delta.put(le, count - before.buckets.getOrDefault(le, 0.0)));
			return new Histogram(delta);
		}

		double count() {
			return this.buckets.isEmpty() ? 0 : this.buckets.lastEntry().getValue();
		}

		/** The quantile in milliseconds, interpolated linearly inside its bucket. */
		double quantileMillis(double q) {
			double target = q * count();
			double previousBound = 0;
			double previousCount = 0;
			for (Map.Entry<Double, Double> bucket : this.buckets.entrySet()) {
				if (bucket.getValue() >= target) {
					if (bucket.getKey().isInfinite()) {
						return previousBound * 1000;
					}
					double inBucket = bucket.getValue() - previousCount;
					double fraction = (inBucket > 0) ? (target - previousCount) / inBucket : 1;
					return (previousBound + (bucket.getKey() - previousBound) * fraction) * 1000;
				}
				previousBound = bucket.getKey();
				previousCount = bucket.getValue();
			}
			return previousBound * 1000;
		}

	}

	record Row(String name, String base, String management, String args, List<RoundResult> results) {

		Row(String name, String base, String management, String args) {
			this(name, base, management, args, new ArrayList<>());
		}

	}

	record RoundResult(double homeP50, double homeP99, String slowest, double callP50, double callP99,
			Map<String, double[]> perDownstream) {

		static RoundResult of(double[] home, Map<String, Histogram> before, Map<String, Histogram> after) {
			Map<String, double[]> calls = new LinkedHashMap<>();
			String slowest = "";
			double slowestP50 = -1;
			for (Map.Entry<String, Histogram> entry : after.entrySet()) {
				Histogram delta = entry.getValue()
					.minus(before.getOrDefault(entry.getKey(), new Histogram(new java.util.TreeMap<>())));
				if (delta.count() == 0) {
					continue;
				}
				double[] figures = { delta.quantileMillis(0.5), delta.quantileMillis(0.99), delta.count() };
				calls.put(entry.getKey(), figures);
				if (figures[0] > slowestP50) {
					slowestP50 = figures[0];
					slowest = entry.getKey();
				}
			}
			double[] slow = calls.getOrDefault(slowest, new double[] { Double.NaN, Double.NaN, 0 });
			return new RoundResult(home[0], home[1], slowest, slow[0], slow[1], calls);
		}

		String calls() {
			StringBuilder text = new StringBuilder();
			this.perDownstream.forEach((name, figures) -> text.append(String.format("%s p50 %.2f p99 %.2f (%d calls)  ",
					name, figures[0], figures[1], (long) figures[2])));
			return text.toString().strip();
		}

	}

	static double[] latencies(String url, String token, int requests) throws Exception {
		double[] times = new double[requests];
		for (int i = 0; i < requests; i++) {
			long start = System.nanoTime();
			call(url, token);
			times[i] = (System.nanoTime() - start) / 1e6;
		}
		return times;
	}

	static double[] percentiles(double[] times) {
		double[] sorted = times.clone();
		java.util.Arrays.sort(sorted);
		int n = sorted.length;
		return new double[] { sorted[(int) (n * 0.5)], sorted[Math.min(n - 1, (int) (n * 0.99))] };
	}

	static void call(String url, String token) throws IOException, InterruptedException {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10));
		if (token != null) {
			request.header("Authorization", "Bearer " + token);
		}
		else {
			// straight to a service: the identity headers a gateway would send
			request.header("X-User-ID", USER).header("X-Tenant-ID", TENANT).header("X-Scopes", SCOPES);
		}
		HttpResponse<byte[]> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
		if (response.statusCode() != 200) {
			throw new IllegalStateException(url + " answered " + response.statusCode());
		}
	}

	static Response get(String url, String token, String encoding) throws IOException, InterruptedException {
		HttpRequest request = HttpRequest.newBuilder(URI.create(url))
			.header("Authorization", "Bearer " + token)
			.header("Accept-Encoding", encoding)
			.build();
		HttpResponse<byte[]> response = HTTP.send(request, HttpResponse.BodyHandlers.ofByteArray());
		return new Response(response.statusCode(), response.headers().firstValue("Content-Encoding").orElse(""),
				response.body());
	}

	static Response post(String url, String token, String json, String encoding)
			throws IOException, InterruptedException {
		HttpRequest request = HttpRequest.newBuilder(URI.create(url))
			.header("Authorization", "Bearer " + token)
			.header("Content-Type", "application/json")
			.header("Accept", "application/graphql-response+json, application/json")
			.header("Accept-Encoding", encoding)
			.POST(HttpRequest.BodyPublishers.ofString(json))
			.build();
		HttpResponse<byte[]> response = HTTP.send(request, HttpResponse.BodyHandlers.ofByteArray());
		return new Response(response.statusCode(), response.headers().firstValue("Content-Encoding").orElse(""),
				response.body());
	}

	record Response(int status, String encoding, byte[] body) {

		String text() {
			return new String(this.body, StandardCharsets.UTF_8);
		}

		long bodyOf(String expected) {
			if (!this.encoding.equals(expected)) {
				System.out.println("note: asked for " + expected + ", got Content-Encoding '" + this.encoding
						+ "' (below server.compression.min-response-size?)");
			}
			return this.body.length;
		}

	}

}
