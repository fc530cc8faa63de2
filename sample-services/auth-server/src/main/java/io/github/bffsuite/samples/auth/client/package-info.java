/**
 * Dev-only registered OAuth2 clients of the sample issuer.
 */
@NullMarked
package io.github.bffsuite.samples.auth.client;

import org.jspecify.annotations.NullMarked;
