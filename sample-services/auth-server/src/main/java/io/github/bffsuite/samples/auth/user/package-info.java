/**
 * Dev-only demo users of the sample issuer, matching the suite's sample data.
 */
@NullMarked
package io.github.bffsuite.samples.auth.user;

import org.jspecify.annotations.NullMarked;
