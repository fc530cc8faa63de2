package io.github.bffsuite.edge.web;

import java.util.concurrent.atomic.AtomicBoolean;

import io.micrometer.context.ContextRegistry;
import org.slf4j.MDC;
import reactor.core.publisher.Hooks;

/**
 * Bridges the request id from the Reactor context to the logging MDC, so that every log
 * line written while a request is handled carries it, whatever thread writes it.
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
			Hooks.enableAutomaticContextPropagation();
		}
	}

}
