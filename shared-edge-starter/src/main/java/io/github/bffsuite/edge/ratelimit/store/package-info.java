/**
 * Rate limit stores: an in-memory one per instance and a Redis one shared by instances.
 */
@NullMarked
package io.github.bffsuite.edge.ratelimit.store;

import org.jspecify.annotations.NullMarked;
