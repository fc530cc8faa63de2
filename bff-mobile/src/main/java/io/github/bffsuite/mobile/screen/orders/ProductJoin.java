package io.github.bffsuite.mobile.screen.orders;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import io.github.bffsuite.clients.Product;
import io.github.bffsuite.clients.ProductService;
import io.github.bffsuite.edge.downstream.Aggregation;
import io.github.bffsuite.mobile.screen.Deadline;
import io.github.bffsuite.mobile.screen.MissingSection;
import reactor.core.publisher.Mono;

import org.springframework.stereotype.Component;

/**
 * Looks up the products named in orders with one batch call, within what is left of the
 * screen's deadline. When the lookup fails the orders are still shown, without product
 * names, and the screen lists the {@code orders.products} section as missing. The ids go
 * out sorted and without duplicates, so one set of products is always the same request
 * (one entry in a downstream response cache, whatever the order of the orders).
 */
@Component
public class ProductJoin {

	/** Name of the section the lookup fills. */
	public static final String SECTION = "orders.products";

	private final ProductService products;

	public ProductJoin(ProductService products) {
		this.products = products;
	}

	/**
	 * Look up products by id.
	 * @param ids the product ids
	 * @param deadline the screen's deadline
	 * @return the products found, or the missing section
	 */
	public Mono<Joined> lookUp(Collection<String> ids, Deadline deadline) {
		if (ids.isEmpty()) {
			return Mono.just(new Joined(Map.of(), List.of()));
		}
		return Aggregation.within(deadline.remainingForNested())
			.optional(SECTION, this.products.byIds(new TreeSet<>(ids)))
			.run()
			.map((result) -> new Joined(orEmpty(result.values().get(SECTION)),
					result.gaps().stream().map(MissingSection::of).toList()));
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Product> orEmpty(Object products) {
		return (products != null) ? (Map<String, Product>) products : Map.of();
	}

	/**
	 * Products looked up.
	 *
	 * @param products the products found by id
	 * @param missing the missing section, when the lookup failed
	 */
	public record Joined(Map<String, Product> products, List<MissingSection> missing) {

	}

}
