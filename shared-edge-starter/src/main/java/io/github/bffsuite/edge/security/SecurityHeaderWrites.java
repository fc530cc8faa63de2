package io.github.bffsuite.edge.security;

import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.security.web.server.header.CacheControlServerHttpHeadersWriter;
import org.springframework.security.web.server.header.CompositeServerHttpHeadersWriter;
import org.springframework.security.web.server.header.ContentSecurityPolicyServerHttpHeadersWriter;
import org.springframework.security.web.server.header.ContentTypeOptionsServerHttpHeadersWriter;
import org.springframework.security.web.server.header.CrossOriginEmbedderPolicyServerHttpHeadersWriter;
import org.springframework.security.web.server.header.CrossOriginOpenerPolicyServerHttpHeadersWriter;
import org.springframework.security.web.server.header.CrossOriginResourcePolicyServerHttpHeadersWriter;
import org.springframework.security.web.server.header.FeaturePolicyServerHttpHeadersWriter;
import org.springframework.security.web.server.header.HttpHeaderWriterWebFilter;
import org.springframework.security.web.server.header.PermissionsPolicyServerHttpHeadersWriter;
import org.springframework.security.web.server.header.ReferrerPolicyServerHttpHeadersWriter;
import org.springframework.security.web.server.header.ServerHttpHeadersWriter;
import org.springframework.security.web.server.header.StaticServerHttpHeadersWriter;
import org.springframework.security.web.server.header.StrictTransportSecurityServerHttpHeadersWriter;
import org.springframework.security.web.server.header.XContentTypeOptionsServerHttpHeadersWriter;
import org.springframework.security.web.server.header.XFrameOptionsServerHttpHeadersWriter;
import org.springframework.security.web.server.header.XXssProtectionServerHttpHeadersWriter;
import org.springframework.util.ReflectionUtils;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

/**
 * Spring Security's security response headers, written by the fast path with the same
 * result and without the per-request work of Spring Security's writers: each
 * {@link StaticServerHttpHeadersWriter} asks its own headers for {@code headerNames()},
 * which Spring Framework 7 answers with a new case-insensitive name set (a map, its
 * entries and a lower-cased copy of every name) on every request, and the composite
 * writer runs its writers through a {@code concatMap}. Here each static writer's names
 * and values are read once at start-up, and a request checks and sets them in one
 * synchronous pass.
 * <p>
 * Only the writers whose behaviour is known exactly are compiled: the static writer, and
 * Spring Security's own writers of {@code ServerHttpSecurity.headers()}, which each hand
 * their work to one static writer or to none (cache control: unless the response is a
 * 304; HSTS: only for {@code https}). A chain holding any other writer (a customizer's
 * own, say) keeps Spring Security's filter as it is. Spring Security's private fields are
 * read through reflection; where one is missing (another version), the writer is not
 * compiled either. The fast path's differential test compares every response header with
 * the chain's.
 */
final class SecurityHeaderWrites {

	/**
	 * The writers that write with their {@code delegate} (a static writer), or write
	 * nothing while they have none.
	 */
	private static final Set<Class<?>> DELEGATING = Set.of(XFrameOptionsServerHttpHeadersWriter.class,
			XXssProtectionServerHttpHeadersWriter.class, ReferrerPolicyServerHttpHeadersWriter.class,
			FeaturePolicyServerHttpHeadersWriter.class, PermissionsPolicyServerHttpHeadersWriter.class,
			ContentSecurityPolicyServerHttpHeadersWriter.class, CrossOriginOpenerPolicyServerHttpHeadersWriter.class,
			CrossOriginEmbedderPolicyServerHttpHeadersWriter.class,
			CrossOriginResourcePolicyServerHttpHeadersWriter.class);

	private static final Write NOTHING = (exchange) -> {
	};

	private static final Object MISSING = new Object();

	private SecurityHeaderWrites() {
	}

	/**
	 * The filter the fast path should use to write the security headers: a compiled one
	 * where every writer of {@code filter} is known, else {@code filter} itself.
	 * @param filter Spring Security's header writer filter, or {@code null}
	 * @return the filter to use, or {@code null} when there is none
	 */
	static @Nullable WebFilter forFastPath(@Nullable HttpHeaderWriterWebFilter filter) {
		if (filter == null) {
			return null;
		}
		Write compiled = delegate(HttpHeaderWriterWebFilter.class, "writer", filter);
		return (compiled != null) ? new CompiledFilter(compiled) : filter;
	}

