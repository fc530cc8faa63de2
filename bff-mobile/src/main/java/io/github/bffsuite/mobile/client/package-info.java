/**
 * Thin clients of the downstream services over the starter's named downstreams, and the
 * parts of their answers the screens use.
 */
@NullMarked
package io.github.bffsuite.mobile.client;

import org.jspecify.annotations.NullMarked;
