package io.github.bffsuite.mobile;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.zip.GZIPInputStream;

import com.aayushatharva.brotli4j.Brotli4jLoader;
import com.aayushatharva.brotli4j.decoder.Decoder;
import com.aayushatharva.brotli4j.decoder.DecoderJNI;
import com.aayushatharva.brotli4j.decoder.DirectDecompress;
import com.github.luben.zstd.ZstdInputStream;
import org.junit.jupiter.api.Test;

import org.springframework.http.HttpHeaders;
import org.springframework.test.web.reactive.server.EntityExchangeResult;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What every screen response goes through: field masks, weak ETags with 304, caching
 * headers and compression, through the running gateway.
 */
class ScreenConventionsTests extends MobileGatewayTestSupport {

	private static final HttpClient HTTP = HttpClient.newHttpClient();

	@Test
	void selectsFieldsOfTheComposedHomeScreen() {
		this.client.get()
			.uri("/mobile/v1/home?fields=user(firstName),orders(id,product(name))")
			.headers(alice())
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.user.firstName")
			.isEqualTo("Alice")
			.jsonPath("$.user.id")
			.doesNotExist()
			.jsonPath("$.orders[0].id")
			.isEqualTo("o-00007")
			.jsonPath("$.orders[0].status")
			.doesNotExist()
			.jsonPath("$.orders[0].product.name")
			.isEqualTo("Product 3")
			.jsonPath("$.orders[0].product.thumb")
			.doesNotExist()
			.jsonPath("$.recommended")
			.doesNotExist()
			.jsonPath("$.badges")
			.doesNotExist();
	}

	@Test
	void selectsFieldsOfOrderLinesInGoogleStyle() {
		this.client.get()
			.uri("/mobile/v1/orders/o-00005?fields=id,status,items(name,thumb)")
			.headers(alice())
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.json("""
					{"id":"o-00005","status":"DELIVERED","items":[
					{"name":"Product 3","thumb":"https://img.bff-suite.dev/products/p-0003/thumb.webp"},
					{"name":"Product 6","thumb":"https://img.bff-suite.dev/products/p-0006/thumb.webp"},
					{"name":"Product 7","thumb":"https://img.bff-suite.dev/products/p-0007/thumb.webp"}]}""",
					org.springframework.test.json.JsonCompareMode.STRICT);
	}

	@Test
	void keepsTheMissingSectionsASelectionAsksFor() {
		backends.service("product-service").fail("/products/recommended", 500);
		this.client.get()
			.uri("/mobile/v1/home?fields=recommended,user")
			.headers(alice())
			.exchange()
			.expectStatus()
			.isOk()
			.expectHeader()
			.valueEquals("X-Partial-Response", "recommended")
			.expectBody()
			.jsonPath("$.partial[0].section")
			.isEqualTo("recommended");
		this.client.get()
			.uri("/mobile/v1/home?fields=user")
			.headers(alice())
			.exchange()
			.expectStatus()
			.isOk()
			.expectHeader()
			.doesNotExist("X-Partial-Response")
			.expectBody()
			.jsonPath("$.partial")
			.doesNotExist();
	}

	@Test
	void refusesAnUnknownFieldNamingIt() {
		this.client.get()
			.uri("/mobile/v1/home?fields=user(firstName,email)")
			.headers(alice())
			.exchange()
			.expectStatus()
			.isBadRequest()
			.expectHeader()
			.contentType("application/problem+json")
			.expectBody()
			.jsonPath("$.type")
			.isEqualTo("https://bff-suite.dev/problems/invalid-fields")
			.jsonPath("$.field")
			.isEqualTo("user.email")
			.jsonPath("$.detail")
			.isEqualTo("Unknown field 'user.email' in fields");
		assertThat(backends.requests()).as("no downstream call for a bad mask").isEmpty();
	}

	@Test
	void refusesAMalformedMask() {
		this.client.get()
			.uri("/mobile/v1/orders?fields={fields}", "items(id,,status")
			.headers(alice())
			.exchange()
			.expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.type")
			.isEqualTo("https://bff-suite.dev/problems/invalid-fields")
			.jsonPath("$.detail")
			.isEqualTo("Malformed fields 'items(id,,status' at position 9: expected a field name, found ','");
	}

	@Test
	void answersNotModifiedToAMatchingWeakEtag() {
		EntityExchangeResult<byte[]> first = this.client.get()
			.uri("/mobile/v1/home")
			.headers(alice())
			.exchange()
			.expectStatus()
			.isOk()
			.expectHeader()
			.cacheControl(org.springframework.http.CacheControl.noCache().cachePrivate())
			.expectBody()
			.returnResult();
		String etag = first.getResponseHeaders().getETag();
		assertThat(etag).startsWith("W/\"");
		assertThat(first.getResponseHeaders().getVary()).contains("Authorization", "Accept-Encoding");
		this.client.get()
			.uri("/mobile/v1/home")
			.headers(alice())
			.header(HttpHeaders.IF_NONE_MATCH, "\"other\", " + etag.substring(2))
			.exchange()
			.expectStatus()
			.isNotModified()
			.expectHeader()
			.valueEquals(HttpHeaders.ETAG, etag)
			.expectHeader()
			.valueEquals(HttpHeaders.CACHE_CONTROL, "no-cache, private")
			.expectHeader()
			.value(HttpHeaders.VARY, (vary) -> assertThat(vary).contains("Authorization"))
			.expectBody()
			.isEmpty();
	}

