/**
 * API keys: hashing, stores and authentication.
 */
@NullMarked
package io.github.bffsuite.edge.security.apikey;

import org.jspecify.annotations.NullMarked;
