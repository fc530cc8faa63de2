/**
 * Dev-only RSA signing keys with rotation for the sample issuer.
 */
@NullMarked
package io.github.bffsuite.samples.auth.key;

import org.jspecify.annotations.NullMarked;
