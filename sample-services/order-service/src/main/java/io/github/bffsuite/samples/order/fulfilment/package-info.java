/**
 * Simulated fulfilment that advances order statuses and publishes the changes.
 */
@NullMarked
package io.github.bffsuite.samples.order.fulfilment;

import org.jspecify.annotations.NullMarked;
