/**
 * Token customisation and refresh-token support for public clients.
 */
@NullMarked
package io.github.bffsuite.samples.auth.token;

import org.jspecify.annotations.NullMarked;
