package io.github.bffsuite.edge.support;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import reactor.core.Disposable;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A deadline set on a Netty event loop runs on that loop, and a cancelled one never runs;
 * off an event loop the parallel scheduler keeps it.
 */
class EventLoopTimersTests {

	private static final EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());

	@AfterAll
	static void stop() {
		group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
	}

	@Test
	void runsOnTheEventLoopThatScheduledIt() throws Exception {
		EventLoop loop = group.next();
		CompletableFuture<Thread> ranOn = new CompletableFuture<>();
		CompletableFuture<Thread> scheduledOn = new CompletableFuture<>();
		loop.execute(() -> {
			assertThat(EventLoopTimers.currentEventLoop()).isSameAs(loop);
			scheduledOn.complete(Thread.currentThread());
			EventLoopTimers.schedule(() -> ranOn.complete(Thread.currentThread()), Duration.ofMillis(10));
		});
		assertThat(ranOn.get(30, TimeUnit.SECONDS)).isSameAs(scheduledOn.get());
	}

	@Test
	void aCancelledDeadlineNeverRuns() throws Exception {
		EventLoop loop = group.next();
		AtomicBoolean ran = new AtomicBoolean();
		CountDownLatch later = new CountDownLatch(1);
		CompletableFuture<Disposable> deadline = new CompletableFuture<>();
		loop.execute(() -> {
			Disposable scheduled = EventLoopTimers.schedule(() -> ran.set(true), Duration.ofMillis(50));
			scheduled.dispose();
			deadline.complete(scheduled);
			// a task well after the deadline: by then a deadline that was not cancelled
			// ran
			loop.schedule(later::countDown, 300, TimeUnit.MILLISECONDS);
		});
		assertThat(later.await(30, TimeUnit.SECONDS)).isTrue();
		assertThat(ran).isFalse();
		assertThat(deadline.get().isDisposed()).isTrue();
	}

	@Test
	void offAnEventLoopTheParallelSchedulerRunsIt() throws Exception {
		assertThat(EventLoopTimers.currentEventLoop()).isNull();
		CompletableFuture<String> ranOn = new CompletableFuture<>();
		EventLoopTimers.schedule(() -> ranOn.complete(Thread.currentThread().getName()), Duration.ofMillis(10));
		assertThat(ranOn.get(30, TimeUnit.SECONDS)).startsWith("parallel-");
	}

}
