/**
 * Clients of the downstream services the partner API is built on.
 */
@NullMarked
package io.github.bffsuite.partner.client;

import org.jspecify.annotations.NullMarked;
