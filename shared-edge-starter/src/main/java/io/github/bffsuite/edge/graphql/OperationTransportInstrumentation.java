package io.github.bffsuite.edge.graphql;

import java.util.List;
import java.util.Locale;

import graphql.GraphQLContext;
import graphql.execution.AbortExecutionException;
import graphql.execution.ExecutionContext;
import graphql.execution.instrumentation.Instrumentation;
import graphql.execution.instrumentation.InstrumentationState;
import graphql.execution.instrumentation.parameters.InstrumentationExecutionParameters;
import graphql.language.OperationDefinition;
import org.jspecify.annotations.Nullable;

/**
 * Refuses an operation its transport cannot carry, once graphql-java knows the operation
 * and before any of its fields runs:
 * <ul>
 * <li>a subscription sent for a single response (plain POST or GET, marked
 * {@link EdgeGraphQlHttpHandler#SINGLE_RESPONSE}): its events need a stream, GraphQL over
 * SSE (the same URL with {@code Accept: text/event-stream}) or graphql-ws. Spring for
 * GraphQL would serialise the subscription's {@code Publisher} as if it were data.
 * {@code SUBSCRIPTION_NEEDS_STREAM}, 406;</li>
 * <li>a query or mutation sent for an event stream (marked
 * {@link EdgeGraphQlSseHandler#EVENT_STREAM}): Spring for GraphQL's SSE handler serves
 * subscriptions only, and would run the operation and then throw its result away (a
 * mutation's effects included). {@code OPERATION_NOT_ALLOWED_OVER_SSE}, 400.</li>
 * </ul>
 * Operations over WebSocket are not marked and run as usual.
 */
public class OperationTransportInstrumentation implements Instrumentation {

	private final GraphQlGuardrailMetrics metrics;

	private final String needsStream;

	/**
	 * Create the instrumentation.
	 * @param metrics the metrics the refusals are counted in
	 * @param webSocketPath the path of the graphql-ws endpoint, {@code null} when there
	 * is none
	 */
	public OperationTransportInstrumentation(GraphQlGuardrailMetrics metrics, @Nullable String webSocketPath) {
		this.metrics = metrics;
		this.needsStream = "A subscription streams its events, so it cannot be answered with a single response: "
				+ "send it to the same URL with 'Accept: text/event-stream' (GraphQL over SSE)"
				+ ((webSocketPath != null) ? " or over graphql-ws at " + webSocketPath : "");
	}

	@Override
	public ExecutionContext instrumentExecutionContext(ExecutionContext executionContext,
			InstrumentationExecutionParameters parameters, @Nullable InstrumentationState state) {
		OperationDefinition.Operation operation = executionContext.getOperationDefinition().getOperation();
		GraphQLContext context = executionContext.getGraphQLContext();
		if (operation == OperationDefinition.Operation.SUBSCRIPTION
				&& context.getBoolean(EdgeGraphQlHttpHandler.SINGLE_RESPONSE, false)) {
			throw refuse(GraphQlRejection.SUBSCRIPTION_NEEDS_STREAM, this.needsStream);
		}
		if (operation != OperationDefinition.Operation.SUBSCRIPTION
				&& context.getBoolean(EdgeGraphQlSseHandler.EVENT_STREAM, false)) {
			throw refuse(GraphQlRejection.OPERATION_NOT_ALLOWED_OVER_SSE,
					"Only subscriptions may be sent with 'Accept: text/event-stream'; send a "
							+ operation.name().toLowerCase(Locale.ROOT)
							+ " with 'Accept: application/graphql-response+json'");
		}
		return executionContext;
	}

	private AbortExecutionException refuse(GraphQlRejection rejection, String message) {
		this.metrics.rejected(rejection);
		return new AbortExecutionException(List.of(new GraphQlRejectedException(rejection, message).toError()));
	}

}
