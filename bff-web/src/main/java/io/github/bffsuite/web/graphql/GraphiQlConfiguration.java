package io.github.bffsuite.web.graphql;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.graphql.autoconfigure.GraphQlProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.core.io.ClassPathResource;
import org.springframework.graphql.server.webflux.GraphiQlHandler;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;

/**
 * GraphiQL served with its assets from the gateway's webjars instead of Spring for
 * GraphQL's stock page, which loads them from a public CDN. Switched by Spring Boot's own
 * {@code spring.graphql.graphiql.enabled} and ordered before Boot's route for the same
 * path, so the stock page is never reached.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnBooleanProperty("spring.graphql.graphiql.enabled")
class GraphiQlConfiguration {

	@Bean
	@Order(Ordered.HIGHEST_PRECEDENCE)
	RouterFunction<ServerResponse> graphiQlRouterFunction(GraphQlProperties properties) {
		GraphiQlHandler handler = new GraphiQlHandler(properties.getHttp().getPath(),
				properties.getWebsocket().getPath(), new ClassPathResource("graphiql/offline.html"));
		return RouterFunctions.route().GET(properties.getGraphiql().getPath(), handler::handleRequest).build();
	}

}
