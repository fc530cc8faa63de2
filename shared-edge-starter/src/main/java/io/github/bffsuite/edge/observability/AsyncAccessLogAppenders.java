package io.github.bffsuite.edge.observability;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import org.slf4j.ILoggerFactory;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.SmartInitializingSingleton;

/**
 * Moves the writing of access log lines off the event loop: the {@code edge.access}
 * logger gets one {@link BatchingAsyncAppender} in front of each appender of the root
 * logger (Spring Boot's console appender, and its file appender when one is configured),
 * and stops sending its lines to the root logger. The lines keep the root appenders'
 * layout, with the MDC (trace, span and request ids) captured on the calling thread. The
 * queue never drops a line: when it is full the caller waits. Spring Boot's own logging
 * configuration is left alone; if logging is reinitialised, the logger writes
 * synchronously again.
 */
class AsyncAccessLogAppenders implements SmartInitializingSingleton {

	static final String NAME_PREFIX = "EDGE_ACCESS_ASYNC_";

	private final String loggerName;

	private final int queueSize;

	AsyncAccessLogAppenders(String loggerName, int queueSize) {
		this.loggerName = loggerName;
		this.queueSize = queueSize;
	}

	@Override
	public void afterSingletonsInstantiated() {
		ILoggerFactory factory = LoggerFactory.getILoggerFactory();
		if (factory instanceof LoggerContext context) {
			install(context);
		}
	}

	void install(LoggerContext context) {
		Logger logger = context.getLogger(this.loggerName);
		if (!logger.isAdditive() || logger.iteratorForAppenders().hasNext()) {
			return; // configured by the application, or already installed
		}
		List<BatchingAsyncAppender> asyncAppenders = new ArrayList<>();
		for (Iterator<Appender<ILoggingEvent>> it = context.getLogger(Logger.ROOT_LOGGER_NAME)
			.iteratorForAppenders(); it.hasNext();) {
			Appender<ILoggingEvent> target = it.next();
			// keeps every line: waits rather than drops when the queue is full
			BatchingAsyncAppender async = new BatchingAsyncAppender();
			async.setContext(context);
			async.setName(NAME_PREFIX + target.getName());
			async.setQueueSize(this.queueSize);
			async.addAppender(target);
			asyncAppenders.add(async);
		}
		if (asyncAppenders.isEmpty()) {
			return;
		}
		for (BatchingAsyncAppender async : asyncAppenders) {
			async.start();
			logger.addAppender(async);
		}
		logger.setAdditive(false);
	}

}
