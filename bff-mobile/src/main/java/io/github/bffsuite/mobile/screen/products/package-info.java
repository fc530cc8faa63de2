/**
 * The product screens: detail and search.
 */
@NullMarked
package io.github.bffsuite.mobile.screen.products;

import org.jspecify.annotations.NullMarked;
