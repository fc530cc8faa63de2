/**
 * Order use cases: who may see or change which order, listing, creation and cancellation.
 */
@NullMarked
package io.github.bffsuite.samples.order.service;

import org.jspecify.annotations.NullMarked;
