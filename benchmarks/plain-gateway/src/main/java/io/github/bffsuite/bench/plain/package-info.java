/**
 * Plain Spring Cloud Gateway baseline of the gateway overhead benchmark.
 */
@NullMarked
package io.github.bffsuite.bench.plain;

import org.jspecify.annotations.NullMarked;
