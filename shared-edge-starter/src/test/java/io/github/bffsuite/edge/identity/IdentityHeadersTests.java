package io.github.bffsuite.edge.identity;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An identity header is recognised in every spelling a client or a proxy may use, and
 * nothing else is.
 */
class IdentityHeadersTests {

	@Test
	void recognisesEverySpellingOfAnIdentityHeader() {
		for (String name : new String[] { "X-User-ID", "x-user-id", "X_USER_ID", "x_User-Id", " X-Tenant-ID ",
				"X-Scopes", "x_scopes", "X-Client-ID", "X-CLIENT_ID", "X-Plan", "x-plan", "\tX-Plan" }) {
			assertThat(IdentityHeaders.isIdentityHeader(name)).as(name).isTrue();
		}
	}

	@Test
	void leavesOtherHeadersAlone() {
		for (String name : new String[] { "Authorization", "X-Request-ID", "X-User", "X-User-IDs", "X-Planet",
				"Y-User-ID", "XUser-ID", "X-Scope", "", "x", "X-Tenant-Identity", "\u0130-Plan", "X-Us\u0130r-ID" }) {
			assertThat(IdentityHeaders.isIdentityHeader(name)).as(name).isFalse();
		}
	}

}
