package io.github.bffsuite.bench;

import java.time.Duration;
import java.util.Map;

import io.github.bffsuite.edge.downstream.Aggregation;
import io.github.bffsuite.edge.downstream.EdgeDownstreamClients;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;

/**
 * An edge app with the starter whose {@code GET /agg} aggregates three calls to the
 * {@code backend} downstream that take 20, 40 and 80 ms, in parallel under one deadline.
 */
@SpringBootApplication
public class AggregationBenchApplication {

	public static void main(String[] args) {
		SpringApplication.run(AggregationBenchApplication.class, args);
	}

	@Bean
	RouterFunction<ServerResponse> aggregate(EdgeDownstreamClients clients) {
		WebClient backend = clients.webClient("backend");
		return RouterFunctions.route()
			.GET("/agg",
					(request) -> Aggregation.within(Duration.ofMillis(500))
						.required("user", backend.get().uri("/delay/20").retrieve().bodyToMono(Map.class))
						.optional("orders", backend.get().uri("/delay/40").retrieve().bodyToMono(Map.class))
						.optional("recommendations", backend.get().uri("/delay/80").retrieve().bodyToMono(Map.class))
						.run()
						.flatMap((result) -> ServerResponse.ok()
							.bodyValue(Map.of("sections", result.values(), "gaps", result.gaps()))))
			.build();
	}

}
