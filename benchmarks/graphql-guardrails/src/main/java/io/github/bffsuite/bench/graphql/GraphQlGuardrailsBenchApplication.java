package io.github.bffsuite.bench.graphql;

import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.graphql.execution.RuntimeWiringConfigurer;

/**
 * Serves a small order schema from memory behind the edge starter (JWT, rate limits,
 * GraphQL guardrails), so that the guardrails' cost per operation is all that differs
 * between a run with {@code edge.graphql.enabled=true} and one with {@code false}.
 */
@SpringBootApplication
public class GraphQlGuardrailsBenchApplication {

	private static final List<Map<String, Object>> ORDERS = IntStream.range(0, 100)
		.mapToObj((i) -> Map.<String, Object>of("id", "o-" + i, "status", "PAID", "total", 42 * i, "items",
				IntStream.range(0, 3)
					.mapToObj((j) -> Map.of("quantity", j + 1, "product",
							Map.of("id", "p-" + j, "name", "Product " + j, "price", 10 + j)))
					.toList()))
		.toList();

	public static void main(String[] args) {
		SpringApplication.run(GraphQlGuardrailsBenchApplication.class, args);
	}

	@Bean
	RuntimeWiringConfigurer benchWiring() {
		return (wiring) -> wiring.type("Query",
				(type) -> type.dataFetcher("orders", (env) -> orders(env.getArgument("first"))));
	}

	static List<Map<String, Object>> orders(Integer first) {
		return ORDERS.subList(0, Math.min(ORDERS.size(), (first != null) ? first : 20));
	}

}
