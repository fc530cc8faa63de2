package io.github.bffsuite.mobile.screen.products;

import java.util.List;

import io.github.bffsuite.mobile.screen.MissingSection;
import io.github.bffsuite.mobile.screen.ProductCard;
import io.github.bffsuite.mobile.screen.Screen;
import org.jspecify.annotations.Nullable;

/**
 * A page of product search results.
 *
 * @param items the products
 * @param next the cursor of the next page, absent on the last one
 * @param partial the sections left out
 */
public record ProductList(List<ProductCard> items, @Nullable String next,
		List<MissingSection> partial) implements Screen {

}
