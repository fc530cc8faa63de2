package io.github.bffsuite.web.graphql;

import io.github.bffsuite.edge.security.jwt.EdgeJwtAuthenticationConverter;
import io.github.bffsuite.web.client.ProductClient;
import io.github.bffsuite.web.client.UserClient;

import java.util.List;

import org.springframework.boot.graphql.autoconfigure.GraphQlSourceBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.graphql.data.pagination.ConnectionFieldTypeVisitor;
import org.springframework.graphql.execution.BatchLoaderRegistry;
import org.springframework.graphql.execution.ConnectionTypeDefinitionConfigurer;
import org.springframework.graphql.server.support.BearerTokenAuthenticationExtractor;
import org.springframework.graphql.server.webflux.AuthenticationWebSocketInterceptor;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtReactiveAuthenticationManager;

/**
 * Wiring of the GraphQL API: batch loaders, Relay connections over {@link Page}, coded
 * errors, and bearer-token authentication of graphql-ws connections.
 */
@Configuration(proxyBeanMethods = false)
class GraphQlConfiguration {

	GraphQlConfiguration(BatchLoaderRegistry registry, UserClient users, ProductClient products) {
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

	/**
	 * Browsers cannot set headers on a WebSocket handshake, so a graphql-ws client sends
	 * {@code {"Authorization": "Bearer <token>"}} in its {@code connection_init} payload;
	 * the token is checked exactly like a bearer header (same decoder, audience,
	 * algorithms).
	 */
	@Bean
	AuthenticationWebSocketInterceptor webSocketAuthentication(ReactiveJwtDecoder decoder,
			EdgeJwtAuthenticationConverter converter) {
		JwtReactiveAuthenticationManager manager = new JwtReactiveAuthenticationManager(decoder);
		manager.setJwtAuthenticationConverter(converter);
		return new AuthenticationWebSocketInterceptor(new BearerTokenAuthenticationExtractor(), manager);
	}

}
