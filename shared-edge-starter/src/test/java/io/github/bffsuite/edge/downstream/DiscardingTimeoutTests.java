package io.github.bffsuite.edge.downstream;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeoutException;

import org.junit.jupiter.api.Test;
import org.reactivestreams.Publisher;
import org.reactivestreams.Subscription;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.test.StepVerifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The downstream response timeout hands an answer that lost the race to its discard
 * function instead of dropping it.
 */
class DiscardingTimeoutTests {

	private final List<String> discarded = new CopyOnWriteArrayList<>();

	@Test
	void deliversAnAnswerThatComesInTime() {
		StepVerifier.create(DiscardingTimeout.apply(Mono.just("answer"), Duration.ofSeconds(1), this::discard))
			.expectNext("answer")
			.verifyComplete();
		assertThat(this.discarded).isEmpty();
	}

	@Test
	void discardsAnAnswerThatArrivesAfterTheTimeout() {
		StepVerifier
			.create(DiscardingTimeout.apply(answersLateEvenIfCancelled("late", 150), Duration.ofMillis(20),
					this::discard))
			.expectError(TimeoutException.class)
			.verify(Duration.ofSeconds(2));
		await().atMost(Duration.ofSeconds(2)).until(() -> this.discarded.contains("late"));
	}

	@Test
	void discardsAnAnswerThatArrivesAfterTheCallerCancelled() {
		Disposable subscription = DiscardingTimeout
			.apply(answersLateEvenIfCancelled("abandoned", 100), Duration.ofSeconds(5), this::discard)
			.subscribe();
		subscription.dispose();
		await().atMost(Duration.ofSeconds(2)).until(() -> this.discarded.contains("abandoned"));
	}

	@Test
	void passesErrorsAndEmptyThrough() {
		StepVerifier
			.create(DiscardingTimeout.apply(Mono.<String>error(new IllegalStateException("boom")),
					Duration.ofSeconds(1), this::discard))
			.expectErrorMessage("boom")
			.verify();
		StepVerifier.create(DiscardingTimeout.apply(Mono.<String>empty(), Duration.ofSeconds(1), this::discard))
			.verifyComplete();
		assertThat(this.discarded).isEmpty();
	}

	private Mono<Void> discard(String value) {
		return Mono.fromRunnable(() -> this.discarded.add(value));
	}

	/**
	 * A source like a connection whose response is already on its way: cancelling does
	 * not stop the answer.
	 */
	private static Mono<String> answersLateEvenIfCancelled(String value, long millis) {
		Publisher<String> publisher = (subscriber) -> {
			subscriber.onSubscribe(new Subscription() {

				@Override
				public void request(long n) {
				}

				@Override
				public void cancel() {
				}

			});
			Schedulers.parallel().schedule(() -> {
				subscriber.onNext(value);
				subscriber.onComplete();
			}, millis, java.util.concurrent.TimeUnit.MILLISECONDS);
		};
		return Mono.fromDirect(publisher);
	}

}
