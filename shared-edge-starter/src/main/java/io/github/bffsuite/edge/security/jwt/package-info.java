/**
 * JWT validation with a cached, refresh-limited JWKS.
 */
@NullMarked
package io.github.bffsuite.edge.security.jwt;

import org.jspecify.annotations.NullMarked;
