package io.github.bffsuite.partner.client;

/**
 * How the partner API reads products from product-service.
 */
public enum ProductTransport {

	/**
	 * product-service's REST API ({@code edge.downstream.services.product-service}).
	 */
	REST,

	/**
	 * product-service's gRPC API ({@code edge.grpc.services.product-service}).
	 */
	GRPC

}
