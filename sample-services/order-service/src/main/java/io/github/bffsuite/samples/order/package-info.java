/**
 * Sample order-service: the caller's orders, idempotent creation, cancellation and
 * fulfilment events.
 */
@NullMarked
package io.github.bffsuite.samples.order;

import org.jspecify.annotations.NullMarked;
