package io.github.bffsuite.samples.product.data;

import java.util.List;

/**
 * One slice of a search, in id order.
 *
 * @param items the products of the slice
 * @param hasMore whether more products match after the last one
 */
public record ProductSlice(List<Product> items, boolean hasMore) {

	public ProductSlice {
		items = List.copyOf(items);
	}

}
