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
 * java MobileHomeBench.java measure MOBILE WEB USERS ORDERS PRODUCTS TOKEN_FILE [REQUESTS]
 * </pre>
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
		System.out.println("== latency, " + requests + " sequential requests each after as many warm-up requests (at most 200)");
		Map<String, String> direct = new LinkedHashMap<>();
		direct.put("user-service GET /users/me", services.get("user-service") + "/users/me");
		direct.put("order-service GET /orders?limit=3", services.get("order-service") + "/orders?limit=3");
		direct.put("order-service GET /orders/counts", services.get("order-service") + "/orders/counts");
		direct.put("product-service GET /products?ids=",
				services.get("product-service") + "/products?ids=" + String.join(",", firstProducts));
		direct.put("product-service GET /products/recommended",
				services.get("product-service") + "/products/recommended?userId=" + USER + "&limit=5");
		double slowest = 0;
		String slowestName = "";
		for (Map.Entry<String, String> call : direct.entrySet()) {
			double[] p = latencies(call.getValue(), null, requests);
			System.out.printf("%-46s p50 %7.2f ms   p99 %7.2f ms%n", call.getKey(), p[0], p[1]);
			if (p[0] > slowest) {
				slowest = p[0];
				slowestName = call.getKey();
			}
		}
		double[] homeTimes = latencies(mobile + "/mobile/v1/home", token, requests);
		System.out.printf("%-46s p50 %7.2f ms   p99 %7.2f ms%n", "bff-mobile GET /mobile/v1/home", homeTimes[0],
				homeTimes[1]);
		System.out.printf("home p50 - slowest call p50 (%s): %+.2f ms (target <= +10 ms)%n", slowestName,
				homeTimes[0] - slowest);
	}

	static double[] latencies(String url, String token, int requests) throws Exception {
		for (int i = 0; i < Math.min(200, requests); i++) {
			call(url, token);
		}
		double[] times = new double[requests];
		for (int i = 0; i < requests; i++) {
			long start = System.nanoTime();
			call(url, token);
			times[i] = (System.nanoTime() - start) / 1e6;
		}
		java.util.Arrays.sort(times);
		return new double[] { times[(int) (requests * 0.5)], times[Math.min(requests - 1, (int) (requests * 0.99))] };
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
