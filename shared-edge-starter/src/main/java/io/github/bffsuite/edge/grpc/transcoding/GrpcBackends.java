package io.github.bffsuite.edge.grpc.transcoding;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.grpc.ManagedChannel;
import io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.NettyChannelBuilder;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.core.io.ResourceLoader;
import org.springframework.util.StringUtils;

/**
 * The gRPC services of {@code edge.grpc.services}: one {@link ManagedChannel} each
 * (connecting lazily, closed when the context closes) and the HTTP bindings read from
 * each service's descriptor set at start-up.
 */
public class GrpcBackends implements DisposableBean {

	private static final Log logger = LogFactory.getLog(GrpcBackends.class);

	private final Map<String, GrpcBackend> backends = new LinkedHashMap<>();

	GrpcBackends(EdgeGrpcProperties properties, ResourceLoader resources, @Nullable SslBundles sslBundles) {
		properties.getServices().forEach((name, settings) -> {
			if (!StringUtils.hasText(settings.getAddress())) {
				throw new IllegalStateException("edge.grpc.services." + name + ".address is not set");
			}
			if (!StringUtils.hasText(settings.getDescriptorSet())) {
				throw new IllegalStateException("edge.grpc.services." + name + ".descriptor-set is not set");
			}
			var files = DescriptorSets.read(resources.getResource(settings.getDescriptorSet()));
			GrpcBackend backend = new GrpcBackend(name, settings, channel(name, settings, sslBundles), files);
			if (backend.bindings().isEmpty()) {
				logger.warn("gRPC service '" + name + "': descriptor set " + settings.getDescriptorSet()
						+ " has no method with a google.api.http rule");
			}
			this.backends.put(name, backend);
		});
	}

	private static ManagedChannel channel(String name, EdgeGrpcProperties.Service settings,
			@Nullable SslBundles sslBundles) {
		NettyChannelBuilder builder = NettyChannelBuilder.forTarget(settings.getAddress())
			.maxInboundMessageSize((int) Math.min(Integer.MAX_VALUE, settings.getMaxMessageSize().toBytes()))
			.userAgent("bff-suite-edge");
		if (StringUtils.hasText(settings.getSslBundle())) {
			if (sslBundles == null) {
				throw new IllegalStateException("edge.grpc.services." + name + ".ssl-bundle is set but no SslBundles");
			}
			builder.sslContext(sslContext(sslBundles.getBundle(settings.getSslBundle())));
		}
		else if (settings.isPlaintext()) {
			builder.usePlaintext();
		}
		else {
			builder.useTransportSecurity();
		}
		return builder.build();
	}

	private static SslContext sslContext(SslBundle bundle) {
		try {
			SslContextBuilder builder = GrpcSslContexts.forClient()
				.keyManager(bundle.getManagers().getKeyManagerFactory())
				.trustManager(bundle.getManagers().getTrustManagerFactory());
			if (bundle.getOptions().getEnabledProtocols() != null) {
				builder.protocols(bundle.getOptions().getEnabledProtocols());
			}
			return builder.build();
		}
		catch (javax.net.ssl.SSLException ex) {
			throw new IllegalStateException("SSL bundle of a gRPC service is not usable", ex);
		}
	}

	/**
	 * Find a service.
	 * @param name the name under {@code edge.grpc.services}
	 * @return the service, or {@code null} when none has that name
	 */
	public @Nullable GrpcBackend get(String name) {
		return this.backends.get(name);
	}

	/**
	 * Return every service.
	 * @return the services
	 */
	public Collection<GrpcBackend> all() {
		return this.backends.values();
	}

	@Override
	public void destroy() throws InterruptedException {
		for (GrpcBackend backend : this.backends.values()) {
			backend.channel().shutdown();
		}
		for (GrpcBackend backend : this.backends.values()) {
			if (!backend.channel().awaitTermination(5, TimeUnit.SECONDS)) {
				backend.channel().shutdownNow();
			}
		}
	}

}
