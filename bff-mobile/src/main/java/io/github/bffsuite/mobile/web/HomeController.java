package io.github.bffsuite.mobile.web;

import io.github.bffsuite.edge.identity.EdgeAuthentication;
import io.github.bffsuite.mobile.screen.home.HomeScreen;
import io.github.bffsuite.mobile.screen.home.HomeScreens;
import reactor.core.publisher.Mono;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;

/**
 * {@code GET /mobile/v1/home}: the home screen in one round trip.
 */
@RestController
public class HomeController {

	private final HomeScreens home;

	private final ScreenResponses responses;

	public HomeController(HomeScreens home, ScreenResponses responses) {
		this.home = home;
		this.responses = responses;
	}

	@GetMapping("/mobile/v1/home")
	public Mono<ResponseEntity<byte[]>> home(EdgeAuthentication authentication, ServerWebExchange exchange) {
		String userId = Callers.userId(authentication);
		return this.responses.render(exchange, HomeScreen.class, (fields) -> this.home.home(userId, fields));
	}

}
