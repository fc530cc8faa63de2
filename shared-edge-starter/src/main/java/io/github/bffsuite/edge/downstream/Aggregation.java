package io.github.bffsuite.edge.downstream;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeoutException;

import io.github.bffsuite.edge.web.EdgeProblems;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.http.HttpStatus;
import org.springframework.web.ErrorResponse;
import org.springframework.web.reactive.function.client.WebClientResponseException;

/**
 * Runs the downstream calls behind one aggregated response in parallel under a single
 * deadline. A required section that fails fails the whole response with the status its
 * failure deserves; an optional one that fails or misses the deadline leaves a
 * {@link Gap} instead.
 *
 * <pre class="code">
 * Aggregation.within(Duration.ofMillis(800))
 *     .required("user", users.get().uri("/users/{id}", id).retrieve().bodyToMono(User.class))
 *     .optional("orders", orders.get().uri("/orders").retrieve().bodyToMono(OrderPage.class))
 *     .run();
 * </pre>
 */
public final class Aggregation {

	private final Duration deadline;

	private final List<Section> sections = new ArrayList<>();

	private Aggregation(Duration deadline) {
		this.deadline = deadline;
	}

	/**
	 * Start an aggregation whose calls must all complete within a deadline.
	 * @param deadline the deadline, from subscription
	 * @return the aggregation
	 */
	public static Aggregation within(Duration deadline) {
		return new Aggregation(deadline);
	}

	/**
	 * Add a section without which the response fails.
	 * @param section the section name
	 * @param call the call
	 * @return this aggregation
	 */
	public Aggregation required(String section, Mono<?> call) {
		this.sections.add(new Section(section, call, true));
		return this;
	}

	/**
	 * Add a section whose failure leaves a gap.
	 * @param section the section name
	 * @param call the call
	 * @return this aggregation
	 */
	public Aggregation optional(String section, Mono<?> call) {
		this.sections.add(new Section(section, call, false));
		return this;
	}

	/**
	 * Run every call in parallel.
	 * @return the result, or the failure of the first required section that failed
	 */
	public Mono<AggregateResult> run() {
		List<Section> sections = List.copyOf(this.sections);
		return Flux.merge(sections.stream().map(this::outcome).toList()).collectList().map((outcomes) -> {
			Map<String, Object> values = new LinkedHashMap<>();
			List<Gap> gaps = new ArrayList<>();
			for (Section section : sections) {
				outcomes.stream()
					.filter((outcome) -> outcome.section.equals(section.name))
					.findFirst()
					.ifPresent((outcome) -> {
						if (outcome.value != null) {
							values.put(section.name, outcome.value);
						}
						else if (outcome.gap != null) {
							gaps.add(outcome.gap);
						}
					});
			}
			return new AggregateResult(Collections.unmodifiableMap(values), List.copyOf(gaps));
		});
	}

	private Mono<Outcome> outcome(Section section) {
		return section.call.timeout(this.deadline, Mono.error(new DeadlineExceeded()))
			.map((value) -> new Outcome(section.name, value, null))
			.switchIfEmpty(Mono.defer(() -> section.required
					? Mono.error(EdgeProblems.exception(HttpStatus.BAD_GATEWAY, "bad-gateway",
							"Section '" + section.name + "' had no content"))
					: Mono.just(new Outcome(section.name, null, new Gap(section.name, "empty")))))
			.onErrorResume((ex) -> section.required ? Mono.error(requiredFailure(section, ex))
					: Mono.just(new Outcome(section.name, null, new Gap(section.name, reason(ex)))));
	}

	private Throwable requiredFailure(Section section, Throwable ex) {
		if (ex instanceof DeadlineExceeded) {
			return EdgeProblems.exception(HttpStatus.GATEWAY_TIMEOUT, "gateway-timeout",
					"Section '" + section.name + "' did not complete within " + this.deadline.toMillis() + " ms");
		}
		if (ex instanceof DownstreamRejectedException rejected) {
			return EdgeProblems.exception(rejected.getStatusCode(), EdgeProblems.slug(rejected.getStatusCode()),
					"Section '" + section.name + "' was rejected by its service");
		}
		if (ex instanceof DownstreamException downstream && downstream.isServerError()) {
			return EdgeProblems.exception(HttpStatus.BAD_GATEWAY, "bad-gateway",
					"Section '" + section.name + "' failed in its service");
		}
		if (ex instanceof ErrorResponse) {
			return ex;
		}
		if (ex instanceof WebClientResponseException response) {
			return response.getStatusCode().is4xxClientError()
					? EdgeProblems.exception(response.getStatusCode(), EdgeProblems.slug(response.getStatusCode()),
							"Section '" + section.name + "' was rejected by its service")
					: EdgeProblems.exception(HttpStatus.BAD_GATEWAY, "bad-gateway",
							"Section '" + section.name + "' failed in its service");
		}
		return ex;
	}

	private static String reason(Throwable ex) {
		if (ex instanceof DeadlineExceeded) {
			return "deadline";
		}
		if (ex instanceof DownstreamException downstream) {
			return downstream.reason();
		}
		if (ex instanceof DownstreamRejectedException rejected) {
			return (rejected.status() == 404) ? "not-found" : "status-" + rejected.status();
		}
		if (ex instanceof WebClientResponseException response) {
			return (response.getStatusCode().value() == 404) ? "not-found"
					: "status-" + response.getStatusCode().value();
		}
		if (ex instanceof TimeoutException) {
			return "timeout";
		}
		return "error";
	}

	private record Section(String name, Mono<?> call, boolean required) {

	}

	private record Outcome(String section, @Nullable Object value, @Nullable Gap gap) {

	}

	private static final class DeadlineExceeded extends RuntimeException {

		DeadlineExceeded() {
			super("Aggregation deadline exceeded", null, false, false);
		}

	}

}
