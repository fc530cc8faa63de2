/**
 * Shared edge starter: auto-configuration for the suite's gateways.
 */
@NullMarked
package io.github.bffsuite.edge;

import org.jspecify.annotations.NullMarked;
