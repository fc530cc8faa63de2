package io.github.bffsuite.partner.v1;

import java.net.URI;

import io.github.bffsuite.partner.client.OrderServiceClient;
import io.github.bffsuite.partner.web.CreateOrderRequest;
import io.github.bffsuite.partner.web.PartnerPage;
import io.github.bffsuite.partner.web.ProblemResponses;
import io.github.bffsuite.partner.web.PartnerRequests;
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
 * The tenant's orders in version 1 of the partner API.
 */
@RestController
@RequestMapping("/partner/v1/orders")
@Tag(name = "Orders", description = "The orders of the partner's tenant (scopes orders:read, orders:write)")
public class OrdersV1Controller {

	private final OrderServiceClient orders;

	public OrdersV1Controller(OrderServiceClient orders) {
		this.orders = orders;
	}

	@GetMapping
	@Operation(summary = "List the tenant's orders", description = "Newest first, a page at a time.")
	public Mono<PartnerPage<OrderV1>> list(
			@Parameter(description = "Only orders with this status") @RequestParam(
					required = false) @Nullable String status,
			@Parameter(description = "nextCursor of the previous page") @RequestParam(
					required = false) @Nullable String cursor,
			@Parameter(description = "Page size, 1 to 100 (default 20)") @RequestParam(
					required = false) @Nullable String limit) {
		Violations violations = new Violations();
		String wanted = PartnerRequests.status(status, violations);
		int size = PartnerRequests.page(cursor, limit, violations);
		violations.throwIfAny();
		return this.orders.list(wanted, cursor, size)
			.map((page) -> new PartnerPage<>(page.items().stream().map(OrderV1::of).toList(), page.nextCursor()));
	}

	@GetMapping("/{id}")
	@Operation(summary = "Get an order of the tenant")
	@ProblemResponses(404)
	public Mono<OrderV1> get(@Parameter(example = "o-00042") @PathVariable String id) {
		PartnerRequests.orderId(id);
		return this.orders.get(id).map(OrderV1::of);
	}

	@PostMapping
	@Operation(summary = "Place an order for the tenant",
			description = "Requires an Idempotency-Key: a retry with the same key and body returns the first "
					+ "response (Idempotent-Replayed: true); the same key with another body is a 422, a retry "
					+ "while the first is running a 409.")
	@ProblemResponses({ 409, 422 })
	@ApiResponse(responseCode = "201", description = "Placed; Location points at the order", useReturnTypeSchema = true)
	public Mono<ResponseEntity<OrderV1>> create(
			@Parameter(description = "Makes the request safe to retry: 1 to 255 characters, unique per order",
					required = true) @RequestHeader(name = "Idempotency-Key",
							required = false) @Nullable String idempotencyKey,
			@RequestBody(required = false) @Nullable CreateOrderRequest body) {
		CreateOrderRequest request = (body != null) ? body : new CreateOrderRequest(null);
		return Mono.fromSupplier(() -> PartnerRequests.lines(request.items()))
			.flatMap((lines) -> this.orders.create(lines, PartnerRequests.downstreamKey(idempotencyKey)))
			.map((order) -> ResponseEntity.created(URI.create("/partner/v1/orders/" + order.id()))
				.body(OrderV1.of(order)));
	}

	@PostMapping("/{id}/cancel")
	@Operation(summary = "Cancel a pending or paid order of the tenant", description = "409 once it has shipped.")
	@ProblemResponses({ 404, 409 })
	public Mono<OrderV1> cancel(@Parameter(example = "o-00042") @PathVariable String id) {
		PartnerRequests.orderId(id);
		return this.orders.cancel(id).map(OrderV1::of);
	}

}
