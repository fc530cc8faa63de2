package io.github.bffsuite.samples.order.data;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;

import org.jspecify.annotations.Nullable;

import io.github.bffsuite.samples.support.Problems;

/**
 * Thread-safe in-memory orders with an index per user and per tenant, newest first.
 * Orders are immutable values; status changes replace them atomically.
 */
public class OrderStore {

	private final ConcurrentMap<String, Order> orders = new ConcurrentHashMap<>(32_768);

	private final ConcurrentMap<String, NavigableSet<OrderKey>> byUser = new ConcurrentHashMap<>();

	private final ConcurrentMap<String, NavigableSet<OrderKey>> byTenant = new ConcurrentHashMap<>();

	private final AtomicInteger lastId = new AtomicInteger();

	/**
	 * Create a store holding the given orders.
	 * @param seed the initial orders
	 */
	public OrderStore(Collection<Order> seed) {
		seed.forEach(this::add);
		seed.stream().mapToInt((order) -> number(order.id())).max().ifPresent(this.lastId::set);
	}

	/**
	 * Find an order by id.
	 * @param id the id
	 * @return the order, empty when unknown
	 */
	public Optional<Order> find(String id) {
		return Optional.ofNullable(this.orders.get(id));
	}

	/**
	 * Return how many orders exist.
	 * @return the count
	 */
	public int size() {
		return this.orders.size();
	}

	/**
	 * Place a new pending order with the next id.
	 * @param tenantId the tenant
	 * @param userId the user
	 * @param items the lines
	 * @param now the creation time
	 * @return the order
	 */
	public Order create(String tenantId, String userId, List<OrderItem> items, Instant now) {
		String id = "o-%05d".formatted(this.lastId.incrementAndGet());
		Order order = new Order(id, tenantId, userId, List.copyOf(items), Order.total(items), OrderStatus.PENDING, now,
				now);
		add(order);
		return order;
	}

	/**
	 * Return a page of orders, newest first.
	 * @param tenantId the tenant
	 * @param userId the user, or {@code null} for all orders of the tenant
	 * @param status the status to keep, or {@code null} for all
	 * @param after the key of the last order of the previous page, or {@code null}
	 * @param max the most orders to return
	 * @return the orders
	 */
	public List<Order> page(String tenantId, @Nullable String userId, @Nullable OrderStatus status,
			@Nullable OrderKey after, int max) {
		NavigableSet<OrderKey> index = (userId != null) ? this.byUser.get(userKey(tenantId, userId))
				: this.byTenant.get(tenantId);
		if (index == null) {
			return List.of();
		}
		List<Order> page = new ArrayList<>(max);
		for (OrderKey key : (after != null) ? index.tailSet(after, false) : index) {
			Order order = this.orders.get(key.id());
			if (order != null && (status == null || order.status() == status)) {
				page.add(order);
				if (page.size() == max) {
					break;
				}
			}
		}
		return page;
	}

	/**
	 * Count the orders of a user, or of a whole tenant, by status.
	 * @param tenantId the tenant
	 * @param userId the user, or {@code null} for the whole tenant
	 * @return the count of every status, zero included
	 */
	public Map<OrderStatus, Integer> countByStatus(String tenantId, @Nullable String userId) {
		Map<OrderStatus, Integer> counts = new EnumMap<>(OrderStatus.class);
		for (OrderStatus status : OrderStatus.values()) {
			counts.put(status, 0);
		}
		NavigableSet<OrderKey> index = (userId != null) ? this.byUser.get(userKey(tenantId, userId))
				: this.byTenant.get(tenantId);
		if (index != null) {
			for (OrderKey key : index) {
				Order order = this.orders.get(key.id());
				if (order != null) {
					counts.merge(order.status(), 1, Integer::sum);
				}
			}
		}
		return counts;
	}

	/**
	 * Move an order one fulfilment step forward, unless it is final.
	 * @param id the order id
	 * @param now when it happens
	 * @return the order after the change
	 */
	public Order advance(String id, Instant now) {
		return update(id, (order) -> order.status().isFinal() ? order : order.withStatus(order.status().next(), now));
	}

	/**
	 * Cancel an order that is pending or paid.
	 * @param id the order id
	 * @param now when it happens
	 * @return the cancelled order
	 */
	public Order cancel(String id, Instant now) {
		return update(id, (order) -> {
			if (!order.status().isCancellable()) {
				throw Problems.conflict("Order " + id + " is " + order.status() + " and can no longer be cancelled");
			}
			return order.withStatus(OrderStatus.CANCELLED, now);
		});
	}

	private Order update(String id, UnaryOperator<Order> change) {
		Order updated = this.orders.computeIfPresent(id, (key, order) -> change.apply(order));
		if (updated == null) {
			throw Problems.notFound("Order " + id);
		}
		return updated;
	}

	private void add(Order order) {
		OrderKey key = OrderKey.of(order);
		this.orders.put(order.id(), order);
		this.byUser.computeIfAbsent(userKey(order.tenantId(), order.userId()), (k) -> new ConcurrentSkipListSet<>())
			.add(key);
		this.byTenant.computeIfAbsent(order.tenantId(), (k) -> new ConcurrentSkipListSet<>()).add(key);
	}

	private static String userKey(String tenantId, String userId) {
		return tenantId + '/' + userId;
	}

	private static int number(String id) {
		return Integer.parseInt(id.substring(2));
	}

}