	@Test
	void answersNotModifiedToAStar() {
		String etag = etag("/mobile/v1/orders");
		// RFC 9110 13.1.2: "*" matches any current representation, so a GET gets a 304
		this.client.get()
			.uri("/mobile/v1/orders")
			.headers(alice())
			.header(HttpHeaders.IF_NONE_MATCH, "*")
			.exchange()
			.expectStatus()
			.isNotModified()
			.expectHeader()
			.valueEquals(HttpHeaders.ETAG, etag)
			.expectHeader()
			.valueEquals(HttpHeaders.CACHE_CONTROL, "no-cache, private")
			.expectHeader()
			.value(HttpHeaders.VARY, (vary) -> assertThat(vary).contains("Authorization"))
			.expectBody()
			.isEmpty();
	}

	@Test
	void comparesEveryTagOfAListWeakly() {
		String etag = etag("/mobile/v1/orders");
		String opaque = etag.substring(2);
		for (String list : List.of("W/\"a\",W/\"b\", " + etag, "\"x\" ,  " + opaque + " ,\"y\"", opaque + ",W/\"z\"",
				"W/\"a\", W/\"b\", W/\"c\", " + etag + ", W/\"d\"")) {
			this.client.get()
				.uri("/mobile/v1/orders")
				.headers(alice())
				.header(HttpHeaders.IF_NONE_MATCH, list)
				.exchange()
				.expectStatus()
				.isNotModified()
				.expectHeader()
				.valueEquals(HttpHeaders.ETAG, etag);
		}
		this.client.get()
			.uri("/mobile/v1/orders")
			.headers(alice())
			.header(HttpHeaders.IF_NONE_MATCH, "W/\"a\", \"b\"")
			.exchange()
			.expectStatus()
			.isOk();
	}

	@Test
	void servesAMalformedIfNoneMatchAsIfItWereAbsent() {
		for (String malformed : List.of("not-a-tag", "W/", "\"unterminated", ",,,", "W/\"a\" garbage")) {
			this.client.get()
				.uri("/mobile/v1/orders")
				.headers(alice())
				.header(HttpHeaders.IF_NONE_MATCH, malformed)
				.exchange()
				.expectStatus()
				.isOk();
		}
	}

	@Test
	void tagsEachProjectionDifferently() {
		String whole = etag("/mobile/v1/orders");
		String ids = etag("/mobile/v1/orders?fields=items(id)");
		assertThat(whole).isNotEqualTo(ids).isEqualTo(etag("/mobile/v1/orders"));
		this.client.get()
			.uri("/mobile/v1/orders?fields=items(id)")
			.headers(alice())
			.header(HttpHeaders.IF_NONE_MATCH, whole)
			.exchange()
			.expectStatus()
			.isOk();
	}

	@Test
	void compressesLargeScreensWithGzip() throws Exception {
		byte[] plain = raw("/mobile/v1/products?limit=20", "identity").body();
		HttpResponse<byte[]> gzip = raw("/mobile/v1/products?limit=20", "gzip");
		assertThat(gzip.headers().firstValue("Content-Encoding")).hasValue("gzip");
		byte[] decoded = new GZIPInputStream(new ByteArrayInputStream(gzip.body())).readAllBytes();
		assertThat(new String(decoded, StandardCharsets.UTF_8)).isEqualTo(new String(plain, StandardCharsets.UTF_8));
		assertThat(gzip.body().length).isLessThan(plain.length / 2);
	}

	@Test
	void compressesLargeScreensWithBrotliWhenTheAppAcceptsIt() throws Exception {
		Brotli4jLoader.ensureAvailability();
		byte[] plain = raw("/mobile/v1/products?limit=20", "identity").body();
		HttpResponse<byte[]> brotli = raw("/mobile/v1/products?limit=20", "br, gzip");
		assertThat(brotli.headers().firstValue("Content-Encoding")).hasValue("br");
		DirectDecompress decoded = Decoder.decompress(brotli.body());
		assertThat(decoded.getResultStatus()).isEqualTo(DecoderJNI.Status.DONE);
		assertThat(new String(decoded.getDecompressedData(), StandardCharsets.UTF_8))
			.isEqualTo(new String(plain, StandardCharsets.UTF_8));
	}

