/**
 * API keys at the edge: hashing, stores, authentication and their auto-configuration.
 */
@NullMarked
package io.github.bffsuite.edge.security.apikey;

import org.jspecify.annotations.NullMarked;
