package io.github.bffsuite.bench.graphql;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import graphql.ParseAndValidate;
import graphql.language.Document;
import graphql.parser.Parser;
import graphql.parser.ParserEnvironment;
import graphql.parser.ParserOptions;
import graphql.schema.GraphQLSchema;
import graphql.schema.idl.RuntimeWiring;
import graphql.schema.idl.SchemaGenerator;
import graphql.schema.idl.SchemaParser;
import io.github.bffsuite.edge.graphql.DocumentAnalysis;
import io.github.bffsuite.edge.graphql.DocumentAnalyzer;
import io.github.bffsuite.edge.graphql.EdgeGraphQlProperties;

import org.springframework.core.io.ClassPathResource;

/**
 * Times graphql-java's validation of the worst documents the default limits let through
 * (what the guardrails hand over: the executed operation and its fragments), next to the
 * documents of the outside audit validated whole, as they were before. Prints the size of
 * each document, whether the default limits refuse it, and the best of several
 * validations in milliseconds. Target: at most 50 ms for a document the limits let
 * through, at any size up to the 64 KB limit.
 */
public final class ValidationTimeProbe {

	private ValidationTimeProbe() {
	}

	public static void main(String[] args) throws IOException {
		String sdl = new ClassPathResource("graphql/schema.graphqls").getContentAsString(StandardCharsets.UTF_8);
		GraphQLSchema schema = new SchemaGenerator().makeExecutableSchema(new SchemaParser().parse(sdl),
				RuntimeWiring.newRuntimeWiring().build());
		EdgeGraphQlProperties properties = new EdgeGraphQlProperties();
		DocumentAnalyzer analyzer = new DocumentAnalyzer(properties.getCost());
		Map<String, String> documents = new LinkedHashMap<>();
		documents.put("1000 duplicated fields", "{ orders(first: 1) { " + "id ".repeat(999) + "} }");
		String duplicated = "{ orders(first: 1) { " + "id ".repeat(999) + "} }";
		documents.put("the same, padded to 64 KB with a comment",
				duplicated + " #" + "x".repeat(64 * 1024 - duplicated.length() - 3));
		documents.put("99 fragments, 10 fields each, one level", fanOut(99, 10));
		documents.put("100 fragments, chains of 15", chains(100, 15));
		documents.put("10 unused operations of 1000 fields (not validated)", unusedOperations(10, 1000));
		documents.put("audit: chain of 150 fragments", chain(150));
		documents.put("audit: chain of 300 fragments", chain(300));
		ParserOptions options = ParserOptions.getDefaultOperationParserOptions()
			.transform((builder) -> builder.maxTokens(1_000_000).maxRuleDepth(10_000));
		System.out.printf("%-55s %8s %-32s %12s %12s%n", "document", "bytes", "default limits", "validate ms",
				"guardrail ms");
		for (Map.Entry<String, String> entry : documents.entrySet()) {
			String text = entry.getValue();
			Document document = Parser
				.parse(ParserEnvironment.newParserEnvironment().document(text).parserOptions(options).build());
			String operationName = text.startsWith("query Run") ? "Run" : null;
			DocumentAnalysis analysis = analyzer.analyze(schema, document, operationName, Map.of());
			String verdict = verdict(properties.getLimits(), analysis, text.getBytes(StandardCharsets.UTF_8).length);
			Document validated = (analysis.executable() != null) ? analysis.executable() : document;
			int rounds = entry.getKey().startsWith("audit") ? 1 : 10;
			long best = Long.MAX_VALUE;
			long guard = Long.MAX_VALUE;
			for (int i = 0; i < rounds; i++) {
				long start = System.nanoTime();
				int errors = ParseAndValidate.validate(schema, validated, Locale.ROOT).size();
				best = Math.min(best, System.nanoTime() - start + errors * 0L);
				start = System.nanoTime();
				analyzer.analyze(schema,
						Parser.parse(
								ParserEnvironment.newParserEnvironment().document(text).parserOptions(options).build()),
						operationName, Map.of());
				guard = Math.min(guard, System.nanoTime() - start);
			}
			System.out.printf("%-55s %8d %-32s %12.1f %12.1f%n", entry.getKey(), text.length(), verdict, best / 1e6,
					guard / 1e6);
		}
	}

	private static String verdict(EdgeGraphQlProperties.Limits limits, DocumentAnalysis analysis, long bytes) {
		if (bytes > limits.getDocumentSize().getMax().toBytes()) {
			return "refused: document size";
		}
		if (analysis.fragments() > limits.getFragments().getMax()) {
			return "refused: fragments " + analysis.fragments();
		}
		if (analysis.fragmentDepth() > limits.getFragmentDepth().getMax()) {
			return "refused: fragment depth " + analysis.fragmentDepth();
		}
		if (analysis.fields() > limits.getFields().getMax()) {
			return "refused: fields " + analysis.fields();
		}
		if (analysis.unusedDefinitions() > limits.getUnusedDefinitions().getMax()) {
			return "refused: unused " + analysis.unusedDefinitions();
		}
		return "let through";
	}

	/** An operation spreading each of n fragments, each selecting f fields of Order. */
	private static String fanOut(int n, int f) {
		StringBuilder document = new StringBuilder("{ orders(first: 1) {");
		for (int i = 0; i < n; i++) {
			document.append(" ...F").append(i);
		}
		document.append(" } }");
		for (int i = 0; i < n; i++) {
			document.append(" fragment F").append(i).append(" on Order { ").append("id ".repeat(f)).append("}");
		}
		return document.toString();
	}

	/** n fragments in chains of length c, each link selecting one field. */
	private static String chains(int n, int c) {
		StringBuilder document = new StringBuilder("{ orders(first: 1) {");
		for (int i = 0; i < n; i += c) {
			document.append(" ...F").append(i);
		}
		document.append(" } }");
		for (int i = 0; i < n; i++) {
			document.append(" fragment F").append(i).append(" on Order { id ");
			if ((i + 1) % c != 0 && i + 1 < n) {
				document.append("...F").append(i + 1);
			}
			document.append(" }");
		}
		return document.toString();
	}

	private static String unusedOperations(int n, int fields) {
		StringBuilder document = new StringBuilder("query Run { orders(first: 1) { id } }");
		for (int i = 0; i < n; i++) {
			document.append(" query U")
				.append(i)
				.append(" { orders(first: 1) { ")
				.append("id ".repeat(fields))
				.append("} }");
		}
		return document.toString();
	}

	/** The audit's document: a chain of n fragments, each spreading the next. */
	private static String chain(int n) {
		StringBuilder document = new StringBuilder("{ orders(first: 1) { ...F0 } }");
		for (int i = 0; i < n; i++) {
			document.append(" fragment F").append(i).append(" on Order { id ");
			if (i + 1 < n) {
				document.append("...F").append(i + 1);
			}
			document.append(" }");
		}
		return document.toString();
	}

}
