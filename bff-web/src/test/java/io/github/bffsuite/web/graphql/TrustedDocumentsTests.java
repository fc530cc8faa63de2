package io.github.bffsuite.web.graphql;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import graphql.ParseAndValidate;
import graphql.parser.Parser;
import graphql.schema.GraphQLSchema;
import org.junit.jupiter.api.Test;

import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.graphql.execution.ConnectionTypeDefinitionConfigurer;
import org.springframework.graphql.execution.GraphQlSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The trusted documents of bff-web ({@code graphql/trusted/*.graphql}, run by hash
 * through the starter's GraphQL guardrails) stay valid against the schema.
 */
class TrustedDocumentsTests {

	@Test
	void everyTrustedDocumentIsValidAgainstTheSchema() throws IOException {
		PathMatchingResourcePatternResolver resolver = new PathMatchingResourcePatternResolver();
		GraphQLSchema schema = GraphQlSource.schemaResourceBuilder()
			.schemaResources(resolver.getResources("classpath:graphql/*.graphqls"))
			.configureTypeDefinitions(new ConnectionTypeDefinitionConfigurer())
			.build()
			.schema();
		Resource[] documents = resolver.getResources("classpath:graphql/trusted/*.graphql");
		assertThat(documents).isNotEmpty();
		for (Resource document : documents) {
			String text = document.getContentAsString(StandardCharsets.UTF_8);
			assertThat(ParseAndValidate.validate(schema, Parser.parse(text))).as(document.getFilename()).isEmpty();
		}
	}

}
