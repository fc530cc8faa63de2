/**
 * Edge rate limits: token bucket policies with quota windows, keyed on the caller, bound
 * to routes and handlers, in memory or in Redis.
 */
@NullMarked
package io.github.bffsuite.edge.ratelimit;

import org.jspecify.annotations.NullMarked;
