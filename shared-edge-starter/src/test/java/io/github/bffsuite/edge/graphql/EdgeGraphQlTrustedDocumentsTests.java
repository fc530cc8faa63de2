package io.github.bffsuite.edge.graphql;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;

import io.github.bffsuite.edge.graphql.persisted.TrustedDocuments;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.core.io.ClassPathResource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Safelist mode through a running application: only the documents of the trusted files
 * run, by hash or by their exact text; free-form and client-registered documents are
 * refused with {@code DOCUMENT_NOT_TRUSTED}.
 */
class EdgeGraphQlTrustedDocumentsTests {

	static GraphQlTestApp app;

	static String me;

	@BeforeAll
	static void start() throws Exception {
		app = GraphQlTestApp.start(Map.of("edge.graphql.trusted-documents.required", "true"));
		me = new ClassPathResource("graphql-test/trusted/me.graphql").getContentAsString(StandardCharsets.UTF_8);
	}

	@AfterAll
	static void stop() {
		if (app != null) {
			app.close();
		}
	}

	static WebTestClient.ResponseSpec post(Map<String, Object> body) {
		return app.post("u-" + UUID.randomUUID(), body);
	}

	static Map<String, Object> persisted(String hash) {
		return Map.of("persistedQuery", Map.of("version", 1, "sha256Hash", hash));
	}

	@Test
	void refusesAFreeFormQuery() {
		post(Map.of("query", "{ me { id name } }")).expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.errors[0].extensions.code")
			.isEqualTo("DOCUMENT_NOT_TRUSTED")
			.jsonPath("$.data")
			.doesNotExist();
	}

	@Test
	void refusesToRegisterAPersistedQuery() {
		String query = "{ me { id } }";
		post(Map.of("query", query, "extensions", persisted(TrustedDocuments.sha256(query)))).expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.errors[0].extensions.code")
			.isEqualTo("DOCUMENT_NOT_TRUSTED");
	}

	@Test
	void runsATrustedDocumentByItsHash() {
		post(Map.of("extensions", persisted(TrustedDocuments.sha256(me)))).expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.data.me.name")
			.isEqualTo("User u1");
	}

	@Test
	void runsATrustedDocumentSentAsText() {
		post(Map.of("query", me)).expectStatus().isOk().expectBody().jsonPath("$.data.me.id").isEqualTo("u1");
	}

}
