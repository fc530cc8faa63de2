package io.github.bffsuite.clients;

import java.util.Collection;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.github.bffsuite.edge.downstream.IdBatches;
import reactor.core.publisher.Mono;

import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.service.annotation.GetExchange;
import org.springframework.web.service.annotation.HttpExchange;

/**
 * user-service, downstream {@value #NAME}: users of the caller's tenant, named by the
 * identity headers the edge sends. Other tenants' users do not exist for the caller.
 */
@HttpExchange("/users")
public interface UserService {

	/** Name of the downstream. */
	String NAME = "user-service";

	/** Most ids one {@code GET /users?ids=} takes. */
	int MAX_IDS = 100;

	/**
	 * Return one user of the caller's tenant.
	 * @param id the user id
	 * @return the user, or a 404
	 */
	@GetExchange("/{id}")
	Mono<User> user(@PathVariable String id);

	/**
	 * Return the caller.
	 * @return the user, or a 404
	 */
	@GetExchange("/me")
	Mono<User> me();

	/**
	 * Look up to {@value #MAX_IDS} users in one call; prefer {@link #byIds(Collection)}.
	 * @param ids the ids, comma-separated
	 * @return the users found, in the order asked
	 */
	@GetExchange
	Mono<Users> batch(@RequestParam String ids);

	/**
	 * Look users up by id, in batches the service takes, all at once.
	 * @param ids the ids, duplicates allowed
	 * @return the users found by id, in the order of the ids; unknown ids and other
	 * tenants' users are absent
	 */
	default Mono<Map<String, User>> byIds(Collection<String> ids) {
		return IdBatches.byId(ids, MAX_IDS, (batch) -> batch(String.join(",", batch)).map(Users::users), User::id);
	}

	/**
	 * Answer of {@code GET /users?ids=}.
	 *
	 * @param users the users found
	 */
	@JsonIgnoreProperties(ignoreUnknown = true)
	record Users(List<User> users) {

	}

}
