package io.github.bffsuite.partner.client;

import java.time.Duration;

import io.github.bffsuite.clients.ProductService;
import io.github.bffsuite.edge.downstream.EdgeDownstreamClients;
import io.github.bffsuite.edge.downstream.EdgeDownstreamProperties;
import io.github.bffsuite.edge.grpc.transcoding.GrpcBackend;
import io.github.bffsuite.edge.grpc.transcoding.GrpcBackends;
import io.github.bffsuite.edge.identity.EdgeIdentitySigningProperties;
import io.github.bffsuite.edge.identity.IdentityTokenSigner;
import io.github.bffsuite.edge.web.EdgeWebProperties;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The {@link ProductReader} of the partner API, by
 * {@code edge.partner.products.transport}: {@code rest} (default) or {@code grpc}.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(PartnerProductsProperties.class)
class ProductReaderConfiguration {

	private static final String TRANSPORT = "edge.partner.products.transport";

	private static final Duration DEADLINE_MARGIN = Duration.ofSeconds(1);

	@Bean
	@ConditionalOnMissingBean(ProductReader.class)
	@ConditionalOnProperty(name = TRANSPORT, havingValue = "rest", matchIfMissing = true)
	RestProductReader restProductReader(ProductService products) {
		return new RestProductReader(products);
	}

	@Bean
	@ConditionalOnMissingBean(ProductReader.class)
	@ConditionalOnProperty(name = TRANSPORT, havingValue = "grpc")
	GrpcProductReader grpcProductReader(PartnerProductsProperties properties, GrpcBackends backends,
			EdgeDownstreamClients clients, EdgeDownstreamProperties downstreams, EdgeWebProperties web,
			EdgeIdentitySigningProperties signing, ObjectProvider<IdentityTokenSigner> signer) {
		GrpcBackend backend = backends.get(properties.getGrpcService());
		if (backend == null) {
			throw new IllegalStateException(TRANSPORT + "=grpc needs edge.grpc.services." + properties.getGrpcService()
					+ ".address and .descriptor-set");
		}
		EdgeDownstreamProperties.Service service = downstreams.getServices().get(ProductService.NAME);
		// the edge's response timeout decides (a 504 'timeout' as for REST, and the call
		// cancelled); the deadline the service is told is a little longer, a backstop
		Duration timeout = (service != null) ? service.getResponseTimeout() : Duration.ofSeconds(3);
		Duration deadline = timeout.plus(DEADLINE_MARGIN);
		GrpcIdentityMetadata metadata = new GrpcIdentityMetadata(web.getRequestId().getHeader(),
				signer.getIfAvailable(), signing.getHeader());
		return new GrpcProductReader(backend.channel(), backend.name(), clients.downstream(ProductService.NAME),
				metadata, deadline);
	}

}
