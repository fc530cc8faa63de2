/**
 * Verification, in a service, of the identity a gateway signed for it (the
 * {@code Edge-Identity} header): identity headers that no valid signed identity vouches
 * for are refused, and a valid one replaces them.
 */
@NullMarked
package io.github.bffsuite.identity.verifier;

import org.jspecify.annotations.NullMarked;
