/**
 * Screen-shaped aggregates for the mobile app and what they share: compact cards and the
 * problem object of a missing section.
 */
@NullMarked
package io.github.bffsuite.mobile.screen;

import org.jspecify.annotations.NullMarked;
