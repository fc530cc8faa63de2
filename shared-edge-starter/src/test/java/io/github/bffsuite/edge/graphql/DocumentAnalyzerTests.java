package io.github.bffsuite.edge.graphql;

import java.util.Map;

import graphql.language.OperationDefinition;
import graphql.parser.Parser;
import graphql.schema.GraphQLSchema;
import graphql.schema.idl.RuntimeWiring;
import graphql.schema.idl.SchemaGenerator;
import graphql.schema.idl.SchemaParser;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Measures of {@link DocumentAnalyzer} on a schema with plain lists and a Relay-style
 * connection.
 */
class DocumentAnalyzerTests {

	static final GraphQLSchema schema = new SchemaGenerator().makeExecutableSchema(new SchemaParser().parse("""
			type Query { me: User, orders(first: Int, after: String): OrderConnection, tags: [String!]! }
			type Mutation { cancel(id: ID!): Order }
			type User { id: ID!, friends(first: Int): [User!]! }
			type OrderConnection { edges: [OrderEdge!]!, pageInfo: PageInfo! }
			type OrderEdge { cursor: String!, node: Order! }
			type PageInfo { hasNextPage: Boolean! }
			type Order { id: ID!, items: [Item!]! }
			type Item { id: ID!, product: Product }
			type Product { id: ID!, name: String }
			"""), RuntimeWiring.MOCKED_WIRING);

	final EdgeGraphQlProperties.Cost cost = new EdgeGraphQlProperties.Cost();

	DocumentAnalysis analyze(String document, Map<String, Object> variables) {
		return new DocumentAnalyzer(this.cost).analyze(schema, Parser.parse(document), null, variables);
	}

	DocumentAnalysis analyze(String document) {
		return analyze(document, Map.of());
	}

	@Test
	void costsOnePerField() {
		DocumentAnalysis analysis = analyze("{ me { id } }");
		assertThat(analysis.cost()).isEqualTo(2);
		assertThat(analysis.operation()).isEqualTo(OperationDefinition.Operation.QUERY);
		assertThat(analysis.depth()).isEqualTo(2);
		assertThat(analysis.fields()).isEqualTo(2);
	}

	@Test
	void multipliesAListByItsSlicingArgumentOrTheDefaultListSize() {
		assertThat(analyze("{ me { friends(first: 3) { id } } }").cost()).isEqualTo(1 + 1 + 3);
		assertThat(analyze("{ me { friends { id } } }").cost()).isEqualTo(1 + 1 + 10);
		assertThat(analyze("query Q($n: Int) { me { friends(first: $n) { id } } }", Map.of("n", 7)).cost())
			.isEqualTo(1 + 1 + 7);
	}

	@Test
	void slicesAConnectionOnceAndMultipliesTheListsBelowItsNodes() {
		// orders: 1 + 20 * edges(1 + node(1 + id 1 + items(1 + 10 * (id 1 + product(1 +
		// name 1)))))
		DocumentAnalysis analysis = analyze(
				"{ orders(first: 20) { edges { node { id items { id product { name } } } } } }");
		assertThat(analysis.cost()).isEqualTo(1 + 20 * (1 + (1 + 1 + (1 + 10 * (1 + 2)))));
		assertThat(analysis.depth()).isEqualTo(6);
	}

	@Test
	void usesTheDefaultListSizeForAConnectionWithoutItsSlicingArgument() {
		assertThat(analyze("{ orders { edges { cursor } } }").cost()).isEqualTo(1 + 10 * (1 + 1));
	}

	@Test
	void appliesFieldCostOverrides() {
		this.cost.getFields().put("Query.me", 5L);
		assertThat(analyze("{ me { id } }").cost()).isEqualTo(6);
	}

	@Test
	void countsDuplicatedFieldsAliasesDirectivesAndRootFieldsThroughFragments() {
		DocumentAnalysis analysis = analyze("""
				query Q @skip(if: false) { a: me { ...F } b: me { id @include(if: true) } tags }
				fragment F on User { id id x: id }
				""");
		assertThat(analysis.fields()).isEqualTo(3 + 3 + 1);
		assertThat(analysis.aliases()).isEqualTo(3);
		assertThat(analysis.directives()).isEqualTo(2);
		assertThat(analysis.rootFields()).isEqualTo(3);
	}

	@Test
	void findsAFragmentCycleWithoutLoopingForever() {
		DocumentAnalysis analysis = analyze(
				"{ me { ...A } } fragment A on User { friends { ...B } } fragment B on User { id ...A }");
		assertThat(analysis.cycle()).isEqualTo("A");
	}

	@Test
	void stopsExpandingExponentialFragments() {
		StringBuilder document = new StringBuilder("{ me { ...F0 } }");
		for (int i = 0; i < 30; i++) {
			document.append(" fragment F")
				.append(i)
				.append(" on User { ...F")
				.append(i + 1)
				.append(" ...F")
				.append(i + 1)
				.append(" }");
		}
		document.append(" fragment F30 on User { id }");
		assertThat(analyze(document.toString()).fields()).isGreaterThan(DocumentAnalyzer.MAX_VISITS);
	}

	@Test
	void findsIntrospectionButNotTypename() {
		assertThat(analyze("{ __schema { types { name } } }").introspection()).isTrue();
		assertThat(analyze("{ me { __typename } }").introspection()).isFalse();
	}

	@Test
	void measuresIntrospectionLikeAnyOtherSelection() {
		DocumentAnalysis analysis = analyze(
				"{ __schema { types { fields { type { ofType { ofType { name } } } } } } }");
		assertThat(analysis.depth()).isEqualTo(7);
		assertThat(analysis.fields()).isEqualTo(7);
		// each field costs 1, and introspection's lists are not multiplied: it answers
		// from the schema in memory
		assertThat(analysis.cost()).isEqualTo(7);
	}

	@Test
	void letsGraphiQlsIntrospectionQueryThroughTheDefaultLimits() {
		DocumentAnalysis analysis = analyze(graphql.introspection.IntrospectionQuery.INTROSPECTION_QUERY);
		EdgeGraphQlProperties.Limits limits = new EdgeGraphQlProperties().getLimits();
		assertThat(analysis.introspection()).isTrue();
		assertThat(analysis.depth()).isLessThanOrEqualTo(limits.getDepth().getMax());
		assertThat(analysis.fields()).isLessThanOrEqualTo(limits.getFields().getMax());
		assertThat(analysis.cost()).isLessThanOrEqualTo(limits.getCost().getMax());
		assertThat(analysis.fragmentDepth()).isLessThanOrEqualTo(limits.getFragmentDepth().getMax());
	}

	@Test
	void measuresTheNamedOperationOnly() {
		DocumentAnalysis analysis = new DocumentAnalyzer(this.cost).analyze(schema,
				Parser.parse("query A { me { id } } mutation B { cancel(id: 1) { id } }"), "B", Map.of());
		assertThat(analysis.operation()).isEqualTo(OperationDefinition.Operation.MUTATION);
	}

}
