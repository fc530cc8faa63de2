/**
 * Security filter chains, settings and dev-only properties of the sample issuer.
 */
@NullMarked
package io.github.bffsuite.samples.auth.config;

import org.jspecify.annotations.NullMarked;
