/**
 * The release a product-service instance plays (v1, a v2 canary) and the faults it
 * injects into its API, for the progressive delivery demo.
 */
@NullMarked
package io.github.bffsuite.samples.product.release;

import org.jspecify.annotations.NullMarked;
