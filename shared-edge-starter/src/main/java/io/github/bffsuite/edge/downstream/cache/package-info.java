/**
 * Shared HTTP response cache for downstream GET calls, in memory or in Redis.
 */
@NullMarked
package io.github.bffsuite.edge.downstream.cache;

import org.jspecify.annotations.NullMarked;
