package io.github.bffsuite.edge.security.apikey;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What every {@link ApiKeyStore} does the same way: save, find by hash and by tenant,
 * revoke, touch.
 */
abstract class ApiKeyStoreContract {

	static final Duration WAIT = Duration.ofSeconds(5);

	abstract ApiKeyStore store();

	/**
	 * Wait until the store's own cache, if any, has forgotten a lookup.
	 */
	void waitForCache() throws InterruptedException {
	}

	static ApiKeyRecord record(String tenant, String id) {
		return new ApiKeyRecord(id, UUID.randomUUID().toString().replace("-", ""), tenant, "pro",
				Set.of("orders:read", "products:read"), Instant.parse("2030-01-01T00:00:00Z"), false, "name " + id,
				"bffk_test_" + tenant + "_abcd…wxyz", Instant.parse("2026-11-28T10:00:00Z"), null,
				List.of("10.0.0.0/8", "::1"));
	}

	@Test
	void savesAndFindsEveryFieldByHash() {
		ApiKeyRecord record = record("tenant-" + UUID.randomUUID(), "k-1");
		store().save(record).block(WAIT);
		assertThat(store().findByHash(record.hash()).block(WAIT)).isEqualTo(record);
		assertThat(store().findByHash("unknown-" + UUID.randomUUID()).blockOptional(WAIT)).isEmpty();
	}

	@Test
	void findsATenantsKeysOnly() {
		String tenant = "tenant-" + UUID.randomUUID();
		ApiKeyRecord first = record(tenant, "k-1");
		ApiKeyRecord second = record(tenant, "k-2");
		store().save(second).then(store().save(first)).then(store().save(record("other-" + tenant, "k-3"))).block(WAIT);
		assertThat(store().findByTenant(tenant).collectList().block(WAIT)).containsExactly(first, second);
	}

	@Test
	void revokesAKnownKeyOnly() throws InterruptedException {
		ApiKeyRecord record = record("tenant-" + UUID.randomUUID(), "k-1");
		store().save(record).block(WAIT);
		assertThat(store().revoke(record.hash()).block(WAIT)).isTrue();
		assertThat(store().revoke("unknown-" + UUID.randomUUID()).block(WAIT)).isFalse();
		waitForCache();
		assertThat(store().findByHash(record.hash()).block(WAIT).revoked()).isTrue();
		assertThat(store().findByTenant(record.tenant()).single().block(WAIT).revoked()).isTrue();
	}

	@Test
	void touchRecordsTheLastUseOfAKnownKeyOnly() throws InterruptedException {
		ApiKeyRecord record = record("tenant-" + UUID.randomUUID(), "k-1");
		store().save(record).block(WAIT);
		Instant used = Instant.parse("2026-11-28T11:00:00Z");
		store().touch(record.hash(), used).block(WAIT);
		String unknown = "unknown-" + UUID.randomUUID();
		store().touch(unknown, used).block(WAIT);
		waitForCache();
		assertThat(store().findByHash(record.hash()).block(WAIT).lastUsedAt()).isEqualTo(used);
		assertThat(store().findByHash(unknown).blockOptional(WAIT)).isEmpty();
	}

}
