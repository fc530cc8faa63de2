/**
 * What the mobile API adds to the declared service clients of
 * {@code io.github.bffsuite.clients}: its own order placement call and the wording of
 * service errors on its screens.
 */
@NullMarked
package io.github.bffsuite.mobile.client;

import org.jspecify.annotations.NullMarked;
