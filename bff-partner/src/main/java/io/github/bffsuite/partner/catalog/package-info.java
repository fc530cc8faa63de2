/**
 * The v2 catalogue read over gRPC: product-service's HTTP rules as transcoded routes and
 * their OpenAPI description.
 */
@NullMarked
package io.github.bffsuite.partner.catalog;

import org.jspecify.annotations.NullMarked;
