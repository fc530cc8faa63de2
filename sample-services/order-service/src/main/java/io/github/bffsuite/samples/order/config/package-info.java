/**
 * Configuration properties and wiring of the order-service.
 */
@NullMarked
package io.github.bffsuite.samples.order.config;

import org.jspecify.annotations.NullMarked;
