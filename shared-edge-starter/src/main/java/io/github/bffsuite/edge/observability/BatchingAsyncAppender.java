package io.github.bffsuite.edge.observability;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.UnsynchronizedAppenderBase;
import ch.qos.logback.core.encoder.Encoder;
import ch.qos.logback.core.spi.AppenderAttachable;
import ch.qos.logback.core.spi.AppenderAttachableImpl;
import ch.qos.logback.core.spi.FilterReply;
import org.jspecify.annotations.Nullable;

/**
 * An asynchronous appender that writes in batches: Logback's {@code AsyncAppender} with
 * one difference that matters at a gateway's request rates. Logback's worker waits on its
 * queue for every event, so each access log line wakes it: a lock hand-off and a thread
 * switch per request on the calling event loop. This worker, once it found lines, writes
 * them all and then sleeps a fixed {@value #BATCH_MILLIS} ms before it looks again, so
 * under load it is woken by its own timer (a few hundred times a second at most) and
 * never by the callers; only an idle worker waits on the queue and is woken by the next
 * line.
 * <p>
 * A console appender (Spring Boot's, by default) gets each batch in one write: its
 * encoder encodes every line, as the appender itself would, and the bytes go to its
 * stream at once. A console appender writes and flushes each line on its own, a system
 * call per request, and, where the console is a pipe to a log collector, a wake-up of the
 * collector per request. The console's {@code PrintStream} serialises writes, so a batch
 * never interleaves with the lines other threads log to the same console. Other appenders
 * (files, rolling files) get the events one by one.
 * <p>
 * As with {@code AsyncAppender} configured by {@link AsyncAccessLogAppenders}: every
 * event is prepared on the calling thread (message, MDC, thread name), none is dropped (a
 * caller waits while the queue is full), caller data is not captured, and stopping writes
 * what is queued, for at most one second.
 */
