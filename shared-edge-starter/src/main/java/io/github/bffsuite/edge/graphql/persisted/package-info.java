/**
 * Trusted documents and automatic persisted queries: documents known by the SHA-256 hash
 * of their text, from files or registered by clients in memory or Redis.
 */
@NullMarked
package io.github.bffsuite.edge.graphql.persisted;

import org.jspecify.annotations.NullMarked;
