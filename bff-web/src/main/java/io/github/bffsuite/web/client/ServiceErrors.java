package io.github.bffsuite.web.client;

import reactor.core.publisher.Mono;

import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.web.reactive.function.client.ClientResponse;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * Turns an error status of a sample service into a {@link ServiceException}. Only the
 * {@code detail} of a 4xx problem is kept: it is written for clients, while a 5xx body
 * may hold internals.
 */
final class ServiceErrors {

	private ServiceErrors() {
	}

	static WebClient.ResponseSpec checked(WebClient.ResponseSpec spec, String service) {
		return spec.onStatus(HttpStatusCode::isError, (response) -> toException(response, service));
	}

	static Mono<ServiceException> toException(ClientResponse response, String service) {
		int status = response.statusCode().value();
		if (status >= 500) {
			return response.releaseBody().thenReturn(new ServiceException(service, status, null));
		}
		return response.bodyToMono(ProblemDetail.class)
			.map((problem) -> new ServiceException(service, status, problem.getDetail()))
			.onErrorResume((ex) -> Mono.empty())
			.defaultIfEmpty(new ServiceException(service, status, null));
	}

}
