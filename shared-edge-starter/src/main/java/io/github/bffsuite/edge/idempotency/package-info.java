/**
 * Idempotency keys (IETF Idempotency-Key header): a retried unsafe request returns the
 * first response instead of running twice, in memory or across instances in Redis.
 */
@NullMarked
package io.github.bffsuite.edge.idempotency;

import org.jspecify.annotations.NullMarked;
