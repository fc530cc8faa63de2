/**
 * East-west client of product-service for current product prices.
 */
@NullMarked
package io.github.bffsuite.samples.order.product;

import org.jspecify.annotations.NullMarked;
