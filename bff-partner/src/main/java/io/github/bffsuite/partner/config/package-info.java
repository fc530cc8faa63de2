/**
 * Configuration of the partner gateway.
 */
@NullMarked
package io.github.bffsuite.partner.config;

import org.jspecify.annotations.NullMarked;
