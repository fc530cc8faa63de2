package io.github.bffsuite.samples.order.service;

import org.jspecify.annotations.Nullable;

import io.github.bffsuite.samples.order.data.Order;
import io.github.bffsuite.samples.support.Identity;
import io.github.bffsuite.samples.support.Problems;

/**
 * Who calls, as the gateway vouches for it: a user of a tenant, or a partner of a tenant
 * (client credentials or API key: {@code X-Tenant-ID} and {@code X-Client-ID} without
 * {@code X-User-ID}), who acts for the whole tenant.
 *
 * @param identity the identity headers
 * @param tenantId the tenant
 * @param userId the user, {@code null} for a partner
 */
public record Caller(Identity identity, String tenantId, @Nullable String userId) {

	/**
	 * Resolve the caller of a request, failing with 401 when the gateway vouched for no
	 * tenant, or for neither a user nor a client.
	 * @param identity the identity headers
	 * @return the caller
	 */
	public static Caller of(Identity identity) {
		String tenantId = identity.requireTenant();
		if (identity.userId() == null && identity.clientId() == null) {
			identity.requireUser();
		}
		return new Caller(identity, tenantId, identity.userId());
	}

	/**
	 * Return the user, failing with 401 for a partner.
	 * @return the user id
	 */
	public String requireUser() {
		return this.identity.requireUser();
	}

	/** Scope that lets a partner place and cancel orders for its tenant. */
	public static final String PARTNER_WRITE_SCOPE = "orders:write";

	/**
	 * Return who places or changes orders: the user, or a partner granted
	 * {@value #PARTNER_WRITE_SCOPE} (by its client id); fails with 401 for anyone else.
	 * @return the user id, or the partner's client id
	 */
	public String requireWriter() {
		if (this.userId == null && this.identity.clientId() != null && this.identity.hasScope(PARTNER_WRITE_SCOPE)) {
			return this.identity.clientId();
		}
		return this.identity.requireUser();
	}

	/**
	 * Whether this caller may change an order: its owner, or a partner of its tenant
	 * granted {@value #PARTNER_WRITE_SCOPE}.
	 * @param order the order
	 * @return whether it may change it
	 */
	public boolean canChange(Order order) {
		if (this.userId == null) {
			return order.tenantId().equals(this.tenantId) && this.identity.hasScope(PARTNER_WRITE_SCOPE);
		}
		return owns(order);
	}

	/**
	 * Whether this caller may see an order: its owner, or a partner of its tenant.
	 * @param order the order
	 * @return whether it is visible
	 */
	public boolean canSee(Order order) {
		return order.tenantId().equals(this.tenantId) && (this.userId == null || order.userId().equals(this.userId));
	}

	/**
	 * Whether this caller owns an order.
	 * @param order the order
	 * @return whether it is the owner
	 */
	public boolean owns(Order order) {
		return this.userId != null && order.tenantId().equals(this.tenantId) && order.userId().equals(this.userId);
	}

	/**
	 * Fail with 404 unless this caller may see the order.
	 * @param order the order
	 * @return the order
	 */
	public Order visible(Order order) {
		if (!canSee(order)) {
			throw Problems.notFound("Order " + order.id());
		}
		return order;
	}

}
