/**
 * The order screens: compact list, detail with product names joined in, and placing an
 * order.
 */
@NullMarked
package io.github.bffsuite.mobile.screen.orders;

import org.jspecify.annotations.NullMarked;
