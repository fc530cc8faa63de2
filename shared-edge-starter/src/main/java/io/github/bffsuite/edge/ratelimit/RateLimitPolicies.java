package io.github.bffsuite.edge.ratelimit;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.github.bffsuite.edge.identity.EdgePrincipal;
import org.jspecify.annotations.Nullable;

/**
 * The configured policies and plans, validated at startup, and the expansion of a list of
 * policy references (where {@value #PLAN} stands for the caller's plan) into policies.
 */
public class RateLimitPolicies {

	/** The reference that stands for the policies of the caller's plan. */
	public static final String PLAN = "plan";

	/** The plan of callers without a plan or with an unlisted one. */
	public static final String DEFAULT_PLAN = "default";

	private final Map<String, RateLimitPolicy> policies;

	private final Map<String, List<RateLimitPolicy>> plans;

	public RateLimitPolicies(EdgeRateLimitProperties properties) {
		Map<String, RateLimitPolicy> policies = new LinkedHashMap<>();
		properties.getPolicies().forEach((name, policy) -> {
			if (PLAN.equals(name)) {
				throw new IllegalArgumentException("'plan' is reserved and cannot name a rate limit policy");
			}
			policies.put(name, policy(name, policy));
		});
		this.policies = Map.copyOf(policies);
		Map<String, List<RateLimitPolicy>> plans = new LinkedHashMap<>();
		properties.getPlans()
			.forEach(
					(plan, names) -> plans.put(plan, names.stream().map((name) -> get(name, "plan " + plan)).toList()));
		this.plans = Map.copyOf(plans);
		for (EdgeRateLimitProperties.Binding binding : properties.getBindings()) {
			check(binding.getPolicies(), "binding " + binding.getPattern());
		}
	}

	private static RateLimitPolicy policy(String name, EdgeRateLimitProperties.Policy policy) {
		List<RateLimitPolicy.Quota> quotas = policy.getQuotas()
			.stream()
			.map((quota) -> new RateLimitPolicy.Quota(quota.getLimit(), quota.getWindow()))
			.toList();
		return new RateLimitPolicy(name, policy.getCapacity(), policy.getRefillTokens(), policy.getRefillPeriod(),
				quotas, policy.getKey(), policy.getOnRedisFailure(), policy.getCost());
	}

	/**
	 * Fail when a reference names no policy.
	 * @param references the policy references
	 * @param where where they are used, for the message
	 */
	public void check(List<String> references, String where) {
		for (String reference : references) {
			if (!PLAN.equals(reference)) {
				get(reference, where);
			}
		}
	}

	/**
	 * Return a policy by name.
	 * @param name the name
	 * @param where where it is used, for the message
	 * @return the policy
	 */
	public RateLimitPolicy get(String name, String where) {
		RateLimitPolicy policy = this.policies.get(name);
		if (policy == null) {
			throw new IllegalArgumentException("Unknown rate limit policy '" + name + "' in " + where
					+ "; known policies: " + this.policies.keySet());
		}
		return policy;
	}

	/**
	 * Expand references into policies for a caller.
	 * @param references the references
	 * @param principal the caller, {@code null} when anonymous
	 * @return the policies, or {@code null} when {@value #PLAN} is referenced and no plan
	 * applies to the caller
	 */
	public @Nullable List<RateLimitPolicy> resolve(List<String> references, @Nullable EdgePrincipal principal) {
		List<RateLimitPolicy> resolved = new ArrayList<>(references.size() + 1);
		for (String reference : references) {
			if (PLAN.equals(reference)) {
				List<RateLimitPolicy> plan = plan(principal);
				if (plan == null) {
					return null;
				}
				resolved.addAll(plan);
			}
			else {
				resolved.add(get(reference, "request"));
			}
		}
		return resolved;
	}

	private @Nullable List<RateLimitPolicy> plan(@Nullable EdgePrincipal principal) {
		String plan = (principal != null) ? principal.plan() : null;
		List<RateLimitPolicy> policies = (plan != null) ? this.plans.get(plan) : null;
		return (policies != null) ? policies : this.plans.get(DEFAULT_PLAN);
	}

}
