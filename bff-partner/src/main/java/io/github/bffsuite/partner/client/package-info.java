/**
 * What the partner API adds to the declared service clients of
 * {@code io.github.bffsuite.clients}: the wording of service errors for partners.
 */
@NullMarked
package io.github.bffsuite.partner.client;

import org.jspecify.annotations.NullMarked;
