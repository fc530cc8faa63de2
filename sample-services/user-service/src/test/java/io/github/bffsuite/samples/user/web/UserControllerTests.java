package io.github.bffsuite.samples.user.web;

import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import io.github.bffsuite.samples.user.data.User;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link UserController} through the running server.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient
class UserControllerTests {

	@Autowired
	private WebTestClient client;

	@Test
	void returnsUserOfCallersTenant() {
		User alice = this.client.get()
			.uri("/users/u-001")
			.header("X-Tenant-ID", "acme")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(User.class)
			.returnResult()
			.getResponseBody();
		assertThat(alice).isNotNull();
		assertThat(alice.name()).isEqualTo("Alice Anders");
		assertThat(alice.tenantId()).isEqualTo("acme");
		assertThat(alice.roles()).containsExactly("admin", "user");
		assertThat(alice.createdAt()).isNotNull();
	}

	@Test
	void answersTheSameUserOnEveryRequest() {
		User first = getUser("u-100", "acme");
		User second = getUser("u-100", "acme");
		assertThat(first).isEqualTo(second);
		assertThat(first.tenantId()).isEqualTo("acme");
	}

	@Test
	void hidesUserOfAnotherTenant() {
		expectProblem(this.client.get().uri("/users/u-002").header("X-Tenant-ID", "acme").exchange(),
				HttpStatus.NOT_FOUND, "not-found");
	}

	@Test
	void rejectsRequestWithoutTenant() {
		expectProblem(this.client.get().uri("/users/u-001").exchange(), HttpStatus.UNAUTHORIZED, "unauthenticated");
		expectProblem(this.client.get().uri("/users?ids=u-001").exchange(), HttpStatus.UNAUTHORIZED, "unauthenticated");
	}

	@Test
	void rejectsMalformedId() {
		for (String id : List.of("1", "u-", "u-abc", "x-001", "u-1234567", "U-001")) {
			expectProblem(this.client.get().uri("/users/{id}", id).header("X-Tenant-ID", "acme").exchange(),
					HttpStatus.BAD_REQUEST, "bad-request");
		}
	}

	@Test
	void answersUnknownWellFormedIdWithNotFound() {
		expectProblem(this.client.get().uri("/users/u-999").header("X-Tenant-ID", "acme").exchange(),
				HttpStatus.NOT_FOUND, "not-found");
	}

	@Test
	void returnsBatchInRequestedOrderWithDuplicatesCollapsed() {
		UsersResponse response = getBatch("u-004,u-001,u-004, u-007", "acme");
		assertThat(response.users()).extracting(User::id).containsExactly("u-004", "u-001", "u-007");
	}

	@Test
	void leavesOtherTenantsAndUnknownUsersOutOfBatch() {
		UsersResponse response = getBatch("u-001,u-002,u-003,u-004,u-999", "globex");
		assertThat(response.users()).extracting(User::id).containsExactly("u-002");
		String all = IntStream.rangeClosed(1, 100).mapToObj("u-%03d"::formatted).collect(Collectors.joining(","));
		assertThat(getBatch(all, "initech").users()).hasSize(33)
			.allSatisfy((user) -> assertThat(user.tenantId()).isEqualTo("initech"));
	}

	@Test
	void acceptsBatchOf100Ids() {
		String ids = IntStream.rangeClosed(1, 100).mapToObj("u-%03d"::formatted).collect(Collectors.joining(","));
		assertThat(getBatch(ids, "acme").users()).hasSize(34);
	}

	@Test
	void rejectsBatchOfMoreThan100Ids() {
		String ids = IntStream.rangeClosed(1, 101).mapToObj("u-%03d"::formatted).collect(Collectors.joining(","));
		expectProblem(this.client.get().uri("/users?ids={ids}", ids).header("X-Tenant-ID", "acme").exchange(),
				HttpStatus.BAD_REQUEST, "bad-request");
	}

	@Test
	void rejectsEmptyOrMalformedBatch() {
		for (String uri : List.of("/users", "/users?ids=", "/users?ids=u-001,,u-002", "/users?ids=u-001,",
				"/users?ids=u-001,bad")) {
			expectProblem(this.client.get().uri(uri).header("X-Tenant-ID", "acme").exchange(), HttpStatus.BAD_REQUEST,
					"bad-request");
		}
	}

	@Test
	void returnsCaller() {
		User me = this.client.get()
			.uri("/users/me")
			.header("X-User-ID", "u-005")
			.header("X-Tenant-ID", "globex")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(User.class)
			.returnResult()
			.getResponseBody();
		assertThat(me).isNotNull();
		assertThat(me.name()).isEqualTo("Dave Diaz");
	}

	@Test
	void rejectsCallerWithoutUserId() {
		expectProblem(this.client.get().uri("/users/me").header("X-Tenant-ID", "acme").exchange(),
				HttpStatus.UNAUTHORIZED, "unauthenticated");
	}

	@Test
	void hidesCallerOfAnotherTenantOrUnknownCaller() {
		expectProblem(this.client.get()
			.uri("/users/me")
			.header("X-User-ID", "u-001")
			.header("X-Tenant-ID", "globex")
			.exchange(), HttpStatus.NOT_FOUND, "not-found");
		expectProblem(this.client.get().uri("/users/me").header("X-User-ID", "u-404").exchange(), HttpStatus.NOT_FOUND,
				"not-found");
	}

	@Test
	void injectsFaultsConfiguredAtRunTime() {
		setFaults(1.0);
		try {
			expectProblem(this.client.get().uri("/users/u-001").header("X-Tenant-ID", "acme").exchange(),
					HttpStatus.SERVICE_UNAVAILABLE, "injected-fault");
		}
		finally {
			setFaults(0.0);
		}
		getUser("u-001", "acme");
	}

	private void setFaults(double errorRate) {
		this.client.put()
			.uri("/admin/faults")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue("{\"latencyMs\":0,\"errorRate\":" + errorRate + "}")
			.exchange()
			.expectStatus()
			.isOk();
	}

	private User getUser(String id, String tenant) {
		User user = this.client.get()
			.uri("/users/{id}", id)
			.header("X-Tenant-ID", tenant)
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(User.class)
			.returnResult()
			.getResponseBody();
		assertThat(user).isNotNull();
		return user;
	}

	private UsersResponse getBatch(String ids, String tenant) {
		UsersResponse response = this.client.get()
			.uri("/users?ids={ids}", ids)
			.header("X-Tenant-ID", tenant)
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(UsersResponse.class)
			.returnResult()
			.getResponseBody();
		assertThat(response).isNotNull();
		return response;
	}

	private static void expectProblem(WebTestClient.ResponseSpec response, HttpStatus status, String slug) {
		Problem problem = response.expectStatus()
			.isEqualTo(status)
			.expectHeader()
			.contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody(Problem.class)
			.returnResult()
			.getResponseBody();
		assertThat(problem).isNotNull();
		assertThat(problem.type()).startsWith("https://bff-suite.dev/problems/").endsWith(slug);
		assertThat(problem.status()).isEqualTo(status.value());
		assertThat(problem.detail()).doesNotContain("Exception");
	}

	record Problem(String type, String title, int status, String detail) {

	}

}
