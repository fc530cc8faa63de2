/**
 * The GraphQL benchmark: a hand-written REST aggregate and the load driver.
 */
@NullMarked
package io.github.bffsuite.bench.graphql;

import org.jspecify.annotations.NullMarked;
