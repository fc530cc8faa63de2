package io.github.bffsuite.partner.api;

import java.net.URI;
import java.util.function.Function;

import io.github.bffsuite.clients.NewOrder;
import io.github.bffsuite.clients.Order;
import io.github.bffsuite.clients.OrderService;
import io.github.bffsuite.partner.client.DownstreamAnswers;
import io.github.bffsuite.partner.config.PartnerProperties;
import io.github.bffsuite.partner.v1.OrderV1;
import io.github.bffsuite.partner.v2.OrderV2;
import io.github.bffsuite.partner.web.CreateOrderRequest;
import io.github.bffsuite.partner.web.PartnerPage;
import io.github.bffsuite.partner.web.PartnerRequests;
import io.github.bffsuite.partner.web.ProblemResponses;
import io.github.bffsuite.partner.web.Violations;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The tenant's orders, in every version of the partner API: one use case per operation,
 * and one mapping per version where the answer's shape differs (v1: decimal numbers and
 * epoch milliseconds, v2: money objects and RFC 3339 times). The version is the path's
 * {@code /partner/v<n>} segment, resolved by Spring's API versioning.
 */
@RestController
@RequestMapping(PartnerApiVersions.PATH + "/orders")
@Tag(name = "Orders", description = "The orders of the partner's tenant (scopes orders:read, orders:write)")
public class OrdersController {

	private static final String LIST = "List the tenant's orders";

	private static final String LIST_DESCRIPTION = "Newest first, a page at a time.";

	private static final String STATUS = "Only orders with this status";

	private static final String CURSOR = "nextCursor of the previous page";

	private static final String LIMIT = "Page size, 1 to 100 (default 20)";

	private static final String GET = "Get an order of the tenant";

	private static final String CREATE = "Place an order for the tenant";

	private static final String CREATE_DESCRIPTION = "Requires an Idempotency-Key: a retry with the same key and "
			+ "body returns the first response (Idempotent-Replayed: true); the same key with another body is a 422, "
			+ "a retry while the first is running a 409.";

	private static final String CREATED = "Placed; Location points at the order";

	private static final String IDEMPOTENCY_KEY = "Makes the request safe to retry: 1 to 255 characters, unique per "
			+ "order";

	private static final String CANCEL = "Cancel a pending or paid order of the tenant";

	private static final String CANCEL_DESCRIPTION = "409 once it has shipped.";

	private final OrderService orders;

	private final String currency;

	public OrdersController(OrderService orders, PartnerProperties properties) {
		this.orders = orders;
		this.currency = properties.getCurrency();
	}

	// The operation ids are the ones the documents have always had (springdoc's
	// de-duplicated method names), so that generated clients keep their method names.

	@GetMapping(version = "1")
	@Operation(operationId = "list", summary = LIST, description = LIST_DESCRIPTION)
	public Mono<PartnerPage<OrderV1>> listV1(
			@Parameter(description = STATUS) @RequestParam(required = false) @Nullable String status,
			@Parameter(description = CURSOR) @RequestParam(required = false) @Nullable String cursor,
			@Parameter(description = LIMIT) @RequestParam(required = false) @Nullable String limit) {
		return list(status, cursor, limit, OrderV1::of);
	}

	@GetMapping(version = "2")
	@Operation(operationId = "list", summary = LIST, description = LIST_DESCRIPTION)
	public Mono<PartnerPage<OrderV2>> listV2(
			@Parameter(description = STATUS) @RequestParam(required = false) @Nullable String status,
			@Parameter(description = CURSOR) @RequestParam(required = false) @Nullable String cursor,
			@Parameter(description = LIMIT) @RequestParam(required = false) @Nullable String limit) {
		return list(status, cursor, limit, this::v2);
	}

	@GetMapping(path = "/{id}", version = "1")
	@Operation(operationId = "get_1", summary = GET)
	@ProblemResponses(404)
	public Mono<OrderV1> getV1(@Parameter(example = "o-00042") @PathVariable String id) {
		return get(id, OrderV1::of);
	}

