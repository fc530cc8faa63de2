package io.github.bffsuite.edge.idempotency;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

/**
 * Idempotency keys in this instance's memory, bounded in size, each entry expiring after
 * its own lock timeout or time to live.
 */
public class InMemoryIdempotencyStore implements IdempotencyStore {

	private final Cache<String, Entry> entries;

	public InMemoryIdempotencyStore(long maxKeys) {
		this.entries = Caffeine.newBuilder().maximumSize(maxKeys).expireAfter(new EntryExpiry()).build();
	}

	@Override
	public Mono<Reservation> reserve(String key, String fingerprint, Duration lockTimeout) {
		return Mono.fromSupplier(() -> {
			AtomicReference<Reservation> outcome = new AtomicReference<>(Reservation.ACQUIRED);
			this.entries.asMap().compute(key, (k, existing) -> {
				if (existing == null) {
					return new Entry(fingerprint, null, System.nanoTime() + lockTimeout.toNanos());
				}
				outcome.set(existing.reservation(fingerprint));
				return existing;
			});
			return outcome.get();
		});
	}

	@Override
	public Mono<Void> complete(String key, String fingerprint, StoredResponse response, Duration ttl) {
		return Mono.fromRunnable(() -> this.entries.asMap()
			.computeIfPresent(key, (k, existing) -> existing.fingerprint.equals(fingerprint)
					? new Entry(fingerprint, response, System.nanoTime() + ttl.toNanos()) : existing));
	}

	@Override
	public Mono<Void> release(String key) {
		return Mono.fromRunnable(() -> this.entries.invalidate(key));
	}

	private record Entry(String fingerprint, @Nullable StoredResponse response, long expiresAt) {

		Reservation reservation(String requested) {
			if (!this.fingerprint.equals(requested)) {
				return Reservation.MISMATCH;
			}
			return (this.response != null) ? Reservation.completed(this.response) : Reservation.IN_FLIGHT;
		}

	}

	/**
	 * Each entry lives until its own deadline: the lock timeout while its request runs,
	 * then the time to live of its response.
	 */
	private static final class EntryExpiry implements Expiry<String, Entry> {

		@Override
		public long expireAfterCreate(String key, Entry entry, long currentTime) {
			return entry.expiresAt() - currentTime;
		}

		@Override
		public long expireAfterUpdate(String key, Entry entry, long currentTime, long currentDuration) {
			return entry.expiresAt() - currentTime;
		}

		@Override
		public long expireAfterRead(String key, Entry entry, long currentTime, long currentDuration) {
			return currentDuration;
		}

	}

}
