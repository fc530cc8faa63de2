package io.github.bffsuite.edge.security;

import java.util.Map;
import java.util.Set;

import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * Condition behind {@link ConditionalOnEdgeMechanism}.
 */
class OnEdgeMechanismCondition extends SpringBootCondition {

	@Override
	public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
		Map<String, Object> attributes = metadata.getAnnotationAttributes(ConditionalOnEdgeMechanism.class.getName());
		EdgeSecurityProperties.Mechanism required = (EdgeSecurityProperties.Mechanism) attributes.get("value");
		Set<EdgeSecurityProperties.Mechanism> enabled = Binder.get(context.getEnvironment())
			.bind("edge.security.mechanisms", Bindable.setOf(EdgeSecurityProperties.Mechanism.class))
			.orElse(Set.of(EdgeSecurityProperties.Mechanism.JWT));
		return enabled.contains(required) ? ConditionOutcome.match("edge.security.mechanisms includes " + required)
				: ConditionOutcome.noMatch("edge.security.mechanisms " + enabled + " lacks " + required);
	}

}