class BatchingAsyncAppender extends UnsynchronizedAppenderBase<ILoggingEvent>
		implements AppenderAttachable<ILoggingEvent> {

	/** How long the worker sleeps after writing a batch. */
	static final long BATCH_MILLIS = 4;

	private static final Duration MAX_FLUSH_TIME = Duration.ofSeconds(1);

	/** The most bytes written to a console at once. */
	static final int MAX_WRITE = 64 * 1024;

	private final AppenderAttachableImpl<ILoggingEvent> appenders = new AppenderAttachableImpl<>();

	private int queueSize = 8192;

	private volatile @Nullable BlockingQueue<ILoggingEvent> queue;

	private volatile @Nullable Thread worker;

	// the worker's buffer for the lines of a batch
	private ByteArrayOutputStream bytes = new ByteArrayOutputStream(MAX_WRITE);

	void setQueueSize(int queueSize) {
		this.queueSize = queueSize;
	}

	@Override
	public void start() {
		if (isStarted()) {
			return;
		}
		if (this.queueSize < 1) {
			addError("Invalid queue size [" + this.queueSize + "]");
			return;
		}
		BlockingQueue<ILoggingEvent> queue = new ArrayBlockingQueue<>(this.queueSize);
		this.queue = queue;
		Thread worker = new Thread(() -> work(queue), "edge-access-log-" + getName());
		worker.setDaemon(true);
		this.worker = worker;
		super.start();
		worker.start();
	}

	@Override
	public void stop() {
		if (!isStarted()) {
			return;
		}
		super.stop();
		Thread worker = this.worker;
		if (worker != null) {
			LockSupport.unpark(worker);
			worker.interrupt();
			try {
				worker.join(MAX_FLUSH_TIME.toMillis());
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			if (worker.isAlive()) {
				addWarn("Max flush time exceeded; some access log lines may not have been written");
			}
		}
	}

	@Override
	protected void append(ILoggingEvent event) {
		BlockingQueue<ILoggingEvent> queue = this.queue;
		if (queue == null) {
			return;
		}
		event.prepareForDeferredProcessing();
		try {
			// never drops: waits while the queue is full
			queue.put(event);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private void work(BlockingQueue<ILoggingEvent> queue) {
		List<ILoggingEvent> batch = new ArrayList<>();
		// a batch this large means callers may be waiting on a full queue: no sleep then
		int full = Math.max(1, this.queueSize / 2);
		while (isStarted()) {
			try {
				if (queue.drainTo(batch) == 0) {
					// idle: wait for the next line, which wakes us
					ILoggingEvent next = queue.poll(1, TimeUnit.SECONDS);
					if (next != null) {
						batch.add(next);
						queue.drainTo(batch);
					}
				}
				write(batch);
				int written = batch.size();
				batch.clear();
				if (written > 0 && written < full) {
					// busy: let the next lines gather without waking us
					LockSupport.parkNanos(this, TimeUnit.MILLISECONDS.toNanos(BATCH_MILLIS));
				}
			}
			catch (InterruptedException ex) {
				break;
			}
		}
		// stopped: write what is left
		write(batch);
		batch.clear();
		queue.drainTo(batch);
		write(batch);
	}

	private void write(List<ILoggingEvent> batch) {
		if (batch.isEmpty()) {
			return;
		}
		for (Iterator<Appender<ILoggingEvent>> it = this.appenders.iteratorForAppenders(); it.hasNext();) {
			Appender<ILoggingEvent> target = it.next();
			if (target instanceof ConsoleAppender<ILoggingEvent> console && writeAtOnce(console, batch)) {
				continue;
			}
			for (ILoggingEvent event : batch) {
				target.doAppend(event);
			}
		}
	}

	/**
	 * Write a batch to a console in as few writes as {@link #MAX_WRITE} allows, with the
	 * console's encoder and filters.
	 * @return {@code false} if the console cannot take it this way (not started, no
	 * encoder, Jansi's stream), so that it gets the events one by one
	 */
	private boolean writeAtOnce(ConsoleAppender<ILoggingEvent> console, List<ILoggingEvent> batch) {
		Encoder<ILoggingEvent> encoder = console.getEncoder();
		OutputStream out = console.getOutputStream();
		if (!console.isStarted() || console.isWithJansi() || encoder == null || out == null) {
			return false;
		}
		ByteArrayOutputStream bytes = this.bytes;
		bytes.reset();
		boolean grown = false;
		try {
			for (ILoggingEvent event : batch) {
				if (console.getFilterChainDecision(event) == FilterReply.DENY) {
					continue;
				}
				byte[] line = encoder.encode(event);
				grown |= line.length > MAX_WRITE;
				if (bytes.size() > 0 && bytes.size() + line.length > MAX_WRITE) {
					flush(bytes, out);
				}
				bytes.write(line);
			}
			flush(bytes, out);
		}
		catch (IOException ex) {
			// as the console appender does with a failed write: the lines are lost, the
			// failure is reported
			addError("Failed to write access log lines to " + console.getName(), ex);
			bytes.reset();
		}
		if (grown) {
			// a line longer than a write grew the buffer: do not keep it
			this.bytes = new ByteArrayOutputStream(MAX_WRITE);
		}
		return true;
	}

	private static void flush(ByteArrayOutputStream bytes, OutputStream out) throws IOException {
		if (bytes.size() > 0) {
			bytes.writeTo(out);
			out.flush();
			bytes.reset();
		}
	}

	@Override
	public void addAppender(Appender<ILoggingEvent> appender) {
		this.appenders.addAppender(appender);
	}

	@Override
	public Iterator<Appender<ILoggingEvent>> iteratorForAppenders() {
		return this.appenders.iteratorForAppenders();
	}

	@Override
	public @Nullable Appender<ILoggingEvent> getAppender(String name) {
		return this.appenders.getAppender(name);
	}

	@Override
	public boolean isAttached(Appender<ILoggingEvent> appender) {
		return this.appenders.isAttached(appender);
	}

	@Override
	public void detachAndStopAllAppenders() {
		this.appenders.detachAndStopAllAppenders();
	}

	@Override
	public boolean detachAppender(Appender<ILoggingEvent> appender) {
		return this.appenders.detachAppender(appender);
	}

	@Override
	public boolean detachAppender(String name) {
		return this.appenders.detachAppender(name);
	}

}
