package io.github.bffsuite.edge.delivery.shadow;

import java.util.Map;

import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * Matches when at least one route is configured under
 * {@code edge.delivery.shadow.routes}: without one, shadow traffic adds nothing to the
 * gateway, not even a filter.
 */
class OnShadowRoutesCondition extends SpringBootCondition {

	private static final Bindable<Map<String, Object>> ROUTES = Bindable.mapOf(String.class, Object.class);

	@Override
	public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
		boolean configured = Binder.get(context.getEnvironment())
			.bind("edge.delivery.shadow.routes", ROUTES)
			.map((routes) -> !routes.isEmpty())
			.orElse(false);
		return configured ? ConditionOutcome.match("edge.delivery.shadow.routes has routes")
				: ConditionOutcome.noMatch("no route under edge.delivery.shadow.routes");
	}

}
