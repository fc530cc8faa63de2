package io.github.bffsuite.edge.downstream.cache;

import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpHeaders;

/**
 * An answer read in full by the call that fetched it, for the callers waiting for that
 * call.
 *
 * @param status the HTTP status
 * @param headers the response headers
 * @param body the body
 * @param requestHeaders the headers of the call that fetched it
 * @param principal the principal of that call
 * @param shareable whether the cache could serve it to other principals
 * @param spec what it varies on
 */
record Fetched(int status, Map<String, List<String>> headers, byte[] body, HttpHeaders requestHeaders,
		@Nullable String principal, boolean shareable, VarySpec spec) {

	Fetched unshared() {
		return new Fetched(this.status, this.headers, this.body, this.requestHeaders, this.principal, false, this.spec);
	}

	/**
	 * Whether a waiter may be given this answer: the cache could have served it to the
	 * waiter (or the waiter is the same principal) and the waiter's request matches on
	 * every header the answer varies on.
	 */
	boolean servable(HttpHeaders waiter, @Nullable String waiterPrincipal) {
		boolean samePrincipal = Objects.equals(this.principal, waiterPrincipal);
		if (this.spec.perPrincipal() || !this.shareable) {
			if (!samePrincipal) {
				return false;
			}
		}
		for (String name : this.spec.headers()) {
			if (name.equals("*") || !Objects.equals(this.requestHeaders.get(name), waiter.get(name))) {
				return false;
			}
		}
		return true;
	}

}
