/**
 * Progressive delivery at the edge: sticky weighted canaries on gateway routes, compared
 * per version and stepped up or rolled back automatically.
 */
@NullMarked
package io.github.bffsuite.edge.delivery;

import org.jspecify.annotations.NullMarked;
