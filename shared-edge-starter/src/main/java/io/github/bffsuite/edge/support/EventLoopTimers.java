package io.github.bffsuite.edge.support;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.Future;
import io.netty.util.internal.ThreadExecutorMap;
import org.jspecify.annotations.Nullable;
import reactor.core.Disposable;
import reactor.core.scheduler.Schedulers;

/**
 * Per-request deadlines on the Netty event loop that the request runs on.
 * <p>
 * {@code Mono.timeout(Duration)} schedules its deadline on Reactor's parallel scheduler:
 * a {@code ScheduledThreadPoolExecutor} shared by every thread. Each request then takes
 * that queue's lock twice (schedule, cancel), and a cancelled head of the queue wakes the
 * scheduler's thread, so a request costs a thread hand-off that it does not otherwise
 * need. A deadline on the caller's own event loop is a task in that loop's own queue:
 * scheduled and cancelled without a lock or a wake-up, and fired on the thread that
 * serves the request. Off an event loop (a test, a bounded-elastic worker), the parallel
 * scheduler is used as before.
 */
public final class EventLoopTimers {

	private EventLoopTimers() {
	}

	/**
	 * Run a task after a delay, on the current thread's event loop when it is one.
	 * @param task the task
	 * @param delay the delay
	 * @return disposing it cancels the task
	 */
	public static Disposable schedule(Runnable task, Duration delay) {
		long nanos = delay.toNanos();
		EventExecutor loop = currentEventLoop();
		if (loop != null) {
			Future<?> scheduled = loop.schedule(task, nanos, TimeUnit.NANOSECONDS);
			return new Cancellation(scheduled);
		}
		return Schedulers.parallel().schedule(task, nanos, TimeUnit.NANOSECONDS);
	}

	/**
	 * Return the Netty event loop the current thread runs, if any and still running.
	 * @return the event loop, or {@code null}
	 */
	static @Nullable EventExecutor currentEventLoop() {
		EventExecutor loop = ThreadExecutorMap.currentExecutor();
		return (loop != null && loop.inEventLoop() && !loop.isShuttingDown()) ? loop : null;
	}

	private record Cancellation(Future<?> scheduled) implements Disposable {

		@Override
		public void dispose() {
			// on the loop's own thread this takes the task out of its queue at once;
			// from another thread Netty does it lazily, without waking the loop
			this.scheduled.cancel(false);
		}

		@Override
		public boolean isDisposed() {
			return this.scheduled.isDone();
		}

	}

}
