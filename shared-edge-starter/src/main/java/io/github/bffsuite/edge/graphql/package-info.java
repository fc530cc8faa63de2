/**
 * GraphQL guardrails for Spring for GraphQL applications: document limits and static cost
 * checked before execution, cost charged to the caller's rate limit bucket, trusted
 * documents, GET for queries and coded rejections.
 */
@NullMarked
package io.github.bffsuite.edge.graphql;

import org.jspecify.annotations.NullMarked;
