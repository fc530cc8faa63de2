package io.github.bffsuite.mobile.screen;

import java.net.URI;

import io.github.bffsuite.edge.downstream.Gap;
import io.github.bffsuite.edge.web.EdgeProblems;

import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;

/**
 * An RFC 9457 problem object for one section left out of a screen, so the app can show a
 * placeholder and knows whether asking again may help.
 *
 * @param type the problem type, such as {@code .../problems/gateway-timeout}
 * @param title the status's reason phrase
 * @param status the status the section's own request would have had
 * @param section the section, such as {@code recommended} or {@code orders.products}
 * @param reason why it is missing, such as {@code deadline}, {@code timeout},
 * {@code circuit-open}, {@code unreachable} or {@code status-500}
 * @param retryable whether the same request may fill the section later
 */
public record MissingSection(URI type, String title, int status, String section, String reason, boolean retryable) {

	/**
	 * Describe a gap the aggregation left.
	 * @param gap the gap
	 * @return the problem
	 */
	public static MissingSection of(Gap gap) {
		String reason = gap.reason();
		HttpStatusCode status = status(reason);
		boolean retryable = switch (reason) {
			case "deadline", "timeout", "circuit-open", "busy", "unreachable", "status-502", "status-503",
					"status-504" ->
				true;
			default -> false;
		};
		return new MissingSection(URI.create(EdgeProblems.BASE + EdgeProblems.slug(status)), EdgeProblems.title(status),
				status.value(), gap.section(), reason, retryable);
	}

	private static HttpStatusCode status(String reason) {
		return switch (reason) {
			case "deadline", "timeout" -> HttpStatus.GATEWAY_TIMEOUT;
			case "circuit-open", "busy" -> HttpStatus.SERVICE_UNAVAILABLE;
			case "not-found" -> HttpStatus.NOT_FOUND;
			default -> {
				if (reason.startsWith("status-4") || reason.equals("status-503") || reason.equals("status-504")) {
					yield HttpStatusCode.valueOf(Integer.parseInt(reason.substring("status-".length())));
				}
				yield HttpStatus.BAD_GATEWAY;
			}
		};
	}

}
