/**
 * Edge observability: access log, route and authentication metrics, resilience metrics.
 */
@NullMarked
package io.github.bffsuite.edge.observability;

import org.jspecify.annotations.NullMarked;
