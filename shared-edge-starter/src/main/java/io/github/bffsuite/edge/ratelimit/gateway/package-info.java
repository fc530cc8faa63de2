/**
 * Rate limits on Spring Cloud Gateway routes.
 */
@NullMarked
package io.github.bffsuite.edge.ratelimit.gateway;

import org.jspecify.annotations.NullMarked;
