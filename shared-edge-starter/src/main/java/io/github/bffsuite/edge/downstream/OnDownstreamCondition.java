package io.github.bffsuite.edge.downstream;

import java.util.Map;

import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * The condition of {@link ConditionalOnDownstream}.
 */
class OnDownstreamCondition extends SpringBootCondition {

	private static final Bindable<Map<String, EdgeDownstreamProperties.Service>> SERVICES = Bindable.mapOf(String.class,
			EdgeDownstreamProperties.Service.class);

	@Override
	public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
		Map<String, Object> attributes = metadata.getAnnotationAttributes(ConditionalOnDownstream.class.getName());
		String name = (attributes != null) ? (String) attributes.get("value") : null;
		boolean configured = name != null && Binder.get(context.getEnvironment())
			.bind("edge.downstream.services", SERVICES)
			.map((services) -> services.containsKey(name))
			.orElse(false);
		String message = "downstream '" + name + "'";
		return configured ? ConditionOutcome.match(message + " is configured")
				: ConditionOutcome.noMatch(message + " is not configured under edge.downstream.services");
	}

}
