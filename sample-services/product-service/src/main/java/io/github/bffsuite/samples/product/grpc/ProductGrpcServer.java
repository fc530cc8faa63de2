package io.github.bffsuite.samples.product.grpc;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.grpc.BindableService;
import io.grpc.Server;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.context.SmartLifecycle;

/**
 * A plain grpc-java server that starts and stops with the application context: a stop
 * refuses new calls, waits up to the grace period for calls in flight, then cancels the
 * rest.
 */
public class ProductGrpcServer implements SmartLifecycle {

	private static final Log logger = LogFactory.getLog(ProductGrpcServer.class);

	private final List<BindableService> services;

	private final ProductGrpcProperties properties;

	private volatile @Nullable Server server;

	ProductGrpcServer(List<BindableService> services, ProductGrpcProperties properties) {
		this.services = services;
		this.properties = properties;
	}

	@Override
	public void start() {
		NettyServerBuilder builder = NettyServerBuilder.forPort(this.properties.getPort())
			.maxInboundMessageSize(this.properties.getMaxInboundMessageSize());
		this.services.forEach(builder::addService);
		Server started = builder.build();
		try {
			started.start();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("gRPC server could not listen on port " + this.properties.getPort(), ex);
		}
		this.server = started;
		logger.info("gRPC server started on port " + started.getPort() + " (plaintext h2c)");
	}

	@Override
	public void stop() {
		Server running = this.server;
		if (running == null) {
			return;
		}
		running.shutdown();
		try {
			if (!running.awaitTermination(this.properties.getShutdownGracePeriod().toMillis(), TimeUnit.MILLISECONDS)) {
				running.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
			}
		}
		catch (InterruptedException ex) {
			running.shutdownNow();
			Thread.currentThread().interrupt();
		}
		this.server = null;
		logger.info("gRPC server stopped");
	}

	@Override
	public boolean isRunning() {
		return this.server != null;
	}

	/**
	 * Return the port the server listens on.
	 * @return the port, or -1 when not running
	 */
	public int getPort() {
		Server running = this.server;
		return (running != null) ? running.getPort() : -1;
	}

}
