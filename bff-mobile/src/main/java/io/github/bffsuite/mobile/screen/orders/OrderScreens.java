package io.github.bffsuite.mobile.screen.orders;

import java.util.ArrayList;
import java.util.List;

import io.github.bffsuite.clients.Order;
import io.github.bffsuite.clients.OrderService;
import io.github.bffsuite.clients.Product;
import io.github.bffsuite.edge.web.EdgeProblems;
import io.github.bffsuite.mobile.client.OrderPlacement;
import io.github.bffsuite.mobile.client.ServiceErrors;
import io.github.bffsuite.mobile.config.MobileProperties;
import io.github.bffsuite.mobile.screen.Deadline;
import io.github.bffsuite.mobile.screen.Images;
import io.github.bffsuite.mobile.screen.MissingSection;
import io.github.bffsuite.mobile.screen.Selection;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

/**
 * Builds the order screens: the orders from order-service, their products joined in from
 * product-service with one batch call when the fields asked for show a product's name or
 * thumbnail.
 */
@Service
public class OrderScreens {

	private final OrderService orders;

	private final OrderPlacement placement;

	private final ProductJoin join;

	private final Images images;

	private final MobileProperties properties;

	public OrderScreens(OrderService orders, OrderPlacement placement, ProductJoin join, Images images,
			MobileProperties properties) {
		this.orders = orders;
		this.placement = placement;
		this.join = join;
		this.images = images;
		this.properties = properties;
	}

	/**
	 * Build a page of the order list.
	 * @param cursor the cursor of the previous page, or {@code null}
	 * @param limit the page size
	 * @param fields the fields asked for
	 * @return the page
	 */
	public Mono<OrderList> list(@Nullable String cursor, int limit, Selection fields) {
		Deadline deadline = Deadline.in(this.properties.getDeadline());
		boolean withProducts = fields.selectsAnyOf(new String[] { "items", "product" }, "name", "thumb");
		return this.orders.list(null, cursor, limit)
			.timeout(deadline.remaining())
			.onErrorMap(ServiceErrors.about("The order list"))
			.flatMap((page) -> cards(page.items(), deadline, withProducts)
				.map((cards) -> new OrderList(cards.cards(), page.nextCursor(), cards.missing())));
	}

	/**
	 * Make the cards of orders, with their first products looked up in one call.
	 * @param orders the orders
	 * @param deadline the screen's deadline
	 * @param withProducts whether to look up the products' names and thumbnails; without,
	 * a card names its first product by id only and no call is made
	 * @return the cards, and the missing product section if the lookup failed
	 */
	public Mono<Cards> cards(List<Order> orders, Deadline deadline, boolean withProducts) {
		List<String> firstProducts = new ArrayList<>(orders.size());
		if (withProducts) {
			for (Order order : orders) {
				if (!order.items().isEmpty()) {
					firstProducts.add(order.items().get(0).productId());
				}
			}
		}
		return this.join.lookUp(firstProducts, deadline).map((joined) -> {
			List<OrderCard> cards = new ArrayList<>(orders.size());
			for (Order order : orders) {
				ProductRef product = order.items().isEmpty() ? null : ref(order.items().get(0).productId(),
						joined.products().get(order.items().get(0).productId()));
				cards.add(new OrderCard(order.id(), order.status().name(), order.totalCents(), itemCount(order),
						product));
			}
			return new Cards(cards, joined.missing());
		});
	}

	/**
	 * Build the detail of one of the caller's orders.
	 * @param id the order id
	 * @param fields the fields asked for
	 * @return the detail; another tenant's or user's order is a 404
	 */
	public Mono<OrderDetail> detail(String id, Selection fields) {
		Deadline deadline = Deadline.in(this.properties.getDeadline());
		boolean withProducts = fields.selectsAnyOf(new String[] { "items" }, "name", "thumb");
		return this.orders.get(id)
			.timeout(deadline.remaining())
			.onErrorMap(ServiceErrors.about("Order " + id))
			.flatMap((order) -> detail(order, deadline, withProducts));
	}

	/**
	 * Build the detail of an order.
	 * @param order the order
	 * @param deadline the screen's deadline
	 * @param withProducts whether to look up the products' names and thumbnails; without,
	 * the lines name their products by id only and no call is made
	 * @return the detail
	 */
	public Mono<OrderDetail> detail(Order order, Deadline deadline, boolean withProducts) {
		List<String> ids = withProducts ? order.items().stream().map(Order.Item::productId).toList() : List.of();
		return this.join.lookUp(ids, deadline).map((joined) -> {
			List<OrderLine> lines = order.items().stream().map((item) -> {
				Product product = joined.products().get(item.productId());
				return new OrderLine(item.productId(), (product != null) ? product.name() : null,
						(product != null) ? this.images.thumbnail(product.id()) : null, item.quantity(),
						item.unitPriceCents());
			}).toList();
			return new OrderDetail(order.id(), order.status().name(), order.totalCents(), order.createdAt(), lines,
					joined.missing());
		});
	}

	/**
	 * Place an order for the caller and build its detail.
	 * @param body the JSON body as the app sent it, checked by order-service
	 * @param idempotencyKey the app's idempotency key, which goes downstream too
	 * @return the detail of the order placed
	 */
	public Mono<OrderDetail> create(byte[] body, @Nullable String idempotencyKey) {
		if (idempotencyKey == null || idempotencyKey.isBlank()) {
			// the edge's idempotency filter answers first where it is bound;
			// order-service
			// needs the key either way
			return Mono.error(EdgeProblems.exception(HttpStatus.BAD_REQUEST, "idempotency-key-missing",
					"The Idempotency-Key header is required"));
		}
		Deadline deadline = Deadline.in(this.properties.getDeadline());
		return this.placement.place(idempotencyKey, body)
			.timeout(deadline.remaining())
			.onErrorMap(ServiceErrors.about("The order"))
			.flatMap((order) -> detail(order, deadline, true));
	}

	private static int itemCount(Order order) {
		return order.items().stream().mapToInt(Order.Item::quantity).sum();
	}

	private ProductRef ref(String productId, @Nullable Product product) {
		return (product != null) ? new ProductRef(productId, product.name(), this.images.thumbnail(productId))
				: new ProductRef(productId, null, null);
	}

	/**
	 * Order cards.
	 *
	 * @param cards the cards
	 * @param missing the missing product section, when the lookup failed
	 */
	public record Cards(List<OrderCard> cards, List<MissingSection> missing) {

	}

}
