package io.github.bffsuite.edge.web;

import reactor.core.CoreSubscriber;
import reactor.core.publisher.Mono;
import reactor.core.publisher.MonoOperator;

import org.springframework.core.io.buffer.DataBuffer;

/**
 * A response body that is whole once it is there: one buffer, which Reactor Netty writes
 * together with the response headers in one write. Decorators that look at the body pass
 * such a body on as a {@link Mono}; every other single-buffer body they pass on as a
 * stream, as the edge always did. Only a proxied response's body is marked so: it comes
 * back after its request went out, read to the end. When every single-buffer body was
 * written in one piece, the starter's full test suite saw the next request on a
 * connection go unanswered after problem answers written at once (a 429 or a 503 of the
 * rate limiter); the cause inside Reactor Netty was not isolated, so the single write is
 * kept to the bodies it was measured for.
 */
public final class WholeBody extends MonoOperator<DataBuffer, DataBuffer> {

	/**
	 * Mark a body as whole.
	 * @param body the body, at most one buffer
	 */
	public WholeBody(Mono<? extends DataBuffer> body) {
		super(body);
	}

	@Override
	public void subscribe(CoreSubscriber<? super DataBuffer> actual) {
		this.source.subscribe(actual);
	}

}
