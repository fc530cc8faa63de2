package io.github.bffsuite.bench.graphql;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import graphql.ExecutionResult;
import graphql.GraphQL;
import graphql.language.Document;
import graphql.parser.Parser;
import graphql.schema.GraphQLSchema;
import graphql.schema.idl.RuntimeWiring;
import graphql.schema.idl.SchemaGenerator;
import graphql.schema.idl.SchemaParser;
import io.github.bffsuite.edge.graphql.DocumentAnalyzer;
import io.github.bffsuite.edge.graphql.EdgeGraphQlProperties;

import org.springframework.core.io.ClassPathResource;

/**
 * In one JVM and one thread, times what the guardrails add to an operation (the
 * {@link DocumentAnalyzer} walk over the cached document, and a parse when the document
 * is new) against graphql-java executing the same query from memory. Alternating batches,
 * best batch of each: a figure that holds better than HTTP throughput on a shared
 * machine.
 */
public final class GuardrailCostProbe {

	private static final int BATCH = 2000;

	private static final int BATCHES = 40;

	private GuardrailCostProbe() {
	}

	public static void main(String[] args) throws IOException {
		String query = args[0];
		String sdl = new ClassPathResource("graphql/schema.graphqls").getContentAsString(StandardCharsets.UTF_8);
		GraphQLSchema schema = new SchemaGenerator().makeExecutableSchema(new SchemaParser().parse(sdl),
				RuntimeWiring.newRuntimeWiring()
					.type("Query",
							(type) -> type.dataFetcher("orders",
									(env) -> GraphQlGuardrailsBenchApplication.orders(env.getArgument("first"))))
					.build());
		GraphQL graphQl = GraphQL.newGraphQL(schema).build();
		DocumentAnalyzer analyzer = new DocumentAnalyzer(new EdgeGraphQlProperties().getCost());
		Document document = Parser.parse(query);
		long execute = Long.MAX_VALUE;
		long analyze = Long.MAX_VALUE;
		long parse = Long.MAX_VALUE;
		long sink = 0;
		for (int batch = 0; batch < BATCHES; batch++) {
			long start = System.nanoTime();
			for (int i = 0; i < BATCH; i++) {
				ExecutionResult result = graphQl.execute(query);
				sink += result.getErrors().size();
			}
			execute = Math.min(execute, System.nanoTime() - start);
			start = System.nanoTime();
			for (int i = 0; i < BATCH; i++) {
				sink += analyzer.analyze(schema, document, null, Map.of()).cost();
			}
			analyze = Math.min(analyze, System.nanoTime() - start);
			start = System.nanoTime();
			for (int i = 0; i < BATCH; i++) {
				sink += Parser.parse(query).getDefinitions().size();
			}
			parse = Math.min(parse, System.nanoTime() - start);
		}
		System.out.printf("graphql-java parse+validate+execute  %8.2f us/operation%n", execute / 1e3 / BATCH);
		System.out.printf("guardrail analysis (cached document) %8.2f us/operation  (%.1f%% of execution)%n",
				analyze / 1e3 / BATCH, 100.0 * analyze / execute);
		System.out.printf("guardrail parse (new document only)  %8.2f us/operation  (%.1f%% of execution)%n",
				parse / 1e3 / BATCH, 100.0 * parse / execute);
		if (sink == 42) {
			System.out.println();
		}
	}

}
