package io.github.bffsuite.edge.security;

import org.springframework.security.config.web.server.ServerHttpSecurity;

/**
 * Adds an authentication mechanism (or anything else) to the edge's security filter
 * chain, after its common settings, public paths and scope rules; the JWT and API key
 * mechanisms plug in this way.
 */
@FunctionalInterface
public interface EdgeSecurityCustomizer {

	/**
	 * Customize the chain being built.
	 * @param http the chain's builder
	 */
	void customize(ServerHttpSecurity http);

}
