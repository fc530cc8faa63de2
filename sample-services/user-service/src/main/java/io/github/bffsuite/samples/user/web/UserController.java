package io.github.bffsuite.samples.user.web;

import java.util.List;
import java.util.regex.Pattern;

import io.github.bffsuite.samples.support.IdList;
import io.github.bffsuite.samples.support.Identity;
import io.github.bffsuite.samples.support.Problems;
import io.github.bffsuite.samples.user.data.User;
import io.github.bffsuite.samples.user.data.UserDirectory;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Users of the caller's tenant, which a gateway names in {@code X-Tenant-ID}. Users of
 * other tenants do not exist for the caller (404), in single and batch lookups alike.
 * <ul>
 * <li>{@code GET /users/{id}}: one user.</li>
 * <li>{@code GET /users?ids=u-001,u-004}: a batch of at most 100 ids (duplicates
 * included), answered as {@code {"users":[...]}} in the requested order with duplicates
 * collapsed; unknown ids and other tenants' users are simply absent from the list.</li>
 * <li>{@code GET /users/me}: the caller named by {@code X-User-ID}; 404 when unknown or
 * when {@code X-Tenant-ID}, if present, names another tenant.</li>
 * </ul>
 * Ids are {@code u-} followed by 1 to 6 digits; anything else is a 400.
 */
@RestController
@RequestMapping("/users")
public class UserController {

	private static final IdList IDS = new IdList(Pattern.compile("u-[0-9]{1,6}"),
			"'u-' followed by 1 to 6 digits, such as u-001");

	private final UserDirectory directory;

	public UserController(UserDirectory directory) {
		this.directory = directory;
	}

	@GetMapping("/{id}")
	public Mono<User> user(@PathVariable String id, ServerHttpRequest request) {
		String tenantId = Identity.from(request).requireTenant();
		String userId = IDS.requireValid(id);
		return found(this.directory.findInTenant(tenantId, userId).orElse(null), userId);
	}

	@GetMapping
	public Mono<UsersResponse> users(ServerHttpRequest request) {
		String tenantId = Identity.from(request).requireTenant();
		List<String> requested = IDS.parseBatch(request.getQueryParams().get("ids"));
		return Mono.just(new UsersResponse(this.directory.findAllInTenant(tenantId, requested)));
	}

	@GetMapping("/me")
	public Mono<User> me(ServerHttpRequest request) {
		Identity identity = Identity.from(request);
		String userId = identity.requireUser();
		String tenantId = identity.tenantId();
		User user = this.directory.findById(userId)
			.filter((candidate) -> tenantId == null || candidate.tenantId().equals(tenantId))
			.orElse(null);
		return found(user, userId);
	}

	private static Mono<User> found(@Nullable User user, String id) {
		return (user != null) ? Mono.just(user) : Mono.error(Problems.notFound("User " + id));
	}

}
