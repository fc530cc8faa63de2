package io.github.bffsuite.edge.security.apikey;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.bffsuite.edge.identity.EdgePrincipal;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

import org.springframework.security.core.Authentication;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The API key authentication manager with the checksummed format required, over a real
 * in-memory store that counts its lookups.
 */
class ApiKeyAuthenticationManagerTests {

	static final Instant NOW = Instant.parse("2026-11-28T10:00:00Z");

	final ApiKeyHasher hasher = ApiKeyHasher.hmacSha256("test-secret");

	final CountingStore store = new CountingStore();

	final ApiKeyAuthenticationManager manager = new ApiKeyAuthenticationManager(this.store, this.hasher,
			Clock.fixed(NOW, ZoneOffset.UTC), true, Duration.ofMinutes(1));

	@Test
	void refusesAMalformedOrMistypedKeyWithoutAskingTheStore() {
		String key = ApiKeyFormat.generate("test", "acme");
		this.store.put(record(key, "acme", List.of()));
		String mistyped = key.substring(0, key.length() - 1) + ((key.charAt(key.length() - 1) == 'a') ? 'b' : 'a');
		for (String bad : List.of(mistyped, "bffk_acme_devonly_4Qm8ZpX2vT7nR1sK9wL3yB6cF0hJ5dGe", "x")) {
			assertThatExceptionOfType(ApiKeyAuthenticationManager.InvalidApiKeyException.class)
				.isThrownBy(() -> authenticate(bad, null))
				.satisfies((ex) -> assertThat(ex.reason()).isEqualTo("malformed"));
		}
		assertThat(this.store.lookups).hasValue(0);
		assertThat(authenticate(key, null).getPrincipal()).isInstanceOfSatisfying(EdgePrincipal.class,
				(principal) -> assertThat(principal.tenantId()).isEqualTo("acme"));
		assertThat(this.store.lookups).hasValue(1);
	}

	@Test
	void refusesAKeyWhoseRecordBelongsToAnotherTenant() {
		String key = ApiKeyFormat.generate("test", "acme");
		this.store.put(record(key, "globex", List.of()));
		assertThatExceptionOfType(ApiKeyAuthenticationManager.InvalidApiKeyException.class)
			.isThrownBy(() -> authenticate(key, null));
	}

	@Test
	void checksTheAllowlistAgainstTheClientAddress() {
		String key = ApiKeyFormat.generate("test", "acme");
		this.store.put(record(key, "acme", List.of("203.0.113.0/24", "2001:db8::/32")));
		assertThat(authenticate(key, "203.0.113.77").isAuthenticated()).isTrue();
		assertThat(authenticate(key, "2001:db8::1").isAuthenticated()).isTrue();
		for (String address : new String[] { "203.0.114.1", "10.0.0.1", null }) {
			assertThatExceptionOfType(ApiKeyAuthenticationManager.InvalidApiKeyException.class)
				.isThrownBy(() -> authenticate(key, address))
				.satisfies((ex) -> assertThat(ex.reason()).isEqualTo("address-not-allowed"));
		}
	}

	@Test
	void marksAKeyUsedAtMostOncePerInterval() {
		String key = ApiKeyFormat.generate("test", "acme");
		this.store.put(record(key, "acme", List.of()));
		authenticate(key, null);
		authenticate(key, null);
		assertThat(this.store.touches).hasValue(1);
		assertThat(this.store.findByHash(this.hasher.hash(key)).block().lastUsedAt()).isEqualTo(NOW);
	}

	private Authentication authenticate(String key, String address) {
		return this.manager.authenticate(new ApiKeyAuthenticationToken(key, address)).block(Duration.ofSeconds(5));
	}

	private ApiKeyRecord record(String key, String tenant, List<String> allowedIps) {
		return new ApiKeyRecord("k-1", this.hasher.hash(key), tenant, "pro", Set.of("orders:read"), null, false, "test",
				ApiKeyFormat.hint(key), NOW, null, allowedIps);
	}

	static final class CountingStore extends InMemoryApiKeyStore {

		final AtomicInteger lookups = new AtomicInteger();

		final AtomicInteger touches = new AtomicInteger();

		@Override
		public Mono<ApiKeyRecord> findByHash(String hash) {
			return super.findByHash(hash).doOnSubscribe((subscription) -> this.lookups.incrementAndGet());
		}

		@Override
		public Mono<Void> touch(String hash, Instant at) {
			this.touches.incrementAndGet();
			return super.touch(hash, at);
		}

	}

}
