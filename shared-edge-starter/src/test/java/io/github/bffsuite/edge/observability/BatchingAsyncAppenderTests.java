package io.github.bffsuite.edge.observability;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.core.AppenderBase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The access log's batching appender loses no line, even with callers waiting on a full
 * queue, keeps each caller's order and MDC, and writes what is queued when it stops.
 */
class BatchingAsyncAppenderTests {

	// the application's context, whose MDC adapter is SLF4J's
	private final LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();

	private final Logger logger = this.context.getLogger("edge.access.test");

	private final Recording target = new Recording();

	private final BatchingAsyncAppender appender = new BatchingAsyncAppender();

	BatchingAsyncAppenderTests() {
		this.target.setContext(this.context);
		this.target.start();
		this.appender.setContext(this.context);
		this.appender.setName("test");
		this.appender.addAppender(this.target);
	}

	@AfterEach
	void stop() {
		this.appender.stop();
		MDC.clear();
	}

	@Test
	void losesNoLineWhenCallersOutrunATinyQueue() throws Exception {
		this.appender.setQueueSize(4);
		this.appender.start();
		int threads = 4;
		int lines = 5_000;
		CountDownLatch done = new CountDownLatch(threads);
		for (int t = 0; t < threads; t++) {
			String caller = "caller-" + t;
			Thread thread = new Thread(() -> {
				for (int i = 0; i < lines; i++) {
					this.appender.doAppend(event(caller + " " + i));
				}
				done.countDown();
			});
			thread.start();
		}
		assertThat(done.await(60, TimeUnit.SECONDS)).isTrue();
		await().atMost(30, TimeUnit.SECONDS).until(() -> this.target.events.size() == threads * lines);
		for (int t = 0; t < threads; t++) {
			String caller = "caller-" + t + " ";
			List<Integer> order = new ArrayList<>();
			for (ILoggingEvent event : this.target.events) {
				if (event.getFormattedMessage().startsWith(caller)) {
					order.add(Integer.valueOf(event.getFormattedMessage().substring(caller.length())));
				}
			}
			assertThat(order).hasSize(lines).isSorted();
		}
	}

	@Test
	void keepsTheCallersMdc() {
		this.appender.start();
		MDC.put("requestId", "req-1");
		this.appender.doAppend(event("with mdc"));
		MDC.put("requestId", "req-2");
		await().atMost(30, TimeUnit.SECONDS).until(() -> this.target.events.size() == 1);
		assertThat(this.target.events.peek().getMDCPropertyMap()).isEqualTo(Map.of("requestId", "req-1"));
	}

	@Test
	void writesWhatIsQueuedWhenItStops() {
		this.appender.setQueueSize(10_000);
		this.appender.start();
		for (int i = 0; i < 2_000; i++) {
			this.appender.doAppend(event("line " + i));
		}
		this.appender.stop();
		assertThat(this.target.events).hasSize(2_000);
		assertThat(this.target.isStarted()).as("the root's appender belongs to the root logger").isTrue();
	}

	private LoggingEvent event(String message) {
		return new LoggingEvent(Logger.class.getName(), this.logger, Level.INFO, message, null, null);
	}

	static final class Recording extends AppenderBase<ILoggingEvent> {

		final ConcurrentLinkedQueue<ILoggingEvent> events = new ConcurrentLinkedQueue<>();

		@Override
		protected void append(ILoggingEvent event) {
			this.events.add(event);
		}

	}

}
