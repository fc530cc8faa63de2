package io.github.bffsuite.edge.security;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Predicate;
import java.util.function.Supplier;

import io.github.bffsuite.edge.web.NettyHeaders;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.http.server.reactive.ServerHttpResponseDecorator;
import org.springframework.security.web.server.firewall.ServerExchangeRejectedException;
import org.springframework.security.web.server.firewall.ServerWebExchangeFirewall;
import org.springframework.security.web.server.firewall.StrictServerWebExchangeFirewall;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.ServerWebExchangeDecorator;

/**
 * Spring Security's {@link StrictServerWebExchangeFirewall} with its request header and
 * query parameter checks run once per request instead of on every access. The strict
 * firewall checks the method, the URL (encoded slash, semicolon, backslash, {@code ..},
 * encoded period and percent, null, line breaks), the host and the response headers as it
 * always does; then every header name and value and every query parameter name of the
 * request is checked with the strict firewall's own predicates, and the exchange goes on
 * unwrapped. The strict firewall wraps the exchange and runs a Unicode regular expression
 * over a header (a bearer token included) each time any filter reads it, and a gateway
 * reads the request many times.
 * <p>
 * On the fused fast path ({@link #checkNow}) the strict firewall's check of the response
 * headers for line breaks runs over Reactor Netty's own header list when the response's
 * headers are those (the same check, without building Spring's case-insensitive view of
 * every response header); it is the one commit action the strict firewall registers, and
 * if a Spring Security version registers another number of them, they all stay as they
 * are.
 */
public class CheckOnceServerWebExchangeFirewall implements ServerWebExchangeFirewall {

	private final StrictServerWebExchangeFirewall strict;

	private final Predicate<String> headerNames = StrictServerWebExchangeFirewall.ALLOWED_HEADER_NAMES;

	private final Predicate<String> headerValues = StrictServerWebExchangeFirewall.ALLOWED_HEADER_VALUES;

	private final Predicate<String> parameterNames = StrictServerWebExchangeFirewall.ALLOWED_PARAMETER_NAMES;

	public CheckOnceServerWebExchangeFirewall() {
		this(new StrictServerWebExchangeFirewall());
	}

	public CheckOnceServerWebExchangeFirewall(StrictServerWebExchangeFirewall strict) {
		this.strict = strict;
	}

	@Override
	public Mono<ServerWebExchange> getFirewalledExchange(ServerWebExchange exchange) {
		return this.strict.getFirewalledExchange(exchange).map((wrapped) -> {
			check(exchange.getRequest());
			return exchange;
		});
	}

	/**
	 * Run the same checks without a publisher, for the fused fast path: returns normally
	 * when the exchange passes, throws when the firewall would reject it.
	 * @param exchange the exchange
	 * @return whether the checks could run synchronously (false: ask
	 * {@link #getFirewalledExchange})
	 * @throws ServerExchangeRejectedException when the firewall rejects the exchange
	 */
	public boolean checkNow(ServerWebExchange exchange) {
		CommitActions actions = new CommitActions(exchange);
		Mono<ServerWebExchange> strictCheck = this.strict.getFirewalledExchange(actions);
		if (!(strictCheck instanceof Callable<?> callable)) {
			return false;
		}
		try {
			callable.call();
		}
		catch (ServerExchangeRejectedException ex) {
			throw ex;
		}
		catch (Exception ex) {
			return false;
		}
		check(exchange.getRequest());
		ServerHttpResponse response = exchange.getResponse();
		if (actions.registered.size() == 1) {
			response.beforeCommit(() -> {
				checkResponseHeaders(response);
				return Mono.empty();
			});
		}
		else {
			actions.registered.forEach(response::beforeCommit);
		}
		return true;
	}

