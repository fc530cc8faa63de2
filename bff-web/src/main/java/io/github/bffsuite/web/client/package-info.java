/**
 * Thin clients of the sample services over the starter's named downstreams, and the
 * records their JSON maps to.
 */
@NullMarked
package io.github.bffsuite.web.client;

import org.jspecify.annotations.NullMarked;
