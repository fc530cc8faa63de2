package io.github.bffsuite.web.graphql;

import io.github.bffsuite.clients.Order;
import io.github.bffsuite.clients.OrderService;
import io.github.bffsuite.clients.OrderStatus;
import io.github.bffsuite.clients.Product;
import io.github.bffsuite.clients.StatusEvent;
import io.github.bffsuite.clients.User;
import io.github.bffsuite.edge.identity.EdgePrincipal;
import io.github.bffsuite.web.client.RequestMemo;
import org.dataloader.DataLoader;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.graphql.data.method.annotation.SubscriptionMapping;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;

/**
 * The caller's orders: queries, mutations and the status subscription, with line-item
 * products and order users loaded in batches. order-service shows a user only their own
 * orders, so another tenant's order is {@code NOT_FOUND} here too.
 */
@Controller
class OrderController {

	private final OrderService orders;

	OrderController(OrderService orders) {
		this.orders = orders;
	}

	@PreAuthorize(Access.ORDERS_READ)
	@QueryMapping
	Mono<Order> order(@Argument String id) {
		String orderId = Ids.order(id, "id");
		return RequestMemo.once(OrderService.NAME + " get " + orderId, () -> this.orders.get(orderId));
	}

	@PreAuthorize(Access.ORDERS_READ)
	@QueryMapping
	Mono<Page<Order>> orders(@Argument @Nullable OrderStatus status, @Argument @Nullable Integer first,
			@Argument @Nullable String after) {
		String wanted = (status != null) ? status.name() : null;
		return Paging.page(first, after,
				(cursor, limit) -> RequestMemo.once(OrderService.NAME + " list " + wanted + "|" + cursor + "|" + limit,
						() -> this.orders.list(wanted, cursor, limit)));
	}

	@PreAuthorize(Access.ORDERS_WRITE)
	@MutationMapping
	Mono<Order> placeOrder(@Argument PlaceOrderInput input, @AuthenticationPrincipal EdgePrincipal principal) {
		Access.requireUser(principal);
		return this.orders.place(input.idempotencyKey(), input.validate());
	}

	@PreAuthorize(Access.ORDERS_WRITE)
	@MutationMapping
	Mono<Order> cancelOrder(@Argument String id, @AuthenticationPrincipal EdgePrincipal principal) {
		Access.requireUser(principal);
		return this.orders.cancel(Ids.order(id, "id"));
	}

	@PreAuthorize(Access.ORDERS_READ)
	@SubscriptionMapping
	Flux<StatusEvent> orderStatusChanged(@Argument String orderId) {
		return this.orders.statuses(Ids.order(orderId, "orderId"));
	}

	@SchemaMapping(typeName = "Order")
	Money total(Order order) {
		return Money.ofCents(order.totalCents(), Money.ORDER_CURRENCY);
	}

	@SchemaMapping(typeName = "Order")
	Mono<User> user(Order order, DataLoader<String, User> users) {
		return BatchLoaders.load(users, order.userId());
	}

	@SchemaMapping(typeName = "LineItem")
	Money unitPrice(Order.Item item) {
		return Money.ofCents(item.unitPriceCents(), Money.ORDER_CURRENCY);
	}

	@SchemaMapping(typeName = "LineItem")
	Money lineTotal(Order.Item item) {
		return Money.ofCents(item.unitPriceCents() * item.quantity(), Money.ORDER_CURRENCY);
	}

	@SchemaMapping(typeName = "LineItem")
	Mono<Product> product(Order.Item item, DataLoader<String, Product> products) {
		return BatchLoaders.load(products, item.productId());
	}

}
