/**
 * Backend and aggregating app of the gateway overhead benchmark.
 */
@NullMarked
package io.github.bffsuite.bench;

import org.jspecify.annotations.NullMarked;
