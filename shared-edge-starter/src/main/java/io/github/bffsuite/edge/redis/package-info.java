/**
 * Redis shared by the edge stores: connections and scripts made ready before the gateway
 * takes traffic.
 */
@NullMarked
package io.github.bffsuite.edge.redis;

import org.jspecify.annotations.NullMarked;
