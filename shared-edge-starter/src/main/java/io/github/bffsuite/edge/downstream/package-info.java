/**
 * Named downstream services of a gateway.
 */
@NullMarked
package io.github.bffsuite.edge.downstream;

import org.jspecify.annotations.NullMarked;
