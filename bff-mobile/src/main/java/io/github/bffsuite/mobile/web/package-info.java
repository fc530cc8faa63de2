/**
 * Thin controllers under {@code /mobile/v1} and what every screen response goes through:
 * field masks, ETags, the app-version gate.
 */
@NullMarked
package io.github.bffsuite.mobile.web;

import org.jspecify.annotations.NullMarked;
