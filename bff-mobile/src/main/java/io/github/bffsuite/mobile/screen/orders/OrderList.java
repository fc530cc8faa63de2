package io.github.bffsuite.mobile.screen.orders;

import java.util.List;

import io.github.bffsuite.mobile.screen.MissingSection;
import io.github.bffsuite.mobile.screen.Screen;
import org.jspecify.annotations.Nullable;

/**
 * A page of the order list screen.
 *
 * @param items the orders, newest first
 * @param next the cursor of the next page, absent on the last one
 * @param partial the sections left out
 */
public record OrderList(List<OrderCard> items, @Nullable String next, List<MissingSection> partial) implements Screen {

}
