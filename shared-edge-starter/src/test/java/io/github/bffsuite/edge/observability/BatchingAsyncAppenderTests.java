package io.github.bffsuite.edge.observability;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.core.AppenderBase;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.filter.Filter;
import ch.qos.logback.core.spi.FilterReply;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The access log's batching appender loses no line, even with callers waiting on a full
 * queue, keeps each caller's order and MDC, and writes what is queued when it stops; a
 * console gets a batch in one write, byte for byte what its own encoder gives.
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

	@Test
	void writesABatchToTheConsoleAtOnceAsItsEncoderWouldLineByLine() throws Exception {
		CountDownLatch firstWrite = new CountDownLatch(1);
		CountDownLatch release = new CountDownLatch(1);
		Writes writes = new Writes(firstWrite, release);
		PrintStream out = System.out;
		System.setOut(new PrintStream(writes, true, StandardCharsets.UTF_8));
		try {
			ConsoleAppender<ILoggingEvent> console = console();
			BatchingAsyncAppender appender = new BatchingAsyncAppender();
			appender.setContext(this.context);
			appender.setName("console-test");
			appender.addAppender(console);
			appender.start();
			try {
				List<LoggingEvent> events = new ArrayList<>();
				MDC.put("requestId", "req-0");
				events.add(event("access line 0"));
				appender.doAppend(events.get(0));
				// the worker holds the first line in a write that waits: the rest gather
				assertThat(firstWrite.await(30, TimeUnit.SECONDS)).isTrue();
				for (int i = 1; i < 2_000; i++) {
					MDC.put("requestId", "req-" + i);
					LoggingEvent event = event(((i % 100 == 7) ? "secret line " : "access line ") + i);
					events.add(event);
					appender.doAppend(event);
				}
				release.countDown();
				ByteArrayOutputStream expected = new ByteArrayOutputStream();
				for (LoggingEvent event : events) {
					if (!event.getFormattedMessage().startsWith("secret")) {
						expected.write(console.getEncoder().encode(event));
					}
				}
				await().atMost(30, TimeUnit.SECONDS).until(() -> writes.written().length == expected.size());
				assertThat(new String(writes.written(), StandardCharsets.UTF_8))
					.isEqualTo(expected.toString(StandardCharsets.UTF_8));
				// one write for the first line, then the other 1,979 lines (about 50 KB)
				// in one or two writes: never one per line
				assertThat(writes.count()).isBetween(2, 4);
			}
			finally {
				appender.stop();
				console.stop();
			}
		}
		finally {
			System.setOut(out);
		}
	}

	private ConsoleAppender<ILoggingEvent> console() {
		PatternLayoutEncoder encoder = new PatternLayoutEncoder();
		encoder.setContext(this.context);
		encoder.setPattern("%-5level [%X{requestId}] %logger: %msg%n");
		encoder.start();
		ConsoleAppender<ILoggingEvent> console = new ConsoleAppender<>();
		console.setContext(this.context);
		console.setName("CONSOLE_TEST");
		console.setEncoder(encoder);
		console.addFilter(new Filter<>() {
			@Override
			public FilterReply decide(ILoggingEvent event) {
				return event.getFormattedMessage().startsWith("secret") ? FilterReply.DENY : FilterReply.NEUTRAL;
			}
		});
		console.start();
		return console;
	}

	private LoggingEvent event(String message) {
		return new LoggingEvent(Logger.class.getName(), this.logger, Level.INFO, message, null, null);
	}

	/** The console's stream: records each write; the first one waits for a latch. */
	static final class Writes extends OutputStream {

		private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

		private final CountDownLatch firstWrite;

		private final CountDownLatch release;

		private int count;

		Writes(CountDownLatch firstWrite, CountDownLatch release) {
			this.firstWrite = firstWrite;
			this.release = release;
		}

		@Override
		public void write(int b) {
			write(new byte[] { (byte) b }, 0, 1);
		}

		@Override
		public void write(byte[] b, int off, int len) {
			String text = new String(b, off, len, StandardCharsets.UTF_8);
			if (!text.contains("edge.access.test")) {
				return; // someone else's output
			}
			if (this.firstWrite.getCount() > 0) {
				this.firstWrite.countDown();
				try {
					this.release.await(30, TimeUnit.SECONDS);
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
				}
			}
			synchronized (this) {
				this.bytes.write(b, off, len);
				this.count++;
			}
		}

		synchronized byte[] written() {
			return this.bytes.toByteArray();
		}

		synchronized int count() {
			return this.count;
		}

	}

	static final class Recording extends AppenderBase<ILoggingEvent> {

		final ConcurrentLinkedQueue<ILoggingEvent> events = new ConcurrentLinkedQueue<>();

		@Override
		protected void append(ILoggingEvent event) {
			this.events.add(event);
		}

	}

}
