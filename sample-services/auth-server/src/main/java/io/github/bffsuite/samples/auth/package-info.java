/**
 * Sample dev-only OAuth2/OIDC issuer for the suite, built on Spring Authorization Server.
 */
@NullMarked
package io.github.bffsuite.samples.auth;

import org.jspecify.annotations.NullMarked;
