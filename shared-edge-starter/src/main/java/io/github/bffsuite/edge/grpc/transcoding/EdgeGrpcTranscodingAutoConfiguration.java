package io.github.bffsuite.edge.grpc.transcoding;

import com.google.protobuf.util.JsonFormat;
import io.github.bffsuite.edge.identity.EdgeIdentitySigningProperties;
import io.github.bffsuite.edge.identity.IdentityTokenSigner;
import io.github.bffsuite.edge.web.EdgeWebProperties;
import io.grpc.ManagedChannel;
import io.grpc.netty.NettyChannelBuilder;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.cloud.gateway.filter.factory.AbstractGatewayFilterFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.core.io.ResourceLoader;

/**
 * Auto-configuration of REST/JSON to gRPC transcoding: the services of
 * {@code edge.grpc.services} with one managed channel each, and the {@code GrpcTranscode}
 * route filter. Active with grpc-java (grpc-netty), protobuf-java-util and Spring Cloud
 * Gateway on the classpath, unless {@code edge.grpc.transcoding.enabled} is
 * {@code false}.
 */
@AutoConfiguration(afterName = "io.github.bffsuite.edge.identity.EdgeIdentityAutoConfiguration")
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
@ConditionalOnClass({ ManagedChannel.class, NettyChannelBuilder.class, JsonFormat.class,
		AbstractGatewayFilterFactory.class })
@ConditionalOnBooleanProperty(name = "edge.grpc.transcoding.enabled", matchIfMissing = true)
@EnableConfigurationProperties({ EdgeGrpcProperties.class, EdgeWebProperties.class,
		EdgeIdentitySigningProperties.class })
public final class EdgeGrpcTranscodingAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	GrpcBackends grpcBackends(EdgeGrpcProperties properties, ResourceLoader resourceLoader,
			ObjectProvider<SslBundles> sslBundles) {
		return new GrpcBackends(properties, resourceLoader, sslBundles.getIfAvailable());
	}

	@Bean
	@ConditionalOnMissingBean
	GrpcTranscoder grpcTranscoder(EdgeGrpcProperties properties, EdgeWebProperties web,
			EdgeIdentitySigningProperties signing, ObjectProvider<IdentityTokenSigner> signer,
			ObjectProvider<MeterRegistry> meterRegistry) {
		GrpcMetadata metadata = new GrpcMetadata(web.getRequestId().getHeader(), signer.getIfAvailable(),
				signing.getHeader());
		return new GrpcTranscoder(properties.getTranscoding(), metadata, meterRegistry.getIfAvailable());
	}

	@Bean
	@ConditionalOnMissingBean
	GrpcTranscodeGatewayFilterFactory grpcTranscodeGatewayFilterFactory(GrpcBackends backends,
			GrpcTranscoder transcoder) {
		return new GrpcTranscodeGatewayFilterFactory(backends, transcoder);
	}

}
