package io.github.bffsuite.samples.product.web;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;

import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;

/**
 * How product reads tell caches they may keep them: the catalogue is the same for every
 * caller, so answers are {@code public} for a minute, with a weak entity tag of their
 * content. Spring's {@code ResponseEntityResultHandler} answers a matching
 * {@code If-None-Match} with 304 ({@code ServerWebExchange.checkNotModified}).
 */
final class CatalogueCaching {

	/**
	 * How long a cache may serve a product read without asking again.
	 */
	static final Duration MAX_AGE = Duration.ofSeconds(60);

	private CatalogueCaching() {
	}

	/**
	 * Return an answer with its caching headers.
	 * @param <T> the body type
	 * @param body the body, a record whose text form is its content
	 * @return the answer
	 */
	static <T> ResponseEntity<T> cacheable(T body) {
		return ResponseEntity.ok().cacheControl(CacheControl.maxAge(MAX_AGE).cachePublic()).eTag(etag(body)).body(body);
	}

	/**
	 * Return a weak entity tag of a body: weak, because it is computed from the content
	 * rather than from the bytes on the wire.
	 */
	private static String etag(Object body) {
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256")
				.digest(body.toString().getBytes(StandardCharsets.UTF_8));
			return "W/\"" + HexFormat.of().formatHex(digest, 0, 16) + "\"";
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
