/**
 * Configuration of the mobile gateway under {@code edge.mobile}.
 */
@NullMarked
package io.github.bffsuite.mobile.config;

import org.jspecify.annotations.NullMarked;
