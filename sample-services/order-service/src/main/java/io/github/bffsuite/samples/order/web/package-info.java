/**
 * HTTP API of the order-service: listing, idempotent creation, cancellation and events.
 */
@NullMarked
package io.github.bffsuite.samples.order.web;

import org.jspecify.annotations.NullMarked;
