package io.github.bffsuite.edge.redis;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.context.SmartLifecycle;
import org.springframework.data.redis.connection.ReactiveRedisClusterConnection;
import org.springframework.data.redis.connection.ReactiveRedisConnection;
import org.springframework.data.redis.connection.ReactiveRedisConnectionFactory;
import org.springframework.data.redis.connection.RedisClusterNode;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.script.RedisScript;

/**
 * Opens the connections to every Redis node and loads the edge's Lua scripts before the
 * web server starts, so that a fresh instance's first requests find Redis ready. Without
 * it, the first burst after start waits for connection set-up and topology discovery,
 * runs into the stores' short command timeouts, and opens their circuits: the outage
 * policy fires when there is no outage.
 * <p>
 * If Redis does not answer within the timeout the gateway starts anyway, and each feature
 * applies its Redis outage policy until Redis answers.
 */
public class RedisWarmup implements SmartLifecycle {

	/**
	 * Phase: before Spring Boot's web server start/stop lifecycle
	 * ({@code WebServerApplicationContext.START_STOP_LIFECYCLE_PHASE}, which is
	 * {@code DEFAULT_PHASE - 2048}), so no request arrives before the warm-up is over.
	 */
	public static final int PHASE = SmartLifecycle.DEFAULT_PHASE - 4096;

	private static final Log logger = LogFactory.getLog(RedisWarmup.class);

	private final ReactiveRedisConnectionFactory connectionFactory;

	private final List<RedisScript<?>> scripts;

	private final Duration timeout;

	private volatile boolean running;

	private volatile boolean ready;

	public RedisWarmup(ReactiveRedisConnectionFactory connectionFactory, List<RedisScript<?>> scripts,
			Duration timeout) {
		this.connectionFactory = connectionFactory;
		this.scripts = scripts;
		this.timeout = timeout;
	}

	@Override
	public void start() {
		this.running = true;
		long started = System.nanoTime();
		try {
			// start-up code, not a request path: the server must not listen before this
			// ends
			Long nodes = warmup().block(this.timeout);
			this.ready = true;
			logger.info("Redis ready for the edge: " + nodes + " node(s), " + this.scripts.size() + " script(s) in "
					+ Duration.ofNanos(System.nanoTime() - started).toMillis() + " ms");
		}
		catch (RuntimeException ex) {
			logger.warn("Redis not ready after " + this.timeout + "; starting anyway, each feature applies its Redis "
					+ "outage policy until Redis answers: " + ex);
		}
	}

	/**
	 * Whether the last warm-up reached every node.
	 * @return whether Redis was ready at start-up
	 */
	public boolean isReady() {
		return this.ready;
	}

	private Mono<Long> warmup() {
		if (isCluster()) {
			return Mono.usingWhen(Mono.fromSupplier(this.connectionFactory::getReactiveClusterConnection),
					(connection) -> connection.clusterGetNodes()
						.flatMap((node) -> pingNode(connection, node))
						.count()
						.flatMap((count) -> loadScripts(connection).thenReturn(count)),
					ReactiveRedisConnection::closeLater);
		}
		return Mono.usingWhen(Mono.fromSupplier(this.connectionFactory::getReactiveConnection),
				(connection) -> connection.ping().then(loadScripts(connection)).thenReturn(1L),
				ReactiveRedisConnection::closeLater);
	}

	private boolean isCluster() {
		return this.connectionFactory instanceof LettuceConnectionFactory lettuce && lettuce.isClusterAware();
	}

	private static Mono<String> pingNode(ReactiveRedisClusterConnection connection, RedisClusterNode node) {
		// a failed node does not hold start-up: the cluster serves its slots elsewhere
		return node.isMarkedAsFail() ? Mono.empty() : connection.ping(node);
	}

	private Mono<Void> loadScripts(ReactiveRedisConnection connection) {
		// Lettuce sends SCRIPT LOAD to every node of a cluster
		return Flux.fromIterable(this.scripts)
			.flatMap((script) -> connection.scriptingCommands()
				.scriptLoad(ByteBuffer.wrap(script.getScriptAsString().getBytes(StandardCharsets.UTF_8))))
			.then();
	}

	@Override
	public void stop() {
		this.running = false;
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	@Override
	public int getPhase() {
		return PHASE;
	}

}
