package io.github.bffsuite.web.client;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.github.bffsuite.edge.downstream.EdgeDownstreamClients;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.web.reactive.function.client.WebClient;

/**
 * Calls user-service, which answers only for users of the caller's tenant.
 */
public class UserClient {

	/** Logical name of the downstream. */
	public static final String SERVICE = "user-service";

	private final WebClient client;

	public UserClient(EdgeDownstreamClients clients) {
		this.client = clients.webClient(SERVICE);
	}

	/**
	 * Look users up by id with {@code GET /users?ids=}, at most 100 ids per call; users
	 * of other tenants and unknown ids are absent from the result.
	 * @param ids the ids
	 * @return the users found, by id
	 */
	public Mono<Map<String, User>> byIds(Collection<String> ids) {
		return Flux.fromIterable(Batches.of(ids))
			.concatMap(
					(batch) -> RequestMemo.once(SERVICE + " /users?ids=" + batch,
							() -> ServiceErrors.checked(this.client.get()
								.uri((uri) -> uri.path("/users").queryParam("ids", String.join(",", batch)).build())
								.retrieve(), SERVICE).bodyToMono(Users.class)))
			.collect(LinkedHashMap::new, (map, users) -> users.users().forEach((user) -> map.put(user.id(), user)));
	}

	record Users(List<User> users) {

	}

	/**
	 * Splits ids into batches the services accept.
	 */
	static final class Batches {

		static final int MAX = 100;

		private Batches() {
		}

		static List<List<String>> of(Collection<String> ids) {
			List<String> all = List.copyOf(ids);
			List<List<String>> batches = new ArrayList<>();
			for (int start = 0; start < all.size(); start += MAX) {
				batches.add(all.subList(start, Math.min(all.size(), start + MAX)));
			}
			return batches;
		}

	}

}