	@Test
	void compressesLargeScreensWithZstdWhenTheAppAcceptsIt() throws Exception {
		byte[] plain = raw("/mobile/v1/products?limit=20", "identity").body();
		HttpResponse<byte[]> zstd = raw("/mobile/v1/products?limit=20", "zstd");
		assertThat(zstd.headers().firstValue("Content-Encoding")).hasValue("zstd");
		try (InputStream in = new ZstdInputStream(new ByteArrayInputStream(zstd.body()))) {
			assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8))
				.isEqualTo(new String(plain, StandardCharsets.UTF_8));
		}
	}

	@Test
	void neverUsesAnEncodingTheAppRefuses() throws Exception {
		// RFC 9110 12.5.3: q=0 means "not acceptable"
		assertThat(encoding("br;q=0, gzip")).hasValue("gzip");
		assertThat(encoding("zstd;q=0, gzip")).hasValue("gzip");
		assertThat(encoding("br;q=0, zstd;q=0.000, gzip")).hasValue("gzip");
		assertThat(encoding("gzip;q=0")).isEmpty();
		assertThat(encoding("*;q=0, gzip")).hasValue("gzip");
		assertThat(encoding("br;q=0, zstd;q=0, gzip;q=0, deflate;q=0")).isEmpty();
		// nothing acceptable, not even identity: answered without a content coding
		assertThat(encoding("identity;q=0, *;q=0")).isEmpty();
	}

	@Test
	void usesTheEncodingTheAppWeightsHighest() throws Exception {
		assertThat(encoding("br;q=0.1, gzip;q=0.9")).hasValue("gzip");
		assertThat(encoding("gzip;q=0.5, zstd;q=0.8, br;q=0.7")).hasValue("zstd");
		assertThat(encoding("deflate, gzip;q=0.5")).hasValue("deflate");
		// identity is acceptable unless excluded, and can be preferred
		assertThat(encoding("gzip;q=0.5, identity")).isEmpty();
		// "*" stands for every encoding not listed
		assertThat(encoding("gzip;q=0.1, *;q=0.2")).hasValue("br");
		assertThat(encoding("gzip;q=0, *")).hasValue("br");
		HttpResponse<byte[]> gzip = raw("/mobile/v1/products?limit=20", "br;q=0.1, gzip;q=0.9");
		byte[] decoded = new GZIPInputStream(new ByteArrayInputStream(gzip.body())).readAllBytes();
		assertThat(new String(decoded, StandardCharsets.UTF_8))
			.isEqualTo(new String(raw("/mobile/v1/products?limit=20", "identity").body(), StandardCharsets.UTF_8));
	}

	@Test
	void breaksTiesByTheGatewaysPreference() throws Exception {
		assertThat(encoding("gzip, zstd, br")).hasValue("br");
		assertThat(encoding("gzip;q=0.5, zstd;q=0.5")).hasValue("zstd");
		assertThat(encoding("GZIP;Q=1, Deflate")).hasValue("gzip");
		assertThat(encoding("x-gzip")).hasValue("gzip");
	}

	@Test
	void readsMalformedWeightsLeniently() throws Exception {
		// a member whose weight is not an RFC 9110 qvalue is left out, never a 500
		assertThat(encoding("br;q=abc, gzip")).hasValue("gzip");
		assertThat(encoding("br;q=2, gzip;q=0.5")).hasValue("gzip");
		assertThat(encoding("br;q=, gzip")).hasValue("gzip");
		assertThat(encoding("br;q=0.0001, gzip;q=0.001")).hasValue("gzip");
		assertThat(encoding(";;;, ,gzip")).hasValue("gzip");
		assertThat(encoding(",,,")).isEmpty();
		assertThat(encoding("br;q=-1")).isEmpty();
	}

	@Test
	void leavesSmallResponsesUncompressed() throws Exception {
		HttpResponse<byte[]> small = raw("/mobile/v1/products/p-0001", "br, gzip");
		assertThat(small.statusCode()).isEqualTo(200);
		assertThat(small.headers().firstValue("Content-Encoding")).isEmpty();
		assertThat(small.body().length).isLessThan(1024);
	}

	/**
	 * A request through a client that neither asks for nor undoes compression by itself
	 * (WebTestClient's Reactor Netty client decompresses transparently).
	 */
	private HttpResponse<byte[]> raw(String uri, String encoding) throws IOException, InterruptedException {
		HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + uri))
			.header("Authorization", "Bearer " + token("u-001", "acme"))
			.header("Accept-Encoding", encoding)
			.build();
		HttpResponse<byte[]> response = HTTP.send(request, HttpResponse.BodyHandlers.ofByteArray());
		assertThat(response.statusCode()).isEqualTo(200);
		return response;
	}

	private Optional<String> encoding(String acceptEncoding) throws IOException, InterruptedException {
		return raw("/mobile/v1/products?limit=20", acceptEncoding).headers().firstValue("Content-Encoding");
	}

	private String etag(String uri) {
		return this.client.get()
			.uri(uri)
			.headers(alice())
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.returnResult()
			.getResponseHeaders()
			.getETag();
	}

}
