/**
 * HTTP endpoints of the sample product-service.
 */
@NullMarked
package io.github.bffsuite.samples.product.web;

import org.jspecify.annotations.NullMarked;
