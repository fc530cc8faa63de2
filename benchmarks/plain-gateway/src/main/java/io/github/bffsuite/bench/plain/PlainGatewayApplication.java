package io.github.bffsuite.bench.plain;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The benchmark's baseline: Spring Cloud Gateway with one route given as properties
 * ({@code --spring.cloud.gateway.server.webflux.routes[0]...}) and nothing else.
 */
@SpringBootApplication
public class PlainGatewayApplication {

	public static void main(String[] args) {
		SpringApplication.run(PlainGatewayApplication.class, args);
	}

}
