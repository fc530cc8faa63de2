/**
 * The home screen: user summary, latest orders, recommendations and badges in one
 * response.
 */
@NullMarked
package io.github.bffsuite.mobile.screen.home;

import org.jspecify.annotations.NullMarked;
