package io.github.bffsuite.edge.downstream;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiFunction;
import java.util.function.Function;

import io.github.bffsuite.edge.support.EventLoopTimers;
import org.jspecify.annotations.Nullable;
import org.reactivestreams.Subscription;
import reactor.core.CoreSubscriber;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.core.publisher.MonoSink;
import reactor.core.scheduler.Scheduler;
import reactor.util.context.Context;

/**
 * A response timeout that never drops an answer on the floor. Reactor's
 * {@code Mono.timeout} (like any subscriber that was cancelled) drops a value that
 * arrives just after the timeout fired; when the value is a response whose body has not
 * been read, its pooled connection and buffers are never released and Netty reports a
 * leak. Here, whichever of value, error, timeout or cancel comes first wins, and a value
 * that loses goes to the discard function.
 */
final class DiscardingTimeout {

	private DiscardingTimeout() {
	}

	/**
	 * The timeout with its deadline on the subscriber's event loop
	 * ({@link EventLoopTimers}): no lock and no thread hand-off per call.
	 */
	static <T> Mono<T> apply(Mono<T> source, Duration timeout, Function<T, Mono<Void>> discard) {
		return apply(source, timeout, discard, EventLoopTimers::schedule);
	}

	static <T> Mono<T> apply(Mono<T> source, Duration timeout, Function<T, Mono<Void>> discard, Scheduler timer) {
		return apply(source, timeout, discard,
				(task, delay) -> timer.schedule(task, delay.toNanos(), TimeUnit.NANOSECONDS));
	}

	private static <T> Mono<T> apply(Mono<T> source, Duration timeout, Function<T, Mono<Void>> discard,
			BiFunction<Runnable, Duration, Disposable> timer) {
		return Mono.create((sink) -> {
			Race<T> race = new Race<>(sink, discard);
			race.deadline = timer.apply(race::timeOut, timeout);
			sink.onCancel(race::cancel);
			source.subscribe(race);
		});
	}

	private static final class Race<T> implements CoreSubscriber<T> {

		private final MonoSink<T> sink;

		private final Function<T, Mono<Void>> discard;

		// the downstream's context, built once: upstream operators ask for it on every
		// signal
		private final Context context;

		private final AtomicBoolean done = new AtomicBoolean();

		private final AtomicReference<@Nullable Subscription> upstream = new AtomicReference<>();

		volatile @Nullable Disposable deadline;

		Race(MonoSink<T> sink, Function<T, Mono<Void>> discard) {
			this.sink = sink;
			this.discard = discard;
			this.context = Context.of(sink.contextView());
		}

		@Override
		public Context currentContext() {
			return this.context;
		}

		@Override
		public void onSubscribe(Subscription subscription) {
			this.upstream.set(subscription);
			if (this.done.get()) {
				subscription.cancel();
			}
			else {
				subscription.request(Long.MAX_VALUE);
			}
		}

		@Override
		public void onNext(T value) {
			if (win()) {
				this.sink.success(value);
			}
			else {
				// lost to the timeout or a cancel: nobody will read it
				this.discard.apply(value).onErrorComplete().subscribe();
			}
		}

		@Override
		public void onError(Throwable error) {
			if (win()) {
				this.sink.error(error);
			}
		}

		@Override
		public void onComplete() {
			if (win()) {
				this.sink.success();
			}
		}

		void timeOut() {
			if (this.done.compareAndSet(false, true)) {
				cancelUpstream();
				this.sink.error(new TimeoutException("Did not observe any item or terminal signal within the timeout"));
			}
		}

		void cancel() {
			if (this.done.compareAndSet(false, true)) {
				stopDeadline();
				cancelUpstream();
			}
		}

		private boolean win() {
			if (this.done.compareAndSet(false, true)) {
				stopDeadline();
				return true;
			}
			return false;
		}

		private void stopDeadline() {
			Disposable deadline = this.deadline;
			if (deadline != null) {
				deadline.dispose();
			}
		}

		private void cancelUpstream() {
			Subscription subscription = this.upstream.get();
			if (subscription != null) {
				subscription.cancel();
			}
		}

	}

}
