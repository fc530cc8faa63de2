/**
 * Orders, their deterministic seed and the thread-safe in-memory store.
 */
@NullMarked
package io.github.bffsuite.samples.order.data;

import org.jspecify.annotations.NullMarked;
