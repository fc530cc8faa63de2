package io.github.bffsuite.bench.jwt;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * A reference row of the overhead benchmark: Spring Cloud Gateway with one route and
 * Spring Boot's own OAuth2 resource server (every request needs a valid JWT, checked
 * against {@code --spring.security.oauth2.resourceserver.jwt.jwk-set-uri}) and nothing
 * else. No identity headers, rate limits, metrics, tracing or access log: it shows what
 * Spring Security's JWT validation alone costs on this stack.
 */
@SpringBootApplication
public class JwtGatewayApplication {

	public static void main(String[] args) {
		SpringApplication.run(JwtGatewayApplication.class, args);
	}

}
