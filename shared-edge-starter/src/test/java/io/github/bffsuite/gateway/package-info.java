/**
 * A gateway application outside the starter's packages, as applications use the starter.
 */
@NullMarked
package io.github.bffsuite.gateway;

import org.jspecify.annotations.NullMarked;
