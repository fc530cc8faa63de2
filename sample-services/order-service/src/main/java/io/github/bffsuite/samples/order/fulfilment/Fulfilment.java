package io.github.bffsuite.samples.order.fulfilment;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicBoolean;

import org.jspecify.annotations.Nullable;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;

import org.springframework.beans.factory.DisposableBean;

import io.github.bffsuite.samples.order.data.Order;
import io.github.bffsuite.samples.order.data.OrderStatus;
import io.github.bffsuite.samples.order.data.OrderStore;

/**
 * Simulated fulfilment: advances an order {@code PENDING → PAID → SHIPPED → DELIVERED},
 * one step per interval, and publishes each change to every watcher of the order. It runs
 * only for orders created through the API or watched through their event stream, and
 * stops when the order reaches a final status.
 */
public class Fulfilment implements DisposableBean {

	private final OrderStore store;

	private final Duration step;

	private final Clock clock;

	private final ConcurrentMap<String, Run> runs = new ConcurrentHashMap<>();

	public Fulfilment(OrderStore store, Duration step, Clock clock) {
		this.store = store;
		this.step = step;
		this.clock = clock;
	}

	/**
	 * Start fulfilling an order, unless it is final or already being fulfilled.
	 * @param orderId the order id
	 */
	public void start(String orderId) {
		run(orderId);
	}

	/**
	 * Watch the status of an order: its current status first, then every change until it
	 * is final, when the stream completes. Starts fulfilment when needed.
	 * @param order the order
	 * @return the changes
	 */
	public Flux<StatusChange> watch(Order order) {
		return Flux.defer(() -> {
			Run run = run(order.id());
			if (run != null) {
				return run.changes();
			}
			Order current = this.store.find(order.id()).orElse(order);
			return Flux.just(new StatusChange(1, current.id(), current.status(), current.updatedAt()));
		});
	}

	/**
	 * Cancel an order and tell its watchers.
	 * @param orderId the order id
	 * @return the cancelled order
	 */
	public Order cancel(String orderId) {
		Order cancelled = this.store.cancel(orderId, now());
		Run run = this.runs.get(orderId);
		if (run != null) {
			run.publish();
		}
		return cancelled;
	}

	@Override
	public void destroy() {
		this.runs.values().forEach(Run::stop);
	}

	private Instant now() {
		return this.clock.instant().truncatedTo(ChronoUnit.MILLIS);
	}

	private @Nullable Run run(String orderId) {
		Order order = this.store.find(orderId).orElse(null);
		if (order == null || order.status().isFinal()) {
			// A run that just finished still replays its last event
			return this.runs.get(orderId);
		}
		Run run = this.runs.computeIfAbsent(orderId, Run::new);
		run.begin();
		return run;
	}

	/**
	 * Fulfilment of one order. Changes go through the store first; {@link #publish()}
	 * then emits what the store holds, so a cancel racing with a step is never lost.
	 */
	private final class Run {

		private final String orderId;

		private final Sinks.Many<StatusChange> sink = Sinks.many().replay().latest();

		private final AtomicBoolean started = new AtomicBoolean();

		private long sequence;

		private @Nullable OrderStatus lastStatus;

		private boolean done;

		private @Nullable Disposable ticks;

		Run(String orderId) {
			this.orderId = orderId;
		}

		Flux<StatusChange> changes() {
			return this.sink.asFlux();
		}

		void begin() {
			if (!this.started.compareAndSet(false, true)) {
				return;
			}
			synchronized (this) {
				publish();
				if (!this.done) {
					this.ticks = Flux.interval(Fulfilment.this.step, Fulfilment.this.step)
						.subscribe((tick) -> advance());
				}
			}
		}

		synchronized void advance() {
			if (!this.done) {
				Fulfilment.this.store.advance(this.orderId, now());
				publish();
			}
		}

		synchronized void publish() {
			if (this.done) {
				return;
			}
			Order order = Fulfilment.this.store.find(this.orderId).orElseThrow();
			if (order.status() != this.lastStatus) {
				this.lastStatus = order.status();
				this.sink.tryEmitNext(new StatusChange(++this.sequence, order.id(), order.status(), order.updatedAt()));
			}
			if (order.status().isFinal()) {
				this.done = true;
				this.sink.tryEmitComplete();
				stop();
				Fulfilment.this.runs.remove(this.orderId, this);
			}
		}

		synchronized void stop() {
			if (this.ticks != null) {
				this.ticks.dispose();
			}
		}

	}

}
