package io.github.bffsuite.edge.graphql;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import reactor.core.Disposable;

import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.client.WebClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Validation stays off the event loop and away from definitions the operation does not
 * use. The limits are in measure mode here, so that a document graphql-java takes long to
 * validate gets through to it, and the server runs on one event loop thread, so a
 * validation on that thread would stall every other request.
 */
class EdgeGraphQlValidationTests {

	static GraphQlTestApp app;

	@BeforeAll
	static void start() {
		Map<String, Object> properties = new LinkedHashMap<>();
		for (String limit : new String[] { "depth", "aliases", "root-fields", "directives", "fields", "cost",
				"fragments", "fragment-depth", "unused-definitions", "document-size" }) {
			properties.put("edge.graphql.limits." + limit + ".mode", "measure");
		}
		properties.put("edge.graphql.parser.max-tokens", "1000000");
		properties.put("edge.graphql.parser.max-recursion", "5000");
		properties.put(GraphQlTestApp.EVENT_LOOP_THREADS, "1");
		app = GraphQlTestApp.start(properties);
	}

	@AfterAll
	static void stop() {
		if (app != null) {
			app.close();
		}
	}

	/** {@code me} spreads F0, each fragment spreads the next: a chain of spreads. */
	static String chain(int fragments) {
		StringBuilder document = new StringBuilder("{ me { ...F0 } }");
		for (int i = 0; i < fragments; i++) {
			document.append(" fragment F").append(i).append(" on User { id ");
			if (i + 1 < fragments) {
				document.append("...F").append(i + 1);
			}
			document.append(" }");
		}
		return document.toString();
	}

	@Test
	void smallQueriesKeepTheirLatencyWhileALongValidationRuns() {
		WebClient client = WebClient.builder()
			.baseUrl(app.url())
			.defaultHeaders((headers) -> headers.setBearerAuth(GraphQlTestApp.token("u-validation")))
			.build();
		AtomicBoolean heavyDone = new AtomicBoolean();
		long heavyStart = System.nanoTime();
		Disposable heavy = post(client, chain(350)).doFinally((signal) -> heavyDone.set(true)).subscribe();
		List<Long> smallMillis = new ArrayList<>();
		try {
			while (!heavyDone.get() && smallMillis.size() < 1000) {
				long start = System.nanoTime();
				String answer = post(client, "{ me { id } }").block(Duration.ofSeconds(60));
				smallMillis.add((System.nanoTime() - start) / 1_000_000);
				assertThat(answer).contains("\"id\":\"u1\"");
			}
		}
		finally {
			heavy.dispose();
		}
		long heavyMillis = (System.nanoTime() - heavyStart) / 1_000_000;
		// the heavy document must have kept graphql-java busy long enough for a stall to
		// show (about 1 s for this chain on an idle machine, tens of seconds on a busy
		// one)
		assertThat(heavyMillis).as("heavy validation ms (small queries took %s)", smallMillis).isGreaterThan(300);
		// on one event loop thread, a small query that waited for the validation would
		// take about as long as it; off the loop, each takes a small part of it
		assertThat(smallMillis).as("small query ms, heavy took %d", heavyMillis)
			.hasSizeGreaterThan(1)
			.allSatisfy((millis) -> assertThat(millis).isLessThan(heavyMillis / 3));
	}

	@Test
	void definitionsTheOperationDoesNotUseAreNotValidated() {
		// B would fail validation (no field 'nam'); A runs, and B is never validated
		app.post("u-unused", Map.of("query", "query A { me { id } } query B { me { nam } }", "operationName", "A"))
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.data.me.id")
			.isEqualTo("u1");
	}

	@Test
	void anUnusedFragmentIsStillAValidationError() {
		app.post("u-unused", Map.of("query", "{ me { id } } fragment X on User { name }"))
			.expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.errors[0].extensions.code")
			.isEqualTo("GRAPHQL_VALIDATION_FAILED")
			.jsonPath("$.errors[0].message")
			.isEqualTo("Fragment 'X' is never used");
	}

	@Test
	void anUnknownOperationIsAValidationError() {
		app.post("u-unused", Map.of("query", "query A { me { id } }", "operationName", "B"))
			.expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.errors[0].extensions.code")
			.isEqualTo("GRAPHQL_VALIDATION_FAILED");
	}

	private static reactor.core.publisher.Mono<String> post(WebClient client, String document) {
		return client.post()
			.uri("/graphql")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("query", document))
			.exchangeToMono((response) -> response.bodyToMono(String.class));
	}

}
