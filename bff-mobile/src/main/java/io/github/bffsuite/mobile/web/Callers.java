package io.github.bffsuite.mobile.web;

import io.github.bffsuite.edge.identity.EdgeAuthentication;
import io.github.bffsuite.edge.web.EdgeProblems;

import org.springframework.http.HttpStatus;

/**
 * The signed-in user of a request.
 */
final class Callers {

	private Callers() {
	}

	static String userId(EdgeAuthentication authentication) {
		String userId = authentication.getPrincipal().userId();
		if (userId == null) {
			throw EdgeProblems.exception(HttpStatus.FORBIDDEN, "forbidden", "The mobile screens need a user token");
		}
		return userId;
	}

}
