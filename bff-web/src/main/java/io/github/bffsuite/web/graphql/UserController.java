package io.github.bffsuite.web.graphql;

import io.github.bffsuite.clients.User;
import io.github.bffsuite.edge.identity.EdgePrincipal;
import io.github.bffsuite.web.user.UserVisibility;
import org.dataloader.DataLoader;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;

/**
 * Users: the caller and users of their tenant, with the e-mail shown only as
 * {@link UserVisibility} allows (the rule the {@code /api/users/**} route applies too).
 * Lookups go through the {@code users} batch loader, so {@code me} and every
 * {@code Order.user} of a request cost one call together.
 */
@Controller
class UserController {

	@PreAuthorize(Access.USERS_READ)
	@QueryMapping
	Mono<User> me(@AuthenticationPrincipal EdgePrincipal principal, DataLoader<String, User> users) {
		String userId = Access.requireUser(principal);
		return BatchLoaders.load(users, userId)
			.switchIfEmpty(Mono.error(() -> new NotFoundException("User " + userId + " was not found")));
	}

	@PreAuthorize(Access.USERS_READ)
	@QueryMapping
	Mono<User> user(@Argument String id, DataLoader<String, User> users) {
		Ids.user(id, "id");
		return BatchLoaders.load(users, id)
			.switchIfEmpty(Mono.error(() -> new NotFoundException("User " + id + " was not found")));
	}

	@SchemaMapping(typeName = "User")
	@Nullable String email(User user, @AuthenticationPrincipal EdgePrincipal principal) {
		if (!UserVisibility.maySeeEmail(principal, user.id(), user.tenantId())) {
			throw new ForbiddenException("A user's email is visible only to that user and to admins of their tenant");
		}
		return user.email();
	}

}
