/**
 * Benchmark application for the GraphQL guardrails.
 */
@NullMarked
package io.github.bffsuite.bench.graphql;

import org.jspecify.annotations.NullMarked;
