package io.github.bffsuite.mobile.client;

import io.github.bffsuite.edge.downstream.EdgeDownstreamClients;
import reactor.core.publisher.Mono;

import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * Calls to user-service.
 */
@Component
public class UserClient {

	private final WebClient users;

	public UserClient(EdgeDownstreamClients clients) {
		this.users = clients.webClient("user-service");
	}

	/**
	 * Return the caller, named by the identity headers the edge sends.
	 * @return the user
	 */
	public Mono<User> me() {
		return this.users.get().uri("/users/me").retrieve().bodyToMono(User.class);
	}

}
