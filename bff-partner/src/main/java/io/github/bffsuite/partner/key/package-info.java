/**
 * Self-service API key administration for partner admins.
 */
@NullMarked
package io.github.bffsuite.partner.key;

import org.jspecify.annotations.NullMarked;
