package io.github.bffsuite.web.graphql;

import io.github.bffsuite.clients.ProductService;
import io.github.bffsuite.clients.UserService;

import java.util.List;

import org.springframework.boot.graphql.autoconfigure.GraphQlSourceBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.graphql.data.pagination.ConnectionFieldTypeVisitor;
import org.springframework.graphql.execution.BatchLoaderRegistry;
import org.springframework.graphql.execution.ConnectionTypeDefinitionConfigurer;
import org.springframework.security.config.annotation.method.configuration.EnableReactiveMethodSecurity;

/**
 * Wiring of the GraphQL API: batch loaders, Relay connections over {@link Page}, coded
 * errors, and method security for the scopes each operation needs ({@code @PreAuthorize}
 * with the {@code SCOPE_} authorities of the edge principal). graphql-ws connections are
 * authenticated by the starter ({@code EdgeWebSocketAuthenticationInterceptor}): a bearer
 * token in {@code connection_init} is required.
 */
@Configuration(proxyBeanMethods = false)
@EnableReactiveMethodSecurity
class GraphQlConfiguration {

	GraphQlConfiguration(BatchLoaderRegistry registry, UserService users, ProductService products) {
		BatchLoaders.register(registry, users, products);
	}

	@Bean
	GraphQlSourceBuilderCustomizer connectionsCustomizer() {
		return (builder) -> builder.configureTypeDefinitions(new ConnectionTypeDefinitionConfigurer())
			.typeVisitors(List.of(ConnectionFieldTypeVisitor.create(new PageConnectionAdapter())));
	}

	@Bean
	RequestMemoInterceptor requestMemoInterceptor() {
		return new RequestMemoInterceptor();
	}

	@Bean
	GraphQlErrors graphQlErrors() {
		return new GraphQlErrors();
	}

}
