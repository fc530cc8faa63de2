/**
 * The seeded, in-memory product catalogue of the sample product-service.
 */
@NullMarked
package io.github.bffsuite.samples.product.data;

import org.jspecify.annotations.NullMarked;
