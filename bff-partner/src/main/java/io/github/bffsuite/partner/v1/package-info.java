/**
 * Version 1 of the partner API.
 */
@NullMarked
package io.github.bffsuite.partner.v1;

import org.jspecify.annotations.NullMarked;
