/**
 * Sample product-service: catalogue lookups, search with cursor pagination and
 * recommendations.
 */
@NullMarked
package io.github.bffsuite.samples.product;

import org.jspecify.annotations.NullMarked;
