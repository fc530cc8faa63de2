package io.github.bffsuite.edge.delivery;

import java.util.Map;

import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * The condition of {@link ConditionalOnCanaries}.
 */
class OnCanariesCondition extends SpringBootCondition {

	private static final Bindable<Map<String, EdgeCanaryProperties.Canary>> CANARIES = Bindable.mapOf(String.class,
			EdgeCanaryProperties.Canary.class);

	@Override
	public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
		boolean configured = Binder.get(context.getEnvironment())
			.bind("edge.delivery.canaries", CANARIES)
			.map((canaries) -> !canaries.isEmpty())
			.orElse(false);
		return configured ? ConditionOutcome.match("canaries are configured under edge.delivery.canaries")
				: ConditionOutcome.noMatch("no canary is configured under edge.delivery.canaries");
	}

}
