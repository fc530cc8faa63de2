package io.github.bffsuite.samples.order.service;

import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import io.github.bffsuite.samples.order.data.Order;
import io.github.bffsuite.samples.order.data.OrderItem;
import io.github.bffsuite.samples.order.data.OrderKey;
import io.github.bffsuite.samples.order.data.OrderStatus;
import io.github.bffsuite.samples.order.data.OrderStore;
import io.github.bffsuite.samples.order.fulfilment.Fulfilment;
import io.github.bffsuite.samples.order.fulfilment.StatusChange;
import io.github.bffsuite.samples.order.product.ProductCatalogClient;
import io.github.bffsuite.samples.support.Problems;

/**
 * The order use cases, with the access rules: a user sees and changes only their own
 * orders; a partner sees the orders of its tenant and, granted {@code orders:write},
 * places orders and cancels its tenant's orders.
 */
public class OrderService {

	/** Most lines in one order. */
	public static final int MAX_LINES = 50;

	/** Most units of one line. */
	public static final int MAX_QUANTITY = 100;

	private static final Pattern ORDER_ID = Pattern.compile("o-\\d{5,9}");

	private static final Pattern PRODUCT_ID = Pattern.compile("p-(?!0000)\\d{4}");

	private final OrderStore store;

	private final ProductCatalogClient catalog;

	private final Fulfilment fulfilment;

	private final Clock clock;

	public OrderService(OrderStore store, ProductCatalogClient catalog, Fulfilment fulfilment, Clock clock) {
		this.store = store;
		this.catalog = catalog;
		this.fulfilment = fulfilment;
		this.clock = clock;
	}

	/**
	 * Return a page of the caller's orders (a partner's: its tenant's), newest first.
	 * @param caller the caller
	 * @param status the status to keep, or {@code null}
	 * @param after the position after which the page starts, or {@code null}
	 * @param limit the page size
	 * @return the orders, and whether more follow
	 */
	public Mono<Page> list(Caller caller, @Nullable OrderStatus status, @Nullable OrderKey after, int limit) {
		return Mono.fromSupplier(() -> {
			List<Order> orders = this.store.page(caller.tenantId(), caller.userId(), status, after, limit + 1);
			boolean more = orders.size() > limit;
			return new Page(more ? orders.subList(0, limit) : orders, more);
		});
	}

	/**
	 * Count the caller's orders (a partner's: its tenant's) by status.
	 * @param caller the caller
	 * @return the count of every status
	 */
	public Mono<Map<OrderStatus, Integer>> counts(Caller caller) {
		return Mono.fromSupplier(() -> this.store.countByStatus(caller.tenantId(), caller.userId()));
	}

	/**
	 * Return an order the caller may see, else 404.
	 * @param caller the caller
	 * @param id the order id
	 * @return the order
	 */
	public Mono<Order> get(Caller caller, String id) {
		return Mono.fromSupplier(() -> caller.visible(find(id)));
	}

	/**
	 * Check a new order without placing it, so that invalid bodies fail before anything
	 * else happens.
	 * @param request the body
	 * @return the lines, checked
	 */
	public List<NewOrder.Line> validate(NewOrder request) {
		List<NewOrder.@Nullable Line> lines = request.items();
		if (lines == null || lines.isEmpty() || lines.size() > MAX_LINES) {
			throw Problems.badRequest("items must hold between 1 and " + MAX_LINES + " lines");
		}
		for (int i = 0; i < lines.size(); i++) {
			NewOrder.Line line = lines.get(i);
			if (line == null) {
				throw Problems.badRequest("items[" + i + "] must be an object");
			}
			if (line.productId() == null || !PRODUCT_ID.matcher(line.productId()).matches()) {
				throw Problems.badRequest("items[" + i + "].productId must look like p-0001");
			}
			if (line.quantity() == null || line.quantity() < 1 || line.quantity() > MAX_QUANTITY) {
				throw Problems.badRequest("items[" + i + "].quantity must be between 1 and " + MAX_QUANTITY);
			}
		}
		return lines.stream().map(Objects::requireNonNull).toList();
	}

	/**
	 * Place an order for the calling user at product-service's current prices, and start
	 * its fulfilment.
	 * @param caller the caller, a user
	 * @param lines the lines, already {@link #validate(NewOrder) validated}
	 * @return the order
	 */
	public Mono<Order> create(Caller caller, List<NewOrder.Line> lines) {
		String userId = caller.requireWriter();
		Set<String> productIds = new LinkedHashSet<>();
		lines.forEach((line) -> productIds.add(Objects.requireNonNull(line.productId())));
		return this.catalog.prices(productIds).map((prices) -> {
			List<String> unknown = productIds.stream().filter((id) -> !prices.containsKey(id)).toList();
			if (!unknown.isEmpty()) {
				throw Problems.badRequest("Unknown product(s): " + String.join(", ", unknown));
			}
			List<OrderItem> items = lines.stream().map((line) -> item(line, prices)).toList();
			Order order = this.store.create(caller.tenantId(), userId, items,
					this.clock.instant().truncatedTo(ChronoUnit.MILLIS));
			this.fulfilment.start(order.id());
			return order;
		});
	}

	/**
	 * Cancel an order of the calling user that is pending or paid (409 otherwise).
	 * @param caller the caller, a user
	 * @param id the order id
	 * @return the cancelled order
	 */
	public Mono<Order> cancel(Caller caller, String id) {
		return Mono.fromSupplier(() -> {
			caller.requireWriter();
			Order order = find(id);
			if (!caller.canChange(order)) {
				throw Problems.notFound("Order " + id);
			}
			return this.fulfilment.cancel(id);
		});
	}

	/**
	 * Stream the status of an order the caller may see: the current one, then each change
	 * until it is final.
	 * @param caller the caller
	 * @param id the order id
	 * @return the changes
	 */
	public Mono<Flux<StatusChange>> events(Caller caller, String id) {
		return get(caller, id).map(this.fulfilment::watch);
	}

	private Order find(String id) {
		if (!ORDER_ID.matcher(id).matches()) {
			throw Problems.badRequest("Order id must look like o-00001");
		}
		return this.store.find(id).orElseThrow(() -> Problems.notFound("Order " + id));
	}

	private static OrderItem item(NewOrder.Line line, Map<String, Long> prices) {
		String productId = Objects.requireNonNull(line.productId());
		return new OrderItem(productId, Objects.requireNonNull(line.quantity()),
				Objects.requireNonNull(prices.get(productId)));
	}

	/**
	 * A page of orders.
	 *
	 * @param orders the orders, newest first
	 * @param more whether more orders follow the last one
	 */
	public record Page(List<Order> orders, boolean more) {

	}

}