	@GetMapping(path = "/{id}", version = "2")
	@Operation(operationId = "get_1", summary = GET)
	@ProblemResponses(404)
	public Mono<OrderV2> getV2(@Parameter(example = "o-00042") @PathVariable String id) {
		return get(id, this::v2);
	}

	@PostMapping(version = "1")
	@Operation(operationId = "create", summary = CREATE, description = CREATE_DESCRIPTION)
	@ProblemResponses({ 409, 422 })
	@ApiResponse(responseCode = "201", description = CREATED, useReturnTypeSchema = true)
	public Mono<ResponseEntity<OrderV1>> createV1(
			@Parameter(description = IDEMPOTENCY_KEY, required = true) @RequestHeader(name = "Idempotency-Key",
					required = false) @Nullable String idempotencyKey,
			@RequestBody(required = false) @Nullable CreateOrderRequest body) {
		return create(idempotencyKey, body, "/partner/v1/orders/", OrderV1::of);
	}

	@PostMapping(version = "2")
	@Operation(operationId = "create", summary = CREATE, description = CREATE_DESCRIPTION)
	@ProblemResponses({ 409, 422 })
	@ApiResponse(responseCode = "201", description = CREATED, useReturnTypeSchema = true)
	public Mono<ResponseEntity<OrderV2>> createV2(
			@Parameter(description = IDEMPOTENCY_KEY, required = true) @RequestHeader(name = "Idempotency-Key",
					required = false) @Nullable String idempotencyKey,
			@RequestBody(required = false) @Nullable CreateOrderRequest body) {
		return create(idempotencyKey, body, "/partner/v2/orders/", this::v2);
	}

	@PostMapping(path = "/{id}/cancel", version = "1")
	@Operation(operationId = "cancel", summary = CANCEL, description = CANCEL_DESCRIPTION)
	@ProblemResponses({ 404, 409 })
	public Mono<OrderV1> cancelV1(@Parameter(example = "o-00042") @PathVariable String id) {
		return cancel(id, OrderV1::of);
	}

	@PostMapping(path = "/{id}/cancel", version = "2")
	@Operation(operationId = "cancel", summary = CANCEL, description = CANCEL_DESCRIPTION)
	@ProblemResponses({ 404, 409 })
	public Mono<OrderV2> cancelV2(@Parameter(example = "o-00042") @PathVariable String id) {
		return cancel(id, this::v2);
	}

	private <V> Mono<PartnerPage<V>> list(@Nullable String status, @Nullable String cursor, @Nullable String limit,
			Function<Order, V> view) {
		Violations violations = new Violations();
		String wanted = PartnerRequests.status(status, violations);
		int size = PartnerRequests.page(cursor, limit, violations);
		violations.throwIfAny();
		return this.orders.list(wanted, cursor, size)
			.onErrorMap(DownstreamAnswers::problem)
			.map((page) -> new PartnerPage<>(page.items().stream().map(view).toList(), page.nextCursor()));
	}

	private <V> Mono<V> get(String id, Function<Order, V> view) {
		PartnerRequests.orderId(id);
		return this.orders.get(id).onErrorMap(DownstreamAnswers::problem).map(view);
	}

	private <V> Mono<ResponseEntity<V>> create(@Nullable String idempotencyKey, @Nullable CreateOrderRequest body,
			String location, Function<Order, V> view) {
		CreateOrderRequest request = (body != null) ? body : new CreateOrderRequest(null);
		return Mono.fromSupplier(() -> PartnerRequests.lines(request.items()))
			.flatMap((lines) -> this.orders.place(PartnerRequests.downstreamKey(idempotencyKey), new NewOrder(lines))
				.onErrorMap(DownstreamAnswers::problem))
			.map((order) -> ResponseEntity.created(URI.create(location + order.id())).body(view.apply(order)));
	}

	private <V> Mono<V> cancel(String id, Function<Order, V> view) {
		PartnerRequests.orderId(id);
		return this.orders.cancel(id).onErrorMap(DownstreamAnswers::problem).map(view);
	}

	private OrderV2 v2(Order order) {
		return OrderV2.of(order, this.currency);
	}

}