	/**
	 * The strict firewall's response check: no line break in a header's name or value.
	 */
	static void checkResponseHeaders(ServerHttpResponse response) {
		io.netty.handler.codec.http.HttpHeaders netty = NettyHeaders.of(response);
		if (netty != null) {
			for (Iterator<Map.Entry<CharSequence, CharSequence>> it = netty.iteratorCharSequence(); it.hasNext();) {
				Map.Entry<CharSequence, CharSequence> header = it.next();
				checkNoLineBreak(header.getKey(), header.getValue());
			}
		}
		else {
			response.getHeaders().forEach((name, values) -> values.forEach((value) -> checkNoLineBreak(name, value)));
		}
	}

	private static void checkNoLineBreak(CharSequence name, @Nullable CharSequence value) {
		if (hasLineBreak(name) || (value != null && hasLineBreak(value))) {
			// as the strict firewall's check fails
			throw new IllegalArgumentException("Invalid characters (CR/LF) in header " + name);
		}
	}

	private static boolean hasLineBreak(CharSequence value) {
		for (int i = 0; i < value.length(); i++) {
			char c = value.charAt(i);
			if (c == '\r' || c == '\n') {
				return true;
			}
		}
		return false;
	}

	private void check(ServerHttpRequest request) {
		io.netty.handler.codec.http.HttpHeaders netty = NettyHeaders.of(request);
		if (netty != null) {
			// the same pairs as the view below, without building it
			for (Iterator<Map.Entry<CharSequence, CharSequence>> it = netty.iteratorCharSequence(); it.hasNext();) {
				Map.Entry<CharSequence, CharSequence> header = it.next();
				checkName(header.getKey());
				checkValue(header.getKey(), header.getValue());
			}
		}
		else {
			for (Map.Entry<String, List<String>> header : request.getHeaders().headerSet()) {
				checkName(header.getKey());
				for (String value : header.getValue()) {
					checkValue(header.getKey(), value);
				}
			}
		}
		if (request.getURI().getRawQuery() != null) {
			for (String name : request.getQueryParams().keySet()) {
				if (!isPrintableAscii(name, false) && !this.parameterNames.test(name)) {
					throw new ServerExchangeRejectedException(
							"The request was rejected because the parameter name \"" + name + "\" is not allowed.");
				}
			}
		}
	}

	private void checkName(CharSequence name) {
		if (!isPrintableAscii(name, false) && !this.headerNames.test(name.toString())) {
			throw new ServerExchangeRejectedException(
					"The request was rejected because the header name \"" + name + "\" is not allowed.");
		}
	}

	private void checkValue(CharSequence name, @Nullable CharSequence value) {
		if (value != null && !isPrintableAscii(value, true) && !this.headerValues.test(value.toString())) {
			throw new ServerExchangeRejectedException("The request was rejected because the header: \"" + name
					+ " \" has a value \"" + value + "\" that is not allowed.");
		}
	}

	/**
	 * The fast path for what nearly every request carries: printable ASCII, which the
	 * strict firewall's predicates always allow. Anything else is decided by them.
	 */
	private static boolean isPrintableAscii(CharSequence value, boolean tabAllowed) {
		for (int i = 0; i < value.length(); i++) {
			char c = value.charAt(i);
			if ((c < 0x20 || c > 0x7e) && !(tabAllowed && c == '\t')) {
				return false;
			}
		}
		return true;
	}

	/**
	 * The exchange as the strict firewall sees it on the fast path: the commit actions it
	 * registers on the response are kept here rather than registered.
	 */
	private static final class CommitActions extends ServerWebExchangeDecorator {

		private final List<Supplier<? extends Mono<Void>>> registered = new ArrayList<>(1);

		private final ServerHttpResponse response;

		CommitActions(ServerWebExchange exchange) {
			super(exchange);
			this.response = new ServerHttpResponseDecorator(exchange.getResponse()) {

				@Override
				public void beforeCommit(Supplier<? extends Mono<Void>> action) {
					CommitActions.this.registered.add(action);
				}

			};
		}

		@Override
		public ServerHttpResponse getResponse() {
			return this.response;
		}

	}

}
