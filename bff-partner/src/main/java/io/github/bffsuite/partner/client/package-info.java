/**
 * What the partner API adds to the declared service clients of
 * {@code io.github.bffsuite.clients}: the wording of service errors for partners, and how
 * products are read ({@link io.github.bffsuite.partner.client.ProductReader}: REST, or
 * gRPC with {@code edge.partner.products.transport=grpc}).
 */
@NullMarked
package io.github.bffsuite.partner.client;

import org.jspecify.annotations.NullMarked;
