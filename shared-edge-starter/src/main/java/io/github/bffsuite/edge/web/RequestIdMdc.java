package io.github.bffsuite.edge.web;

import java.util.concurrent.atomic.AtomicBoolean;

import io.micrometer.context.ContextRegistry;
import org.slf4j.MDC;

/**
 * Registers the request id (Reactor context key {@value RequestIdWebFilter#MDC_KEY}) with
 * Micrometer's context propagation, so that Reactor restores it into the logging MDC
 * wherever it restores thread locals: in {@code handle} and {@code tap} operators with
 * Spring Boot's default {@code spring.reactor.context-propagation=limited}, and around
 * every operator with {@code spring.reactor.context-propagation=auto}. Registering costs
 * nothing per request; automatic propagation does (see docs/benchmarks.md), which is why
 * it is left to that Spring Boot property.
 */
final class RequestIdMdc {

	private static final AtomicBoolean installed = new AtomicBoolean();

	private RequestIdMdc() {
	}

	static void install() {
		if (installed.compareAndSet(false, true)) {
			ContextRegistry.getInstance()
				.registerThreadLocalAccessor(RequestIdWebFilter.MDC_KEY, () -> MDC.get(RequestIdWebFilter.MDC_KEY),
						(value) -> MDC.put(RequestIdWebFilter.MDC_KEY, value),
						() -> MDC.remove(RequestIdWebFilter.MDC_KEY));
		}
	}

}