	/**
	 * The synchronous equivalent of a writer, or {@code null} if it is not known exactly.
	 */
	static @Nullable Write compile(ServerHttpHeadersWriter writer) {
		Class<?> type = writer.getClass();
		if (type == CompositeServerHttpHeadersWriter.class) {
			Object writers = read(CompositeServerHttpHeadersWriter.class, "writers", writer);
			if (!(writers instanceof List<?> list)) {
				return null;
			}
			List<Write> compiled = new ArrayList<>(list.size());
			for (Object element : list) {
				Write write = compiled(element);
				if (write == null) {
					return null;
				}
				compiled.add(write);
			}
			return new AllOf(compiled.toArray(Write[]::new));
		}
		if (type == StaticServerHttpHeadersWriter.class) {
			Object headers = read(StaticServerHttpHeadersWriter.class, "headersToAdd", writer);
			return (headers instanceof HttpHeaders httpHeaders) ? Static.of(httpHeaders) : null;
		}
		if (type == CacheControlServerHttpHeadersWriter.class) {
			Write cache = delegate(CacheControlServerHttpHeadersWriter.class, "CACHE_HEADERS", null);
			return (cache != null) ? new UnlessNotModified(cache) : null;
		}
		if (type == ContentTypeOptionsServerHttpHeadersWriter.class
				|| type == XContentTypeOptionsServerHttpHeadersWriter.class) {
			return delegate(type, "CONTENT_TYPE_HEADERS", null);
		}
		if (DELEGATING.contains(type)) {
			// each writes with its delegate, or nothing while it has none
			Object delegate = read(type, "delegate", writer);
			return (delegate == null) ? NOTHING : compiled(delegate);
		}
		if (type == StrictTransportSecurityServerHttpHeadersWriter.class) {
			Write hsts = delegate(type, "delegate", writer);
			return (hsts != null) ? new OnlyIfSecure(hsts) : null;
		}
		return null;
	}

	private static @Nullable Write delegate(Class<?> type, String field, @Nullable Object target) {
		return compiled(read(type, field, target));
	}

	private static @Nullable Write compiled(@Nullable Object writer) {
		return (writer instanceof ServerHttpHeadersWriter headersWriter) ? compile(headersWriter) : null;
	}

	/**
	 * The value of a field, or {@link #MISSING} when there is no such field or it cannot
	 * be read (another version of Spring Security), which no caller takes for a writer.
	 */
	private static @Nullable Object read(Class<?> type, String name, @Nullable Object target) {
		Field field = ReflectionUtils.findField(type, name);
		if (field == null) {
			return MISSING;
		}
		try {
			ReflectionUtils.makeAccessible(field);
			return field.get(target);
		}
		catch (IllegalAccessException | RuntimeException ex) {
			return MISSING;
		}
	}

	/**
	 * A writer's work on one exchange, done at once.
	 */
	interface Write {

		void write(ServerWebExchange exchange);

	}

	/**
	 * {@link StaticServerHttpHeadersWriter}: its headers, unless the response already has
	 * any one of them (compared without regard to case).
	 */
	record Static(String[] names, List<String>[] values) implements Write {

		@SuppressWarnings("unchecked")
		static Static of(HttpHeaders headers) {
			List<String> names = new ArrayList<>();
			List<List<String>> values = new ArrayList<>();
			headers.forEach((name, value) -> {
				names.add(name);
				values.add(value);
			});
			return new Static(names.toArray(String[]::new), values.toArray(List[]::new));
		}

		@Override
		public void write(ServerWebExchange exchange) {
			HttpHeaders headers = exchange.getResponse().getHeaders();
			for (String name : this.names) {
				if (headers.containsHeader(name)) {
					return;
				}
			}
			for (int i = 0; i < this.names.length; i++) {
				headers.put(this.names[i], this.values[i]);
			}
		}

	}

	/** {@link CompositeServerHttpHeadersWriter}: each writer in turn. */
	record AllOf(Write[] writes) implements Write {

		@Override
		public void write(ServerWebExchange exchange) {
			for (Write write : this.writes) {
				write.write(exchange);
			}
		}

	}

	/** {@link CacheControlServerHttpHeadersWriter}: nothing on a 304. */
	record UnlessNotModified(Write write) implements Write {

		@Override
		public void write(ServerWebExchange exchange) {
			if (exchange.getResponse().getStatusCode() != HttpStatus.NOT_MODIFIED) {
				this.write.write(exchange);
			}
		}

	}

	/**
	 * {@link StrictTransportSecurityServerHttpHeadersWriter}: only over {@code https}.
	 */
	record OnlyIfSecure(Write write) implements Write {

		@Override
		public void write(ServerWebExchange exchange) {
			String scheme = exchange.getRequest().getURI().getScheme();
			if (scheme != null && scheme.equalsIgnoreCase("https")) {
				this.write.write(exchange);
			}
		}

	}

	/**
	 * {@link HttpHeaderWriterWebFilter} with a compiled writer: the headers are written
	 * just before the response commits.
	 */
	static final class CompiledFilter implements WebFilter {

		private final Write write;

		CompiledFilter(Write write) {
			this.write = write;
		}

		@Override
		public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
			ServerHttpResponse response = exchange.getResponse();
			response.beforeCommit(() -> {
				this.write.write(exchange);
				return Mono.empty();
			});
			return chain.filter(exchange);
		}

		@Override
		public String toString() {
			return getClass().getName();
		}

	}

}
