/**
 * JWT bearer tokens at the edge: validation with a cached, refresh-limited JWKS and its
 * auto-configuration.
 */
@NullMarked
package io.github.bffsuite.edge.security.jwt;

import org.jspecify.annotations.NullMarked;
