package io.github.bffsuite.edge.ratelimit.store;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import io.github.bffsuite.edge.ratelimit.RateLimitDecision;
import io.github.bffsuite.edge.ratelimit.RateLimitKey;
import io.github.bffsuite.edge.ratelimit.RateLimitPolicy;
import io.github.bffsuite.edge.ratelimit.RedisFailureMode;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The in-memory store: token bucket and quota arithmetic on a controlled clock, exactness
 * under concurrent load, and bounded memory.
 */
class InMemoryRateLimitStoreTests {

	final TestClock clock = new TestClock(1_000_000_000_000L);

	final InMemoryRateLimitStore store = new InMemoryRateLimitStore(1000, Duration.ofSeconds(30), this.clock,
			RateLimitDecision.Origin.MEMORY);

	static RateLimitPolicy policy(String name, long capacity, long refill, Duration period,
			RateLimitPolicy.Quota... quotas) {
		return new RateLimitPolicy(name, capacity, refill, period, List.of(quotas), Set.of(RateLimitKey.USER),
				RedisFailureMode.LOCAL_FALLBACK, 1);
	}

	@Test
	void allowsExactlyCapacityUnderConcurrentLoad() throws Exception {
		RateLimitPolicy policy = policy("load", 5000, 1, Duration.ofHours(1));
		InMemoryRateLimitStore store = new InMemoryRateLimitStore(100_000, Duration.ofSeconds(30), Clock.systemUTC(),
				RateLimitDecision.Origin.MEMORY);
		AtomicInteger allowed = new AtomicInteger();
		CountDownLatch start = new CountDownLatch(1);
		ExecutorService executor = Executors.newFixedThreadPool(8);
		try {
			List<Future<?>> futures = java.util.stream.IntStream.range(0, 8)
				.<Future<?>>mapToObj((thread) -> executor.submit(() -> {
					start.await();
					for (int i = 0; i < 2000; i++) {
						if (store.consumeNow(policy, "u-1", 1).allowed()) {
							allowed.incrementAndGet();
						}
						store.consumeNow(policy, "other-" + thread + "-" + i, 1);
					}
					return null;
				}))
				.toList();
			start.countDown();
			for (Future<?> future : futures) {
				future.get();
			}
		}
		finally {
			executor.shutdownNow();
		}
		assertThat(allowed).hasValue(5000);
	}

	@Test
	void refillsContinuouslyAndRetryAfterIsExact() {
		RateLimitPolicy policy = policy("refill", 2, 1, Duration.ofSeconds(1));
		assertThat(this.store.consumeNow(policy, "u", 1).remaining()).isEqualTo(1);
		assertThat(this.store.consumeNow(policy, "u", 1).remaining()).isZero();
		RateLimitDecision denied = this.store.consumeNow(policy, "u", 1);
		assertThat(denied.allowed()).isFalse();
		assertThat(denied.retryAfterMillis()).isEqualTo(1000);
		assertThat(denied.resetMillis()).isEqualTo(2000);
		this.clock.advance(999);
		assertThat(this.store.consumeNow(policy, "u", 1).retryAfterMillis()).isEqualTo(1);
		this.clock.advance(1);
		assertThat(this.store.consumeNow(policy, "u", 1).allowed()).isTrue();
		this.clock.advance(10_000);
		assertThat(this.store.consumeNow(policy, "u", 1).remaining()).isEqualTo(1);
	}

	@Test
	void chargesCostAndRefusesCostAboveCapacity() {
		RateLimitPolicy policy = policy("cost", 10, 1, Duration.ofSeconds(1));
		assertThat(this.store.consumeNow(policy, "u", 3).remaining()).isEqualTo(7);
		assertThat(this.store.consumeNow(policy, "u", 3).remaining()).isEqualTo(4);
		assertThat(this.store.consumeNow(policy, "u", 3).remaining()).isEqualTo(1);
		RateLimitDecision denied = this.store.consumeNow(policy, "u", 3);
		assertThat(denied.allowed()).isFalse();
		assertThat(denied.remaining()).isEqualTo(1);
		assertThat(denied.retryAfterMillis()).isEqualTo(2000);
		assertThat(this.store.consumeNow(policy, "u", 1).allowed()).isTrue();
		assertThat(this.store.consumeNow(policy, "v", 11).retryAfterMillis()).isEqualTo(-1);
	}

	@Test
	void quotaWindowsAreCheckedWithTheBucketAndResetAtWindowEnd() {
		RateLimitPolicy policy = policy("quota", 100, 100, Duration.ofSeconds(1),
				new RateLimitPolicy.Quota(3, Duration.ofSeconds(10)));
		this.clock.set(1_000_000_004_000L);
		RateLimitDecision first = this.store.consumeNow(policy, "u", 1);
		assertThat(first.limit()).isEqualTo(3);
		assertThat(first.remaining()).isEqualTo(2);
		assertThat(first.resetMillis()).isEqualTo(6000);
		this.store.consumeNow(policy, "u", 1);
		this.store.consumeNow(policy, "u", 1);
		RateLimitDecision denied = this.store.consumeNow(policy, "u", 1);
		assertThat(denied.allowed()).isFalse();
		assertThat(denied.retryAfterMillis()).isEqualTo(6000);
		this.clock.advance(5999);
		assertThat(this.store.consumeNow(policy, "u", 1).allowed()).isFalse();
		this.clock.advance(1);
		assertThat(this.store.consumeNow(policy, "u", 1).allowed()).isTrue();
	}

	@Test
	void deniedRequestsConsumeNothing() {
		RateLimitPolicy policy = policy("deny", 1, 1, Duration.ofSeconds(1),
				new RateLimitPolicy.Quota(5, Duration.ofDays(1)));
		this.store.consumeNow(policy, "u", 1);
		for (int i = 0; i < 10; i++) {
			assertThat(this.store.consumeNow(policy, "u", 1).allowed()).isFalse();
		}
		this.clock.advance(1000);
		RateLimitDecision allowed = this.store.consumeNow(policy, "u", 1);
		assertThat(allowed.allowed()).isTrue();
		this.clock.advance(1000);
		assertThat(this.store.consumeNow(policy, "u", 1).remaining()).isZero();
	}

	@Test
	void staysBoundedAndForgetsIdleKeys() {
		RateLimitPolicy policy = policy("bounded", 5, 5, Duration.ofSeconds(1));
		for (int i = 0; i < 5000; i++) {
			this.store.consumeNow(policy, "key-" + i, 1);
			assertThat(this.store.size()).isLessThanOrEqualTo(1000);
		}
		this.clock.advance(31_000);
		this.store.consumeNow(policy, "fresh", 1);
		assertThat(this.store.size()).isEqualTo(1);
	}

	static final class TestClock extends Clock {

		private final AtomicLong millis;

		TestClock(long millis) {
			this.millis = new AtomicLong(millis);
		}

		void advance(long delta) {
			this.millis.addAndGet(delta);
		}

		void set(long value) {
			this.millis.set(value);
		}

		@Override
		public ZoneId getZone() {
			return ZoneOffset.UTC;
		}

		@Override
		public Clock withZone(ZoneId zone) {
			return this;
		}

		@Override
		public Instant instant() {
			return Instant.ofEpochMilli(this.millis.get());
		}

		@Override
		public long millis() {
			return this.millis.get();
		}

	}

}
