package io.github.bffsuite.identity.verifier;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import reactor.core.publisher.Mono;

import org.springframework.core.Ordered;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

/**
 * Verifies the signed identity of every request of a WebFlux service before anything
 * reads its identity headers ({@link IdentityVerification}): a refused request gets a 401
 * {@code application/problem+json}; a verified one goes on with its identity headers
 * replaced by the signed identity's values and the {@link VerifiedIdentity} in the
 * {@link VerifiedIdentity#ATTRIBUTE} exchange attribute.
 */
public class IdentityVerificationWebFilter implements WebFilter, Ordered {

	/** Order of the filter: before the application's own filters. */
	public static final int ORDER = Ordered.HIGHEST_PRECEDENCE + 10;

	private static final MediaType PROBLEM_JSON = MediaType.APPLICATION_PROBLEM_JSON;

	private final IdentityVerification verification;

	public IdentityVerificationWebFilter(IdentityVerification verification) {
		this.verification = verification;
	}

	@Override
	public int getOrder() {
		return ORDER;
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		HttpHeaders headers = exchange.getRequest().getHeaders();
		List<String> tokens = headers.getOrEmpty(this.verification.tokenHeader());
		Map<IdentityVerification.Header, List<String>> present = new EnumMap<>(IdentityVerification.Header.class);
		for (String name : headers.headerNames()) {
			IdentityVerification.Header header = IdentityVerification.Header.of(name);
			if (header != null) {
				present.computeIfAbsent(header, (key) -> new ArrayList<>()).addAll(headers.getOrEmpty(name));
			}
		}
		IdentityVerification.Outcome outcome = this.verification.decide(tokens, present);
		return switch (outcome.result()) {
			case ANONYMOUS -> chain.filter(exchange);
			case REJECTED -> reject(exchange, outcome);
			case VERIFIED -> {
				ServerHttpRequest request = exchange.getRequest().mutate().headers((mutable) -> {
					mutable.headerNames()
						.stream()
						.filter((name) -> IdentityVerification.Header.of(name) != null)
						.toList()
						.forEach(mutable::remove);
					outcome.headers().forEach((header, value) -> mutable.set(header.headerName(), value));
				}).build();
				ServerWebExchange verified = exchange.mutate().request(request).build();
				verified.getAttributes().put(VerifiedIdentity.ATTRIBUTE, outcome.identity());
				yield chain.filter(verified);
			}
		};
	}

	private static Mono<Void> reject(ServerWebExchange exchange, IdentityVerification.Outcome outcome) {
		ServerHttpResponse response = exchange.getResponse();
		response.setStatusCode(HttpStatus.UNAUTHORIZED);
		response.getHeaders().setContentType(PROBLEM_JSON);
		response.getHeaders().setCacheControl("no-store");
		byte[] body = outcome.problemJson(exchange.getRequest().getPath().value()).getBytes(StandardCharsets.UTF_8);
		DataBuffer buffer = response.bufferFactory().wrap(body);
		return response.writeWith(Mono.just(buffer));
	}

}
