/**
 * The product-service's gRPC API ({@code bffsuite.product.v1.ProductService}) over the
 * same catalogue as its REST API.
 */
@NullMarked
package io.github.bffsuite.samples.product.grpc;

import org.jspecify.annotations.NullMarked;
