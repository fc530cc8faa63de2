/**
 * Spring Cloud Gateway with Spring Security JWT validation only: a reference row of the
 * gateway overhead benchmark.
 */
@NullMarked
package io.github.bffsuite.bench.jwt;

import org.jspecify.annotations.NullMarked;
