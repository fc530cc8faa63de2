package io.github.bffsuite.identity.verifier;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;

import org.springframework.core.Ordered;

/**
 * The servlet variant of {@link IdentityVerificationWebFilter}: a refused request gets a
 * 401 {@code application/problem+json}; a verified one goes on with its identity headers
 * replaced by the signed identity's values and the {@link VerifiedIdentity} in the
 * {@link VerifiedIdentity#ATTRIBUTE} request attribute.
 */
public class IdentityVerificationServletFilter implements Filter, Ordered {

	/** Order of the filter: before the application's own filters. */
	public static final int ORDER = Ordered.HIGHEST_PRECEDENCE + 10;

	private final IdentityVerification verification;

	public IdentityVerificationServletFilter(IdentityVerification verification) {
		this.verification = verification;
	}

	@Override
	public int getOrder() {
		return ORDER;
	}

	@Override
	public void doFilter(ServletRequest servletRequest, ServletResponse servletResponse, FilterChain chain)
			throws IOException, ServletException {
		if (!(servletRequest instanceof HttpServletRequest request)
				|| !(servletResponse instanceof HttpServletResponse response)) {
			chain.doFilter(servletRequest, servletResponse);
			return;
		}
		List<String> tokens = Collections.list(request.getHeaders(this.verification.tokenHeader()));
		Map<IdentityVerification.Header, List<String>> present = new EnumMap<>(IdentityVerification.Header.class);
		for (String name : Collections.list(request.getHeaderNames())) {
			IdentityVerification.Header header = IdentityVerification.Header.of(name);
			if (header != null) {
				present.computeIfAbsent(header, (key) -> new ArrayList<>())
					.addAll(Collections.list(request.getHeaders(name)));
			}
		}
		IdentityVerification.Outcome outcome = this.verification.decide(tokens, present);
		switch (outcome.result()) {
			case ANONYMOUS -> chain.doFilter(request, response);
			case REJECTED -> {
				response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
				response.setContentType("application/problem+json");
				response.setHeader("Cache-Control", "no-store");
				byte[] body = outcome.problemJson(request.getRequestURI()).getBytes(StandardCharsets.UTF_8);
				response.setContentLength(body.length);
				response.getOutputStream().write(body);
			}
			case VERIFIED -> {
				request.setAttribute(VerifiedIdentity.ATTRIBUTE, outcome.identity());
				chain.doFilter(new VerifiedRequest(request, outcome.headers()), response);
			}
		}
	}

	/**
	 * A request whose identity headers are those of the signed identity.
	 */
	private static final class VerifiedRequest extends HttpServletRequestWrapper {

		private final Map<IdentityVerification.Header, String> identity;

		VerifiedRequest(HttpServletRequest request, Map<IdentityVerification.Header, String> identity) {
			super(request);
			this.identity = identity;
		}

		@Override
		public @Nullable String getHeader(String name) {
			IdentityVerification.Header header = IdentityVerification.Header.of(name);
			return (header != null) ? this.identity.get(header) : super.getHeader(name);
		}

		@Override
		public Enumeration<String> getHeaders(String name) {
			IdentityVerification.Header header = IdentityVerification.Header.of(name);
			if (header == null) {
				return super.getHeaders(name);
			}
			String value = this.identity.get(header);
			return Collections.enumeration((value != null) ? List.of(value) : List.of());
		}

		@Override
		public Enumeration<String> getHeaderNames() {
			List<String> names = new ArrayList<>();
			for (String name : Collections.list(super.getHeaderNames())) {
				if (IdentityVerification.Header.of(name) == null) {
					names.add(name);
				}
			}
			this.identity.keySet().forEach((header) -> names.add(header.headerName()));
			return Collections.enumeration(names);
		}

		@Override
		public int getIntHeader(String name) {
			String value = getHeader(name);
			return (value != null) ? Integer.parseInt(value) : -1;
		}

		@Override
		public long getDateHeader(String name) {
			if (IdentityVerification.Header.of(name) != null) {
				throw new IllegalArgumentException(name + " is not a date");
			}
			return super.getDateHeader(name);
		}

	}

}
