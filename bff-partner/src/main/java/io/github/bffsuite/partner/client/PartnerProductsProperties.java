package io.github.bffsuite.partner.client;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How the partner API's {@code /partner/v1|v2/products} endpoints read the catalogue.
 */
@ConfigurationProperties("edge.partner.products")
public class PartnerProductsProperties {

	/**
	 * Transport to product-service: rest (its REST API, through
	 * edge.downstream.services.product-service) or grpc (its gRPC API on the channel of
	 * edge.grpc.services.product-service, under the same downstream's circuit breaker,
	 * response timeout and retries). The answers are the same either way.
	 */
	private ProductTransport transport = ProductTransport.REST;

	/**
	 * Service of edge.grpc.services the grpc transport calls (its channel, address and
	 * TLS settings); the signed identity is for this audience.
	 */
	private String grpcService = "product-service";

	public ProductTransport getTransport() {
		return this.transport;
	}

	public void setTransport(ProductTransport transport) {
		this.transport = transport;
	}

	public String getGrpcService() {
		return this.grpcService;
	}

	public void setGrpcService(String grpcService) {
		this.grpcService = grpcService;
	}

}
