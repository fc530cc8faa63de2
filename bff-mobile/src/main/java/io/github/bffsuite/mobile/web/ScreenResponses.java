package io.github.bffsuite.mobile.web;

import java.lang.reflect.RecordComponent;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.github.bffsuite.mobile.screen.MissingSection;
import io.github.bffsuite.mobile.screen.Screen;
import io.github.bffsuite.mobile.screen.Selection;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;

/**
 * Renders every screen the same way: compact JSON without nulls, the {@code fields=} mask
 * applied to the finished screen, a weak {@code ETag} over the bytes sent (so an
 * {@code If-None-Match} that matches, weakly or as {@code *}, gets a 304 without a body),
 * per-user caching headers, and the {@value #PARTIAL_HEADER} header when sections are
 * missing.
 */
@Component
public class ScreenResponses {

	/** Query parameter of the field mask. */
	public static final String FIELDS = "fields";

	/**
	 * Response header listing the sections left out of an incomplete screen, such as
	 * {@code recommended, orders.products}; absent when the screen is complete.
	 */
	public static final String PARTIAL_HEADER = "X-Partial-Response";

	private static final String PARTIAL = "partial";

	private static final CacheControl CACHE_CONTROL = CacheControl.noCache().cachePrivate();

	private static final String[] VARY = { HttpHeaders.AUTHORIZATION, HttpHeaders.ACCEPT_ENCODING };

	private final JsonMapper json;

	/**
	 * The same mapper leaving out nulls, for a screen without a mask: written in one
	 * pass, to the bytes the tree path gives (an empty {@code partial} is left out by
	 * {@link Screen#partial()}'s own inclusion).
	 */
	private final JsonMapper compactJson;

	public ScreenResponses(JsonMapper json) {
		this.json = json;
		this.compactJson = json.rebuild()
			.changeDefaultPropertyInclusion((inclusion) -> JsonInclude.Value.construct(JsonInclude.Include.NON_NULL,
					JsonInclude.Include.NON_NULL))
			.build();
	}

	/**
	 * Check the request's field mask, build the screen, and render it.
	 * @param <T> the screen type
	 * @param exchange the exchange
	 * @param type the screen type, which the mask is checked against before any call
	 * @param screen builds the screen from the fields asked for, making only the calls
	 * they need
	 * @return the response
	 */
	public <T extends Screen> Mono<ResponseEntity<byte[]>> render(ServerWebExchange exchange, Class<T> type,
			Function<Selection, Mono<T>> screen) {
		return Mono.fromCallable(() -> FieldMask.parse(fields(exchange), type))
			.flatMap((mask) -> screen.apply(mask).map((value) -> render(exchange, value, mask)));
	}

	private static String fields(ServerWebExchange exchange) {
		List<String> values = exchange.getRequest().getQueryParams().get(FIELDS);
		return (values != null) ? String.join(",", values) : "";
	}

	/**
	 * Return the compact JSON of a screen.
	 * @param screen the screen
	 * @return the bytes
	 */
	public byte[] bytes(Screen screen) {
		return this.compactJson.writeValueAsBytes(screen);
	}

	private ResponseEntity<byte[]> render(ServerWebExchange exchange, Screen screen, FieldMask mask) {
		// without a mask nothing is projected: no tree, one pass from the records to
		// bytes
		byte[] body = mask.all() ? this.compactJson.writeValueAsBytes(screen)
				: this.json.writeValueAsBytes(compact(screen, mask));
		String etag = etag(body);
		if (matchesAny(exchange.getRequest())) {
			// the headers a 200 would carry that RFC 9110 15.4.5 asks of a 304
			return ResponseEntity.status(HttpStatus.NOT_MODIFIED)
				.eTag(etag)
				.cacheControl(CACHE_CONTROL)
				.varyBy(VARY)
				.build();
		}
		ResponseEntity.BodyBuilder response = ResponseEntity.ok()
			.contentType(MediaType.APPLICATION_JSON)
			.eTag(etag)
			.cacheControl(CACHE_CONTROL)
			.varyBy(VARY);
		List<MissingSection> partial = screen.partial()
			.stream()
			.filter((missing) -> asked(missing.section(), mask, screen.getClass()))
			.toList();
		if (!partial.isEmpty()) {
			response.header(PARTIAL_HEADER,
					partial.stream().map(MissingSection::section).collect(Collectors.joining(", ")));
		}
		return response.body(body);
	}

	/**
	 * Whether the request is a GET or HEAD with {@code If-None-Match: *}, which RFC 9110
	 * 13.1.2 makes match any current representation. A list of tags is compared (weakly)
	 * by Spring when the response is written; "*" it would only honour for unsafe
	 * methods.
	 */
	private static boolean matchesAny(ServerHttpRequest request) {
		if (request.getMethod() != HttpMethod.GET && request.getMethod() != HttpMethod.HEAD) {
			return false;
		}
		try {
			return request.getHeaders().getIfNoneMatch().contains("*");
		}
		catch (IllegalArgumentException ex) {
			// a malformed precondition is ignored, as if it were absent
			return false;
		}
	}

	private ObjectNode compact(Screen screen, FieldMask mask) {
		ObjectNode tree = this.json.valueToTree(screen);
		withoutNulls(tree);
		// a missing section the mask does not ask for does not make the answer partial
		if (tree.get(PARTIAL) instanceof ArrayNode partial) {
			partial.removeIf((problem) -> !asked(problem.get("section").asString(), mask, screen.getClass()));
			if (partial.isEmpty()) {
				tree.remove(PARTIAL);
			}
		}
		mask.apply(tree, Set.of(PARTIAL));
		return tree;
	}

	/**
	 * Whether a missing section is one the mask asks for: its top-level field is
	 * selected, or it names no field of the screen (such as {@code orders.products} on an
	 * order's detail, which a screen only looks up when the mask asks for what it fills).
	 */
	private static boolean asked(String section, FieldMask mask, Class<?> screenType) {
		int dot = section.indexOf('.');
		String field = (dot > 0) ? section.substring(0, dot) : section;
		return mask.selects(field) || !isField(screenType, field);
	}

	private static boolean isField(Class<?> screenType, String name) {
		if (!screenType.isRecord()) {
			return true;
		}
		for (RecordComponent component : screenType.getRecordComponents()) {
			if (component.getName().equals(name)) {
				return true;
			}
		}
		return false;
	}

	private static void withoutNulls(JsonNode node) {
		if (node instanceof ObjectNode object) {
			object.removeIf(JsonNode::isNull);
			object.properties().stream().map(Map.Entry::getValue).forEach(ScreenResponses::withoutNulls);
		}
		else if (node.isArray()) {
			node.values().forEach(ScreenResponses::withoutNulls);
		}
	}

	/**
	 * Weak, because the same representation goes out gzip-, brotli- or zstd-encoded or
	 * not at all: the tag names the content, not the bytes of one encoding.
	 */
	private static String etag(byte[] body) {
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256").digest(body);
			return "W/\"" + Base64.getUrlEncoder().withoutPadding().encodeToString(digest).substring(0, 22) + "\"";
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
