package io.github.bffsuite.bench.jwt;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * A reference row of the overhead benchmark: Spring Cloud Gateway with one route and
 * Spring Boot's own OAuth2 resource server (every request needs a valid JWT, checked
 * against {@code --spring.security.oauth2.resourceserver.jwt.jwk-set-uri}) and nothing
 * else. No identity headers, rate limits, metrics, tracing or access log: it shows what
 * Spring Security's JWT validation alone costs on this stack. With a
 * {@code RequestRateLimiter} filter on the route (Redis on the class path gives SCG's
 * {@code RedisRateLimiter}, and its default key resolver is the principal's name), it is
 * the set-up the reference documentation shows: the benchmark's docs-peer row.
 */
@SpringBootApplication
public class JwtGatewayApplication {

	public static void main(String[] args) {
		SpringApplication.run(JwtGatewayApplication.class, args);
	}

}
