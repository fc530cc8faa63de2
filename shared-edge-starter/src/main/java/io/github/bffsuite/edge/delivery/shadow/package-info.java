/**
 * Shadow traffic: a share of a route's requests copied, fire-and-forget, to a shadow
 * target.
 */
@NullMarked
package io.github.bffsuite.edge.delivery.shadow;

import org.jspecify.annotations.NullMarked;
